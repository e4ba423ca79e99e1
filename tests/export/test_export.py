"""Exports a researcher can trust: fixed columns per kind, typed Parquet, and files that read back as exported.

Each kind is written as JSONL, CSV and Parquet from one small hand-built
corpus, read back with pandas and DuckDB, and compared with the JSONL export
field by field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from dossier.errors import DossierError
from dossier.export.columns import KIND_FIELDS, csv_columns
from dossier.export.event_formats import GDELT_COLUMNS, ArticleFacts, lead_paragraph, write_gdelt
from dossier.export.writers import EXPORT_KINDS, export, flatten
from dossier.store.database import Store
from tests.export.export_fixtures import SUMMIT, build_corpus, protest, summit

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")

KINDS = tuple(kind for kind in EXPORT_KINDS if kind != "network")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("export") / "corpus.db")


def exported(database: Path, kind: str, fmt: str, folder: Path) -> Path:
    path = folder / f"{kind}.{fmt}"
    with Store.open(database, read_only=True) as store:
        export(store, kind, fmt, path)
    return path


def jsonl_records(database: Path, kind: str, folder: Path) -> list[dict[str, Any]]:
    text = exported(database, kind, "jsonl", folder).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


# ------------------------------------------------------------------ the defects, one by one


def test_csv_columns_come_from_the_schema_not_the_first_record(database: Path, tmp_path: Path) -> None:
    with exported(database, "quotes", "csv", tmp_path).open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert rows[0]["addressee.name"] == ""  # the first quote has no addressee
    assert (rows[1]["speaker.name"], rows[1]["addressee.name"]) == ("Moon Jae-in", "Vladimir Putin")
    with exported(database, "events", "csv", tmp_path).open(encoding="utf-8", newline="") as stream:
        places = [row["place.name"] for row in csv.DictReader(stream)]
    assert places == ["Vladivostok", "", "Seongju"]


def test_every_kind_has_a_header_even_when_nothing_is_stored(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        stream = io.StringIO()
        from dossier.export.writers import write_csv

        assert write_csv(store.iter_records("quotes"), stream, kind="quotes") == 0
    assert stream.getvalue().strip().split(",") == csv_columns("quotes")


def test_parquet_has_real_types_and_no_leftover_columns(database: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    schema = pq.read_schema(exported(database, "events", "parquet", tmp_path))
    assert [name for name in schema.names] == [field.name for field in KIND_FIELDS["events"]]
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("flags").type) == "list<element: string>"
    assert str(schema.field("place").type).startswith("struct<name: string, country: string, lat: double")
    table = pq.read_table(exported(database, "events", "parquet", tmp_path)).to_pylist()
    assert table[0]["place"]["name"] == "Vladivostok" and table[1]["place"] is None
    assert table[1]["flags"] == ["reported"] and table[1]["date"] == dt.date(2017, 9, 1)
    quotes = pq.read_table(exported(database, "quotes", "parquet", tmp_path)).to_pylist()
    assert [q["addressee"] and q["addressee"]["name"] for q in quotes] == [None, "Vladimir Putin"]
    errors = pq.read_table(exported(database, "errors", "parquet", tmp_path))
    assert str(errors.schema.field("at").type) == "timestamp[us, tz=UTC]"


def test_an_empty_parquet_export_still_has_the_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Store.open(tmp_path / "empty.db") as store:
        assert export(store, "stances", "parquet", tmp_path / "s.parquet") == 0
    assert pq.read_schema(tmp_path / "s.parquet").names == [field.name for field in KIND_FIELDS["stances"]]


# ------------------------------------------------------------------ round trips, every kind and format


def csv_cell(value: Any) -> str:
    """What a JSONL value is as CSV text (independently of the writer): lists JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def expected_csv(kind: str, record: dict[str, Any]) -> dict[str, str]:
    flat = flatten({key: value for key, value in record.items() if not isinstance(value, list)})
    cells = {column: csv_cell(flat.get(column)) for column in csv_columns(kind)}
    for key, value in record.items():
        if isinstance(value, list):
            cells[key] = csv_cell(value)
    if kind == "errors":
        cells["at"] = dt.datetime.fromtimestamp(record["at"], tz=dt.UTC).isoformat()
    if kind == "links":
        cells["detail"] = json.dumps(record["detail"], ensure_ascii=False)
    return cells


@pytest.mark.parametrize("kind", KINDS)
def test_csv_reads_back_as_the_jsonl_export_with_pandas_and_duckdb(kind: str, database: Path, tmp_path: Path) -> None:
    records = jsonl_records(database, kind, tmp_path)
    assert records, kind
    path = exported(database, kind, "csv", tmp_path)
    expected = [expected_csv(kind, record) for record in records]
    # Codes keep their leading zeros only when read as text: the README says so.
    by_pandas = pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")
    assert by_pandas == expected
    relation = duckdb.sql(f"SELECT * FROM read_csv('{path}', all_varchar = true, header = true)")
    by_duckdb = [{k: v or "" for k, v in zip(relation.columns, row, strict=True)} for row in relation.fetchall()]
    assert by_duckdb == expected


def typed(value: Any, name: str) -> Any:
    """A JSONL value as Parquet gives it back: dates as dates (a month as its first day), nested as nested."""
    if value is None:
        return None
    if name in ("published", "date", "valid_from", "valid_to"):
        parts = [int(part) for part in value.split("-")] + [1, 1]
        return dt.date(*parts[:3])
    if isinstance(value, dict):
        return {key: typed(item, key) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item, name) for item in value]
    return value


