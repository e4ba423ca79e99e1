"""Exports: stored records as JSONL, CSV or Parquet (events also as GDELT TSV and PLOVER JSON)."""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from dossier.errors import DossierError
from dossier.export.event_formats import write_gdelt, write_plover
from dossier.store.database import Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")
EXPORT_KINDS = ("articles", "actors", "mentions", "quotes", "events", "stances", "links", "errors")

# Writers for formats that belong to one kind, in one fixed table: importing a
# module never registers a writer (a test pins this table).
KIND_WRITERS: dict[tuple[str, str], Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
    ("events", "gdelt"): write_gdelt,
    ("events", "plover"): write_plover,
}


def export(
    store: Store, kind: str, fmt: str = "jsonl", output: str | Path | None = None, include_flagged: bool = False
) -> int:
    """Write every stored record of `kind`; returns how many were written.

    The GDELT and PLOVER event layouts leave out negated, hypothetical and
    future events unless `include_flagged` (the other formats keep every record).

    Example:
        >>> with Store.open("dossier.db") as store:
        ...     export(store, "quotes", "csv", "quotes.csv")
    """
    if kind not in EXPORT_KINDS:
        raise DossierError(f"unknown export kind {kind!r}; choose one of {', '.join(EXPORT_KINDS)}")
    if fmt not in FORMATS:
        raise DossierError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    records = _records(store, kind)
    if fmt == "parquet":
        if output is None:
            raise DossierError("parquet is binary: give a file with --output FILE")
        return write_parquet(records, Path(output))
    writer: Callable[[Iterable[dict[str, Any]], TextIO], int]
    if fmt == "jsonl":
        writer = write_jsonl
    elif fmt == "csv":
        writer = write_csv
    elif (kind, fmt) in KIND_WRITERS:
        writer = KIND_WRITERS[(kind, fmt)]
        if include_flagged:
            flagged_writer: Any = KIND_WRITERS[(kind, fmt)]  # the event writers take include_flagged
            writer = functools.partial(flagged_writer, include_flagged=True)
    else:
        raise DossierError(f"format {fmt!r} is only for events; use jsonl, csv or parquet for {kind}")
    if output is None:
        return writer(records, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as stream:
        return writer(records, stream)


def _records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    if kind == "events":
        # Each event carries the real event it reports, merged across articles, with its counts.
        from dossier.store.merge_state import events_with_merges

        return events_with_merges(store)
    return store.iter_records(kind)


def write_jsonl(records: Iterable[dict[str, Any]], stream: TextIO) -> int:
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns; lists become JSON text.

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


def _flat_rows(records: Iterable[dict[str, Any]]) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """Columns from the first record, then every record flattened."""
    iterator = iter(records)
    try:
        first = flatten(next(iterator))
    except StopIteration:
        return [], iter(())

    def rows() -> Iterator[dict[str, Any]]:
        yield first
        for record in iterator:
            yield flatten(record)

    return list(first), rows()


def write_csv(records: Iterable[dict[str, Any]], stream: TextIO) -> int:
    columns, rows = _flat_rows(records)
    if not columns:
        return 0
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flatten(record) for record in records]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    table = pa.table({column: [row.get(column) for row in rows] for column in columns}) if rows else pa.table({})
    pq.write_table(table, path)
    return len(rows)
