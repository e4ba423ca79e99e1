"""The event_merge stage's state in the store: the only SQL on the `event_merge*` tables (made by `store.schema`).

The stage writes merged events and their members here; readers (exports,
the HTTP API, `same_event` links) get each stored event's merged event
through `events_with_merges` and `merged_events_of`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from dossier.store import link_state
from dossier.store.database import Store
from dossier.store.schema import MERGE_STATE_TABLES
from dossier.store.sql import execute_in_chunks, select_in_chunks

# (source code, target key, CAMEO root): what two reports of one event share.
EventKey = tuple[str | None, str | None, str]


class StoredMerge(NamedTuple):
    """A stored merged event as a candidate for a new report: its date range and place."""

    mid: int
    lo: int | None
    hi: int | None
    precise: bool
    place: dict[str, Any] | None
    target: str | None = None


class PendingArticle(NamedTuple):
    rowid: int
    article_id: str
    published: str | None
    outlet: str | None
    url: str | None
    ingested_at: float


class SameEventRow(NamedTuple):
    """A member event of a merged event reported more than once, with the merged event's counts."""

    mid: int
    merged_id: str
    first_article: str
    mentions: int
    reports: int
    sources: int
    article_id: str
    seq: int
    gap: int | None
    start: int
    end: int
    record: dict[str, Any]


# ---------------------------------------------------------------- settings and progress


def prepare_merge_state(connection: sqlite3.Connection, fingerprint: str) -> None:
    """Keep the state built with these rules; empty it when built with others (in the caller's transaction)."""
    row = connection.execute("SELECT value FROM event_merge_meta WHERE key = 'options'").fetchone()
    if row is not None and row[0] == fingerprint:
        return
    for table in MERGE_STATE_TABLES:
        connection.execute(f"DELETE FROM {table}")
    connection.execute("INSERT INTO event_merge_meta (key, value) VALUES ('options', ?)", (fingerprint,))


def stale_merged_articles(connection: sqlite3.Connection) -> list[str]:
    """Articles merged before that are gone or were analysed again since."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT m.article_id FROM event_merge_articles m LEFT JOIN articles a ON a.id = m.article_id"
            " WHERE a.rowid IS NULL OR a.rowid != m.article_rowid OR a.ingested_at != m.ingested_at"
        )
    ]


def unmerged_articles(connection: sqlite3.Connection, after_rowid: int, limit: int) -> list[PendingArticle]:
    """Stored articles not merged yet, in ingest order, from after `after_rowid`."""
    rows = connection.execute(
        "SELECT a.rowid, a.id, a.published, a.outlet, a.url, a.ingested_at FROM articles a"
        " LEFT JOIN event_merge_articles m ON m.article_id = a.id"
        " WHERE a.rowid > ? AND m.article_id IS NULL ORDER BY a.rowid LIMIT ?",
        (after_rowid, limit),
    )
    return [PendingArticle(*row) for row in rows]


def article_events(connection: sqlite3.Connection, article_id: str) -> list[tuple[int, dict[str, Any]]]:
    """(seq, event record) of one stored article, in order."""
    rows = connection.execute("SELECT seq, data FROM events WHERE article_id = ? ORDER BY seq", (article_id,))
    return [(seq, json.loads(data)) for seq, data in rows]


def mark_merged(connection: sqlite3.Connection, article: PendingArticle) -> None:
    connection.execute(
        "INSERT INTO event_merge_articles (article_id, article_rowid, ingested_at) VALUES (?, ?, ?)",
        (article.article_id, article.rowid, article.ingested_at),
    )


# ---------------------------------------------------------------- candidates


def precise_merges(
    connection: sqlite3.Connection,
    key: EventKey,
    first_day: tuple[int, int],
    last_day_from: int,
    cap: int,
    widened: bool = False,
) -> list[StoredMerge]:
    """Merged events dated to a day or a week, of this key, whose first day lies in `first_day` and that end
    on or after `last_day_from`; the oldest `cap`. `widened`: those whose target is known where the key's
    is not, or unknown where the key's is known, instead."""
    source, _, root = key
    target_sql, target_params = _target_condition(key, widened)
    rows = connection.execute(
        f"SELECT mid, lo, hi, precise, place, target FROM event_merges WHERE source = ? AND {target_sql} AND root = ?"
        " AND precise = 1 AND lo BETWEEN ? AND ? AND hi >= ? ORDER BY mid LIMIT ?",
        (source, *target_params, root, first_day[0], first_day[1], last_day_from, cap),
    )
    return [_stored_merge(row) for row in rows]


