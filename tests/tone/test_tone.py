"""The tone stage: word pieces, cue lexicon, target-dependent tone, storage, export, API and aggregates."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from dossier.errors import DataFileError
from dossier.export.event_formats import GDELT_COLUMNS, write_gdelt
from dossier.export.writers import export
from dossier.records import ActorRef, Article, ArticleAnalysis, Mention, Tone
from dossier.store.database import Store
from dossier.store.schema import MIGRATIONS, split_sql
from dossier.tone.aggregate import article_tone, events_with_tone, period_start, tone_by_period
from dossier.tone.classifier import ToneClassifier, load_classifier
from dossier.tone.embeddings import TONE_DIMS, StaticEmbeddings, embed_word_vectors
from dossier.tone.lexicon import load_cues
from tests.serve.serve_fixtures import QUOTAS, TALKS, analyses

# ------------------------------------------------------------------ knowledge


def test_word_pieces_split_longest_first_and_unknown_words_map_to_unk() -> None:
    vocab = ("[UNK]", "sanction", "##s", "##ed", "put", "##in")
    table = StaticEmbeddings(vocab, np.eye(len(vocab), dtype=np.float32))
    assert table.pieces("Sanctions") == ("sanction", "##s")
    assert table.pieces("Pútin") == ("put", "##in")
    assert table.pieces("zebra") == ("[UNK]",)
    assert table.vector("zebra") is None
    assert np.allclose(table.vector("sanctioned"), (np.eye(6)[1] + np.eye(6)[3]) / 2)


def test_words_found_by_their_spacy_hash_are_rows_of_one_table_that_starts_afresh_past_its_limit() -> None:
    from spacy.strings import StringStore

    table = StaticEmbeddings(("[UNK]", "sanction", "##s"), np.eye(3, dtype=np.float32))
    strings = StringStore(["Sanctions", "zebra"])
    rows = table.rows_by_hash([strings["Sanctions"], strings["zebra"], strings["Sanctions"]], strings)
    assert rows[1] == 0 and rows[0] == rows[2] != 0  # row 0: zeros, for a word with no known piece
    assert table.words.matrix[rows[0]].tolist() == table.vector("Sanctions").tolist()
    assert not table.words.matrix[0].any()
    table.words.trim(limit=1)
    assert table.words.used == 1 and not table.words.rows


def test_tone_reads_the_leading_dimensions_of_the_shared_embed_table_and_ships_none_of_its_own() -> None:
    import dossier.tone
    from dossier.embed.static import load_model

    shared, vectors = load_model(), embed_word_vectors()
    assert vectors.vocab == shared.vocab and vectors.dims == TONE_DIMS
    pieces = list(shared.pieces("sanctioned"))
    assert len(pieces) >= 1
    assert np.allclose(vectors.vector("sanctioned"), shared.rows(np.array(pieces))[:, :TONE_DIMS].mean(axis=0))
    assert not list((Path(dossier.tone.__file__).parent / "data").glob("*static*"))


def test_a_classifier_with_a_hidden_layer_separates_what_a_linear_one_cannot_and_survives_saving(
    tmp_path: Path,
) -> None:
    # Positive when the two features differ (either way), neutral when they agree: not linearly separable.
    model = ToneClassifier(
        mean=np.zeros(2, dtype=np.float32),
        scale=np.ones(2, dtype=np.float32),
        weights=np.array([[0.0, 0.0, 2.0], [0.0, 0.0, 2.0]], dtype=np.float32),
        bias=np.array([0.0, 1.0, 0.0], dtype=np.float32),
        hidden_weights=np.array([[1.0, -1.0], [-1.0, 1.0]], dtype=np.float32),
        hidden_bias=np.zeros(2, dtype=np.float32),
    )
    rows = np.array([[2.0, 0.0], [0.0, 2.0], [0.0, 0.0], [2.0, 2.0]], dtype=np.float32)
    assert model.probabilities(rows).argmax(axis=1).tolist() == [2, 2, 1, 1]
    model.save(tmp_path / "mlp.npz")
    assert np.allclose(load_classifier(tmp_path / "mlp.npz").probabilities(rows), model.probabilities(rows))


def test_cue_lexicon_rejects_a_score_outside_its_range_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "cues.tsv"
    bad.write_text("# cues\nword\tscore\npraise\t1\nawful\t-3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"cues.tsv:4: score -3.0 is outside"):
        load_cues(bad)
    assert load_cues()["condemned"] < 0 < load_cues()["praised"]


# ------------------------------------------------------------------ aggregates


def test_article_tone_is_gdelts_percent_positive_minus_percent_negative() -> None:
    cues = {"praised": 1.0, "attacked": -1.0, "failed": -0.5}
    assert article_tone("Critics attacked the plan, which failed; Moon praised it.", cues) == pytest.approx(
        100 * (1 - 2) / 9, abs=1e-3
    )
    assert article_tone("", cues) == 0.0


def test_periods_start_on_the_day_the_monday_and_the_first_of_the_month() -> None:
    day = date(2017, 9, 10)  # a Sunday
    assert [period_start(day, p) for p in ("day", "week", "month")] == ["2017-09-10", "2017-09-04", "2017-09-01"]
    with pytest.raises(ValueError, match="choose one of day, week, month"):
        period_start(day, "year")


# ------------------------------------------------------------------ store, export, API


def with_tones() -> list[ArticleAnalysis]:
    """The serving fixtures' two reports, whose hand-made records include tones."""
    return analyses()


