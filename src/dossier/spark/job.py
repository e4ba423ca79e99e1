"""Cluster scale: the same per-article pipeline under PySpark, written as Parquet tables.

The job reads JSONL (split by line, so one large file spreads over many
tasks), WARC, HTML, RSS/Atom and plain-text files from local paths or any
Hadoop-compatible URI (hdfs://, s3a://, gs://, abfs://). Every record goes
through the readers of `dossier.read` and articles are de-duplicated by id,
the first read kept (as the local store does). Each partition then runs the
per-document loop of `dossier run`: `parse_articles_or_fail`, then
`pipeline.analyse_or_fail` under the run's time budget, so a document that
fails (a parser error, a stage error, the budget) becomes a row of `errors`
and the rest go on. One spaCy model per Python worker is loaded once and
reused for every task it runs.

Provenance is computed on the driver (`dossier.spark.provenance`): each
analysed article and its events are collected in the order `dossier run`
would have read them and fed to the link stage and the event merger through
a temporary store, so links of every kind and merged events are those of a
local run. Results are written as one Parquet folder per table, with the
columns of `dossier export KIND --format parquet` (nested fields flattened to
dotted names by `export.flatten`):

    OUTPUT/articles  OUTPUT/actors   OUTPUT/mentions  OUTPUT/quotes
    OUTPUT/events    OUTPUT/stances  OUTPUT/links     OUTPUT/errors

Where the local CLI names a JSONL record by `path:line`, Spark names it by
its file URI: a file split over several tasks has no line numbers.

See docs/scale.md for spark-submit, packaging the model and sizing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import unquote

from dossier.errors import DossierError, ReadError
from dossier.export.writers import flatten
from dossier.parse.model import ParseOptions, parse_articles_or_fail
from dossier.pipeline import RunOptions, analyse_or_fail, warm_up_stages
from dossier.read.readers import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
    ReadOptions,
    jsonl_record_to_article,
    read_bytes_safely,
)
from dossier.records import (
    ActorRef,
    Article,
    ArticleAnalysis,
    DocumentError,
    Event,
    Link,
    Mention,
    Quote,
    Stance,
    Tone,
)
from dossier.spark.provenance import needs_provenance, provenance_rows
from dossier.stages import load_stages
from dossier.store.database import actor_records
from dossier.tone.aggregate import article_tone, with_tone
from dossier.tone.lexicon import load_cues as load_tone_cues

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType, StructType

TABLES = ("articles", "actors", "mentions", "quotes", "events", "stances", "tones", "links", "errors")

# Partitions per core when the job picks the count: several tasks per core
# even out articles of unequal length (a slow task does not hold the stage).
PARTITIONS_PER_CORE = 3

# The `merged_event` of `dossier export events` for a run that merges no events (RunOptions.merge_events
# and .link both off): all None, as the local export gives an event not merged.
UNMERGED_EVENT: dict[str, Any] = {
    "id": None,
    "reports": None,
    "mentions": None,
    "sources": None,
    "independent_sources": None,
    "first_article": None,
}
MERGED_EVENT_COLUMNS = [
    ("merged_event.id", "str"),
    ("merged_event.reports", "int"),
    ("merged_event.mentions", "int"),
    ("merged_event.sources", "int"),
    ("merged_event.independent_sources", "int"),
    ("merged_event.first_article", "str"),
]

# Characters of a bad JSONL line quoted in its error, so it can be found.
ERROR_EXCERPT_CHARS = 60

# Where a record was read, so the driver can put articles in the order `dossier run` reads them:
# (rank of its file among the inputs, byte offset of the file's split, position in the task's input).
ReadOrder = tuple[int, int, int]

# The rows an analysis gives: (table, flat record) for the tables written from the executors, and
# (PROVENANCE, (read order, (article, events))) for the driver's link stage and event merger.
PROVENANCE = "provenance"


@dataclass(frozen=True)
class SparkOptions:
    """Everything that shapes one Spark job; results never live here.

    `run` is the pipeline's own options, held whole, as `dossier run` takes
    them (model, batch size, limits, time budget, issues file, linking); the
    rest is Spark's. A Spark task parses with one process, so `run.n_process`
    is not used, nor `run.reanalyse` (every job starts from nothing).

    Example:
        >>> options = SparkOptions(RunOptions(time_budget_seconds=30), master="local[4]")
        >>> options.run.time_budget_seconds, options.master
        (30, 'local[4]')
    """

    run: RunOptions = field(default_factory=RunOptions)
    partitions: int | None = None  # None: PARTITIONS_PER_CORE per core, or the input's own if more
    master: str | None = None  # None: spark-submit's, else local[*]
    overwrite: bool = False
    conf: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SparkReport:
    """What a job wrote: records per table, and how long it took."""

    output: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


# ====================================================================== driver


def run_spark_job(
    inputs: Iterable[str], output: str, options: SparkOptions | None = None, spark: SparkSession | None = None
) -> SparkReport:
    """Read, analyse and write every input as Parquet tables under `output`.

    Given no session, one is made from `options` and stopped at the end.

    Example:
        >>> report = run_spark_job(["crawl/"], "out/", SparkOptions(master="local[4]"))  # doctest: +SKIP
        >>> report.counts["events"]  # doctest: +SKIP
        1532
    """
    options = options or SparkOptions()
    started = time.perf_counter()
    own_session = spark is None
    session = spark or start_session(options)
    try:
        check_output(session, output, options.overwrite)
        analysed = analysed_rows(session, list(inputs), options)
        rows = table_rows(session, analysed, options)
        counts = write_tables(session, rows, output, options.overwrite)
        analysed.unpersist()
    except DossierError:
        raise
    except Exception as error:  # py4j wraps failures of the executors; keep their last line
        raise DossierError(f"the Spark job failed: {_last_line(error)}") from error
    finally:
        if own_session:
            session.stop()
    return SparkReport(output, counts, time.perf_counter() - started)


def _jvm(session: SparkSession) -> Any:
    """The driver's JVM view (py4j), where Hadoop's FileSystem lives."""
    jvm = session.sparkContext._jvm
    if jvm is None:
        raise DossierError("the Spark session has no JVM; was it stopped?")
    return jvm


def check_output(session: SparkSession, output: str, overwrite: bool) -> None:
    """Refuse to start when the tables exist already, unless told to replace them."""
    if overwrite:
        return
    folder = _jvm(session).org.apache.hadoop.fs.Path(output.rstrip("/") + "/articles")
    if folder.getFileSystem(session.sparkContext._jsc.hadoopConfiguration()).exists(folder):
        raise DossierError(f"{output} holds dossier tables already; pass --overwrite to replace them")


def _last_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    python_errors = [line for line in lines if "Error:" in line and not line.startswith("at ")]
    return (python_errors or lines or [type(error).__name__])[-1][:500]


def start_session(options: SparkOptions) -> SparkSession:
    """A SparkSession for the job; local runs use this Python (and its dossier) for the workers."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DossierError("pyspark is not installed; install it with `pip install 'dossier[spark]'`") from None
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if (options.master or "local").startswith("local") and not under_submit:
        # Workers must import dossier: in local mode they are this interpreter.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("dossier")
    if options.master:
        builder = builder.master(options.master)
    for key, value in options.conf:
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as error:  # py4j/JVM start-up failures arrive as many types
        raise DossierError(
            f"could not start Spark ({type(error).__name__}: {error}); is Java 17 or later installed (java -version)?"
        ) from None


