"""Exports: stored records as JSONL, CSV or Parquet (events also as GDELT TSV and PLOVER JSON)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from dossier.analysis.identity import IDENTITY
from dossier.errors import DossierError
from dossier.export import columns
from dossier.export.columns import KIND_FIELDS, Field, csv_columns, csv_row, typed_value
from dossier.export.event_formats import ArticleFacts, write_gdelt, write_plover
from dossier.store.database import Store
from dossier.store.queries import EventFilter, iter_events

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover", "graphml", "gexf")
# Kinds with one record per line (jsonl, csv, parquet); `network` is a graph of them.
RECORD_KINDS = ("articles", "actors", "mentions", "quotes", "events", "stances", "tones", "links", "errors")
EXPORT_KINDS = (*RECORD_KINDS, "network")
# Formats of the actor network (`dossier export network`): what Gephi, networkx and igraph read.
NETWORK_FORMATS = ("graphml", "gexf")
# Rows per Parquet row group: keeps memory flat on large exports.
PARQUET_BATCH_ROWS = 10_000

Writer = Callable[[Iterable[dict[str, Any]], TextIO], int]

# Writers for formats that belong to one kind, in one fixed table: importing a
# module never registers a writer (a test pins this table).
KIND_WRITERS: dict[tuple[str, str], Writer] = {
    ("events", "gdelt"): write_gdelt,
    ("events", "plover"): write_plover,
}


def export(
    store: Store,
    kind: str,
    fmt: str = "jsonl",
    output: str | Path | None = None,
    grouping: str = IDENTITY,
    include_flagged: bool = False,
    patterns_only: bool = False,
) -> int:
    """Write every stored record of `kind`; returns how many were written.

    Every kind has a fixed column set (`dossier.export.columns.KIND_FIELDS`).
    `network` is the actor network of the events (nodes and edges, GraphML
    or GEXF), its actors grouped by `grouping` ("actor", "code" or "country").
    The GDELT and PLOVER event layouts leave out negated, hypothetical and
    future events unless `include_flagged` (the other formats keep every record).
    `patterns_only` leaves out the events the learned fallback coded (`coder:
    learned`), in every format and in the network.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from dossier.records import Article, ArticleAnalysis
        >>> folder = tempfile.TemporaryDirectory()
        >>> with Store.open(":memory:") as store:
        ...     store.save_analysis(ArticleAnalysis(Article.build("Talks resume", title="Talks")))
        ...     export(store, "articles", "csv", Path(folder.name) / "articles.csv")
        1
        >>> (Path(folder.name) / "articles.csv").read_text().splitlines()[0]
        'id,text,title,url,outlet,published,name,source'
        >>> folder.cleanup()
    """
    if kind not in EXPORT_KINDS:
        raise DossierError(f"unknown export kind {kind!r}; choose one of {', '.join(EXPORT_KINDS)}")
    if fmt not in FORMATS:
        raise DossierError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if output is not None and store.is_own_file(output):
        raise DossierError(f"{output}: is the database being exported ({store.path}); give another --output file")
    if patterns_only and kind not in ("events", "network"):
        raise DossierError(f"--patterns-only is for events and the network, not {kind}")
    if kind == "network" or fmt in NETWORK_FORMATS:
        return _export_network(store, kind, fmt, output, grouping, patterns_only)
    records = _records(store, kind)
    if patterns_only:
        records = (record for record in records if not is_learned(record))
    if fmt == "parquet":
        if output is None:
            raise DossierError("parquet is binary: give a file with --output FILE")
        return write_parquet(kind, records, Path(output))
    writer: Writer
    if fmt == "jsonl":
        writer = write_jsonl
    elif fmt == "csv":
        writer = partial(write_csv, kind=kind)
    elif (kind, fmt) == ("events", "gdelt"):
        # GDELT's IsRootEvent, DATEADDED and SOURCEURL come from the event's article.
        writer = partial(write_gdelt, articles=ArticleFacts.reader(store), include_flagged=include_flagged)
    elif (kind, fmt) in KIND_WRITERS:
        writer = KIND_WRITERS[(kind, fmt)]
        if include_flagged:
            flagged_writer: Any = writer  # the event writers take include_flagged
            writer = partial(flagged_writer, include_flagged=True)
    else:
        raise DossierError(f"format {fmt!r} is only for events; use jsonl, csv or parquet for {kind}")
    return _write_text(writer, records, output)


def _write_text(writer: Writer, records: Iterable[dict[str, Any]], output: str | Path | None) -> int:
    if output is None:
        return writer(records, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as stream:
        return writer(records, stream)


def is_learned(event: dict[str, Any]) -> bool:
    """An event the learned fallback coded, not a lexicon pattern (docs/events.md, "Learned fallback")."""
    return event.get("coder") == "learned"


def _export_network(
    store: Store, kind: str, fmt: str, output: str | Path | None, grouping: str, patterns_only: bool = False
) -> int:
    from dossier.analysis.network import event_network, write_gexf, write_graphml

    if kind != "network" or fmt not in NETWORK_FORMATS:
        raise DossierError(
            f"the actor network is written as {' or '.join(NETWORK_FORMATS)}: dossier export network --format graphml"
        )
    where = EventFilter(coder="pattern" if patterns_only else None)
    network = event_network(iter_events(store, where, limit=None), grouping)
    write = write_graphml if fmt == "graphml" else write_gexf

    def writer(_records: Iterable[dict[str, Any]], stream: TextIO) -> int:
        write(network, stream)
        return len(network.edges)

    return _write_text(writer, (), output)


def _records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    if kind == "events":
        # Each event carries the real event it reports, merged across articles, with its counts.
        from dossier.store.merge_state import events_with_merges
        from dossier.tone.aggregate import events_with_tone

        return events_with_tone(store, events_with_merges(store))
    return store.iter_records(kind)


def write_jsonl(records: Iterable[dict[str, Any]], stream: TextIO) -> int:
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns; lists become JSON text (the shape of one CSV row).

    Example:
        >>> flatten({"speaker": {"code": "RUSGOV"}, "flags": ["negated"]})
        {'speaker.code': 'RUSGOV', 'flags': '["negated"]'}
    """
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, (list, tuple)):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def write_csv(records: Iterable[dict[str, Any]], stream: TextIO, kind: str) -> int:
    """A header of the kind's fixed columns, then one row per record (empty cells for what a record lacks).

    Example:
        >>> import io
        >>> stream = io.StringIO()
        >>> write_csv([{"article_id": "a1", "speaker": {"code": "RUSGOV"}}], stream, kind="quotes")
        1
        >>> stream.getvalue().splitlines()[0].split(",")[:3]
        ['article_id', 'speaker.code', 'speaker.name']
    """
    writer = csv.DictWriter(stream, fieldnames=csv_columns(kind), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(kind, record))
        count += 1
    return count