@pytest.fixture
def tone_db(tmp_path: Path) -> Path:
    path = tmp_path / "tones.db"
    with Store.open(path) as store:
        for analysis in with_tones():
            store.save_analysis(analysis)
    return path


def test_tones_are_stored_exported_and_replaced_with_their_article(tone_db: Path, tmp_path: Path) -> None:
    with Store.open(tone_db) as store:
        records = list(store.iter_records("tones"))
        assert [(r["actor"]["name"], r["polarity"], r["score"]) for r in records] == [
            ("Russia", "negative", -0.8),
            ("Sergei Lavrov", "neutral", 0.0),
            ("Norway", "positive", 0.9),
            ("Sergei Lavrov", "positive", 0.6),
        ]
        assert QUOTAS.text[records[0]["start"] : records[0]["end"]] == "Russia"
        assert export(store, "tones", "csv", tmp_path / "tones.csv") == 4
        assert (tmp_path / "tones.csv").read_text(encoding="utf-8").startswith("article_id,actor.code,actor.name")
        store.save_analysis(replace(with_tones()[1], tones=()))
        assert list(store.iter_records("tones", TALKS.id)) == []
        assert store.counts()["tones"] == 3


def test_tone_page_filters_by_actor_and_publication_date(tone_db: Path) -> None:
    with Store.open(tone_db, read_only=True) as store:
        items, total = store.tone_page(actor="RUSGOV")
        assert total == 2 and {i["article_id"] for i in items} == {QUOTAS.id, TALKS.id}
        items, total = store.tone_page(actor="lavrov", since="2021-03-05")
        assert total == 1 and items[0]["published"] == "2021-03-09"
        assert store.tone_page(until="2021-03")[1] == 4
        assert store.tone_page(actor="50%_")[1] == 0


def test_tone_by_period_averages_per_month_and_per_outlet(tone_db: Path) -> None:
    with Store.open(tone_db, read_only=True) as store:
        rows = tone_by_period(store, "RUSGOV", "month")
        assert rows == [
            {"period": "2021-03-01", "mentions": 2, "mean_score": 0.3, "negative": 0, "neutral": 1, "positive": 1}
        ]
        weekly = tone_by_period(store, "Sergei Lavrov", "week", by_outlet=True)
        assert [(r["period"], r["outlet"], r["mentions"]) for r in weekly] == [
            ("2021-03-01", None, 1),
            ("2021-03-08", None, 1),
        ]


def test_tone_toward_one_actor_is_read_through_an_index_not_a_scan_of_every_tone(tone_db: Path) -> None:
    with Store.open(tone_db, read_only=True) as store:
        executed: list[str] = []
        store.connection.set_trace_callback(executed.append)
        by_code = store.tones_toward("RUSGOV")
        store.connection.set_trace_callback(None)
        query = next(sql for sql in executed if "FROM tones t" in sql)
        plan = " ".join(str(row[-1]) for row in store.connection.execute(f"EXPLAIN QUERY PLAN {query}"))
        assert "SEARCH t USING INDEX tones_actor" in plan and "SCAN t " not in f"{plan} "
        assert len(by_code) == 2 and {published[:7] for _, _, published, _ in by_code} == {"2021-03"}