def analysed_rows(session: SparkSession, inputs: list[str], options: SparkOptions) -> RDD:
    """The rows of every input's analysis (see PROVENANCE), persisted: tables and provenance are made from them.

    Persisted so that no document is analysed twice: a second analysis could end
    differently near the time budget, and the tables must agree with each other.
    """
    from pyspark import StorageLevel

    context = session.sparkContext
    files = list_input_files(session, inputs)
    if not files:
        raise DossierError(f"no input files under {', '.join(inputs)}")
    read_options = ReadOptions(options.run.max_document_bytes)
    ranks = {uri: rank for rank, (uri, _) in enumerate(files)}
    sources = []
    jsonl = [uri for uri, fmt in files if fmt == "jsonl"]
    if jsonl:
        lines = session.read.text(jsonl).selectExpr(
            "_metadata.file_path AS file", "_metadata.file_block_start AS block", "value"
        )
        sources.append(lines.rdd.mapPartitions(partial(read_jsonl_lines, ranks=ranks, options=read_options)))
    documents = [uri for uri, fmt in files if fmt != "jsonl"]
    if documents:
        formats = dict(files)
        blobs = context.binaryFiles(",".join(documents))
        sources.append(blobs.mapPartitions(partial(read_documents, formats=formats, ranks=ranks, options=read_options)))
    items = context.union(sources) if len(sources) > 1 else sources[0]

    partitions = options.partitions or max(context.defaultParallelism * PARTITIONS_PER_CORE, items.getNumPartitions())
    run_options = dataclasses.replace(options.run, issues_file=_ship_file(context, options.run.issues_file))
    unique = items.mapPartitions(_keyed).reduceByKey(_first_read, numPartitions=partitions).values()
    rows = unique.mapPartitions(partial(analyse_partition, options=run_options))
    return rows.persist(StorageLevel.MEMORY_AND_DISK)


