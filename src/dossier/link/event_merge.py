"""Stage `event_merge`: events from different reports of one real event, merged, with report counts.

Runs after events are stored (and after `link`, whose story clusters it
prefers) and reads only stored records. Two events are one real event when

- their source actors have the same code (an event whose source is not coded
  is never merged: "unknown" is not an identity),
- their targets agree: the same code, or both absent (an uncoded target is
  matched on its name),
- their CAMEO codes have the same root (the code family: 19 fight, 17 coerce),
- their dates agree within `date_window_days`, when both are dated to a day or
  a week; an event dated only to a month or a year, or not at all, joins only
  an event of the same story cluster whose date does not contradict it,
- and their places do not conflict (different countries, points further
  apart than `place_radius_km`, or two different named places).

Each new event is compared with the merged events already stored, not with
every other event: it joins the best candidate (one of its own story first,
then the nearest date, then the oldest) or founds a merged event of its own.
The merged event keeps its founding event's date (refined once when an
undated founder is joined by a dated report), so a chain of reports a day
apart cannot drift across a month. The state lives in `event_merge_*` side
tables of the same SQLite file: new articles join existing merged events
without recomputing anything, and an article analysed again leaves the merged
events it was in before it is merged again. See docs/link.md.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlparse

from dossier.records import Link
from dossier.store.database import Store

# Bump when the meaning of the stored state changes; a mismatch rebuilds it.
STATE_VERSION = 1

STATE_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS event_merge_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # rowid and ingested_at of the article row merged: an article analysed again is stored anew
    "CREATE TABLE IF NOT EXISTS event_merge_articles (article_id TEXT PRIMARY KEY, article_rowid INTEGER NOT NULL,"
    " ingested_at REAL NOT NULL)",
    # one row per real event; lo/hi: its date as a range of proleptic ordinal days (NULL: undated);
    # precise: dated to a day or a week, so it can be matched on the date alone
    "CREATE TABLE IF NOT EXISTS event_merges (mid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT,"
    " target TEXT, root TEXT, lo INTEGER, hi INTEGER, precise INTEGER NOT NULL, place TEXT,"
    " founder_article TEXT NOT NULL, founder_seq INTEGER NOT NULL, first_article TEXT NOT NULL,"
    " first_published TEXT, mentions INTEGER NOT NULL, reports INTEGER NOT NULL, sources INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS event_merges_key ON event_merges (source, target, root, precise, lo)",
    # outlet: what counts as one source (the outlet, else the URL's host, else the article)
    "CREATE TABLE IF NOT EXISTS event_merge_members (article_id TEXT NOT NULL, seq INTEGER NOT NULL,"
    " mid INTEGER NOT NULL, outlet TEXT NOT NULL, published TEXT, gap INTEGER, PRIMARY KEY (article_id, seq))",
    "CREATE INDEX IF NOT EXISTS event_merge_members_mid ON event_merge_members (mid, article_id)",
    "CREATE INDEX IF NOT EXISTS event_merge_members_outlet ON event_merge_members (mid, outlet)",
)
STATE_TABLES = ("event_merge_meta", "event_merge_articles", "event_merges", "event_merge_members")


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
        target = target_actor.get("code") or "?" + " ".join(str(target_actor.get("name") or "").casefold().split())
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


# ====================================================================== state


def _prepare_state(connection: sqlite3.Connection, options: EventMergeOptions) -> None:
    """Create the side tables; drop state made with other rules so it is rebuilt."""
    for statement in STATE_SCHEMA:
        connection.execute(statement)
    row = connection.execute("SELECT value FROM event_merge_meta WHERE key = 'options'").fetchone()
    if row is not None and row[0] == options.fingerprint():
        return
    for table in STATE_TABLES:
        connection.execute(f"DELETE FROM {table}")
    connection.execute("INSERT INTO event_merge_meta (key, value) VALUES ('options', ?)", (options.fingerprint(),))


def _has_state(connection: sqlite3.Connection) -> bool:
    row = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_merges'").fetchone()
    return row is not None


@dataclass(frozen=True)
class _Report:
    """The article an event was reported in."""

    article_id: str
    published: str | None
    outlet: str


@dataclass(frozen=True)
class _Candidate:
    mid: int
    lo: int | None
    hi: int | None
    precise: bool
    place: dict[str, Any] | None


class _Merger:
    """One update inside one transaction: merges the events of a batch of articles."""

    def __init__(self, connection: sqlite3.Connection, options: EventMergeOptions) -> None:
        self.connection = connection
        self.options = options
        self.has_stories = (
            connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'link_articles'").fetchone()
            is not None
        )
        self.story_cache: dict[str, int | None] = {}

    # ---------------------------------------------------------------- stories

    def story_of(self, article_id: str) -> int | None:
        """The story cluster (root article seq of the link stage) an article belongs to, if linked."""
        if not self.has_stories:
            return None
        if article_id in self.story_cache:
            return self.story_cache[article_id]
        row = self.connection.execute(
            "SELECT seq, story FROM link_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        root: int | None = None
        if row is not None:
            seq, parent = row
            while parent != seq:
                seq = parent
                parent = self.connection.execute("SELECT story FROM link_articles WHERE seq = ?", (seq,)).fetchone()[0]
            root = seq
        self.story_cache[article_id] = root
        return root

    def shares_story(self, mid: int, story: int | None) -> bool:
        if story is None:
            return False
        members = self.connection.execute(
            "SELECT DISTINCT article_id FROM event_merge_members WHERE mid = ? LIMIT ?",
            (mid, self.options.story_member_cap),
        )
        return any(self.story_of(article_id) == story for (article_id,) in members.fetchall())

    # ---------------------------------------------------------------- matching

    def candidates(self, key: tuple[str | None, str | None, str], days: tuple[int, int] | None) -> list[_Candidate]:
        """Stored merged events with the same actors and code family whose dates do not contradict `days`."""
        source, target, root = key
        window = self.options.date_window_days
        cap = self.options.candidate_cap
        rows: list[tuple[Any, ...]] = []
        if days is not None:
            # Precise merged events span at most precise_span_days, which bounds their first day.
            low = days[0] - window - self.options.precise_span_days
            rows += self.connection.execute(
                "SELECT mid, lo, hi, precise, place FROM event_merges WHERE source = ? AND target IS ? AND root = ?"
                " AND precise = 1 AND lo BETWEEN ? AND ? AND hi >= ? ORDER BY mid LIMIT ?",
                (source, target, root, low, days[1] + window, days[0] - window, cap),
            ).fetchall()
        # Vague merged events (undated, a month, a year), and for a vague event every dated one too:
        # these need the story check, so only the newest few are read.
        precise_too = "" if days is not None and days[1] - days[0] < self.options.precise_span_days else " OR 1"
        rows += self.connection.execute(
            "SELECT mid, lo, hi, precise, place FROM event_merges WHERE source = ? AND target IS ? AND root = ?"
            f" AND (precise = 0{precise_too}) ORDER BY mid DESC LIMIT ?",
            (source, target, root, cap),
        ).fetchall()
        seen: set[int] = set()
        found = []
        for mid, lo, hi, precise, place in rows:
            if mid in seen:
                continue
            seen.add(mid)
            found.append(_Candidate(mid, lo, hi, bool(precise), json.loads(place) if place else None))
        return found

    def best_match(
        self, record: dict[str, Any], report: _Report, days: tuple[int, int] | None
    ) -> tuple[_Candidate, int | None] | None:
        """The merged event this event joins, with the date gap (None: joined through its story only)."""
        key = event_key(record)
        if key[0] is None:
            return None
        precise = days is not None and days[1] - days[0] < self.options.precise_span_days
        story = self.story_of(report.article_id)
        window = self.options.date_window_days
        ranked: list[tuple[tuple[int, int, int], _Candidate, int | None]] = []
        for candidate in self.candidates(key, days):
            if places_conflict(record.get("place"), candidate.place, self.options.place_radius_km):
                continue
            gap: int | None = None
            if days is not None and candidate.lo is not None and candidate.hi is not None:
                gap = date_gap(days, (candidate.lo, candidate.hi))
                if gap > window:
                    continue
            same_story = self.shares_story(candidate.mid, story)
            # Only two reports dated to a day or a week can be matched on the date alone.
            if not (precise and candidate.precise) and not same_story:
                continue
            ranked.append(
                ((0 if same_story else 1, gap if gap is not None else window + 1, candidate.mid), candidate, gap)
            )
        if not ranked:
            return None
        ranked.sort(key=lambda item: item[0])
        _, candidate, gap = ranked[0]
        return candidate, gap

    # ---------------------------------------------------------------- writing

    def merge_event(self, seq: int, record: dict[str, Any], report: _Report) -> None:
        days = date_range(record.get("date"), record.get("date_precision"))
        precise = days is not None and days[1] - days[0] < self.options.precise_span_days
        match = self.best_match(record, report, days)
        if match is None:
            source, target, root = event_key(record)
            place = record.get("place") if (record.get("place") or {}).get("name") else None
            cursor = self.connection.execute(
                "INSERT INTO event_merges (id, source, target, root, lo, hi, precise, place, founder_article,"
                " founder_seq, first_article, first_published, mentions, reports, sources)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,1,1)",
                (
                    self._fresh_id(report.article_id, seq, record),
                    source,
                    target,
                    root,
                    days[0] if days else None,
                    days[1] if days else None,
                    int(precise),
                    json.dumps(place) if place else None,
                    report.article_id,
                    seq,
                    report.article_id,
                    report.published,
                ),
            )
            self._add_member(report, seq, int(cursor.lastrowid or 0), 0 if days else None)
            return
        candidate, gap = match
        self._count_join(candidate.mid, report)
        self._add_member(report, seq, candidate.mid, gap)
        place = more_specific_place(candidate.place, record.get("place"))
        if precise and days is not None and not candidate.precise:
            # A vague founder joined by a report dated to the day: the merged event takes that date.
            self.connection.execute(
                "UPDATE event_merges SET lo = ?, hi = ?, precise = 1 WHERE mid = ?", (days[0], days[1], candidate.mid)
            )
        if place is not candidate.place:
            self.connection.execute(
                "UPDATE event_merges SET place = ? WHERE mid = ?", (json.dumps(place), candidate.mid)
            )

    def _fresh_id(self, article_id: str, seq: int, record: dict[str, Any]) -> str:
        """The founding event's GDELT number; salted with its place in the article when another event has it.

        An article can report two events of the same actors and code in one
        sentence (two places), and the GDELT number does not tell them apart.
        """
        candidate = merged_event_id(article_id, record)
        salt = 0
        while self.connection.execute("SELECT 1 FROM event_merges WHERE id = ?", (candidate,)).fetchone():
            salt += 1
            candidate = merged_event_id(f"{article_id}#{seq}#{salt}", record)
        return candidate

    def _add_member(self, report: _Report, seq: int, mid: int, gap: int | None) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO event_merge_members (article_id, seq, mid, outlet, published, gap)"
            " VALUES (?,?,?,?,?,?)",
            (report.article_id, seq, mid, report.outlet, report.published, gap),
        )

    def _count_join(self, mid: int, report: _Report) -> None:
        """Update a merged event's counts and first report for one more member (before it is added)."""
        new_article = not self.connection.execute(
            "SELECT 1 FROM event_merge_members WHERE mid = ? AND article_id = ? LIMIT 1", (mid, report.article_id)
        ).fetchone()
        new_outlet = not self.connection.execute(
            "SELECT 1 FROM event_merge_members WHERE mid = ? AND outlet = ? LIMIT 1", (mid, report.outlet)
        ).fetchone()
        self.connection.execute(
            "UPDATE event_merges SET mentions = mentions + 1, reports = reports + ?, sources = sources + ?"
            " WHERE mid = ?",
            (int(new_article), int(new_outlet), mid),
        )
        # Articles come in ingest order, so a later one is first only when its publication date is earlier.
        first_published = self.connection.execute(
            "SELECT first_published FROM event_merges WHERE mid = ?", (mid,)
        ).fetchone()[0]
        if report.published and (first_published is None or report.published < first_published):
            self.connection.execute(
                "UPDATE event_merges SET first_article = ?, first_published = ? WHERE mid = ?",
                (report.article_id, report.published, mid),
            )

    def _recount(self, mid: int) -> None:
        """Counts and first report of a merged event, from its members."""
        mentions, reports, sources = self.connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT article_id), COUNT(DISTINCT outlet) FROM event_merge_members"
            " WHERE mid = ?",
            (mid,),
        ).fetchone()
        first = self.connection.execute(
            "SELECT m.article_id, m.published FROM event_merge_members m JOIN articles a ON a.id = m.article_id"
            " WHERE m.mid = ? ORDER BY m.published IS NULL, m.published, a.rowid LIMIT 1",
            (mid,),
        ).fetchone()
        self.connection.execute(
            "UPDATE event_merges SET mentions = ?, reports = ?, sources = ?, first_article = ?, first_published = ?"
            " WHERE mid = ?",
            (mentions, reports, sources, first[0], first[1], mid),
        )

    # ---------------------------------------------------------------- forgetting

    def forget_articles(self, article_ids: list[str]) -> None:
        """Take articles out of the merged events (they were analysed again or are gone).

        A merged event left without members is deleted; one that lost its
        founder is founded again on its earliest remaining member, so its date
        and place rest on a report that still exists.
        """
        touched: set[int] = set()
        for offset in range(0, len(article_ids), 500):
            chunk = article_ids[offset : offset + 500]
            marks = ",".join("?" * len(chunk))
            touched.update(
                mid
                for (mid,) in self.connection.execute(
                    f"SELECT DISTINCT mid FROM event_merge_members WHERE article_id IN ({marks})", chunk
                )
            )
            self.connection.execute(f"DELETE FROM event_merge_members WHERE article_id IN ({marks})", chunk)
            self.connection.execute(f"DELETE FROM event_merge_articles WHERE article_id IN ({marks})", chunk)
        for mid in sorted(touched):
            self._refound(mid)

    def _refound(self, mid: int) -> None:
        members = self.connection.execute(
            "SELECT m.article_id, m.seq, e.data FROM event_merge_members m"
            " JOIN events e ON e.article_id = m.article_id AND e.seq = m.seq JOIN articles a ON a.id = m.article_id"
            " WHERE m.mid = ? ORDER BY a.rowid, m.seq",
            (mid,),
        ).fetchall()
        if not members:
            self.connection.execute("DELETE FROM event_merge_members WHERE mid = ?", (mid,))
            self.connection.execute("DELETE FROM event_merges WHERE mid = ?", (mid,))
            return
        founder = self.connection.execute(
            "SELECT founder_article, founder_seq FROM event_merges WHERE mid = ?", (mid,)
        ).fetchone()
        records = [(article_id, seq, json.loads(data)) for article_id, seq, data in members]
        place: dict[str, Any] | None = None
        for _, _, record in records:
            place = more_specific_place(place, record.get("place"))
        if all((article_id, seq) != tuple(founder) for article_id, seq, _ in records):
            article_id, seq, record = records[0]
            days = date_range(record.get("date"), record.get("date_precision"))
            precise = days is not None and days[1] - days[0] < self.options.precise_span_days
            self.connection.execute(
                "UPDATE event_merges SET lo = ?, hi = ?, precise = ?, founder_article = ?, founder_seq = ?"
                " WHERE mid = ?",
                (days[0] if days else None, days[1] if days else None, int(precise), article_id, seq, mid),
            )
        self.connection.execute(
            "UPDATE event_merges SET place = ? WHERE mid = ?", (json.dumps(place) if place else None, mid)
        )
        self._recount(mid)


