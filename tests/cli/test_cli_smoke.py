"""Every CLI command, run once on the seed reports as a user runs it: a real process, exit code 0, output.

`dossier run` stores the seeds once; every other command then reads that
database. A command added to the CLI without a line here fails
`test_every_command_is_smoke_tested`.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.cli.commands import app
from tests.conftest import GOLD, REPO, SEEDS

pytestmark = pytest.mark.model

ISSUES = REPO / "src" / "dossier" / "stance" / "issues" / "korea_2017.yaml"
COMMANDS = {c.name or c.callback.__name__ for c in app.registered_commands}  # type: ignore[union-attr]


def dossier(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("smoke")
    result = dossier("run", str(SEEDS), "--db", "seeds.db", "--issues", str(ISSUES), cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 analysed" in result.stdout
    yield folder, folder / "seeds.db"


SMOKE_RUNS = {
    "export": ["export", "events", "--db", "seeds.db"],
    "eval": ["eval", str(GOLD), "--db", "seeds.db"],
    "search": ["search", "sanctions", "--db", "seeds.db"],
    "stances": ["stances", "--db", "seeds.db"],
    "stats": ["stats", "--db", "seeds.db", "--by", "dyad", "--by", "month"],
    "links": ["links", "--db", "seeds.db"],
    "version": ["version"],
}


def test_every_command_is_smoke_tested() -> None:
    # serve and watch run until stopped: each has its own test below.
    assert COMMANDS == {"run", "serve", "spark", "watch", *SMOKE_RUNS}


@pytest.mark.parametrize("command", sorted(SMOKE_RUNS))
def test_the_command_runs_on_the_seeds(seeds_db: tuple[Path, Path], command: str) -> None:
    folder, _db = seeds_db
    result = dossier(*SMOKE_RUNS[command], cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip(), f"dossier {command} printed nothing"


def test_export_writes_every_seed_event_as_json(seeds_db: tuple[Path, Path]) -> None:
    folder, _db = seeds_db
    lines = dossier("export", "events", "--db", "seeds.db", cwd=folder).stdout.splitlines()
    assert lines and all(json.loads(line)["code"] for line in lines)


def test_export_network_writes_graphml_of_the_seed_events(seeds_db: tuple[Path, Path]) -> None:
    folder, _db = seeds_db
    result = dossier("export", "network", "--db", "seeds.db", "--format", "graphml", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<?xml") and "<edge " in result.stdout


def test_watch_follows_a_feed_of_the_seeds_once(tmp_path: Path) -> None:
    import html
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    items = "".join(
        f"<item><title>{path.stem}</title><link>https://seeds.example.org/{path.stem}</link>"
        f"<description>{html.escape(path.read_text(encoding='utf-8'))}</description></item>"
        for path in sorted(SEEDS.glob("*.txt"))
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Seeds</title>{items}</channel></rss>'.encode()

    class Feed(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", '"seeds"')
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/seeds.rss"
        result = dossier("watch", url, "--once", "--db", "watch.db", cwd=tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "poll 1: 2 new article(s) stored" in result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_and_stops_cleanly(seeds_db: tuple[Path, Path]) -> None:
    folder, _db = seeds_db
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dossier", "serve", "--db", "seeds.db", "--port", str(port), "--read-only"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        stats = _wait_for_json(f"http://127.0.0.1:{port}/api/stats", server)
        assert stats["counts"]["articles"] == 2
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert output.strip()


def _wait_for_json(url: str, server: subprocess.Popen[str], seconds: float = 60) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"dossier serve exited early with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)  # type: ignore[no-any-return]
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"dossier serve did not answer {url} within {seconds} s")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 or later: no `java` on PATH")
def test_spark_runs_on_the_seeds(tmp_path: Path) -> None:
    result = dossier("spark", str(SEEDS), "--output", "out", "--issues", str(ISSUES), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip()
    assert (tmp_path / "out" / "events").is_dir() and (tmp_path / "out" / "links").is_dir()
