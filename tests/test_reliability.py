"""Reliability: arbitrary input never crashes a reader or the pipeline; concurrent runs never corrupt the store.

The full-pipeline fuzz runs FUZZ_EXAMPLES examples (small by default, for CI);
a long run sets DOSSIER_FUZZ_EXAMPLES, see tests/README.md.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.pipeline import RunOptions, RunReport, ingest_articles
from dossier.read.readers import read_articles
from dossier.records import Article, DocumentError
from dossier.store.database import Store
from tests.conftest import REPORT_HTML, REPORT_TEXT, SEEDS, warc_bytes

SUFFIXES = [".txt", ".html", ".jsonl", ".warc", ".rss", ".dat", ""]
# Examples per fuzz test: small for CI; DOSSIER_FUZZ_EXAMPLES raises it for a long run (tests/README.md).
FUZZ_EXAMPLES = int(os.environ.get("DOSSIER_FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=max(60, FUZZ_EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


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


@FUZZ
@given(name=st.binary(min_size=1, max_size=40).filter(lambda raw: b"/" not in raw and b"\x00" not in raw))
def test_a_file_name_of_any_bytes_gives_an_article_whose_source_utf8_can_store(tmp_path: Path, name: bytes) -> None:
    if name in (b".", b".."):
        return
    os.makedirs(tmp_path / "in", exist_ok=True)
    path = os.path.join(os.fsencode(tmp_path / "in"), b"x" + name + b".txt")
    with open(path, "wb") as stream:
        stream.write(REPORT_TEXT.encode("utf-8"))
    try:
        items = read_everything(Path(os.fsdecode(path)))
    finally:
        os.remove(path)
    assert len(items) == 1 and isinstance(items[0], Article)
    for text in (items[0].source, items[0].name):
        assert text is not None
        text.encode("utf-8")  # a lone surrogate from an undecodable byte would raise here, and in SQLite


# Lines that once ended the input stream or were stored wrong (issue 21): deep nesting, huge integers,
# objects where text belongs, impossible or relative dates, invisible characters.
HOSTILE_JSONL_LINE = st.one_of(
    st.integers(min_value=1, max_value=200_000).map(lambda depth: "[" * depth),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: '{"a":' * depth),
    st.integers(min_value=4000, max_value=20_000).map(lambda digits: '{"text": "x", "n": ' + "9" * digits + "}"),
    st.builds(
        lambda field, value: json.dumps({"text": "Envoys met in Oslo.", field: value}),
        st.sampled_from(["title", "url", "outlet", "id", "published"]),
        st.one_of(st.dictionaries(st.text(max_size=4), st.integers()), st.lists(st.integers()), st.booleans()),
    ),
    st.builds(
        lambda published: json.dumps({"text": "Envoys met in Oslo.", "published": published}),
        st.sampled_from(["0000-00-00", "0001-01-01", "9999-12-31", "2017-09-11T25:61:00Z", "yesterday", "-1"]),
    ),
    st.text(alphabet="\u200b\u200c\u200d\u2060\ufeff\u00adPutin ", max_size=30).map(
        lambda text: json.dumps({"text": text})
    ),
)


@FUZZ
@given(lines=st.lists(HOSTILE_JSONL_LINE, min_size=1, max_size=6))
def test_every_hostile_jsonl_line_is_an_article_or_its_own_error_and_no_later_line_is_lost(
    tmp_path: Path, lines: list[str]
) -> None:
    path = tmp_path / "hostile.jsonl"
    good = json.dumps({"text": "Talks resumed in Geneva."})
    path.write_text("\n".join([*lines, good]) + "\n", encoding="utf-8")
    items = read_everything(path)
    assert len(items) == len(lines) + 1
    assert [item.source for item in items] == [f"{path}:{number}" for number in range(1, len(lines) + 2)]
    assert isinstance(items[-1], Article) and items[-1].text == "Talks resumed in Geneva."
    for item in items:
        if isinstance(item, Article):
            assert "\u200b" not in item.text and "{" not in (item.title or "") + (item.outlet or "")
            assert item.published is None or "0001" <= item.published <= "9999-12-31"


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


# ------------------------------------------------------------------ the whole pipeline on arbitrary text

PIPELINE_FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

# Names the actors stage knows, to build documents with many entities.
ENTITY_NAMES = [
    "Vladimir Putin",
    "Moon Jae-in",
    "the United Nations",
    "Russia",
    "Hamas",
    "the European Union",
    "President Joe Biden",
    "NATO",
    "Israeli troops",
    "the Foreign Ministry",
    "Xi Jinping",
    "Iran",
]
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u300c\u300d\u201e"
RTL_WORDS = [
    "\u0627\u0644\u0633\u0644\u0627\u0645",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0635\u0631",
    "\u202e",
    "\u200f",
    "\u202b",
]
ENGLISH_PIECES = [
    "Putin said",
    "the minister told reporters",
    "accused Russia of",
    "We will not accept this",
    "according to officials",
    "met in Geneva on Monday",
    "denied the claims",
    ".",
    ",",
    "\n\n",
    " ",
]


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))] or [REPORT_TEXT]


@st.composite
def mutated_report(draw: st.DrawFn) -> str:
    """A real report cut, with pieces of any Unicode spliced in at random places."""
    texts = seed_texts()
    text = texts[draw(st.integers(0, len(texts) - 1))]
    begin = draw(st.integers(0, len(text) - 1))
    text = text[begin : begin + draw(st.integers(1, 3000))]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(st.text(max_size=20), st.sampled_from(list(QUOTE_MARKS) + RTL_WORDS)))
        text = text[:at] + piece + text[at:]
    return text


def many_entities(count: int) -> str:
    names = [ENTITY_NAMES[index % len(ENTITY_NAMES)] for index in range(count)]
    return ", ".join(names) + " met and accused one another of violating the truce."


ARBITRARY_TEXT = st.one_of(
    st.text(min_size=1, max_size=2000),  # any Unicode but lone surrogates, control characters included
    st.text(alphabet=st.characters(whitelist_categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Co")), min_size=1),
    st.text(alphabet=string.punctuation + QUOTE_MARKS + "\u2014\u2026", min_size=1, max_size=3000),
    st.lists(st.sampled_from(ENGLISH_PIECES + RTL_WORDS + list(QUOTE_MARKS)), min_size=1, max_size=300).map(" ".join),
    st.lists(st.sampled_from(ENGLISH_PIECES + ENTITY_NAMES + list(QUOTE_MARKS)), min_size=1, max_size=400).map("".join),
    st.integers(1, 400).map(many_entities),
    mutated_report(),
)


def assert_every_document_accounted_for(articles: list[Article], report: RunReport, store: Store) -> None:
    """Each article is stored with in-bounds evidence or recorded as a failure; nothing else happened."""
    failed = {error.source for error in report.errors}
    for error in report.errors:
        assert "\n" not in error.problem
        # A stage may run out of time on a pathological input; it must never crash on one.
        assert "time budget" in error.problem, error
    for article in articles:
        assert store.has_article(article.id) or article.source in failed, article.source
    for analysis in report.analysed:
        length = len(analysis.article.text)
        for record in (*analysis.mentions, *analysis.quotes, *analysis.events, *analysis.stances):
            assert 0 <= record.start <= record.end <= length, record
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.counts()["articles"] == len({a.id for a in articles} - {a.id for a in articles if a.source in failed})


@pytest.mark.model
@PIPELINE_FUZZ
@given(texts=st.lists(ARBITRARY_TEXT, min_size=1, max_size=4), batch_size=st.sampled_from([1, 3, 32]))
def test_the_whole_pipeline_on_arbitrary_text_stores_or_records_every_document(
    texts: list[str], batch_size: int
) -> None:
    articles = [Article.build(text, source=f"fuzz[{index}]") for index, text in enumerate(texts)]
    with Store.open(":memory:") as store:
        report = ingest_articles(articles, store, RunOptions(batch_size=batch_size), keep_analyses=True)
        log_fuzz_example(texts, report)
        assert_every_document_accounted_for(articles, report, store)


def log_fuzz_example(texts: list[str], report: RunReport) -> None:
    """With DOSSIER_FUZZ_LOG set, one JSON line per example: the figures of a long run (tests/README.md)."""
    log = os.environ.get("DOSSIER_FUZZ_LOG")
    if not log:
        return
    summary = {
        "documents": len(texts),
        "chars": [len(text) for text in texts],
        "analysed": len(report.analysed),
        "records": sum(len(a.mentions) + len(a.quotes) + len(a.events) + len(a.stances) for a in report.analysed),
        "errors": [error.problem for error in report.errors],
        "warnings": len(report.warnings),
    }
    with open(log, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(summary) + "\n")


# One megabyte on one line costs about a minute of parsing, so CI runs the worst case (no sentence mark at
# all: the splitter's work) and a long fuzz run (FUZZ_EXAMPLES over 100) adds the others.
ONE_LINE_UNITS = ["word "]
if FUZZ_EXAMPLES > 100:
    ONE_LINE_UNITS += [
        "Officials in Seoul met envoys from Tokyo. ",  # sentences, but no line break
        "\u201cWe will not ",  # quote marks that never end
        "\u0627\u0644\u0633\u0644\u0627\u0645 \u202e",  # right-to-left words and overrides
    ]


@pytest.mark.model
@pytest.mark.parametrize("text", ["\u200c", "\u200b\u200c", "Putin\u200c"])
def test_a_text_of_invisible_characters_is_stored_not_failed(text: str) -> None:
    # The fuzz test found it: a mention with no word either side once gave the tone stage an empty float index.
    article = Article.build(text, source="invisible")
    with Store.open(":memory:") as store:
        report = ingest_articles([article], store, RunOptions(batch_size=1), keep_analyses=True)
        assert report.errors == []
        assert store.counts()["articles"] == 1


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("unit", ONE_LINE_UNITS)
def test_a_one_megabyte_single_line_is_analysed_or_stopped_by_the_budget(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    article = Article.build(text, source="one-line")
    with Store.open(":memory:") as store:
        started = time.process_time()
        report = ingest_articles([article], store, RunOptions(time_budget_seconds=30))
        print(
            f"{unit!r} x {len(text) // len(unit)}: {len(report.analysed)} analysed, errors {report.errors}, "
            f"{time.process_time() - started:.0f} s CPU"
        )
        assert_every_document_accounted_for([article], report, store)
    if "." not in unit:
        assert any("split" in warning.problem for warning in report.warnings)


# ------------------------------------------------------------------ failures stay with their document


def test_a_document_the_parser_fails_on_is_recorded_and_its_batch_goes_on() -> None:
    import spacy
    from spacy.language import Language

    from dossier.parse.model import ParseOptions, parse_articles_or_fail

    if not Language.has_factory("test_fails_on_nul"):

        @Language.component("test_fails_on_nul")
        def fails_on_nul(doc):  # type: ignore[no-untyped-def]
            if "\x00" in doc.text:
                raise ValueError("component cannot handle NUL")
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("test_fails_on_nul")
    texts = [f"Report {n} on the talks." for n in range(7)]
    texts[3] = "Report with a NUL \x00 inside."
    articles = [Article.build(text, source=f"doc{n}") for n, text in enumerate(texts)]
    results = list(parse_articles_or_fail(articles, ParseOptions(batch_size=3), nlp))
    assert [getattr(r, "source", None) or r.article.source for r in results] == [a.source for a in articles]
    failure = results[3]
    assert isinstance(failure, DocumentError) and "parse failed" in failure.problem and "NUL" in failure.problem
    assert all(r.doc.text == a.text for r, a in zip(results, articles, strict=True) if r is not failure)


@pytest.mark.model
def test_a_stage_stuck_in_a_loop_is_stopped_by_the_time_budget_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dossier.quotes import attribution as quotes

    real_find_quotes = quotes.find_quotes

    def find_quotes_or_hang(parsed, mentions, **stage_data):  # type: ignore[no-untyped-def]
        while parsed.article.name == "stuck":  # a runaway loop inside a stage
            pass
        return real_find_quotes(parsed, mentions, **stage_data)

    monkeypatch.setattr(quotes, "find_quotes", find_quotes_or_hang)
    articles = [
        Article.build(REPORT_TEXT, source="first"),
        Article.build("Officials in Seoul met envoys from Tokyo.", source="stuck", name="stuck"),
        Article.build("Diplomats from Hanoi met in Paris on Friday.", source="last"),
    ]
    started = time.perf_counter()
    with Store.open(":memory:") as store:
        report = ingest_articles(articles, store, RunOptions(time_budget_seconds=2, link=False))
        assert [a.article.source for a in report.analysed] == ["first", "last"]
        assert [e.source for e in report.errors] == ["stuck"]
        assert "stage quotes" in report.errors[0].problem and "2 s time budget" in report.errors[0].problem
        assert store.counts()["errors"] == 1
    assert time.perf_counter() - started < 120


@pytest.mark.model
def test_real_work_over_the_budget_fails_its_document_only_and_the_cli_reports_the_limits(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli.commands import app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_report.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (folder / "b_crowd.txt").write_text(many_entities(3000), encoding="utf-8")  # about 10 s of analysis
    db = tmp_path / "d.db"
    result = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "--time-budget", "1", "--no-link"])
    assert result.exit_code == 1, result.output
    assert "1 analysed" in result.output and "1 failed" in result.output
    assert "b_crowd.txt" in result.output and "1 s time budget" in result.output
    assert "limits: documents up to 20 MB, sentences split past 2000 characters, 1 s of analysis" in result.output
    with Store.open(db) as store:
        assert [a.name for a in store.articles()] == ["a_report"]


# ------------------------------------------------------------------ crash safety: SIGKILL at random points

CRASH_ACTORS = ["Russia", "Ukraine", "Turkey", "the United Nations", "Germany", "Iran", "Israel", "Egypt"]
CRASH_PLACES = ["Geneva", "Ankara", "Cairo", "Vienna", "Doha", "Oslo"]
CRASH_WIRE = [
    "The talks were the first direct contact between the two sides since the ceasefire collapsed in the spring.",
    "Diplomats said a draft agreement on prisoner exchanges could be signed before the end of the month.",
    "The United Nations has urged both governments to reopen the border crossings to aid convoys.",
]


def crash_corpus(folder: Path, count: int) -> None:
    """Reports with shared wire sentences (so the link stage has work), and one unreadable file."""
    folder.mkdir()
    for index in range(count):
        first, second = CRASH_ACTORS[index % 8], CRASH_ACTORS[(index * 3 + 1) % 8]
        place = CRASH_PLACES[index % 6]
        (folder / f"r{index:03}.txt").write_text(
            f"Talks in {place}, round {index}\n\nPosted March {index % 28 + 1}, 2022\n\n"
            f"Officials from {first} met envoys from {second} in {place} on day {index} of the talks. "
            f"{CRASH_WIRE[index % 3]}\n\n"
            f'"We want a lasting agreement," a spokesman for {first} told reporters after meeting number {index}.\n',
            encoding="utf-8",
        )
    (folder / "unreadable.txt").write_bytes(b"\x00\x01\x02" * 50)


def export_everything(db: Path) -> dict[str, list[str]]:
    with Store.open(db, read_only=True) as store:
        exported = {
            kind: [json.dumps(record, sort_keys=True) for record in store.iter_records(kind)]
            for kind in ("articles", "mentions", "quotes", "events", "stances", "links")
        }
        exported["errors"] = sorted({f"{row['source']}: {row['problem']}" for row in store.iter_records("errors")})
    return exported


def is_migrated(db: Path) -> bool:
    if not db.exists():
        return False
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles'").fetchone()[0] == 1


def records_per_article(db: Path) -> dict[str, tuple[int, ...]]:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {
            row[0]: tuple(row[1:])
            for row in connection.execute(
                "SELECT a.id, (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id),"
                " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id),"
                " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id),"
                " (SELECT COUNT(*) FROM stances s WHERE s.article_id = a.id) FROM articles a"
            )
        }
        duplicated = connection.execute(
            "SELECT COUNT(*) FROM (SELECT article_id, seq FROM mentions GROUP BY article_id, seq HAVING COUNT(*) > 1)"
        ).fetchone()[0]
    assert duplicated == 0
    return counts


KILLED_RUN = (
    "import random, sys, time\n"
    "from dossier.pipeline import run, RunOptions\n"
    "from dossier.store.database import Store\n"
    "pause = random.Random(int(sys.argv[3]))\n"
    "def done(source):\n"
    "    print('done', flush=True)\n"
    "    time.sleep(pause.uniform(0, 0.02))\n"
    "with Store.open(sys.argv[2]) as store:\n"
    "    run([sys.argv[1]], store, RunOptions(batch_size=4), on_progress=done)\n"
    "print('finished', flush=True)\n"
)


@pytest.mark.model
@pytest.mark.slow
def test_an_ingest_killed_at_random_points_resumes_to_the_result_of_an_uninterrupted_run(tmp_path: Path) -> None:
    seed = int(os.environ.get("DOSSIER_CRASH_SEED", time.time_ns() % 100_000))
    chance = random.Random(seed)
    folder = tmp_path / "in"
    crash_corpus(folder, 30)
    reference = tmp_path / "reference.db"
    whole = subprocess.run(
        [sys.executable, "-m", "dossier", "run", str(folder), "--db", str(reference), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert whole.returncode == 1 and "unreadable.txt" in whole.stdout, whole.stdout + whole.stderr

    db = tmp_path / "killed.db"
    expected = records_per_article(reference)
    kept: dict[str, tuple[int, ...]] = {}
    kills = 0
    for attempt in range(5):
        process = subprocess.Popen(
            [sys.executable, "-c", KILLED_RUN, str(folder), str(db), str(seed + attempt)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        # Kill after a random number of stored documents plus a random pause, so that kills land
        # between documents, inside a store transaction, in the parser, or in the link stage.
        for _ in range(chance.randint(0, 8)):
            if process.stdout.readline() in ("", "finished\n"):
                break
        time.sleep(chance.uniform(0, 0.5))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
        if not is_migrated(db):
            continue  # killed before its schema was committed (migrations run in one transaction): nothing stored
        now = records_per_article(db)
        assert set(kept) <= set(now), f"committed articles lost after kill {attempt} (seed {seed})"
        for article_id, counts in now.items():
            assert counts == expected[article_id], f"partial article {article_id} (seed {seed})"
        kept = now
    assert kills >= 3, f"the runs finished before they could be killed (seed {seed})"

    final = subprocess.run(
        [sys.executable, "-m", "dossier", "run", str(folder), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert final.returncode == 1, final.stdout + final.stderr
    assert records_per_article(db) == expected
    assert export_everything(db) == export_everything(reference), f"seed {seed}"