def update_event_merges(store: Store, options: EventMergeOptions | None = None) -> int:
    """Merge the events of stored articles not merged yet (or analysed again); returns how many articles.

    Example:
        >>> with Store.open("dossier.db") as store:
        ...     update_event_merges(store)
    """
    options = options or EventMergeOptions()
    connection = store.connection
    merged = 0
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        _prepare_state(connection, options)
        stale = [
            row[0]
            for row in connection.execute(
                "SELECT m.article_id FROM event_merge_articles m LEFT JOIN articles a ON a.id = m.article_id"
                " WHERE a.rowid IS NULL OR a.rowid != m.article_rowid OR a.ingested_at != m.ingested_at"
            )
        ]
        _Merger(connection, options).forget_articles(stale)
    after = 0  # articles are read in rowid order; each batch goes on from the last one read
    while True:
        with connection:
            # One writer at a time: the pending articles are read inside the write transaction.
            connection.execute("BEGIN IMMEDIATE")
            merger = _Merger(connection, options)
            rows = connection.execute(
                "SELECT a.rowid, a.id, a.published, a.outlet, a.url, a.ingested_at FROM articles a"
                " LEFT JOIN event_merge_articles m ON m.article_id = a.id"
                " WHERE a.rowid > ? AND m.article_id IS NULL ORDER BY a.rowid LIMIT ?",
                (after, options.batch_articles),
            ).fetchall()
            if not rows:
                return merged
            for rowid, article_id, published, outlet, url, ingested_at in rows:
                report = _Report(article_id, published, outlet_of(outlet, url, article_id))
                events = connection.execute(
                    "SELECT seq, data FROM events WHERE article_id = ? ORDER BY seq", (article_id,)
                ).fetchall()
                for seq, data in events:
                    merger.merge_event(seq, json.loads(data), report)
                connection.execute(
                    "INSERT INTO event_merge_articles (article_id, article_rowid, ingested_at) VALUES (?, ?, ?)",
                    (article_id, rowid, ingested_at),
                )
            merged += len(rows)
            after = rows[-1][0]


