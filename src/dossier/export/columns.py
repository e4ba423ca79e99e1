"""The fixed column set of each export kind, read from the record schema (the frozen dataclasses in records.py).

A kind's columns never depend on the records exported: a quote without an
addressee still has `addressee.code`, an event without a place still has
`place.name`. CSV flattens nested records into dotted columns and writes
lists as JSON text; Parquet keeps records as structs, lists as lists and
dates as dates (docs in README, "Exports").

Example:
    >>> [field.name for field in KIND_FIELDS["stances"]][:3]
    ['article_id', 'actor', 'issue']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dossier.records import ActorRef, Article, DocumentError, Event, Link, Mention, Quote, Stance, Tone

# Value types a column can hold.
STRING, INT, FLOAT, BOOL, DATE, TIMESTAMP, STRINGS, JSON, STRUCT, RECORDS = (
    "string", "int", "float", "bool", "date", "timestamp", "strings", "json", "struct", "records",
)  # fmt: skip

# Record fields typed `str` in records.py that hold ISO dates: Parquet stores them as dates.
# An event's date may name a month ("2017-09") or a year ("2017"): it is stored as the
# period's first day, and `date_precision` says which period it is.
DATE_FIELDS = frozenset({"published", "date", "valid_from", "valid_to"})


@dataclass(frozen=True)
class Field:
    """One column (or a struct of columns) of an export kind."""

    name: str
    type: str
    children: tuple[Field, ...] = ()

    def flat(self, prefix: str = "") -> Iterator[tuple[str, Field]]:
        """The dotted CSV columns below this field, with the leaf field of each."""
        name = prefix + self.name
        if self.type == STRUCT:
            for child in self.children:
                yield from child.flat(name + ".")
        else:
            yield name, self


def _struct(name: str, fields: tuple[Field, ...]) -> Field:
    return Field(name, STRUCT, fields)


# A PLOVER type is a dict in records.py; its keys are fixed by the PLOVER codebook.
PLOVER_FIELDS = (Field("event_type", STRING), Field("mode", STRING), Field("context", STRING))
# What the event_merge stage adds to each exported event (dossier.store.merge_state.events_with_merges).
MERGED_EVENT_FIELDS = (
    Field("id", STRING),
    Field("reports", INT),
    Field("mentions", INT),
    Field("sources", INT),
    # Sources once copies count as their origin's outlet (dossier.store.merge_state.independent_sources).
    Field("independent_sources", INT),
    Field("first_article", STRING),
)
# What the tone stage adds to each exported event (dossier.tone.aggregate.events_with_tone).
EVENT_TONE_FIELDS = (Field("avg_tone", FLOAT), Field("target_tone", FLOAT))
# Dict fields whose keys the records do not fix: written as JSON text.
_KNOWN_DICT_FIELDS: dict[tuple[type, str], tuple[Field, ...]] = {(Event, "plover"): PLOVER_FIELDS}


def record_fields(record_type: type) -> tuple[Field, ...]:
    """The columns of a record dataclass, nested records as structs, from its type annotations."""
    hints = typing.get_type_hints(record_type)
    return tuple(_field(record_type, item.name, hints[item.name]) for item in dataclasses.fields(record_type))


def _field(owner: type, name: str, hint: Any) -> Field:
    hint = _without_none(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _struct(name, record_fields(hint))
    if (owner, name) in _KNOWN_DICT_FIELDS:
        return _struct(name, _KNOWN_DICT_FIELDS[(owner, name)])
    origin = typing.get_origin(hint)
    if origin in (tuple, list):
        return Field(name, STRINGS)
    if origin is dict or hint is dict:
        return Field(name, JSON)
    if typing.get_origin(hint) is typing.Literal or hint is str:
        return Field(name, DATE if name in DATE_FIELDS else STRING)
    return Field(name, {int: INT, float: FLOAT, bool: BOOL}.get(hint, STRING))


def _without_none(hint: Any) -> Any:
    """`X | None` -> X."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return hint


def _actor_fields() -> tuple[Field, ...]:
    """`dossier.store.database.actor_records`: one row per (article, actor)."""
    mentions = Field("mentions", RECORDS, (Field("text", STRING), Field("start", INT), Field("end", INT)))
    return (
        Field("article_id", STRING),
        *record_fields(ActorRef),
        Field("kind", STRING),
        Field("valid_from", DATE),
        Field("valid_to", DATE),
        mentions,
        Field("mention_count", INT),
    )


KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    "articles": record_fields(Article),
    "actors": _actor_fields(),
    "mentions": record_fields(Mention),
    "quotes": record_fields(Quote),
    "events": (*record_fields(Event), _struct("merged_event", MERGED_EVENT_FIELDS), *EVENT_TONE_FIELDS),
    "stances": record_fields(Stance),
    "tones": record_fields(Tone),
    "links": record_fields(Link),
    "errors": (*record_fields(DocumentError), Field("at", TIMESTAMP)),
}


def csv_columns(kind: str) -> list[str]:
    """The dotted CSV header of a kind."""
    return [name for field in KIND_FIELDS[kind] for name, _ in field.flat()]


def csv_row(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """One record as CSV cells: nested records dotted, lists and free dicts as JSON text, timestamps ISO."""
    row: dict[str, Any] = {}
    for field in KIND_FIELDS[kind]:
        _flatten_into(row, field, record.get(field.name), "")
    return row


def _flatten_into(row: dict[str, Any], field: Field, value: Any, prefix: str) -> None:
    name = prefix + field.name
    if field.type == STRUCT:
        for child in field.children:
            _flatten_into(row, child, (value or {}).get(child.name), name + ".")
        return
    row[name] = _csv_cell(field, value)


def _csv_cell(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if field.type in (STRINGS, RECORDS, JSON):
        return json.dumps(value, ensure_ascii=False)
    if field.type == TIMESTAMP:
        return timestamp_of(value).isoformat()
    if field.type == BOOL:
        return "true" if value else "false"
    return value


def typed_value(field: Field, value: Any) -> Any:
    """One record value as Parquet holds it: dates as dates, structs as dicts of typed values."""
    if value is None:
        return None
    if field.type == STRUCT:
        return {child.name: typed_value(child, value.get(child.name)) for child in field.children}
    if field.type == RECORDS:
        return [{child.name: typed_value(child, item.get(child.name)) for child in field.children} for item in value]
    if field.type == DATE:
        return date_of(str(value))
    if field.type == TIMESTAMP:
        return timestamp_of(value)
    if field.type == JSON:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if field.type == STRINGS:
        return [str(item) for item in value]
    if field.type == FLOAT:
        return float(value)
    return value


def date_of(text: str) -> dt.date | None:
    """An ISO date, month or year as a date: the first day of the period ("2017-09" -> 2017-09-01)."""
    parts = text.strip()[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def timestamp_of(value: Any) -> dt.datetime:
    """Seconds since the epoch (how the store keeps times) as a UTC datetime."""
    return dt.datetime.fromtimestamp(float(value), tz=dt.UTC)