def table_rows(session: SparkSession, analysed: RDD, options: SparkOptions) -> RDD:
    """(table, flat record) of every table: the executors' rows, then events and links from the driver."""
    rows = analysed.filter(_is_table_row)
    if not needs_provenance(options.run):
        return rows
    # In read order, partition by partition: the driver holds one partition's articles at a time.
    in_order: RDD[tuple[ReadOrder, tuple[Article, tuple[Event, ...], tuple[Tone, ...]]]] = (
        analysed.filter(_is_provenance_row).map(_provenance_pair).sortByKey()
    )
    found = provenance_rows((report for _, report in in_order.toLocalIterator()), options.run)
    slices = max(1, options.partitions or session.sparkContext.defaultParallelism)
    return rows.union(session.sparkContext.parallelize(found, slices))


def _is_table_row(row: tuple[str, Any]) -> bool:
    return row[0] != PROVENANCE


def _is_provenance_row(row: tuple[str, Any]) -> bool:
    return row[0] == PROVENANCE


def _provenance_pair(row: tuple[str, Any]) -> tuple[ReadOrder, tuple[Article, tuple[Event, ...], tuple[Tone, ...]]]:
    return cast(tuple[ReadOrder, tuple[Article, tuple[Event, ...], tuple[Tone, ...]]], row[1])


def list_input_files(session: SparkSession, inputs: list[str]) -> list[tuple[str, str]]:
    """(URI, format) of every file under the inputs, through Hadoop's FileSystem (globs allowed).

    In the order `dossier run` reads them: input by input, and the files of a
    folder sorted by their path in it; a file named twice is listed once.
    """
    jvm = _jvm(session)
    hadoop_conf = session.sparkContext._jsc.hadoopConfiguration()
    found: dict[str, str] = {}
    for given in inputs:
        pattern = jvm.org.apache.hadoop.fs.Path(given)
        filesystem = pattern.getFileSystem(hadoop_conf)
        statuses = filesystem.globStatus(pattern)
        if not statuses:
            raise DossierError(f"{given}: no such file or folder")
        for status in sorted(statuses, key=lambda status: status.getPath().toString()):
            if status.isFile():
                found.setdefault(status.getPath().toString(), format_of(status.getPath().toString()))
                continue
            listing = filesystem.listFiles(status.getPath(), True)
            under = status.getPath().toString().rstrip("/") + "/"
            inside: list[tuple[list[str], str]] = []
            while listing.hasNext():
                uri = listing.next().getPath().toString()
                parts = uri[len(under) :].split("/")
                # Hidden files and Hadoop's markers (_SUCCESS, .crc) are not input, as `dossier run` skips them.
                if not any(part.startswith((".", "_")) for part in parts):
                    inside.append((parts, uri))
            for _, uri in sorted(inside):
                found.setdefault(uri, format_of(uri))
    return list(found.items())