def expected_parquet(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    row = {field.name: typed(record.get(field.name), field.name) for field in KIND_FIELDS[kind]}
    if kind == "errors":
        row["at"] = dt.datetime.fromtimestamp(record["at"], tz=dt.UTC)
    if kind == "links":
        row["detail"] = json.dumps(record["detail"], ensure_ascii=False, sort_keys=True)
    if kind == "events" and record.get("plover") is None:
        row["plover"] = None
    return row


def plain(value: Any) -> Any:
    """pandas' and DuckDB's values as plain Python: arrays as lists, NaN and NaT as None, timestamps as datetimes."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value


@pytest.mark.parametrize("kind", KINDS)
def test_parquet_reads_back_as_the_jsonl_export_with_pandas_and_duckdb(
    kind: str, database: Path, tmp_path: Path
) -> None:
    records = jsonl_records(database, kind, tmp_path)
    path = exported(database, kind, "parquet", tmp_path)
    expected = [expected_parquet(kind, record) for record in records]
    frame = pd.read_parquet(path)
    assert list(frame.columns) == [field.name for field in KIND_FIELDS[kind]]
    by_pandas = [{key: plain(value) for key, value in row.items()} for row in frame.to_dict("records")]
    assert by_pandas == expected
    relation = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
    by_duckdb = [
        {key: plain(value) for key, value in zip(relation.columns, row, strict=True)} for row in relation.fetchall()
    ]
    assert by_duckdb == expected


# ------------------------------------------------------------------ GDELT


def gdelt_rows(database: Path, tmp_path: Path) -> list[dict[str, str]]:
    text = exported(database, "events", "gdelt", tmp_path).read_text(encoding="utf-8")
    return [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in text.splitlines()]


def test_gdelt_fills_is_root_event_date_added_actor_geography_and_source_url(database: Path, tmp_path: Path) -> None:
    meeting, condemning, removal = gdelt_rows(database, tmp_path)
    assert (meeting["IsRootEvent"], condemning["IsRootEvent"], removal["IsRootEvent"]) == ("1", "0", "1")
    assert meeting["SOURCEURL"] == "https://example.org/2017/09/07/summit"
    assert removal["SOURCEURL"] == protest().article.id  # no URL: the article id, to join the articles export
    assert len(meeting["DATEADDED"]) == 14 and meeting["DATEADDED"].startswith(str(dt.datetime.now(dt.UTC).year))
    assert (meeting["Actor1Geo_Type"], meeting["Actor1Geo_CountryCode"], meeting["Actor1Geo_FullName"]) == (
        "1",
        "RS",
        "Russia",
    )
    assert (meeting["Actor2Geo_CountryCode"], meeting["Actor2Geo_FullName"]) == ("KS", "South Korea")
    assert removal["Actor2Geo_Type"] == "" and condemning["Actor2Geo_Type"] == ""


def test_the_lead_is_the_first_paragraph_of_prose() -> None:
    start, end = lead_paragraph(SUMMIT)
    assert SUMMIT[start:end].startswith("Russian President Vladimir Putin met")
    assert SUMMIT[start:end].endswith("on Wednesday.")
    assert lead_paragraph("One line only") == (0, len("One line only"))


def test_gdelt_without_article_facts_keeps_the_article_id_and_leaves_the_root_flag_blank() -> None:
    record = {**summit().events[0].to_dict(), "merged_event": {}}
    stream = io.StringIO()
    write_gdelt([record], stream)
    row = dict(zip(GDELT_COLUMNS, stream.getvalue().rstrip("\n").split("\t"), strict=True))
    assert row["SOURCEURL"] == record["article_id"] and row["IsRootEvent"] == "" and row["DATEADDED"] == ""
    stream = io.StringIO()
    write_gdelt([record], stream, lambda _id: ArticleFacts.of(SUMMIT, None, 0.0))
    row = dict(zip(GDELT_COLUMNS, stream.getvalue().rstrip("\n").split("\t"), strict=True))
    assert (row["IsRootEvent"], row["DATEADDED"]) == ("1", "19700101000000")


@pytest.mark.parametrize(("kind", "fmt"), [("articles", "jsonl"), ("events", "parquet"), ("network", "graphml")])
@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_an_export_onto_the_database_itself_is_refused_and_the_database_kept(
    tmp_path: Path, kind: str, fmt: str, suffix: str
) -> None:
    path = build_corpus(tmp_path / "corpus.db")
    with Store.open(path) as store:
        before = store.counts()
        if not Path(f"{path}{suffix}").exists():
            pytest.skip("no -wal file left to aim at")
        with pytest.raises(DossierError, match="is the database being exported"):
            export(store, kind, fmt, f"{path}{suffix}")
    with Store.open(path, read_only=True) as store:
        assert store.counts() == before
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_patterns_only_leaves_out_the_events_the_learned_fallback_coded(database: Path, tmp_path: Path) -> None:
    with Store.open(database, read_only=True) as store:
        every = export(store, "events", "jsonl", tmp_path / "all.jsonl")
        patterns = export(store, "events", "jsonl", tmp_path / "patterns.jsonl", patterns_only=True)
        gdelt = export(store, "events", "gdelt", tmp_path / "patterns.tsv", patterns_only=True)
        edges = export(store, "network", "graphml", tmp_path / "all.graphml")
        pattern_edges = export(store, "network", "graphml", tmp_path / "patterns.graphml", patterns_only=True)
        with pytest.raises(DossierError, match="--patterns-only is for events"):
            export(store, "quotes", "jsonl", tmp_path / "quotes.jsonl", patterns_only=True)
    kept = [json.loads(line) for line in (tmp_path / "patterns.jsonl").read_text().splitlines()]
    assert (every, patterns) == (3, 2)
    assert (edges, pattern_edges) == (2, 1)  # the police's learned act on the protesters is no edge
    assert {event["coder"] for event in kept} == {"pattern"}
    assert "Seongju" not in (tmp_path / "patterns.tsv").read_text() and gdelt <= patterns
