"""Event counts, Goldstein sums and means by dyad, period, root code or QuadClass: `dossier stats`.

Each coded event of each report counts once (as in the events export); an
event's day is its own date, else its article's publication date. An event
dated only to a month or a year is counted under that month or year when
grouping by a finer period, never spread over days it may not have happened on.

Example:
    >>> from dossier.store.database import Store
    >>> from dossier.store.queries import EventFilter
    >>> with Store.open(":memory:") as store:
    ...     stats = stored_event_stats(store, ["dyad", "month"], EventFilter(since="2017"))
    >>> stats.rows
    ()
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from dossier.analysis.identity import IDENTITY, actor_label, check_grouping
from dossier.errors import DossierError
from dossier.store.database import Store
from dossier.store.matching import actor_matches
from dossier.store.queries import EventFilter, iter_events

# What rows can be grouped by, and the columns each gives.
DIMENSION_COLUMNS: dict[str, tuple[str, ...]] = {
    "dyad": ("source", "target"),
    "source": ("source",),
    "target": ("target",),
    "day": ("day",),
    "week": ("week",),
    "month": ("month",),
    "year": ("year",),
    "root": ("root_code",),
    "quad": ("quad_class",),
}
STAT_DIMENSIONS = tuple(DIMENSION_COLUMNS)
TIME_DIMENSIONS = frozenset({"day", "week", "month", "year"})
VALUE_COLUMNS = ("events", "goldstein_sum", "goldstein_mean")
UNDATED = ""


@dataclass(frozen=True)
class StatsRow:
    """One group: its key values (one per column of the dimensions), event count and Goldstein figures."""

    keys: tuple[str, ...]
    events: int
    goldstein_sum: float
    goldstein_mean: float | None  # None when no event of the group has a Goldstein score

    def values(self) -> tuple[Any, ...]:
        mean = None if self.goldstein_mean is None else round(self.goldstein_mean, 3)
        return (*self.keys, self.events, round(self.goldstein_sum, 3), mean)


@dataclass(frozen=True)
class EventStats:
    """Rows grouped by `dimensions`, in period order when grouped by time, else most events first."""

    dimensions: tuple[str, ...]
    rows: tuple[StatsRow, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return (*(c for d in self.dimensions for c in DIMENSION_COLUMNS[d]), *VALUE_COLUMNS)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row.values(), strict=True)) for row in self.rows]

    def write_csv(self, stream: TextIO) -> int:
        writer = csv.writer(stream)
        writer.writerow(self.columns)
        writer.writerows(row.values() for row in self.rows)
        return len(self.rows)


def event_stats(
    records: Iterable[dict[str, Any]],
    by: Sequence[str] = ("dyad",),
    grouping: str = IDENTITY,
    actor: str | None = None,
) -> EventStats:
    """Group event records (with `date_effective`, as `iter_events(..., effective_date=True)` gives them).

    `actor` keeps events whose source or target has a code starting with it
    or a word in its name starting with it (case-insensitive), as the store's
    filters do (`dossier.store.matching`).
    """
    check_grouping(grouping)
    dimensions = tuple(dict.fromkeys(by)) or ("dyad",)
    unknown = [d for d in dimensions if d not in DIMENSION_COLUMNS]
    if unknown:
        raise DossierError(f"cannot group by {', '.join(unknown)}; choose from {', '.join(STAT_DIMENSIONS)}")
    keyers = [_KEYERS[d] for d in dimensions]
    counts: dict[tuple[str, ...], list[float]] = {}
    for record in records:
        if actor and not (_matches(record.get("source"), actor) or _matches(record.get("target"), actor)):
            continue
        key = tuple(part for keyer in keyers for part in keyer(record, grouping))
        tally = counts.setdefault(key, [0, 0.0, 0])
        tally[0] += 1
        if record.get("goldstein") is not None:
            tally[1] += float(record["goldstein"])
            tally[2] += 1
    rows = [
        StatsRow(key, int(n), total, total / scored if scored else None) for key, (n, total, scored) in counts.items()
    ]
    if TIME_DIMENSIONS & set(dimensions):
        rows.sort(key=lambda row: tuple((value == UNDATED, value) for value in row.keys))
    else:
        rows.sort(key=lambda row: (-row.events, row.keys))
    return EventStats(dimensions, tuple(rows))


def stored_event_stats(
    store: Store,
    by: Sequence[str] = ("dyad",),
    where: EventFilter | None = None,
    grouping: str = IDENTITY,
    actor: str | None = None,
) -> EventStats:
    """`event_stats` over the events stored in a database, filtered as the API filters them."""
    return event_stats(iter_events(store, where or EventFilter(), limit=None, effective_date=True), by, grouping, actor)


def _matches(ref: dict[str, Any] | None, wanted: str) -> bool:
    if not ref:
        return False
    return actor_matches(ref.get("code"), ref.get("name"), wanted)


def _actor_keyer(side: str) -> Callable[[dict[str, Any], str], tuple[str, ...]]:
    def key(record: dict[str, Any], grouping: str) -> tuple[str, ...]:
        ref = record.get(side)
        return (actor_label(ref, grouping) if ref else "",)

    return key


def _period_keyer(period: str) -> Callable[[dict[str, Any], str], tuple[str, ...]]:
    def key(record: dict[str, Any], _grouping: str) -> tuple[str, ...]:
        return (period_of(record.get("date_effective") or record.get("date"), period),)

    return key


def period_of(date: str | None, period: str) -> str:
    """The day, ISO week, month or year of an ISO date; a coarser date stays as coarse as it is.

    Example:
        >>> period_of("2017-09-03", "week"), period_of("2017-09", "day"), period_of(None, "month")
        ('2017-W35', '2017-09', '')
    """
    if not date:
        return UNDATED
    text = date[:10]
    if period == "year":
        return text[:4]
    if period == "month" or len(text) < 10:
        return text[:7]
    if period == "week":
        try:
            year, week, _ = dt.date.fromisoformat(text).isocalendar()
        except ValueError:
            return text
        return f"{year}-W{week:02d}"
    return text


def _dyad(record: dict[str, Any], grouping: str) -> tuple[str, ...]:
    return _actor_keyer("source")(record, grouping) + _actor_keyer("target")(record, grouping)


_KEYERS: dict[str, Callable[[dict[str, Any], str], tuple[str, ...]]] = {
    "dyad": _dyad,
    "source": _actor_keyer("source"),
    "target": _actor_keyer("target"),
    "day": _period_keyer("day"),
    "week": _period_keyer("week"),
    "month": _period_keyer("month"),
    "year": _period_keyer("year"),
    "root": lambda record, _grouping: (str(record.get("root_code") or ""),),
    "quad": lambda record, _grouping: (str(record.get("quad_class") or ""),),
}