def format_of(name: str) -> str:
    """The reader a file goes to, by its suffix; "sniff" lets the reader look at its bytes.

    Example:
        >>> format_of("s3a://crawl/2024/part-0001.warc.gz")
        'warc'
    """
    suffixes = [s.lower() for s in Path(name.rsplit("/", 1)[-1]).suffixes]
    last = suffixes[-1] if suffixes else ""
    if last == ".gz" and len(suffixes) > 1 and suffixes[-2] in WARC_SUFFIXES | JSONL_SUFFIXES:
        last = suffixes[-2]  # Spark's text reader unzips .jsonl.gz; warcio reads .warc.gz
    for fmt, known in (
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if last in known:
            return fmt
    return "sniff"


def _ship_file(context: Any, path: str | None) -> str | None:
    """Send a driver-side file (the issues file) to every executor; its name there is kept."""
    if path is None:
        return None
    if not Path(path).is_file():
        raise DossierError(f"{path}: no such issues file")
    context.addFile(str(Path(path).resolve()))
    return "sparkfiles:" + Path(path).name


# ====================================================================== executors: reading


def read_jsonl_lines(
    lines: Iterable[Any], ranks: dict[str, int], options: ReadOptions
) -> Iterator[tuple[ReadOrder, Article | DocumentError]]:
    """Rows of (file, split offset, line) -> articles, or errors naming the file and the line's start."""
    for position, row in enumerate(lines):
        raw = row.value
        if not raw.strip():
            continue
        # Spark gives the file as a URI with %-escapes; the listing names it without.
        order = (ranks.get(row.file, ranks.get(unquote(row.file), len(ranks))), row.block or 0, position)
        if len(raw.encode("utf-8")) > options.max_document_bytes:
            limit_mb = options.max_document_bytes / (1024 * 1024)
            problem = f"a JSONL line is over the {limit_mb:g} MB limit (raise it with --max-doc-mb)"
            yield order, DocumentError(row.file, problem)
            continue
        try:
            yield order, jsonl_record_to_article(row.file, raw)
        except ReadError as error:
            yield order, DocumentError(error.source, f"{error.problem} in the line {raw[:ERROR_EXCERPT_CHARS]!r}")


def read_documents(
    blobs: Iterable[tuple[str, bytes]], formats: dict[str, str], ranks: dict[str, int], options: ReadOptions
) -> Iterator[tuple[ReadOrder, Article | DocumentError]]:
    """Whole files (WARC, HTML, text, feeds) -> articles, through `dossier.read.read_bytes_safely`."""
    for uri, data in blobs:
        fmt = formats.get(uri, "sniff")
        rank = ranks.get(uri, len(ranks))
        for position, item in enumerate(read_bytes_safely(uri, data, None if fmt == "sniff" else fmt, options)):
            yield (rank, 0, position), item


def _keyed(
    items: Iterable[tuple[ReadOrder, Article | DocumentError]],
) -> Iterator[tuple[Any, tuple[ReadOrder, Article | DocumentError]]]:
    """Articles keyed by id (duplicates meet in reduceByKey); each error keyed apart, so none is lost."""
    for order, item in items:
        yield (item.id if isinstance(item, Article) else ("error", order)), (order, item)


def _first_read(first: Any, second: Any) -> Any:
    """Of two copies of one article, the one read first, as the local store keeps the first it is given."""
    return first if first[0] <= second[0] else second


# ====================================================================== executors: analysis


def analyse_partition(
    items: Iterable[tuple[ReadOrder, Article | DocumentError]], options: RunOptions
) -> Iterator[tuple[str, Any]]:
    """One partition through the per-document loop of `dossier run`: rows of its tables and of provenance.

    Each article is parsed by `parse_articles_or_fail` and analysed by
    `pipeline.analyse_or_fail` within the time budget; a document either
    fails becomes an `errors` row and the partition goes on. The spaCy model
    is cached in the worker process (`load_model`), so a reused Python worker
    loads it once for all the tasks it runs.
    """
    options = dataclasses.replace(options, issues_file=_local_file(options.issues_file))
    parse_options = ParseOptions(options.model, options.batch_size, 1, options.max_sentence_chars)
    provenance = needs_provenance(options)
    read_errors: list[DocumentError] = []
    order_of: dict[str, ReadOrder] = {}

    def articles() -> Iterator[Article]:
        # Reader errors are set aside while the articles stream on to spaCy.
        for order, item in items:
            if isinstance(item, Article):
                order_of[item.id] = order
                yield item
            elif not item.problem.startswith("warning:"):
                read_errors.append(item)

    stages = load_stages(options)  # each stage's knowledge, loaded once for the partition
    warmed_up = False
    for parsed in parse_articles_or_fail(articles(), parse_options):
        if not warmed_up and options.time_budget_seconds:
            # As `dossier run` does: first-use loading is charged to no document's budget.
            warm_up_stages(parse_options, options, stages)
            warmed_up = True
        if isinstance(parsed, DocumentError):
            yield error_row(parsed)
            continue
        analysis = analyse_or_fail(parsed, options, stages)
        if isinstance(analysis, DocumentError):
            yield error_row(analysis)
            continue
        yield from analysis_rows(analysis, with_events=not provenance)
        if provenance:
            yield PROVENANCE, (order_of[analysis.article.id], (analysis.article, analysis.events, analysis.tones))
    for error in read_errors:
        yield error_row(error)


def _local_file(name: str | None) -> str | None:
    if name is None or not name.startswith("sparkfiles:"):
        return name
    from pyspark import SparkFiles

    return SparkFiles.get(name.removeprefix("sparkfiles:"))


def error_row(error: DocumentError) -> tuple[str, dict[str, Any]]:
    """An `errors` row, in text UTF-8 can hold (a file name with undecodable bytes arrives with surrogates)."""
    return "errors", {
        "source": error.source.encode("utf-8", "backslashreplace").decode("utf-8"),
        "problem": error.problem.encode("utf-8", "backslashreplace").decode("utf-8"),
    }


def analysis_rows(analysis: ArticleAnalysis, with_events: bool = True) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record of one analysed article as (table, flat record), as `dossier export` shapes them.

    Events are left out when the driver writes them with their merged events.
    """
    yield "articles", flatten(analysis.article.to_dict())
    for mention in analysis.mentions:
        yield "mentions", flatten(mention.to_dict())
    for actor in actor_rows(analysis.article.id, analysis.mentions):
        yield "actors", flatten(actor)
    for quote in analysis.quotes:
        yield "quotes", flatten(quote.to_dict())
    tones = [tone.to_dict() for tone in analysis.tones]
    if with_events:
        avg_tone = article_tone(analysis.article.text, load_tone_cues())
        for event in analysis.events:
            record = with_tone({**event.to_dict(), "merged_event": UNMERGED_EVENT}, avg_tone, tones)
            yield "events", flatten(record)
    for stance in analysis.stances:
        yield "stances", flatten(stance.to_dict())
    for tone in tones:
        yield "tones", flatten(tone)


def actor_rows(article_id: str, mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    """One row per actor of the article with its mentions, kind and term: the `actors` export of the store."""
    return list(actor_records(mention.to_dict() for mention in mentions))


# ====================================================================== writing


def write_tables(session: SparkSession, rows: RDD, output: str, overwrite: bool = False) -> dict[str, int]:
    """Write one Parquet folder per table under `output`; returns records per table."""
    found = rows.mapPartitions(_column_summary).collect()
    counts: dict[str, int] = dict.fromkeys(TABLES, 0)
    observed: dict[str, dict[str, set[str]]] = {table: {} for table in TABLES}
    for table, count, columns in found:
        counts[table] += count
        for column, kinds in columns.items():
            observed[table].setdefault(column, set()).update(kinds)
    for table in TABLES:
        schema = table_schema(table, observed[table])
        names = schema.fieldNames()
        coerce = [_coercer(f.dataType) for f in schema.fields]
        tuples = rows.filter(partial(_is_table, table)).map(partial(_as_tuple, names=names, coerce=coerce))
        frame = session.createDataFrame(tuples, schema, verifySchema=False)
        frame.write.mode("overwrite" if overwrite else "errorifexists").parquet(f"{output.rstrip('/')}/{table}")
    return counts


def _is_table(table: str, row: tuple[str, dict[str, Any]]) -> bool:
    return row[0] == table


def _as_tuple(row: tuple[str, dict[str, Any]], names: list[str], coerce: list[Any]) -> tuple[Any, ...]:
    record = row[1]
    return tuple(convert(record.get(name)) for name, convert in zip(names, coerce, strict=True))


def _column_summary(rows: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, int, dict[str, set[str]]]]:
    """Per table: how many rows this partition has and the value types seen in each column."""
    counts: dict[str, int] = {}
    columns: dict[str, dict[str, set[str]]] = {}
    for table, record in rows:
        counts[table] = counts.get(table, 0) + 1
        seen = columns.setdefault(table, {})
        for column, value in record.items():
            if value is not None:
                seen.setdefault(column, set()).add(_value_kind(value))
    for table, count in counts.items():
        yield table, count, columns.get(table, {})


def _value_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


# The record each table holds; its fields give the columns every run has,
# whatever the data, so tables of different runs share one schema.
TABLE_RECORDS: dict[str, Any] = {
    "articles": Article,
    "mentions": Mention,
    "quotes": Quote,
    "events": Event,
    "stances": Stance,
    "tones": Tone,
    "links": Link,
}


def table_schema(table: str, observed: dict[str, set[str]] | None = None) -> StructType:
    """The Spark schema of a table: its record's fields, flattened, then any further columns the data has.

    Example:
        >>> table_schema("quotes").fieldNames()[:3]
        ['article_id', 'speaker.code', 'speaker.name']
    """
    from pyspark.sql.types import StructField, StructType

    columns = dict(base_columns(table))
    for column, kinds in (observed or {}).items():
        columns[column] = _merge_kinds(columns.get(column), kinds)
    return StructType([StructField(name, _spark_type(kind), nullable=True) for name, kind in columns.items()])


def base_columns(table: str) -> list[tuple[str, str]]:
    """(column, kind) of the fixed columns of a table, in the order of the record's fields."""
    if table == "actors":
        term = [("kind", "str"), ("valid_from", "str"), ("valid_to", "str")]
        return [("article_id", "str"), *_record_columns(ActorRef), *term, ("mentions", "str"), ("mention_count", "int")]
    if table == "events":
        return [*_record_columns(Event), *MERGED_EVENT_COLUMNS, ("avg_tone", "float"), ("target_tone", "float")]
    if table == "errors":
        return [("source", "str"), ("problem", "str")]
    return _record_columns(TABLE_RECORDS[table])


def _record_columns(record: type, prefix: str = "") -> list[tuple[str, str]]:
    columns: list[tuple[str, str]] = []
    hints = typing.get_type_hints(record)
    for item in dataclasses.fields(record):
        columns += _hint_columns(hints[item.name], f"{prefix}{item.name}")
    return columns


def _hint_columns(hint: Any, name: str) -> list[tuple[str, str]]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        present = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _hint_columns(present[0], name) if len(present) == 1 else [(name, "str")]
    if origin is typing.Literal:
        return [(name, "str")]
    if origin is dict or hint is dict:
        return []  # keys are data: their columns come from the records
    if origin in (tuple, list) or hint in (tuple, list):
        return [(name, "str")]  # flatten writes sequences as JSON text
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_columns(hint, f"{name}.")
    return [(name, {bool: "bool", int: "int", float: "float"}.get(hint, "str"))]


def _merge_kinds(base: str | None, kinds: set[str]) -> str:
    """One column kind for all the values seen: numbers widen to float, anything else mixed is text."""
    every = kinds | ({base} if base else set())
    if len(every) == 1:
        return every.pop()
    if every <= {"int", "float"}:
        return "float"
    return "str"


def _spark_type(kind: str) -> DataType:
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType

    return {"bool": BooleanType(), "int": LongType(), "float": DoubleType()}.get(kind, StringType())


def _coercer(data_type: DataType) -> Any:
    from pyspark.sql.types import DoubleType, StringType

    if isinstance(data_type, DoubleType):
        return _to_float
    if isinstance(data_type, StringType):
        return _to_text
    return _unchanged


def _to_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _to_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _unchanged(value: Any) -> Any:
    return value
