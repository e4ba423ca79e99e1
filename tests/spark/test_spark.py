"""The Spark job: on local[2], the same records as `dossier run` + `dossier export` for the same input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dossier.cli.commands import app
from dossier.errors import DossierError
from dossier.export.writers import flatten
from dossier.spark.job import TABLES, SparkOptions, base_columns, format_of, run_spark_job, table_schema
from tests.conftest import REPO, REPORT_HTML, REPORT_TEXT, SEEDS, warc_bytes
from tests.test_reliability import many_entities

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 or later: no `java` on PATH"),
]

REPORTS = [
    {
        "id": "nairobi-grain",
        "title": "Kenya and Tanzania agree to reopen border crossings",
        "url": "https://eastafrica.example/2023/05/02/border",
        "outlet": "East Africa Desk",
        "published": "2023-05-02",
        "text": (
            "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Nairobi on Tuesday "
            "to discuss trade across their shared border.\n\n"
            '"Our traders have waited too long," Ruto told reporters after the meeting. '
            "Hassan said Tanzania would remove two checkpoints on the highway before the end of June.\n\n"
            "The African Union welcomed the agreement and urged both governments to publish its terms."
        ),
    },
    {
        "id": "lima-protest",
        "title": "Peru rejects Chilean proposal on fishing quotas",
        "published": "2023-06-14",
        "text": (
            "Peru on Wednesday rejected a proposal from Chile to cut fishing quotas in the Pacific, "
            "saying it would hurt coastal communities.\n\n"
            "Peruvian Foreign Minister Ana Cecilia Gervasi accused Santiago of ignoring scientific advice. "
            '"We will not accept a deal written in another capital," she said in a statement.\n\n'
            "Chile's government said it remained open to talks."
        ),
    },
    {
        "title": "UN envoy calls for ceasefire talks",
        "text": (
            "The United Nations envoy for Yemen called on Thursday for both sides to return to talks in Geneva.\n\n"
            "Saudi Arabia said it supported the call, while Houthi officials in Sanaa rejected it, "
            "according to a statement carried by their television channel."
        ),
    },
    {
        "id": "berlin-energy",
        "published": "March 3, 2022",
        "text": (
            "Germany will halt the approval of a gas pipeline from Russia, Chancellor Olaf Scholz said on Tuesday.\n\n"
            "Moscow condemned the decision and warned that Europe would pay more for energy. "
            '"This is a mistake that German households will regret," Kremlin spokesman Dmitry Peskov told reporters.'
        ),
    },
]


# Another outlet's rewrite of the first report, a day later: one sentence copied, others reworded.
REWRITE = {
    "id": "coastline-border",
    "title": "Kenya, Tanzania to reopen crossings",
    "outlet": "Coastline Post",
    "published": "2023-05-03",
    "text": (
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Nairobi on Tuesday "
        "to talk about trade across their common border.\n\n"
        "Hassan said Tanzania would remove two checkpoints on the highway before the end of June.\n\n"
        "Business groups in Mombasa said the decision would cut the cost of moving goods inland."
    ),
}


# Small and quiet: two local cores, no web UI, few shuffle partitions, a modest driver.
LOCAL = SparkOptions(
    master="local[2]",
    partitions=2,
    conf=(
        ("spark.ui.enabled", "false"),
        ("spark.ui.showConsoleProgress", "false"),
        ("spark.sql.shuffle.partitions", "2"),
        ("spark.driver.memory", "1g"),
    ),
)
# The same settings as flags of `dossier spark`.
LOCAL_FLAGS = [
    "--master",
    LOCAL.master or "",
    "--partitions",
    str(LOCAL.partitions),
    *[flag for key, value in LOCAL.conf for flag in ("--conf", f"{key}={value}")],
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four JSONL reports, one of them twice, a malformed line, and a WARC with one page."""
    folder = tmp_path_factory.mktemp("spark-corpus")
    lines = [json.dumps(report) for report in [*REPORTS, REWRITE]]
    lines.insert(2, lines[0])  # the same article again: stored once
    lines.append('{"text": "A line cut short')
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "crawl.warc").write_bytes(warc_bytes([("https://worlddesk.example/talks", REPORT_HTML)]))
    return folder


