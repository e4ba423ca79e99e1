"""Issue 21 regressions outside the readers: the CLI, the store's opening, dates, the report and the API.

Each test fed the input that once lost a document, printed a traceback or
starved the API, and checks the answer it gets now (tests/README.md).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from dossier.budget import TimeBudget
from dossier.cli.commands import app as cli_app
from dossier.cli.report import print_article, print_report
from dossier.events.when import resolve_date
from dossier.pipeline import RunReport
from dossier.records import ActorRef, Article, ArticleAnalysis, DocumentError, Mention
from dossier.serve.app import create_app, serve_hosts
from dossier.serve.jobs import IngestQueue, QueueFull
from dossier.serve.params import MAX_SEARCH_TERMS
from dossier.store.database import Store
from tests.conftest import REPORT_TEXT
from tests.serve.serve_fixtures import build_database

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

runner = CliRunner()


# ---------------------------------------------------------------- CLI: usage errors before anything runs


def test_run_with_a_missing_path_among_others_exits_2_before_creating_the_database(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT_TEXT, encoding="utf-8")
    db = tmp_path / "out.db"
    result = runner.invoke(cli_app, ["run", str(tmp_path / "a.txt"), "/nonexistent", "--db", str(db)])
    assert result.exit_code == 2 and "/nonexistent: no such file or folder" in result.output
    assert not db.exists()


@pytest.mark.parametrize(
    "option", [["--max-doc-mb", "1e308"], ["--max-doc-mb", "inf"], ["--time-budget", "inf"], ["--time-budget", "nan"]]
)
def test_absurd_numeric_options_are_usage_errors(tmp_path: Path, option: list[str]) -> None:
    (tmp_path / "a.txt").write_text(REPORT_TEXT, encoding="utf-8")
    result = runner.invoke(cli_app, ["run", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), *option])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()


def test_an_infinite_time_budget_is_no_limit_and_keeps_its_watchdog_alive() -> None:
    with TimeBudget(float("inf")) as budget:
        sum(range(1000))
    assert budget.seconds == 0.0


@pytest.mark.parametrize(
    "issues", ['issues:\n  - !!python/object/apply:os.system ["echo owned"]\n', "issues: &x [*x]\n"]
)
def test_an_unsafe_or_recursive_issues_file_is_one_line_and_runs_nothing(tmp_path: Path, issues: str) -> None:
    (tmp_path / "issues.yaml").write_text(issues, encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT_TEXT, encoding="utf-8")
    args = ["run", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), "--issues", str(tmp_path / "issues.yaml")]
    result = runner.invoke(cli_app, args)
    assert result.exit_code == 2 and "not an issues file" in result.output and "owned" not in result.output
    assert result.output.count("\n") == 1 and not (tmp_path / "x.db").exists()


# ---------------------------------------------------------------- CLI: database and output failures, one line


@pytest.fixture
def stored_db(tmp_path: Path) -> Path:
    return build_database(tmp_path / "corpus.db")


@pytest.mark.parametrize("output", ["missing-folder/out.jsonl", "/dev/full"])
def test_export_to_a_missing_folder_or_a_full_device_is_one_line(stored_db: Path, output: str) -> None:
    target = output if output.startswith("/") else str(stored_db.parent / output)
    result = runner.invoke(cli_app, ["export", "articles", "--db", str(stored_db), "-o", target])
    assert result.exit_code == 2 and result.output.startswith("error:") and "Traceback" not in result.output


def garble_middle(db: Path) -> None:
    with Store.open(db) as store:
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, page):
        data[start + 8 : start + 200] = bytes(range(192))
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "command",
    [
        ["search", "quota"],
        ["stances"],
        ["links"],
        ["export", "events"],
        ["run", "{text}"],
    ],
)
def test_a_database_garbled_mid_file_is_a_one_line_error(stored_db: Path, command: list[str], tmp_path: Path) -> None:
    garble_middle(stored_db)
    text = tmp_path / "one.txt"
    text.write_text("A report\n\nPutin met Moon.", encoding="utf-8")
    args = [part.replace("{text}", str(text)) for part in command] + ["--db", str(stored_db)]
    result = runner.invoke(cli_app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "cannot be used" in result.output or "damaged" in result.output


def test_serve_answers_503_not_500_on_a_garbled_database(stored_db: Path) -> None:
    client = TestClient(create_app(stored_db, read_only=True), raise_server_exceptions=False)
    garble_middle(stored_db)
    for path in ("/api/events", "/api/quotes", "/api/articles?q=quota"):
        assert client.get(path).status_code in (200, 503), path


# ---------------------------------------------------------------- the store's opening


@pytest.mark.parametrize("name", ["pct%41.db", "hash#1.db", "what?mode=rw.db", "sp ace.db"])
def test_read_only_opens_name_exactly_the_file_given(tmp_path: Path, name: str) -> None:
    db = tmp_path / name
    build_database(db)
    (tmp_path / "pctA.db").write_bytes(b"")  # the file an unescaped URI would open instead
    result = runner.invoke(cli_app, ["export", "articles", "--db", str(db)])
    assert result.exit_code == 0 and result.output.count("\n") == 2
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(name)) == ["pctA.db"]


READ_ONLY_MOUNT = """
set -e
mount -t tmpfs tmpfs "$1"
cp "$2" "$1/corpus.db"
{wal}
mount -o remount,ro "$1"
"$3" -m dossier export articles --db "$1/corpus.db"
"""


@pytest.mark.parametrize("with_wal", [False, True])
def test_a_database_on_read_only_media_is_read(stored_db: Path, tmp_path: Path, with_wal: bool) -> None:
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
        pytest.skip("needs unshare to mount a read-only file system")
    mount = tmp_path / "media"
    mount.mkdir()
    wal = ""
    if with_wal:
        # A database left with its WAL (a process killed before checkpointing): the new title is only in the -wal.
        leave_wal = tmp_path / "leave_wal.py"
        leave_wal.write_text(
            "import os, shutil, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1])\n"
            "c.execute('PRAGMA wal_autocheckpoint=0')\n"
            "c.execute(\"UPDATE articles SET title = 'in the wal only'\")\n"
            "c.commit()\n"
            "shutil.copy(sys.argv[1] + '-wal', sys.argv[1] + '.keep')\n"
            "os._exit(0)\n"
        )
        wal = f'"{sys.executable}" "{leave_wal}" "$1/corpus.db"; mv "$1/corpus.db.keep" "$1/corpus.db-wal"'
        wal += '; rm -f "$1/corpus.db-shm"'
    script_path = tmp_path / "ro.sh"
    script_path.write_text(READ_ONLY_MOUNT.replace("{wal}", wal))
    result = subprocess.run(
        ["unshare", "-rm", "sh", str(script_path), str(mount), str(stored_db), sys.executable],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 2
    assert ("in the wal only" in result.stdout) == with_wal


# ---------------------------------------------------------------- dates at the calendar's edges


@settings(max_examples=200, deadline=None)
@given(
    anchor=st.sampled_from([dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(9999, 12, 31), dt.date(9999, 12, 25)]),
    expression=st.sampled_from(
        ["on Sunday", "next Friday", "last week", "next week", "last month", "next month", "last year",
         "next year", "three days ago", "two years ago", "9 months ago", "yesterday", "tomorrow", "in March"]
    ),
    tense=st.sampled_from(["past", "present", "future"]),
)  # fmt: skip
def test_dates_at_the_edges_of_the_calendar_resolve_or_say_why(anchor: dt.date, expression: str, tense: str) -> None:
    resolved = resolve_date(expression, anchor, tense)
    assert resolved is not None
    assert (resolved.date is None) == (resolved.reason is not None)
    if resolved.date:
        assert "0001" <= resolved.date[:4] <= "9999"


# ---------------------------------------------------------------- Rich markup in data


MARKUP = ["[/]", "Putin [pictured] meets Moon", "[bold red]x", "path\\", "[link=file:///etc/passwd]y[/link]"]


@pytest.mark.parametrize("title", MARKUP)
def test_markup_in_titles_dates_names_and_errors_is_printed_as_text(title: str) -> None:
    article = Article.build("Putin met Moon.", title=title, published=title)
    putin = ActorRef("RUSGOV", title, "RUS", "GOV")
    analysis = ArticleAnalysis(article, mentions=(Mention(article.id, 0, 5, "Putin", putin),))
    report = RunReport(analysed=[analysis], errors=[DocumentError(title, title)], warnings=[DocumentError(title, "w")])
    console = Console(record=True, width=300, color_system=None)
    print_report(report, console, {"articles": 1})
    print_article(analysis, console)
    out = console.export_text()
    assert out.count(title) >= 5


# ---------------------------------------------------------------- the API: queue, jobs, hosts, query bounds


def slow_handle(articles: list[Article]) -> str:
    time.sleep(0.5)
    return "done"


def test_the_ingest_queue_refuses_past_its_bounds_and_runs_jobs_in_order() -> None:
    running = threading.Event()
    release = threading.Event()

    def handle(articles: list[Article]) -> str:
        running.set()
        release.wait(30)
        return articles[0].text

    queue = IngestQueue(handle, max_jobs=2, max_chars=10_000)
    first = queue.submit([Article.build("One.")])
    assert running.wait(10)
    second, _third = queue.submit([Article.build("Two.")]), queue.submit([Article.build("Three.")])
    with pytest.raises(QueueFull):
        queue.submit([Article.build("Four.")])
    with pytest.raises(QueueFull):
        IngestQueue(handle, max_chars=10).submit([Article.build("Longer than ten characters.")])
    release.set()
    assert asyncio.run(queue.wait(second, 10)) and (first.status, second.status) == ("done", "done")
    assert (first.result, second.result) == ("One.", "Two.")


@pytest.fixture
def writable(tmp_path: Path) -> TestClient:
    return TestClient(create_app(build_database(tmp_path / "w.db")))


def test_a_full_ingest_queue_answers_429_with_retry_after(writable: TestClient) -> None:
    state = writable.app.state.dossier  # type: ignore[attr-defined]
    blocker = threading.Event()
    state.queue.handle = lambda articles: blocker.wait(30)
    state.queue.max_jobs = 1
    try:
        assert writable.post("/api/articles?wait=false", json={"text": "One."}).status_code == 202
        assert writable.post("/api/articles?wait=false", json={"text": "Two."}).status_code == 202
        full = writable.post("/api/articles?wait=false", json={"text": "Three."})
        assert full.status_code == 429 and full.headers["retry-after"].isdigit()
        assert writable.get("/api/stats").status_code == 200
    finally:
        blocker.set()


@pytest.mark.model
def test_a_post_without_waiting_is_a_job_whose_status_gives_the_result(writable: TestClient) -> None:
    answer = writable.post("/api/articles?wait=false", json={"text": "Putin met Moon in Vladivostok on Monday."})
    assert answer.status_code == 202
    job = answer.json()
    assert answer.headers["location"] == f"/api/jobs/{job['id']}"
    deadline = time.monotonic() + 120
    while (status := writable.get(f"/api/jobs/{job['id']}").json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert status["status"] == "done" and status["result"]["analysed"] == 1
    assert writable.get("/api/jobs/" + "0" * 32).status_code == 404


def test_the_host_header_must_name_this_server(tmp_path: Path) -> None:
    app = create_app(build_database(tmp_path / "h.db"), read_only=True, allowed_hosts=serve_hosts("127.0.0.1"))
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/stats").status_code == 200
    assert TestClient(app, base_url="http://localhost:8000").get("/api/stats").status_code == 200
    assert TestClient(app, base_url="http://attacker.example:8000").get("/api/stats").status_code == 400
    assert serve_hosts("0.0.0.0", ["news.example"]) == ["127.0.0.1", "localhost", "::1", "[::1]", "news.example"]


@pytest.fixture
def reader(tmp_path: Path) -> TestClient:
    return TestClient(create_app(build_database(tmp_path / "r.db"), read_only=True))


def test_a_full_text_query_of_too_many_terms_is_refused_before_it_runs(reader: TestClient) -> None:
    assert reader.get("/api/articles", params={"q": "a* OR " * 83 + "a*"}).status_code == 422
    assert reader.get("/api/quotes", params={"search": "a* OR " * 83 + "a*"}).status_code == 422
    bounded = " OR ".join(["a*"] * MAX_SEARCH_TERMS)
    assert reader.get("/api/articles", params={"q": bounded}).status_code == 200


def test_a_query_running_past_the_time_limit_is_stopped_with_400(
    reader: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = reader.app.state.dossier  # type: ignore[attr-defined]
    object.__setattr__(state, "query_time_limit", 0.0)
    monkeypatch.setattr("dossier.serve.state.PROGRESS_CHECK_STEPS", 1)
    for params in ({"q": "quota"}, {}):
        answer = reader.get("/api/articles", params=params)
        assert answer.status_code == 400 and "ran past the 0 s limit" in answer.json()["detail"]


def test_a_body_sent_too_slowly_is_answered_408() -> None:
    from dossier.serve.middleware import BodyLimit

    async def app(scope: dict, receive: object, send: object) -> None:
        raise AssertionError("the app must not see a body that never came")

    sent: list[dict] = []

    async def never() -> dict:
        await asyncio.sleep(10)
        return {}

    async def send(message: dict) -> None:
        sent.append(message)

    limit = BodyLimit(app, max_bytes=100, timeout=0.1)
    asyncio.run(limit({"type": "http", "method": "POST", "headers": []}, never, send))
    assert sent[0]["status"] == 408


def test_sqlite_reads_never_wait_behind_a_write_transaction(tmp_path: Path) -> None:
    db = build_database(tmp_path / "busy.db")
    writer = Store.open(db)
    writer.connection.execute("BEGIN IMMEDIATE")
    writer.connection.execute("DELETE FROM quotes")
    started = time.monotonic()
    with Store.open(db, read_only=True) as store:
        assert store.counts()["quotes"] > 0
    assert time.monotonic() - started < 1
    writer.connection.rollback()
    writer.close()
    assert sqlite3.sqlite_version_info >= (3, 7, 0)


@pytest.mark.model
def test_a_repeat_within_one_run_is_already_stored_not_analysed_twice(tmp_path: Path) -> None:
    from dossier.pipeline import RunOptions, ingest_articles

    article = Article.build("Putin met Moon in Vladivostok on Monday.")
    with Store.open(tmp_path / "dup.db") as store:
        report = ingest_articles([article, article, article], store, RunOptions(link=False))
    assert (len(report.analysed), report.skipped) == (1, 2)
