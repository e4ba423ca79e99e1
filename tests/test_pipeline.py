"""The whole pipeline on real reports: runs, re-runs idempotently, survives bad documents."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.budget import TimeBudget
from dossier.errors import AnalysisTimedOut
from dossier.pipeline import DocumentAnalyser, RunOptions, run
from dossier.records import Article, DocumentError
from dossier.store.database import Store
from tests.conftest import REPORT_TEXT, SEEDS, SHARED

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


POLNEAR = SHARED / "dev" / "polnear_train" / "text"


def exported_tables(db: Path) -> dict[str, list[dict]]:
    """Every exported table, row by row in export order; the moment an error was recorded ('at') left out."""
    from dossier.export.writers import RECORD_KINDS, export

    tables = {}
    with Store.open(db, read_only=True) as store:
        network = db.parent / f"{db.stem}-network.graphml"
        export(store, "network", "graphml", network)
        tables["network"] = [{"graphml": network.read_text(encoding="utf-8")}]
        for kind in RECORD_KINDS:
            output = db.parent / f"{db.stem}-{kind}.jsonl"
            export(store, kind, "jsonl", output)
            rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
            tables[kind] = [{key: value for key, value in row.items() if key != "at"} for row in rows]
    return tables


def test_two_processes_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.iterdir()):
        (folder / seed.name).write_bytes(seed.read_bytes())
    for report in sorted(POLNEAR.glob("*.txt"))[:4] if POLNEAR.is_dir() else []:
        (folder / report.name).write_bytes(report.read_bytes())
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    tables = {}
    for processes in (1, 2):
        db = tmp_path / f"p{processes}.db"
        with Store.open(db) as store:
            report = run([folder], store, RunOptions(n_process=processes))
        assert [Path(e.source).name for e in report.errors] == ["bad.txt"]
        tables[processes] = exported_tables(db)
    assert len(tables[1]["articles"]) == len(list(folder.iterdir())) - 1
    for kind, exported in tables[1].items():
        assert tables[2][kind] == exported, kind


def test_a_run_counts_every_analysis_but_keeps_only_as_many_as_asked(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        report = run([SEEDS], store, most_kept=1)
        assert report.analysed_count == store.counts()["articles"] == 2
    assert len(report.analysed) == 1 and report.analysed[0].mentions


def test_articles_parsed_together_are_analysed_as_each_would_be_alone() -> None:
    analyser = DocumentAnalyser(RunOptions())
    inputs = [
        Article.build(REPORT_TEXT),
        DocumentError("unreadable.html", "cannot be read"),
        Article.build("Putin met Moon in Vladivostok on Wednesday. Moon said the talks were useful."),
        Article.build(REPORT_TEXT.replace("Geneva", "Vienna")),
    ]
    together = list(analyser.analyse_many(inputs))
    alone = [analyser(item) for item in inputs]
    assert [outcome.result for outcome in together] == [outcome.result for outcome in alone]
    assert together[1].result == inputs[1]  # a reader's error passes through in its place
    assert all(dict(outcome.costs)["parse"] > 0 for outcome in together if outcome.costs)


def test_a_share_of_a_parse_already_spent_counts_against_the_budget() -> None:
    with pytest.raises(AnalysisTimedOut), TimeBudget(1.0, spent=1.5) as budget:
        budget.next_stage("parse")


def test_the_main_process_of_a_run_with_workers_never_imports_spacy(tmp_path: Path) -> None:
    # It reads, stores, links and merges events; spaCy there would cost it half a second and 20 MB.
    code = (
        "import sys\n"
        "from dossier.pipeline import RunOptions, run\n"
        "from dossier.store.database import Store\n"
        "if __name__ == '__main__':\n"
        f"    with Store.open({str(tmp_path / 'd.db')!r}) as store:\n"
        f"        report = run([{str(SEEDS)!r}], store, RunOptions(n_process=2))\n"
        "    print(len(report.analysed), report.processes, 'spacy' in sys.modules)\n"
    )
    script = tmp_path / "main_process.py"
    script.write_text(code, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.split() == ["2", "2", "False"]


def test_a_parse_over_the_time_budget_fails_that_document_alone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (folder / "b_runaway.txt").write_text("!" * 60_000, encoding="utf-8")  # about 14 CPU seconds of parsing
    (folder / "c_good.txt").write_text(REPORT_TEXT.replace("Geneva", "Vienna"), encoding="utf-8")
    with Store.open(tmp_path / "d.db") as store:
        report = run([folder], store, RunOptions(time_budget_seconds=1.0, link=False))
    assert [a.article.name for a in report.analysed] == ["a_good", "c_good"]
    assert [Path(e.source).name for e in report.errors] == ["b_runaway.txt"]
    assert "stage parse" in report.errors[0].problem


def test_a_run_reports_the_cpu_time_of_every_step(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        report = run([SEEDS], store)
    assert list(report.cpu_seconds) == ["parse", "actors", "quotes", "events", "stances", "tones", "store", "link"]
    assert report.cpu_seconds["parse"] > 0 and report.sentences > 20


def test_a_run_links_what_it_stored_a_batch_of_articles_at_a_time_and_the_rest_at_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dossier import pipeline
    from dossier.records import Article, ArticleAnalysis
    from dossier.store import link_state

    monkeypatch.setattr(pipeline, "LINK_BATCH_ARTICLES", 2)
    texts = [
        "Russia vetoed the draft resolution on Syria at the Security Council on Monday.",
        "The Russian Federation vetoed a draft resolution on Syria at the UN Security Council.",
        "Heavy monsoon rains have killed at least 40 people in northern Bangladesh, officials said.",
    ]
    with Store.open(":memory:") as store:
        linker = pipeline.RunLinker(store)

        def unlinked() -> int:
            link_state.prepare_link_state(store.connection, linker._linker.options.fingerprint())  # type: ignore[union-attr]
            return len(link_state.unlinked_articles(store.connection, 100))

        for number, text in enumerate(texts, start=1):
            store.save_analysis(ArticleAnalysis(Article.build(text, name=f"report{number}")))
            linker.link_stored_batch(1)
            assert unlinked() == [1, 0, 1][number - 1]  # linked once two are waiting
        linker.finish()
        assert unlinked() == 0 and linker.cpu_seconds > 0
