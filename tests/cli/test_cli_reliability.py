"""The `dossier` script as a demanding user meets it: one-line errors, exit codes, Ctrl-C, a busy port.

Each test runs the real script (`python -m dossier`) in a process, as a user
does: what Typer prints on its own (usage errors) is only seen there.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.records import Article, ArticleAnalysis
from dossier.store.database import Store
from tests.conftest import REPO


def environment() -> dict[str, str]:
    source = str(REPO / "src")
    return {**os.environ, "PYTHONPATH": source + os.pathsep + os.environ.get("PYTHONPATH", "")}


def dossier(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "dossier", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=environment())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "x.txt", "--published", "2021-13-45"], "error: Invalid value for --published: '2021-13-45' is not"),
        (["search", "oil", "--limit", "0"], "error: Invalid value for '--limit' / '-n'"),
        (["run"], "error: Missing argument"),
        (["export", "events", "--no-such-flag"], "error: No such option: --no-such-flag"),
        (["no-such-command"], "error: No such command 'no-such-command'"),
    ],
)
def test_a_usage_error_is_one_line_naming_the_option(tmp_path: Path, args: list[str], expected: str) -> None:
    result = dossier(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()], result.stderr  # one line, not a framed box
    assert result.stderr.startswith(expected) and "--help`)" in result.stderr
    assert not list(tmp_path.iterdir())  # nothing created


def test_a_terminal_escape_in_a_missing_path_is_shown_not_obeyed(tmp_path: Path) -> None:
    result = dossier("run", "in/\x1b[31mnope", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: in/\\x1b[31mnope: no such file or folder\n"


def test_dossier_alone_still_prints_the_help(tmp_path: Path) -> None:
    result = dossier(cwd=tmp_path)
    assert result.returncode == 2
    assert "Usage" in result.stdout + result.stderr and "error:" not in result.stdout + result.stderr


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path: Path) -> None:
    Store.open(tmp_path / "d.db").close()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = dossier("serve", "--db", "d.db", "--port", str(port), cwd=tmp_path)
        fresh = dossier("serve", "--db", "new.db", "--port", str(port), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use; stop what uses it or give another --port"
    )
    assert fresh.returncode == 2 and not (tmp_path / "new.db").exists()  # no empty database left behind


def test_serve_on_a_host_that_does_not_resolve_says_so(tmp_path: Path) -> None:
    Store.open(tmp_path / "d.db").close()
    result = dossier("serve", "--db", "d.db", "--host", "no-such-host.invalid", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --host no-such-host.invalid: not an address this machine knows")


def test_a_run_that_finds_no_documents_says_so(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / ".draft.txt").write_text("Envoys met in Oslo.", encoding="utf-8")
    result = dossier("run", "in", "--db", "d.db", "--quiet", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.strip() == "warning: no documents in in (files and folders named .* are skipped)"


@pytest.mark.parametrize("command", [["stats"], ["export", "articles"]])
def test_an_output_onto_the_database_is_refused_and_the_database_kept(tmp_path: Path, command: list[str]) -> None:
    Store.open(tmp_path / "d.db").close()
    before = (tmp_path / "d.db").read_bytes()
    result = dossier(*command, "--db", "d.db", "-o", "d.db", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: d.db: is the database") and "give another --output file" in result.stderr
    assert (tmp_path / "d.db").read_bytes() == before


def test_an_export_piped_into_head_stops_quietly(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store, store.batch():
        for number in range(3000):  # past a pipe's buffer, so the writer meets the closed pipe
            store.save_analysis(ArticleAnalysis(Article.build(f"Envoys met in Oslo on day {number} of the talks.")))
    process = subprocess.Popen(
        [sys.executable, "-m", "dossier", "export", "articles", "--db", "d.db"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b'{"id": ')
    process.stdout.close()  # as `head -1` does
    assert process.wait(timeout=120) == 1
    assert process.stderr.read() == b""


def write_reports(folder: Path, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        sentences = [f"Report {number}"]
        sentences += [f"Officials in Oslo met envoys from Rome on day {number * 9 + day}." for day in range(9)]
        (folder / f"report{number:03}.txt").write_text("\n".join(sentences), encoding="utf-8")


def stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


@pytest.mark.model
def test_ctrl_c_in_a_run_keeps_what_was_stored_says_so_and_a_rerun_resumes(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 400)
    db = tmp_path / "d.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "dossier", "run", "in", "--db", "d.db", "--quiet"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
        # Ctrl-C as a terminal delivers it: a suite started in the background runs with SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 300
        while stored_articles(db) == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert "stopped (Ctrl-C): the articles stored in d.db so far are kept" in err and "Traceback" not in err
    kept = stored_articles(db)
    assert 0 < kept < 400
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = dossier("run", "in", "--db", "d.db", "--quiet", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"{400 - kept} analysed, {kept} already stored, 0 failed" in again.stdout