# ====================================================================== reading


def events_with_merges(store: Store, article_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Every stored event record with `merged_event`: the real event it reports, with its counts.

    `merged_event` is `{"id", "reports", "mentions", "sources", "first_article"}`:
    reports are distinct articles, mentions the events merged (an article may
    report an event twice), sources distinct outlets. Its values are None for
    an event not merged yet (the stage has not run since it was stored), so
    every record has the same columns in CSV and Parquet.

    Example:
        >>> with Store.open("dossier.db", read_only=True) as store:
        ...     [e["merged_event"]["reports"] for e in events_with_merges(store)]
    """
    if not _has_state(store.connection):
        for record in store.iter_records("events", article_id):
            yield {**record, "merged_event": _merged_event(None, None, None, None, None)}
        return
    query = "SELECT t.data, g.id, g.reports, g.mentions, g.sources, g.first_article" + _EVENTS_WITH_MERGES
    params: tuple[Any, ...] = ()
    if article_id is not None:
        query += " WHERE t.article_id = ?"
        params = (article_id,)
    for data, mid, reports, mentions, sources, first in store.connection.execute(
        query + " ORDER BY a.rowid, t.seq", params
    ):
        yield {**json.loads(data), "merged_event": _merged_event(mid, reports, mentions, sources, first)}


def merged_events_of(store: Store, keys: list[tuple[str, int]]) -> dict[tuple[str, int], dict[str, Any]]:
    """`merged_event` of each stored event named by (article id, seq), for readers that pick events themselves.

    Every key gets an entry; an event not merged yet gets one of Nones, as in `events_with_merges`.
    """
    found = {key: _merged_event(None, None, None, None, None) for key in keys}
    if not _has_state(store.connection):
        return found
    articles = sorted({article_id for article_id, _ in keys})
    for offset in range(0, len(articles), 900):
        chunk = articles[offset : offset + 900]
        marks = ",".join("?" * len(chunk))
        for article_id, seq, mid, reports, mentions, sources, first in store.connection.execute(
            "SELECT t.article_id, t.seq, g.id, g.reports, g.mentions, g.sources, g.first_article"
            + _EVENTS_WITH_MERGES
            + f" WHERE t.article_id IN ({marks})",
            chunk,
        ):
            if (article_id, seq) in found:
                found[(article_id, seq)] = _merged_event(mid, reports, mentions, sources, first)
    return found


# Stored events joined to their merged event; an article analysed again since it was merged has none yet.
_EVENTS_WITH_MERGES = (
    " FROM events t JOIN articles a ON a.id = t.article_id"
    " LEFT JOIN event_merge_articles ma ON ma.article_id = t.article_id AND ma.article_rowid = a.rowid"
    " AND ma.ingested_at = a.ingested_at"
    " LEFT JOIN event_merge_members m ON ma.article_id IS NOT NULL AND m.article_id = t.article_id"
    " AND m.seq = t.seq LEFT JOIN event_merges g ON g.mid = m.mid"
)


def _merged_event(
    merged_id: str | None, reports: int | None, mentions: int | None, sources: int | None, first: str | None
) -> dict[str, Any]:
    return {"id": merged_id, "reports": reports, "mentions": mentions, "sources": sources, "first_article": first}


def same_event_links(store: Store) -> Iterator[Link]:
    """One `same_event` link from each merged event's first report to every other report of it.

    Like sentence links, they form a star, not a clique: an event reported
    500 times gives 499 links.
    """
    connection = store.connection
    if not _has_state(connection):
        return
    rows = connection.execute(
        "SELECT g.mid, g.id, g.first_article, g.mentions, g.reports, g.sources, m.article_id, m.seq, m.gap,"
        ' e.start, e."end", e.data FROM event_merges g JOIN event_merge_members m ON m.mid = g.mid'
        " JOIN events e ON e.article_id = m.article_id AND e.seq = m.seq JOIN articles a ON a.id = m.article_id"
        " WHERE g.mentions > 1 ORDER BY g.mid, m.published IS NULL, m.published, a.rowid, m.seq"
    )
    head: tuple[str, dict[str, Any]] | None = None
    current = None
    for mid, merged_id, first, mentions, reports, sources, article_id, seq, gap, start, end, data in rows:
        record = json.loads(data)
        key = event_reference(article_id, start, end, seq)
        if mid != current:
            current, head = mid, (key, record)
            continue
        assert head is not None
        head_key, head_record = head
        yield Link(
            kind="same_event",
            a=head_key,
            b=key,
            similarity=1.0 if gap == 0 else (round(1 / (1 + gap), 4) if gap is not None else 0.5),
            first_seen=first,
            detail={
                "level": "event",
                "merged_event": merged_id,
                "reports": reports,
                "mentions": mentions,
                "sources": sources,
                "code": record.get("code"),
                "source": (record.get("source") or {}).get("code"),
                "target": (record.get("target") or {}).get("code"),
                "a_article": head_record.get("article_id"),
                "a_text": head_record.get("sentence"),
                "a_date": head_record.get("date"),
                "b_article": article_id,
                "b_text": record.get("sentence"),
                "b_date": record.get("date"),
                "date_gap_days": gap,
            },
        )


def event_reference(article_id: str, start: int, end: int, seq: int) -> str:
    """The id of one event in links: '<article id>:<start>-<end>:<seq>' (a sentence may hold several)."""
    return f"{article_id}:{start}-{end}:{seq}"