def test_tone_toward_an_actor_follows_the_filter_rule_of_every_actor_filter(tone_db: Path) -> None:
    with Store.open(tone_db, read_only=True) as store:
        assert len(store.tones_toward("Sergei Lavrov")) == 2
        assert len(store.tones_toward("lavrov")) == 2  # the start of a word in the name
        assert len(store.tones_toward("RUS")) == 3  # a code prefix: Russia (RUS) and RUSGOV twice
        assert store.tones_toward("avrov") == [] and store.tones_toward("USA") == []
        assert [row["mentions"] for row in tone_by_period(store, "Lavrov", "month")] == [2]


def test_an_older_database_gains_the_tones_table_on_open(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    connection = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        for statement in split_sql(script):
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 2")
    connection.commit()
    connection.close()
    with Store.open(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        store.save_analysis(with_tones()[1])
        assert store.counts()["tones"] == 1


def test_gdelt_rows_carry_the_articles_tone_and_events_the_tone_toward_their_target(tone_db: Path) -> None:
    with Store.open(tone_db, read_only=True) as store:
        events = list(events_with_tone(store, store.iter_records("events")))
    praised = next(e for e in events if e["code"] == "051")  # the EU praised Norway
    assert praised["target_tone"] == 0.9
    assert praised["avg_tone"] == article_tone(QUOTAS.text, load_cues()) and praised["avg_tone"] != 0
    out = io.StringIO()
    write_gdelt([praised], out)
    row = dict(zip(GDELT_COLUMNS, out.getvalue().rstrip("\n").split("\t"), strict=True))
    assert float(row["AvgTone"]) == praised["avg_tone"]


def test_api_lists_tones_by_actor_and_date_and_over_time(tone_db: Path) -> None:
    from fastapi.testclient import TestClient

    from dossier.serve.app import create_app

    with TestClient(create_app(tone_db, read_only=True)) as client:
        page = client.get("/api/tones", params={"actor": "RUS", "until": "2021-03-02"}).json()
        assert page["total"] == 2 and {i["actor"]["code"] for i in page["items"]} == {"RUS", "RUSGOV"}
        assert client.get("/api/tones", params={"since": "March"}).status_code == 422
        trend = client.get("/api/tones/over-time", params={"actor": "RUSGOV", "period": "day"}).json()
        assert [(r["period"], r["mean_score"]) for r in trend["rows"]] == [("2021-03-02", 0.0), ("2021-03-09", 0.6)]


def test_cli_prints_tone_by_week_and_outlet_and_exports_tones(tone_db: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli.commands import app

    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--db", str(tone_db), "--tone", "RUSGOV", "--by", "week", "--csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "period,mentions,mean_score,negative,neutral,positive",
        "2021-03-01,1,0.0,0,1,0",
        "2021-03-08,1,0.6,0,0,1",
    ]
    exported = runner.invoke(app, ["export", "tones", "--db", str(tone_db)])
    assert exported.exit_code == 0 and len(exported.output.splitlines()) == 4


# ------------------------------------------------------------------ the stage on real text


@pytest.fixture(scope="module")
def tone_data():
    from dossier.tone import load_tone_data

    return load_tone_data()


def tones_toward(parse, tone_data, text: str, *names: str) -> dict[str, Tone]:
    from dossier.tone import find_tones

    parsed = parse(text)
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(Mention(parsed.article.id, start, start + len(name), name, ActorRef(None, name)))
    return {t.actor.name: t for t in find_tones(parsed, mentions, (), data=tone_data)}


@pytest.mark.model
def test_tone_is_judged_toward_each_actor_with_the_cue_words_of_its_clause(parse, tone_data) -> None:
    found = tones_toward(
        parse, tone_data, "Critics condemned the senator for lying about the deal.", "Critics", "the senator"
    )
    assert found["the senator"].polarity == "negative" and found["the senator"].score < 0
    assert "condemned" in found["the senator"].cues
    praised = tones_toward(parse, tone_data, "The committee praised the mayor for her courage.", "the mayor")
    assert praised["the mayor"].polarity == "positive" and "praised" in praised["the mayor"].cues


@pytest.mark.model
def test_what_a_speaker_says_about_something_else_is_not_a_cue_toward_the_speaker(parse, tone_data) -> None:
    found = tones_toward(parse, tone_data, 'The minister said the plan was "a disaster" for farmers.', "The minister")
    assert "disaster" not in found["The minister"].cues


@pytest.mark.model
def test_a_sentence_with_no_mentions_gives_no_tones_and_offsets_point_at_the_mention(parse, tone_data) -> None:
    from dossier.tone import find_tones

    text = "Rain fell all day. Critics attacked Smith again."
    parsed = parse(text)
    assert find_tones(parsed, (), (), data=tone_data) == ()
    mention = Mention(parsed.article.id, text.index("Smith"), text.index("Smith") + 5, "Smith", ActorRef(None, "Smith"))
    (found,) = find_tones(parsed, (mention,), (), data=tone_data)
    assert text[found.start : found.end] == "Smith"
    assert text[found.sentence_start : found.sentence_end] == "Critics attacked Smith again."
    assert -1.0 <= found.score <= 1.0


# Seed reports, checked by hand (docs/tone.md lists every tone toward Putin, Moon, Trump, Abe and
# North Korea): the clear cases, by sentence and actor.
SEED_CLEAR_CASES = (
    ("punish North Korea over its recent nuclear tests", "North Korea", "negative"),
    ("sanctions to pressure North Korea to change", "North Korea", "negative"),
    ("President Donald Trump meets with Russian President Vladimir Putin at the G20", "Donald Trump", "neutral"),
    ("President Donald Trump meets with Russian President Vladimir Putin at the G20", "Vladimir Putin", "neutral"),
    ("Moon Jae-in with Vladimir Putin in Vladivostok on September 6", "Moon Jae-in", "neutral"),
    ("Moon Jae-in with Vladimir Putin in Vladivostok on September 6", "Vladimir Putin", "neutral"),
    ("Japanese Prime Minister Shinzo Abe and South Korean President Moon Jae-in spoke", "Shinzo Abe", "neutral"),
    ("Japanese Prime Minister Shinzo Abe and South Korean President Moon Jae-in spoke", "Moon Jae-in", "neutral"),
)


@pytest.mark.model
@pytest.mark.slow
def test_seed_reports_clear_cases_of_tone_toward_the_leaders_and_north_korea() -> None:
    from dossier.parse.model import ParsedArticle, load_model
    from dossier.pipeline import RunOptions, analyse
    from dossier.read.readers import read_articles
    from dossier.stages import load_stages
    from tests.conftest import SEEDS

    stages, nlp = load_stages(RunOptions()), load_model()
    judged: dict[tuple[str, str], set[str]] = {}
    for article in read_articles([str(SEEDS)]):
        assert isinstance(article, Article)
        analysis = analyse(ParsedArticle(article, nlp(article.text)), RunOptions(), stages)
        for found in analysis.tones:
            sentence = article.text[found.sentence_start : found.sentence_end]
            for phrase, name, _ in SEED_CLEAR_CASES:
                if phrase in sentence and found.actor.name == name:
                    judged.setdefault((phrase, name), set()).add(found.polarity)
    assert {(phrase, name): {polarity} for phrase, name, polarity in SEED_CLEAR_CASES} == judged


def test_the_mean_of_word_vectors_is_numpys_mean_bit_for_bit() -> None:
    vectors = embed_word_vectors()
    words = ["Putin", "rejected", "the", "sanctions", "as", "useless", "xqzv", "Kyiv"]
    known = [vectors.vector(word) for word in words]
    found = [vector for vector in known if vector is not None]
    mean = vectors.mean_of(known)
    assert mean.dtype == np.float32 and mean.tobytes() == np.mean(found, axis=0).tobytes()
    assert vectors.mean(words).tobytes() == mean.tobytes()
    assert not vectors.mean_of([None, None]).any() and vectors.mean_of([]).shape == (vectors.dims,)
