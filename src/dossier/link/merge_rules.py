"""The rules of event_merge: what two reports of one event share, date ranges, places, sources.

Pure functions over event records (the contract dicts); the store-backed
merge and a Spark job apply the same rules.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlparse

# Bump when the meaning of the stored state changes; a mismatch rebuilds it.
STATE_VERSION = 2


@dataclass(frozen=True)
class EventMergeOptions:
    """Rules for merging events of different reports; docs/link.md explains each."""

    # Days two dated reports of one event may disagree by: a strike late on Sunday is dated Monday
    # by a report that only has its publication day, and "yesterday" depends on the time zone.
    date_window_days: int = 1
    # Date ranges up to this long (a day, a week) match on the date alone; longer ones (a month,
    # a year) say too little and join only within their story cluster, like undated events.
    precise_span_days: int = 7
    # Two places with coordinates further apart than this are different places. City coordinates
    # of one place in two gazetteer entries (a city and its district) lie well within it.
    place_radius_km: float = 50.0
    # Candidates read per new event: bounds the work for a pair of actors seen thousands of times.
    candidate_cap: int = 64
    # Member articles of a candidate checked for a shared story cluster.
    story_member_cap: int = 32
    # Articles merged per transaction.
    batch_articles: int = 2000

    def fingerprint(self) -> str:
        settings = {k: v for k, v in asdict(self).items() if k != "batch_articles"}
        return json.dumps({"version": STATE_VERSION, **settings}, sort_keys=True)


# ====================================================================== rules


# An uncoded target is keyed by this and its folded name (`event_key`); store.merge_state's SQL matches it too.
UNCODED_TARGET_PREFIX = "?"


def is_coded_target(target: str | None) -> bool:
    """Whether an event key's target is an actor code (not None, not an uncoded name)."""
    return target is not None and not target.startswith(UNCODED_TARGET_PREFIX)


def event_key(record: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """(source code, target key, CAMEO root) that two reports of one event share.

    An uncoded target is keyed by its name, so two unknown actors of different
    names do not look alike.

    Example:
        >>> event_key({"source": {"code": "RUSMIL"}, "target": {"code": "UKR"}, "code": "195"})
        ('RUSMIL', 'UKR', '19')
    """
    source = (record.get("source") or {}).get("code") or None
    target_actor = record.get("target")
    target: str | None = None
    if target_actor:
        name = " ".join(str(target_actor.get("name") or "").casefold().split())
        target = target_actor.get("code") or UNCODED_TARGET_PREFIX + name
    code = str(record.get("code") or "")
    root = str(record.get("root_code") or code[:2])
    return source, target, root


def date_range(date: str | None, precision: str | None) -> tuple[int, int] | None:
    """The days an event's date covers, as proleptic ordinals; None when undated or unreadable.

    Example:
        >>> first, last = date_range("2017-09", "month")
        >>> dt.date.fromordinal(first), dt.date.fromordinal(last)
        (datetime.date(2017, 9, 1), datetime.date(2017, 9, 30))
    """
    if not date:
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1).toordinal(), dt.date(parts[0], 12, 31).toordinal()
        if len(parts) == 2:
            start = dt.date(parts[0], parts[1], 1)
            following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return start.toordinal(), following.toordinal() - 1
        day = dt.date(parts[0], parts[1], parts[2]).toordinal()
    except ValueError:
        return None
    # when.py dates a week by its Monday.
    return (day, day + 6) if precision == "week" else (day, day)


def date_gap(first: tuple[int, int], second: tuple[int, int]) -> int:
    """Days between two date ranges; 0 when they overlap."""
    return max(0, first[0] - second[1], second[0] - first[1])


def places_conflict(first: dict[str, Any] | None, second: dict[str, Any] | None, radius_km: float) -> bool:
    """Whether two event places cannot be the same place.

    A missing place never conflicts; a country or US state contains any place
    in it; different countries conflict; two points conflict beyond
    `radius_km`; two different names of which one has no coordinates (a town
    the gazetteer lacks) conflict, since nothing says one contains the other.

    Example:
        >>> aleppo = {"name": "Aleppo", "country": "SYR", "lat": 36.2, "lon": 37.16}
        >>> places_conflict(aleppo, {"name": "Syria", "country": "SYR", "lat": None, "lon": None}, 50)
        False
        >>> places_conflict(aleppo, {"name": "Damascus", "country": "SYR", "lat": 33.51, "lon": 36.29}, 50)
        True
    """
    if not first or not second or not first.get("name") or not second.get("name"):
        return False
    if first.get("country") and second.get("country") and first["country"] != second["country"]:
        return True
    if _same_name(first["name"], second["name"]):
        return False
    if first.get("lat") is not None and second.get("lat") is not None:
        return _distance_km(first, second) > radius_km
    return not (_is_region(first) or _is_region(second))


def _same_name(first: str, second: str) -> bool:
    def fold(name: str) -> str:
        name = " ".join(name.casefold().split())
        return name[4:] if name.startswith("the ") else name

    return fold(first) == fold(second)


def _is_region(place: dict[str, Any]) -> bool:
    """A country or US state: no coordinates, and the gazetteer knows the name as one."""
    if place.get("lat") is not None:
        return False
    from dossier.events.where import gazetteer

    entry = gazetteer().lookup(place["name"])
    return entry is not None and entry.kind in ("country", "state")


def _distance_km(first: dict[str, Any], second: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = (
        math.radians(float(v)) for v in (first["lat"], first["lon"], second["lat"], second["lon"])
    )
    haversine = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(haversine)))


def more_specific_place(current: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any] | None:
    """The place a merged event keeps: a point beats a bare name, a named town beats its country."""

    def rank(place: dict[str, Any] | None) -> int:
        if not place or not place.get("name"):
            return 0
        if place.get("lat") is not None:
            return 3
        return 1 if _is_region(place) else 2

    return new if rank(new) > rank(current) else current


def outlet_of(outlet: str | None, url: str | None, article_id: str) -> str:
    """What counts as one source: the outlet's name, else the URL's host, else the article itself."""
    if outlet and outlet.strip():
        return " ".join(outlet.casefold().split())
    host = urlparse(url).hostname if url else None
    if host:
        return host[4:] if host.startswith("www.") else host
    return f"article:{article_id}"


def merged_event_id(article_id: str, record: dict[str, Any]) -> str:
    """A merged event's id: the GDELT event number of its founding event, as text."""
    from dossier.export.event_formats import event_number

    return str(event_number({**record, "article_id": article_id}))


def is_precise(days: tuple[int, int] | None, options: EventMergeOptions) -> bool:
    """Whether a date range is a day or a week: precise enough to match on the date alone."""
    return days is not None and days[1] - days[0] < options.precise_span_days


def founding_place(record: dict[str, Any]) -> dict[str, Any] | None:
    """The place a merged event founded by this event starts with: its place, when it has a name."""
    place = record.get("place")
    return place if (place or {}).get("name") else None