def parquet_schema(kind: str) -> Any:
    """The Arrow schema of a kind: structs for records, lists for lists, dates for dates."""
    import pyarrow as pa

    return pa.schema([pa.field(field.name, _arrow_type(field)) for field in KIND_FIELDS[kind]])


def _arrow_type(field: Field) -> Any:
    import pyarrow as pa

    if field.type == columns.STRUCT:
        return pa.struct([pa.field(child.name, _arrow_type(child)) for child in field.children])
    if field.type == columns.RECORDS:
        return pa.list_(pa.struct([pa.field(child.name, _arrow_type(child)) for child in field.children]))
    return {
        columns.STRING: pa.string(),
        columns.JSON: pa.string(),  # a dict whose keys the record does not fix, as JSON text
        columns.INT: pa.int64(),
        columns.FLOAT: pa.float64(),
        columns.BOOL: pa.bool_(),
        columns.DATE: pa.date32(),
        columns.TIMESTAMP: pa.timestamp("us", tz="UTC"),
        columns.STRINGS: pa.list_(pa.string()),
    }[field.type]


def write_parquet(kind: str, records: Iterable[dict[str, Any]], path: Path) -> int:
    """The kind's fixed schema, written in row groups of `PARQUET_BATCH_ROWS`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(kind)
    fields = KIND_FIELDS[kind]
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append({field.name: typed_value(field, record.get(field.name)) for field in fields})
            if len(batch) == PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
