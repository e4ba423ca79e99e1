"""`dossier watch`: a feed and a page served on 127.0.0.1 by the test itself, polled with conditional GETs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import watch as watch_module
from dossier.cli.commands import app
from dossier.pipeline import RunReport
from dossier.records import Article, ArticleAnalysis, DocumentError
from dossier.store.database import Store
from dossier.watch import PollReport, WatchOptions, watch
from tests.conftest import REPO, REPORT_HTML

ITEM = """<item><title>{title}</title><link>https://news.example.org/{slug}</link>
<pubDate>Thu, 07 Sep 2017 10:00:00 GMT</pubDate><description>{text}</description></item>"""
FIRST = ITEM.format(
    title="Putin meets Moon",
    slug="summit",
    text="Russian President Vladimir Putin met South Korean President Moon Jae-in in Vladivostok on Wednesday.",
)
SECOND = ITEM.format(
    title="Protest at Seongju",
    slug="seongju",
    text="South Korean police removed protesters from a road near the THAAD site in Seongju on Thursday.",
)
THIRD = ITEM.format(
    title="China protests",
    slug="china",
    text="China condemned the deployment of the THAAD system and urged Seoul to remove it.",
)


def feed(*items: str) -> bytes:
    body = "".join(items)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>{body}</channel></rss>'.encode()
    )


@dataclass
class Site:
    """What the local server answers, and the conditional headers it was sent."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    requests: list[tuple[str, str | None, str | None, int]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def publish(self, path: str, content_type: str, body: bytes) -> None:
        self.pages[path] = (content_type, body)
        self.versions[path] = self.versions.get(path, 0) + 1


def last_modified(version: int) -> str:
    return f"Thu, 07 Sep 2017 {10 + version:02d}:00:00 GMT"


@pytest.fixture()
def site() -> Iterator[Site]:
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            etag_sent = self.headers.get("If-None-Match")
            since_sent = self.headers.get("If-Modified-Since")
            if self.path not in served.pages:
                served.requests.append((self.path, etag_sent, since_sent, 404))
                self.send_error(404)
                return
            content_type, body = served.pages[self.path]
            version = served.versions[self.path]
            etag = f'"v{version}"'
            unchanged = etag_sent == etag or (etag_sent is None and since_sent == last_modified(version))
            served.requests.append((self.path, etag_sent, since_sent, 304 if unchanged else 200))
            if unchanged:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified(version))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


def store_without_analysis(articles, store, options=None, on_progress=None, keep_analyses=True) -> RunReport:  # type: ignore[no-untyped-def]
    """`pipeline.ingest_articles` without the model: each new article is stored with no records."""
    report = RunReport()
    for item in articles:
        if isinstance(item, DocumentError):
            report.errors.append(item)
        elif store.has_article(item.id):
            report.skipped += 1
        else:
            store.save_analysis(ArticleAnalysis(item))
    return report


def test_a_feed_is_stored_once_and_polled_with_conditional_gets(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_module, "ingest_articles", store_without_analysis)
    site.publish("/world.rss", "application/rss+xml", feed(FIRST, SECOND))
    reports: list[PollReport] = []

    def between_polls(_seconds: float) -> None:
        if len(reports) == 2:  # after an unchanged poll, the feed publishes a third item
            site.publish("/world.rss", "application/rss+xml", feed(THIRD, FIRST, SECOND))

    with Store.open(tmp_path / "w.db") as store:
        polls = watch([site.url("/world.rss")], store, WatchOptions(0, max_polls=4), reports.append, between_polls)
        urls = sorted(article.url or "" for article in store.articles())
    assert polls == 4
    assert [(r.stored, r.skipped) for r in reports] == [(2, 0), (0, 0), (1, 2), (0, 0)]
    assert [r.urls[0].status for r in reports] == [200, 304, 200, 304]
    assert [request[1] for request in site.requests] == [None, '"v1"', '"v1"', '"v2"']
    assert site.requests[1][2] == last_modified(1)  # If-Modified-Since sent too
    assert urls == [f"https://news.example.org/{slug}" for slug in ("china", "seongju", "summit")]
    assert "poll 3: 1 new article(s) stored, 2 already stored" in reports[2].summary()


def test_a_page_is_read_with_its_url_and_a_missing_one_is_reported(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_module, "ingest_articles", store_without_analysis)
    site.publish("/talks.html", "text/html; charset=utf-8", REPORT_HTML.encode("utf-8"))
    reports: list[PollReport] = []
    with Store.open(tmp_path / "w.db") as store:
        watch([site.url("/talks.html"), site.url("/gone.rss")], store, WatchOptions(0, max_polls=1), reports.append)
        (article,) = list(store.articles())
    assert article.url == site.url("/talks.html") and article.title == "Talks resume in Geneva"
    page, gone = reports[0].urls
    assert (page.status, page.items) == (200, 1)
    assert (gone.status, gone.problem) == (404, "HTTP 404")
    assert f"{site.url('/gone.rss')}: HTTP 404" in reports[0].summary()


def test_a_server_that_is_down_is_tried_again_at_the_next_poll(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        reports: list[PollReport] = []
        watch(["http://127.0.0.1:9/feed.rss"], store, WatchOptions(0, max_polls=2, timeout_seconds=2), reports.append)
    assert [r.urls[0].status for r in reports] == [None, None]
    assert all((r.urls[0].problem or "").startswith("cannot fetch") for r in reports)


def test_watch_refuses_paths_and_needs_a_url() -> None:
    result = CliRunner().invoke(app, ["watch", "feeds/world.rss", "--once"])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output


@pytest.mark.model
def test_dossier_watch_runs_the_pipeline_on_new_items(site: Site, tmp_path: Path) -> None:
    site.publish("/world.rss", "application/rss+xml", feed(FIRST, SECOND))
    db = tmp_path / "w.db"
    result = CliRunner().invoke(app, ["watch", site.url("/world.rss"), "--once", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "poll 1: 2 new article(s) stored" in result.output and "stopped after 1 poll(s)" in result.output
    with Store.open(db, read_only=True) as store:
        events = list(store.iter_records("events"))
    assert any(event["source"]["code"] == "RUSGOV" for event in events)


@pytest.mark.model
def test_ctrl_c_stops_the_watch_cleanly(site: Site, tmp_path: Path) -> None:
    site.publish("/world.rss", "application/rss+xml", feed(FIRST))
    command = [sys.executable, "-m", "dossier", "watch", site.url("/world.rss"), "--every", "0.005", "--db", "w.db"]
    source = str(REPO / "src")
    environment = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": source + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        # Ctrl-C as a terminal delivers it: a suite started in the background by a shell runs with SIGINT
        # ignored, which the watch would inherit and keep.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 300
        seen = ""
        while "poll 2" not in seen and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:  # the process ended
                break
            seen += line
        assert "poll 2" in seen, seen
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "stopped (Ctrl-C)" in err and "Traceback" not in err
    with Store.open(tmp_path / "w.db", read_only=True) as store:
        assert [a.url for a in store.articles()] == ["https://news.example.org/summit"]


def test_an_article_already_stored_under_its_url_is_not_stored_again(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        store.save_analysis(ArticleAnalysis(Article.build("Old text.", url="https://news.example.org/summit")))
        items = [Article.build("New text of the same item.", url="https://news.example.org/summit")]
        assert list(watch_module._not_stored(items, store)) == []