def vague_merges(
    connection: sqlite3.Connection, key: EventKey, with_precise: bool, cap: int, widened: bool = False
) -> list[StoredMerge]:
    """Merged events of this key dated vaguely or not at all (and precise ones too when asked); the newest `cap`."""
    source, _, root = key
    target_sql, target_params = _target_condition(key, widened)
    precise_too = " OR 1" if with_precise else ""
    rows = connection.execute(
        f"SELECT mid, lo, hi, precise, place, target FROM event_merges WHERE source = ? AND {target_sql} AND root = ?"
        f" AND (precise = 0{precise_too}) ORDER BY mid DESC LIMIT ?",
        (source, *target_params, root, cap),
    )
    return [_stored_merge(row) for row in rows]


def _target_condition(key: EventKey, widened: bool) -> tuple[str, list[str | None]]:
    target = key[1]
    if not widened:
        return "target IS ?", [target]
    # A known target widens to the merged events that have none, none to those with a coded one
    # (an uncoded target is keyed "?name": link.merge_rules.event_key).
    return ("target IS NULL", []) if target is not None else ("target IS NOT NULL AND target NOT LIKE '?%'", [])


def _stored_merge(row: Any) -> StoredMerge:
    mid, lo, hi, precise, place, target = row
    return StoredMerge(mid, lo, hi, bool(precise), json.loads(place) if place else None, target)


def member_articles(connection: sqlite3.Connection, mid: int, limit: int) -> list[str]:
    rows = connection.execute(
        "SELECT DISTINCT article_id FROM event_merge_members WHERE mid = ? LIMIT ?", (mid, limit)
    ).fetchall()
    return [row[0] for row in rows]


def merged_id_taken(connection: sqlite3.Connection, merged_id: str) -> bool:
    return connection.execute("SELECT 1 FROM event_merges WHERE id = ?", (merged_id,)).fetchone() is not None


# ---------------------------------------------------------------- writing


def found_merged_event(
    connection: sqlite3.Connection,
    merged_id: str,
    key: EventKey,
    days: tuple[int, int] | None,
    precise: bool,
    place: dict[str, Any] | None,
    founder: tuple[str, int],
    published: str | None,
) -> int:
    """Store a merged event founded by one event (its only member, added apart); returns its mid."""
    source, target, root = key
    cursor = connection.execute(
        "INSERT INTO event_merges (id, source, target, root, lo, hi, precise, place, founder_article,"
        " founder_seq, first_article, first_published, mentions, reports, sources)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,1,1)",
        (
            merged_id,
            source,
            target,
            root,
            days[0] if days else None,
            days[1] if days else None,
            int(precise),
            json.dumps(place) if place else None,
            founder[0],
            founder[1],
            founder[0],
            published,
        ),
    )
    return int(cursor.lastrowid or 0)


def add_member(
    connection: sqlite3.Connection,
    mid: int,
    article_id: str,
    seq: int,
    outlet: str,
    published: str | None,
    gap: int | None,
) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO event_merge_members (article_id, seq, mid, outlet, published, gap)"
        " VALUES (?,?,?,?,?,?)",
        (article_id, seq, mid, outlet, published, gap),
    )


def count_new_member(
    connection: sqlite3.Connection, mid: int, article_id: str, outlet: str, published: str | None
) -> None:
    """Update a merged event's counts and first report for one more member (before it is added)."""
    new_article = not connection.execute(
        "SELECT 1 FROM event_merge_members WHERE mid = ? AND article_id = ? LIMIT 1", (mid, article_id)
    ).fetchone()
    new_outlet = not connection.execute(
        "SELECT 1 FROM event_merge_members WHERE mid = ? AND outlet = ? LIMIT 1", (mid, outlet)
    ).fetchone()
    connection.execute(
        "UPDATE event_merges SET mentions = mentions + 1, reports = reports + ?, sources = sources + ? WHERE mid = ?",
        (int(new_article), int(new_outlet), mid),
    )
    # Articles come in ingest order, so a later one is first only when its publication date is earlier.
    first_published = connection.execute("SELECT first_published FROM event_merges WHERE mid = ?", (mid,)).fetchone()[0]
    if published and (first_published is None or published < first_published):
        connection.execute(
            "UPDATE event_merges SET first_article = ?, first_published = ? WHERE mid = ?", (article_id, published, mid)
        )


def set_merge_dates(connection: sqlite3.Connection, mid: int, days: tuple[int, int], precise: bool) -> None:
    connection.execute(
        "UPDATE event_merges SET lo = ?, hi = ?, precise = ? WHERE mid = ?", (days[0], days[1], int(precise), mid)
    )


