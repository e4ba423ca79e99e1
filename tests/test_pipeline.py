"""The whole pipeline on real reports: runs, re-runs idempotently, survives bad documents."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.pipeline import RunOptions, run
from dossier.store.database import Store

from .conftest import REPORT_TEXT, SEEDS

pytestmark = pytest.mark.model


def test_seeds_are_read_parsed_and_stored(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        report = run([SEEDS], store)
        assert len(report.analysed) == 2 and not report.errors
        published = {a.name: a.published for a in store.articles()}
    assert published == {"000_1602148874cab37f": "2017-09-11", "002_f426b72678450e3a": None}


def test_running_the_same_input_twice_stores_it_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        run([SEEDS], store)
        before = store.counts()
        again = run([SEEDS], store)
        assert again.skipped == 2 and again.analysed == []
        assert store.counts() == before


def test_a_bad_document_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    with Store.open(tmp_path / "d.db") as store:
        report = run([folder], store, RunOptions(link=False))
        assert [a.article.name for a in report.analysed] == ["good"]
        assert [Path(e.source).name for e in report.errors] == ["bad.txt"]
        assert store.counts()["errors"] == 1


def test_an_interrupted_run_keeps_what_it_finished_and_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(40):
        (folder / f"r{index:03}.txt").write_text(
            f"Report {index}\n\nOfficials in Seoul met envoys from Tokyo on day {index}. " * 5, encoding="utf-8"
        )
    db = tmp_path / "d.db"
    script = (
        "import sys, time\n"
        "from dossier.pipeline import run, RunOptions\n"
        "from dossier.store.database import Store\n"
        "store = Store.open(sys.argv[2])\n"
        "run([sys.argv[1]], store, RunOptions(batch_size=1, link=False),"
        " on_progress=lambda s: (print('done', flush=True), time.sleep(0.05)))\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(folder), str(db)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for _ in range(10):
        process.stdout.readline()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store.open(db) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = store.article_count()
        assert 10 <= kept < 40
        report = run([folder], store, RunOptions(link=False))
        assert report.skipped == kept
        assert store.article_count() == 40
