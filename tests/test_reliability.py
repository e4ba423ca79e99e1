"""Reliability: arbitrary bytes never crash a reader; concurrent runs never corrupt the store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.read import read_articles
from dossier.records import Article, DocumentError
from dossier.store import Store

from .conftest import REPORT_HTML, warc_bytes

SUFFIXES = [".txt", ".html", ".jsonl", ".warc", ".rss", ".dat", ""]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def read_everything(path: Path) -> list[Article | DocumentError]:
    return list(read_articles([path]))


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_give_articles_or_errors_never_exceptions(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in read_everything(path):
        assert isinstance(item, (Article, DocumentError))
        if isinstance(item, DocumentError):
            assert item.source.startswith(str(path)) and "\n" not in item.problem


@FUZZ
@given(text=st.text(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_unicode_text_is_read_or_refused_cleanly(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_text(text, encoding="utf-8", errors="replace")
    for item in read_everything(path):
        assert isinstance(item, (Article, DocumentError))
        if isinstance(item, Article):
            assert item.text.strip()


@FUZZ
@given(cut=st.integers(min_value=0, max_value=4000))
def test_warc_cut_anywhere_never_raises(tmp_path: Path, cut: int) -> None:
    whole = warc_bytes([("https://example.org/a", REPORT_HTML), ("https://example.org/b", REPORT_HTML)])
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: min(cut, len(whole))])
    items = read_everything(path)
    assert all(isinstance(item, (Article, DocumentError)) for item in items)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(st.text(max_size=200), st.dictionaries(st.text(max_size=8), st.text(max_size=50))), max_size=20
    )
)
def test_jsonl_with_any_lines_reports_each_bad_line(tmp_path: Path, lines: list) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(json.dumps(line) if isinstance(line, dict) else line.replace("\n", " ") for line in lines),
        encoding="utf-8",
    )
    for item in read_everything(path):
        assert isinstance(item, (Article, DocumentError))


@FUZZ
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=()), min_size=1, max_size=200),
    field=st.sampled_from(["text", "title", "url", "outlet", "id"]),
)
def test_escaped_lone_surrogates_in_jsonl_are_refused_per_line(tmp_path: Path, text: str, field: str) -> None:
    # json.dumps escapes a lone surrogate as \\udXXX, which json.loads turns back into one: UTF-8 cannot hold it.
    record = {"text": "Officials met in Oslo.", field: text}
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": "Talks resumed."}) + "\n", encoding="utf-8")
    items = read_everything(path)
    assert isinstance(items[-1], Article) and items[-1].text == "Talks resumed."
    first = items[0]
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        assert isinstance(first, DocumentError) and "surrogate" in first.problem
    else:
        assert isinstance(first, (Article, DocumentError))


@pytest.mark.model
def test_two_runs_on_the_same_database_at_once_both_finish(tmp_path: Path) -> None:
    folders = []
    for batch in ("a", "b"):
        folder = tmp_path / batch
        folder.mkdir()
        for index in range(8):
            (folder / f"{batch}{index}.txt").write_text(
                f"Report {batch}{index}\n\n"
                f"Diplomats from Tokyo and Seoul met in Hanoi on round {index} of talks {batch}.",
                encoding="utf-8",
            )
        folders.append(folder)
    db = tmp_path / "shared.db"
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "dossier", "run", str(folder), "--db", str(db), "--quiet", "--batch-size", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, out + err
        assert "locked" not in out + err
    with Store.open(db) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.article_count() == 16