def set_merge_target(connection: sqlite3.Connection, mid: int, target: str) -> None:
    connection.execute("UPDATE event_merges SET target = ? WHERE mid = ?", (target, mid))


def set_merge_place(connection: sqlite3.Connection, mid: int, place: dict[str, Any] | None) -> None:
    connection.execute("UPDATE event_merges SET place = ? WHERE mid = ?", (json.dumps(place) if place else None, mid))


# ---------------------------------------------------------------- forgetting


def forget_merged_articles(connection: sqlite3.Connection, article_ids: Iterable[str]) -> set[int]:
    """Take articles out of the merged events; returns the merged events (mids) they were in."""
    ids = list(article_ids)
    touched = {
        mid
        for (mid,) in select_in_chunks(
            connection, "SELECT DISTINCT mid FROM event_merge_members WHERE article_id IN ({marks})", ids
        )
    }
    execute_in_chunks(connection, "DELETE FROM event_merge_members WHERE article_id IN ({marks})", ids)
    execute_in_chunks(connection, "DELETE FROM event_merge_articles WHERE article_id IN ({marks})", ids)
    return touched


def merge_members(connection: sqlite3.Connection, mid: int) -> list[tuple[str, int, dict[str, Any]]]:
    """(article id, seq, event record) of a merged event's members, in ingest order."""
    rows = connection.execute(
        "SELECT m.article_id, m.seq, e.data FROM event_merge_members m"
        " JOIN events e ON e.article_id = m.article_id AND e.seq = m.seq JOIN articles a ON a.id = m.article_id"
        " WHERE m.mid = ? ORDER BY a.rowid, m.seq",
        (mid,),
    )
    return [(article_id, seq, json.loads(data)) for article_id, seq, data in rows]


def merge_founder(connection: sqlite3.Connection, mid: int) -> tuple[str, int]:
    article_id, seq = connection.execute(
        "SELECT founder_article, founder_seq FROM event_merges WHERE mid = ?", (mid,)
    ).fetchone()
    return article_id, seq


def set_merge_founder(
    connection: sqlite3.Connection, mid: int, founder: tuple[str, int], days: tuple[int, int] | None, precise: bool
) -> None:
    connection.execute(
        "UPDATE event_merges SET lo = ?, hi = ?, precise = ?, founder_article = ?, founder_seq = ? WHERE mid = ?",
        (days[0] if days else None, days[1] if days else None, int(precise), founder[0], founder[1], mid),
    )


def delete_merged_event(connection: sqlite3.Connection, mid: int) -> None:
    connection.execute("DELETE FROM event_merge_members WHERE mid = ?", (mid,))
    connection.execute("DELETE FROM event_merges WHERE mid = ?", (mid,))


def recount_merged_event(connection: sqlite3.Connection, mid: int) -> None:
    """Counts and first report of a merged event, from its members."""
    mentions, reports, sources = connection.execute(
        "SELECT COUNT(*), COUNT(DISTINCT article_id), COUNT(DISTINCT outlet) FROM event_merge_members WHERE mid = ?",
        (mid,),
    ).fetchone()
    first = connection.execute(
        "SELECT m.article_id, m.published FROM event_merge_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.mid = ? ORDER BY m.published IS NULL, m.published, a.rowid LIMIT 1",
        (mid,),
    ).fetchone()
    connection.execute(
        "UPDATE event_merges SET mentions = ?, reports = ?, sources = ?, first_article = ?, first_published = ?"
        " WHERE mid = ?",
        (mentions, reports, sources, first[0], first[1], mid),
    )


# ---------------------------------------------------------------- reading