@pytest.fixture(scope="module")
def spark_tables(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("spark-out") / "tables"
    report = run_spark_job([str(corpus)], str(output), LOCAL)
    assert report.counts["articles"] == 6
    return output


@pytest.fixture(scope="module")
def local_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.db"
    result = CliRunner().invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 1, result.output  # the malformed line is a failed document
    return db


def _comparable(record: dict[str, Any]) -> str:
    """A flat record without empty columns, without `source` (path:line locally, the file URI in Spark)
    and without `at` (when the local store recorded an error)."""
    kept = {k: v for k, v in flatten(record).items() if v is not None and k not in ("source", "at")}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


def _spark_records(tables: Path, kind: str) -> list[str]:
    import pyarrow.parquet as pq

    return sorted(_comparable(row) for row in pq.read_table(tables / kind).to_pylist())


def _local_records(db: Path, kind: str) -> list[str]:
    exported = CliRunner().invoke(app, ["export", kind, "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    return sorted(_comparable(json.loads(line)) for line in exported.output.splitlines())


@pytest.mark.parametrize("kind", ["articles", "actors", "mentions", "quotes", "events", "stances", "links"])
def test_each_table_holds_the_records_of_the_local_run(spark_tables: Path, local_db: Path, kind: str) -> None:
    assert _spark_records(spark_tables, kind) == _local_records(local_db, kind)


def test_events_carry_the_merged_events_of_the_local_run(spark_tables: Path, local_db: Path) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(spark_tables / "events")
    local = json.loads(CliRunner().invoke(app, ["export", "events", "--db", str(local_db)]).output.splitlines()[0])
    merged = [f"merged_event.{key}" for key in local["merged_event"]]
    assert [name for name in table.column_names if name.startswith("merged_event.")] == merged
    assert table.num_rows > 0
    assert all(value is not None for name in merged for value in table.column(name).to_pylist())


def test_links_of_every_kind_are_those_of_the_local_run(spark_tables: Path) -> None:
    import pyarrow.parquet as pq

    spark_links = [json.loads(link) for link in _spark_records(spark_tables, "links")]
    by_level = sorted((link["detail.level"], link["kind"]) for link in spark_links)
    assert by_level == [("sentence", "exact"), ("sentence", "rewording"), ("story", "same_story")]
    names = {row["id"]: row["name"] for row in pq.read_table(spark_tables / "articles").to_pylist()}
    story = next(link for link in spark_links if link["kind"] == "same_story")
    assert (names[story["a"]], names[story["b"]]) == ("nairobi-grain", "coastline-border")  # the rewrite came later


def test_the_articles_are_the_four_reports_and_the_web_page(spark_tables: Path) -> None:
    import pyarrow.parquet as pq

    titles = set(pq.read_table(spark_tables / "articles").column("title").to_pylist())
    assert titles == {report["title"] for report in [*REPORTS, REWRITE] if "title" in report} | {
        "Talks resume in Geneva",
        "Germany will halt the approval of a gas pipeline from Russia, Chancellor Olaf Scholz said on Tuesday.",
    }


def test_a_malformed_line_is_an_error_row_naming_its_file(spark_tables: Path, local_db: Path) -> None:
    import pyarrow.parquet as pq

    errors = pq.read_table(spark_tables / "errors").to_pylist()
    assert len(errors) == 1
    assert errors[0]["source"].endswith("reports.jsonl")
    assert "malformed JSON" in errors[0]["problem"] and "A line cut short" in errors[0]["problem"]
    # The local run names the line by its number, Spark quotes its start instead; the JSON decoder's
    # own words differ too, since Spark's text reader hands over the line without its line break.
    (local,) = [json.loads(line) for line in _local_records(local_db, "errors")]
    assert local["problem"].startswith("malformed JSON")


def test_tables_already_there_are_kept_unless_overwrite_is_asked(corpus: Path, spark_tables: Path) -> None:
    with pytest.raises(DossierError, match="--overwrite"):
        run_spark_job([str(corpus)], str(spark_tables), LOCAL)


def test_every_table_has_its_record_columns_even_when_empty(spark_tables: Path) -> None:
    import pyarrow.parquet as pq

    for table in TABLES:
        columns = pq.read_schema(next((spark_tables / table).glob("*.parquet"))).names
        assert [name for name, _ in base_columns(table)] == columns[: len(base_columns(table))]


def test_the_schema_widens_numbers_and_adds_columns_the_data_has() -> None:
    schema = table_schema("events", {"goldstein": {"int", "float"}, "plover.event_type": {"str"}})
    assert schema["goldstein"].dataType.typeName() == "double"
    assert schema["source.code"].dataType.typeName() == "string"
    assert schema.fieldNames()[-1] == "plover.event_type"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("s3a://crawl/2024/part-00001.warc.gz", "warc"),
        ("hdfs:///news/day.jsonl", "jsonl"),
        ("s3a://news/2024-01-01.jsonl.gz", "jsonl"),
        ("file:/data/report.html", "html"),
        ("gs://bucket/notes.txt", "text"),
        ("hdfs:///news/export.bin", "sniff"),
    ],
)
def test_format_of_a_uri_follows_its_suffix(name: str, fmt: str) -> None:
    assert format_of(name) == fmt


def test_dossier_spark_on_the_seeds_writes_every_table_of_dossier_run(tmp_path: Path) -> None:
    output = tmp_path / "tables"
    result = CliRunner().invoke(app, ["spark", str(SEEDS), "--output", str(output), *LOCAL_FLAGS])
    assert result.exit_code == 0, result.output
    assert "wrote 2 articles" in result.output
    db = tmp_path / "local.db"
    ran = CliRunner().invoke(app, ["run", str(SEEDS), "--db", str(db), "--quiet"])
    assert ran.exit_code == 0, ran.output
    for kind in TABLES:
        assert _spark_records(output, kind) == _local_records(db, kind), kind
    events = [json.loads(event) for event in _spark_records(output, "events")]
    assert all(event["merged_event.id"] for event in events)
    assert any(event["merged_event.mentions"] > 1 for event in events)  # one event told twice in a report
    links = [json.loads(link) for link in _spark_records(output, "links")]
    assert "same_event" in {link["kind"] for link in links}  # so the comparison above covered merged events


def test_a_document_over_the_time_budget_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_report.txt").write_text(REPORT_TEXT, encoding="utf-8")
    # Measured on one core: the report takes about 0.003 s of analysis, the crowd about 1 s.
    (folder / "b_crowd.txt").write_text(many_entities(3000), encoding="utf-8")
    output = tmp_path / "tables"
    flags = ["--output", str(output), "--time-budget", "0.2", *LOCAL_FLAGS]
    result = CliRunner().invoke(app, ["spark", str(folder), *flags])
    assert result.exit_code == 1, result.output  # a failed document, listed in the errors table
    assert "wrote 1 articles" in result.output and "1 errors" in result.output
    import pyarrow.parquet as pq

    assert pq.read_table(output / "articles").column("name").to_pylist() == ["a_report"]
    (error,) = pq.read_table(output / "errors").to_pylist()
    assert error["source"].endswith("b_crowd.txt")
    assert "over the 0.2 s time budget" in error["problem"], error


def test_the_spark_package_does_not_import_the_cli() -> None:
    check = "import sys, dossier.spark; print(sorted(m for m in sys.modules if m.startswith('dossier.cli')))"
    found = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": "src"},
    )
    assert found.stdout.strip() == "[]"


def test_the_spark_submit_entry_point_is_the_spark_command() -> None:
    entry = REPO / "src" / "dossier" / "cli" / "spark_submit.py"
    shown = subprocess.run(
        [sys.executable, str(entry), "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": "src", "COLUMNS": "200"},
    )
    assert "Usage: dossier spark [OPTIONS]" in shown.stdout and "--output" in shown.stdout
