"""The public Python API (`import dossier`) and the README's "Use it from Python" examples, run as doctests."""

from __future__ import annotations

import datetime as dt
import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import dossier
from dossier import api, pipeline
from dossier.errors import AnalysisTimedOut, DataFileError, DossierError
from dossier.pipeline import RunOptions
from tests.conftest import REPO, SEEDS

README = REPO / "README.md"
ISSUES = REPO / "src" / "dossier" / "stance" / "issues" / "korea_2017.yaml"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)

MEETING = (
    "Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin in Vladivostok on Thursday "
    "to discuss a fishing dispute."
)


def readme_examples() -> str:
    """The README's python blocks, every other line blanked, so that a failure names its README line."""
    text = README.read_text(encoding="utf-8")
    kept = ["" for _ in text.splitlines()]
    for block in PYTHON_BLOCK.finditer(text):
        first = text.count("\n", 0, block.start(1))
        for offset, line in enumerate(block.group(1).splitlines()):
            kept[first + offset] = line
    return "\n".join(kept) + "\n"


# ------------------------------------------------------------------ README


def test_readme_has_python_examples() -> None:
    examples = doctest.DocTestParser().get_examples(readme_examples())
    assert len(examples) >= 10
    assert any("dossier.analyse(" in example.source for example in examples)
    assert any("dossier.run(" in example.source for example in examples)


@pytest.mark.model
def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"no seed reports at {SEEDS}")
    monkeypatch.chdir(tmp_path)
    globs = {"SEEDS": str(SEEDS), "ISSUES": str(ISSUES)}
    test = doctest.DocTestParser().get_doctest(readme_examples(), globs, "README.md", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)

    runner.run(test)

    assert runner.failures == 0, f"{runner.failures} README examples failed (above)"
    assert runner.tries >= 10
    assert (tmp_path / "dossier.db").is_file()


# ------------------------------------------------------------------ analyse


def test_empty_text_is_refused_before_anything_loads() -> None:
    for text in ("", "   \n\t "):
        with pytest.raises(DossierError, match="cannot analyse an empty text"):
            dossier.analyse(text)


def test_bad_published_is_refused() -> None:
    with pytest.raises(DossierError, match="not an ISO date"):
        dossier.analyse(MEETING, published="last Thursday")


def test_text_over_the_size_limit_is_refused() -> None:
    with pytest.raises(DossierError, match="over the limit"):
        dossier.analyse(MEETING, options=RunOptions(max_document_bytes=50))


@pytest.mark.model
def test_event_date_is_resolved_against_published() -> None:
    analysis = dossier.analyse(MEETING, published="2017-09-08", title="Abe and Putin meet")

    meetings = [event for event in analysis.events if event.root_code == "04"]
    assert [(e.source.code, e.target.code if e.target else None) for e in meetings] == [("JPNGOV", "RUSGOV")]
    assert meetings[0].date == "2017-09-07"  # the Thursday before a Friday's report
    assert meetings[0].place is not None and meetings[0].place.name == "Vladivostok"
    assert analysis.article.title == "Abe and Putin meet"
    assert analysis.article.published == "2017-09-08"


@pytest.mark.model
def test_published_may_be_a_date() -> None:
    as_date = dossier.analyse(MEETING, published=dt.date(2017, 9, 8))
    as_text = dossier.analyse(MEETING, published="2017-09-08")

    assert [e.date for e in as_date.events] == [e.date for e in as_text.events]
    assert as_date.article.id == as_text.article.id


@pytest.mark.model
def test_quote_has_its_speaker() -> None:
    text = '"The fishing quotas must be settled this year," Japanese Prime Minister Shinzo Abe said on Friday.'

    analysis = dossier.analyse(text, published="2017-09-08")

    assert [(q.speaker.code if q.speaker else None, q.kind) for q in analysis.quotes] == [("JPNGOV", "direct")]
    assert analysis.quotes[0].text.startswith("The fishing quotas must be settled")
    quote = analysis.quotes[0]
    assert text[quote.start : quote.end].startswith("The fishing quotas")


@pytest.mark.model
def test_stances_follow_the_issues_file() -> None:
    text = "Japan supported tougher sanctions on North Korea."

    proposed = dossier.analyse(text)
    defined = dossier.analyse(text, issues=ISSUES)

    assert all(s.issue.startswith("proposed:") for s in proposed.stances)
    assert [(s.actor.code, s.issue, s.polarity) for s in defined.stances] == [
        ("JPN", "sanctions_on_north_korea", "support")
    ]


@pytest.mark.model
def test_analysis_over_its_time_budget_is_a_dossier_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def run_out_of_time(*_: object) -> None:
        raise AnalysisTimedOut("analysis ran past its time budget of 1 s (CPU) in stage events")

    api.stages_for(RunOptions())  # loaded (and warmed up) before the budget runs out
    monkeypatch.setattr(pipeline, "analyse", run_out_of_time)

    with pytest.raises(DossierError, match="text not analysed: analysis ran past its time budget"):
        dossier.analyse(MEETING)


@pytest.mark.model
def test_stages_are_loaded_once_per_options() -> None:
    options = RunOptions(time_budget_seconds=30)

    assert api.stages_for(options) is api.stages_for(RunOptions(time_budget_seconds=30))
    assert api.stages_for(options) is not api.stages_for(RunOptions(issues_file=str(ISSUES)))


# ------------------------------------------------------------------ run and open_store


@pytest.mark.model
def test_run_stores_a_folder_and_skips_it_the_second_time(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "meeting.txt").write_text(f"Fishing dispute\n\nPosted September 8, 2017\n\n{MEETING}\n")
    (folder / "empty.txt").write_text("")
    db = tmp_path / "dossier.db"

    first = dossier.run(folder, db=db)
    again = dossier.run([str(folder)], db=str(db), keep_analyses=False)

    assert [a.article.title for a in first.analysed] == ["Fishing dispute"]
    assert [Path(e.source).name for e in first.errors] == ["empty.txt"]
    assert again.skipped == 1 and again.analysed == []
    with dossier.open_store(db, read_only=True) as store:
        events = dossier.list_events(store, dossier.EventFilter(source="JPN", code="04"))
        assert events.total == 1 and events.items[0]["date"] == "2017-09-07"
        assert [a["title"] for a in store.iter_records("articles")] == ["Fishing dispute"]


def test_run_refuses_a_missing_issues_file_before_reading(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no such issues file"):
        dossier.run(tmp_path, db=tmp_path / "dossier.db", issues=tmp_path / "missing.yaml")
    assert not (tmp_path / "dossier.db").exists()


def test_open_store_read_only_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match="no such database"):
        dossier.open_store(tmp_path / "missing.db", read_only=True)
    with dossier.open_store(tmp_path / "new.db") as store:
        assert store.counts()["articles"] == 0
        assert list(store.iter_records("events")) == []


# ------------------------------------------------------------------ the package


def test_every_public_name_resolves() -> None:
    for name in dossier.__all__:
        assert getattr(dossier, name) is not None, name
    assert set(dossier.__all__) <= set(dir(dossier))
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = dossier.nothing_here  # type: ignore[attr-defined]


def test_import_dossier_loads_neither_spacy_nor_the_pipeline() -> None:
    code = (
        "import sys, dossier; dossier.open_store; "
        "print(sorted(m for m in ('spacy', 'dossier.pipeline', 'dossier.stages') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)

    assert result.stdout.strip() == "[]"