def events_with_merges(store: Store, article_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Every stored event record with `merged_event`: the real event it reports, with its counts.

    `merged_event` is `{"id", "reports", "mentions", "sources",
    "independent_sources", "first_article"}`: reports are distinct articles,
    mentions the events merged (an article may report an event twice), sources
    distinct outlets, independent sources the outlets left once copies count as
    their origin (`independent_sources`). Its values are None for
    an event not merged yet (the stage has not run since it was stored), so
    every record has the same columns in CSV and Parquet.

    Example:
        >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Event
        >>> text = "Russia condemned Ukraine on Monday."
        >>> article = Article.build(text, published="2017-09-05")
        >>> russia, ukraine = ActorRef("RUS", "Russia", "RUS"), ActorRef("UKR", "Ukraine", "UKR")
        >>> event = Event(article.id, russia, ukraine, "111", "11", -2.0, 3, "2017-09-04", "day", None, text, 0, 35)
        >>> store = Store.open(":memory:")
        >>> store.save_analysis(ArticleAnalysis(article, events=(event,)))
        >>> [e["merged_event"]["reports"] for e in events_with_merges(store)]  # not merged yet
        [None]
        >>> from dossier.link.event_merge import update_event_merges
        >>> update_event_merges(store)
        1
        >>> [e["merged_event"]["reports"] for e in events_with_merges(store)]
        [1]
        >>> store.close()
    """
    query = "SELECT t.data, g.mid, g.id, g.reports, g.mentions, g.sources, g.first_article" + _EVENTS_WITH_MERGES
    params: tuple[Any, ...] = ()
    if article_id is not None:
        query += " WHERE t.article_id = ?"
        params = (article_id,)
    independent = independent_sources(store.connection)
    for data, mid, merged_id, reports, mentions, sources, first in store.connection.execute(
        query + " ORDER BY a.rowid, t.seq", params
    ):
        yield {
            **json.loads(data),
            "merged_event": _merged_event(merged_id, reports, mentions, sources, first, independent.get(mid)),
        }


def merged_events_of(store: Store, keys: list[tuple[str, int]]) -> dict[tuple[str, int], dict[str, Any]]:
    """`merged_event` of each stored event named by (article id, seq), for readers that pick events themselves.

    Every key gets an entry; an event not merged yet gets one of Nones, as in `events_with_merges`.
    """
    found = {key: _merged_event(None, None, None, None, None) for key in keys}
    independent = independent_sources(store.connection)
    rows = select_in_chunks(
        store.connection,
        "SELECT t.article_id, t.seq, g.mid, g.id, g.reports, g.mentions, g.sources, g.first_article"
        + _EVENTS_WITH_MERGES
        + " WHERE t.article_id IN ({marks})",
        {article_id for article_id, _ in keys},
    )
    for article_id, seq, mid, merged_id, reports, mentions, sources, first in rows:
        if (article_id, seq) in found:
            found[(article_id, seq)] = _merged_event(merged_id, reports, mentions, sources, first, independent.get(mid))
    return found


def independent_sources(connection: sqlite3.Connection) -> dict[int, int]:
    """Each merged event's sources, copies discounted: mid -> distinct outlets once copies count as their origin.

    A report that is a copy of an earlier article (`link_state.copy_origins`:
    most of its sentences linked to it, as a content farm's rewrite of a wire
    story) counts as a report of its origin's outlet, so five rewrites of one
    wire story are one source. Without link state every report is its own.
    """
    members: dict[int, list[tuple[str, str]]] = {}
    for mid, article_id, outlet in connection.execute("SELECT mid, article_id, outlet FROM event_merge_members"):
        members.setdefault(int(mid), []).append((article_id, outlet))
    outlet_of = {article_id: outlet for group in members.values() for article_id, outlet in group}
    origins = link_state.copy_origins(connection, outlet_of)
    found: dict[int, int] = {}
    for mid, group in members.items():
        keys = set()
        for article_id, outlet in group:
            origin = origins.get(article_id)
            keys.add(outlet if origin is None else outlet_of.get(origin, f"article:{origin}"))
        found[mid] = len(keys)
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
    merged_id: str | None,
    reports: int | None,
    mentions: int | None,
    sources: int | None,
    first: str | None,
    independent: int | None = None,
) -> dict[str, Any]:
    return {
        "id": merged_id,
        "reports": reports,
        "mentions": mentions,
        "sources": sources,
        "independent_sources": independent if merged_id is not None else None,
        "first_article": first,
    }


def same_event_rows(connection: sqlite3.Connection) -> Iterator[SameEventRow]:
    """Members of every merged event with more than one, by merged event, first report first."""
    rows = connection.execute(
        "SELECT g.mid, g.id, g.first_article, g.mentions, g.reports, g.sources, m.article_id, m.seq, m.gap,"
        ' e.start, e."end", e.data FROM event_merges g JOIN event_merge_members m ON m.mid = g.mid'
        " JOIN events e ON e.article_id = m.article_id AND e.seq = m.seq JOIN articles a ON a.id = m.article_id"
        " WHERE g.mentions > 1 ORDER BY g.mid, m.published IS NULL, m.published, a.rowid, m.seq"
    )
    for mid, merged_id, first, mentions, reports, sources, article_id, seq, gap, start, end, data in rows:
        record = json.loads(data)
        yield SameEventRow(mid, merged_id, first, mentions, reports, sources, article_id, seq, gap, start, end, record)
