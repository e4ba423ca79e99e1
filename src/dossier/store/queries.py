"""Read helpers over the store: filtered, paged lists and small aggregates.

The HTTP layer (`serve.py`) calls these; so can scripts. Every value a user
gives travels as an SQL parameter: only fixed fragments written here become
SQL text. Dates compare as ISO strings, so a partial bound ("2017", "2017-09")
covers the whole year or month.

Example:
    >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Quote
    >>> text = '"We want peace," Putin said.'
    >>> article = Article.build(text, published="2017-09-06")
    >>> putin = ActorRef("RUSGOV", "Vladimir Putin", "RUS", "president")
    >>> quote = Quote(article.id, putin, None, "We want peace,", "direct", "said", 1, 15, text)
    >>> with Store.open(":memory:") as store:
    ...     store.save_analysis(ArticleAnalysis(article, quotes=(quote,)))
    ...     page = list_quotes(store, QuoteFilter(speaker="RUSGOV"), Paging(limit=10))
    ...     [q["text"] for q in page.items], page.total
    (['We want peace,'], 1)
"""

from __future__ import annotations

import datetime
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dossier.errors import DossierError
from dossier.store.database import Store
from dossier.store.matching import actor_clause, escape_like
from dossier.store.merge_state import merged_events_of
from dossier.store.sql import select_in_chunks

# One page never holds more rows than this, whatever a caller asks for.
MAX_PAGE = 500
# Actor detail lists are capped per kind: the page shows evidence, not a dump.
MAX_EVIDENCE_PER_KIND = 200

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class QueryError(DossierError):
    """A filter value that cannot be used (bad date, bad full-text query)."""


@dataclass(frozen=True)
class Paging:
    limit: int = 50
    offset: int = 0

    def clamped(self) -> Paging:
        return Paging(max(1, min(self.limit, MAX_PAGE)), max(0, self.offset))


@dataclass(frozen=True)
class Page:
    """One page of results and how many there are in all."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


@dataclass(frozen=True)
class QuoteFilter:
    """Which quotes: `speaker` is a CAMEO code prefix or the start of a word in a name."""

    speaker: str | None = None
    issue: str | None = None  # quotes overlapping a stance on this issue
    since: str | None = None  # the article's publication date
    until: str | None = None
    text: str | None = None  # part of the quoted words
    article_id: str | None = None
    search: str | None = None  # full-text query their article must match


@dataclass(frozen=True)
class EventFilter:
    """Which events: actors by code prefix or the start of a word in a name, CAMEO code by prefix."""

    source: str | None = None
    target: str | None = None
    code: str | None = None
    quad_class: int | None = None
    since: str | None = None  # the event's date, else its article's publication date
    until: str | None = None
    article_id: str | None = None
    search: str | None = None
    actor: str | None = None  # source or target: a code prefix or the start of a word in a name
    place: str | None = None  # the place's name, exactly
    undated: bool = False  # only events with neither a date nor a dated article
    coder: str | None = None  # "pattern" or "learned": which coder gave the event (records before it: pattern)


@dataclass(frozen=True)
class StanceFilter:
    actor: str | None = None
    issue: str | None = None
    polarity: str | None = None
    article_id: str | None = None
    search: str | None = None


@dataclass
class _Where:
    """WHERE clauses and their parameters, built side by side."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def check_date(value: str | None, name: str) -> str | None:
    """A date bound as given (YYYY, YYYY-MM or YYYY-MM-DD), or QueryError."""
    if value is None or value == "":
        return None
    if not _PARTIAL_DATE.match(value) or not _is_calendar_date(value):
        raise QueryError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _is_calendar_date(value: str) -> bool:
    """Whether a YYYY[-MM[-DD]] bound names a real period: 2020-13 or 2021-02-30 would match nothing, silently."""
    parts = [int(part) for part in value.split("-")]
    try:
        datetime.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return False
    return True


def _add_actor(where: _Where, code_column: str, name_column: str, value: str | None) -> None:
    if value and value.strip():
        sql, params = actor_clause(code_column, name_column, value)
        where.add(sql, *params)


def _add_dates(where: _Where, column: str, since: str | None, until: str | None) -> None:
    since = check_date(since, "since")
    until = check_date(until, "until")
    if since:
        where.add(f"{column} >= ?", since)
    if until:
        # Compare on the bound's own length, so until=2017-09 keeps 2017-09-30.
        where.add(f"substr({column}, 1, ?) <= ?", len(until), until)


def _add_search(where: _Where, column: str, search: str | None) -> None:
    if search:
        where.add(
            f"{column} IN (SELECT s.id FROM articles_fts JOIN articles s ON s.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ?)",
            search,
        )


def _rows(store_or_connection: Store | sqlite3.Connection, sql: str, params: list[Any]) -> list[sqlite3.Row]:
    """Run one read; a malformed full-text query becomes a QueryError a user can act on."""
    connection = store_or_connection.connection if isinstance(store_or_connection, Store) else store_or_connection
    try:
        return connection.execute(sql, params).fetchall()
    except sqlite3.OperationalError as error:
        # With a user's full-text query in play, SQLite's complaint is about that query
        # ("unterminated string", "fts5: syntax error", "no such column").
        if "MATCH ?" in sql and not _is_storage_problem(error):
            raise QueryError(
                f'bad full-text query ({error}); put words with punctuation in double quotes, e.g. "U.N."'
            ) from None
        raise


def _is_storage_problem(error: sqlite3.OperationalError) -> bool:
    message = str(error).lower()
    return any(word in message for word in ("locked", "disk", "readonly", "unable to open", "corrupt"))


def _page(store: Store, select: str, body: str, where: _Where, order: str, paging: Paging) -> tuple[list[Any], int]:
    paging = paging.clamped()
    total = int(_rows(store, f"SELECT COUNT(*) {body}{where.sql()}", where.params)[0][0])
    rows = _rows(
        store,
        f"SELECT {select} {body}{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*where.params, paging.limit, paging.offset],
    )
    return rows, total


# ------------------------------------------------------------------ articles


def list_articles(store: Store, query: str | None = None, paging: Paging = Paging(), actor: str | None = None) -> Page:
    """Articles matching an FTS5 query (best first), or all of them, newest first; `actor`: those that mention it."""
    paging = paging.clamped()
    where = _Where()
    if actor:
        mentioned = _Where()
        _add_actor(mentioned, "m.code", "m.name", actor)
        where.add(f"a.id IN (SELECT m.article_id FROM mentions m{mentioned.sql()})", *mentioned.params)
    if query:
        body = "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        where.add("articles_fts MATCH ?", query)
        select = (
            "a.id, a.name, a.title, a.outlet, a.published, a.url,"
            " snippet(articles_fts, 1, '«', '»', '…', 16) AS snippet"
        )
        order = "rank"
    else:
        body = "FROM articles a"
        select = "a.id, a.name, a.title, a.outlet, a.published, a.url, substr(a.text, 1, 200) AS snippet"
        order = "a.published IS NULL, a.published DESC, a.rowid"
    rows, total = _page(store, select, body, where, order, paging)
    return Page([dict(row) for row in rows], total, paging.limit, paging.offset)


def search_articles(
    store: Store, query: str, limit: int = 20, marks: tuple[str, str] = ("«", "»")
) -> list[dict[str, Any]]:
    """Articles matching an FTS5 query, best first, each with a snippet around the words matched.

    The snippet comes from the column that matched (title or text) and keeps
    the matched words between `marks`, so a caller can show them.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> store = Store.open(":memory:")
        >>> store.save_analysis(ArticleAnalysis(Article.build("Moon backed new sanctions on Monday.")))
        >>> [hit["snippet"] for hit in search_articles(store, "sanctions", 1)]
        ['Moon backed new «sanctions» on Monday.']
    """
    rows = _rows(
        store,
        "SELECT a.id, a.title, snippet(articles_fts, -1, ?, ?, '…', 16) AS snippet"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        [marks[0], marks[1], query, max(1, min(limit, MAX_PAGE))],
    )
    return [dict(row) for row in rows]


def article_origin(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article's text, URL and when it was stored (`ingested_at`, seconds since the epoch); None if unknown."""
    row = store.connection.execute("SELECT text, url, ingested_at FROM articles WHERE id = ?", (article_id,)).fetchone()
    return dict(row) if row else None


def stored_urls(store: Store, urls: list[str]) -> set[str]:
    """Those of `urls` some stored article came from (what `dossier watch` does not fetch into the store again)."""
    rows = select_in_chunks(store.connection, "SELECT url FROM articles WHERE url IN ({marks})", urls)
    return {row[0] for row in rows}


def article_records(store: Store, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Everything stored for one article, by kind."""
    return {kind: list(store.iter_records(kind, article_id)) for kind in ("mentions", "quotes", "events", "stances")}


# ------------------------------------------------------------------ actors


def list_actors(store: Store, name: str | None = None, search: str | None = None, paging: Paging = Paging()) -> Page:
    """Actors with how often and in how many articles they are mentioned, most mentioned first."""
    paging = paging.clamped()
    where = _Where()
    _add_actor(where, "m.code", "m.name", name)
    _add_search(where, "m.article_id", search)
    grouped = (
        "SELECT m.code AS code, m.name AS name,"
        " count(*) AS mention_count, count(DISTINCT m.article_id) AS article_count"
        f" FROM mentions m{where.sql()} GROUP BY m.code, m.name"
    )
    total = int(_rows(store, f"SELECT COUNT(*) FROM ({grouped})", where.params)[0][0])
    # Country and role (the same in every mention of one code and name) are read from one mention of
    # each listed actor: parsing every mention's JSON to group them cost most of the time at 2,000 articles.
    rows = _rows(
        store,
        "SELECT g.code AS code, g.name AS name,"
        " (SELECT json_extract(t.data, '$.actor.country') AS v FROM mentions t"
        "  WHERE t.code IS g.code AND t.name IS g.name AND v IS NOT NULL LIMIT 1) AS country,"
        " (SELECT json_extract(t.data, '$.actor.role') AS v FROM mentions t"
        "  WHERE t.code IS g.code AND t.name IS g.name AND v IS NOT NULL LIMIT 1) AS role,"
        " g.mention_count AS mention_count, g.article_count AS article_count"
        # The page of actors first: SQLite computes the columns of every group before it sorts, and with
        # 2,000 actors (200 real reports) these lookups over the uncoded mentions took over 3 s.
        f" FROM (SELECT * FROM ({grouped}) ORDER BY mention_count DESC, name LIMIT ? OFFSET ?) g"
        " ORDER BY g.mention_count DESC, g.name",
        [*where.params, paging.limit, paging.offset],
    )
    return Page([dict(row) for row in rows], total, paging.limit, paging.offset)


def _add_actor_identity(where: _Where, code_column: str, name_column: str, code: str | None, name: str | None) -> None:
    # An actor is its code and name together: RUSGOV covers Putin and Lavrov alike.
    if code:
        where.add(f"{code_column} = ?", code)
    else:
        where.add(f"{code_column} IS NULL")
    if name:
        where.add(f"{name_column} = ?", name)


def actor_evidence(store: Store, code: str | None, name: str | None, search: str | None = None) -> dict[str, Any]:
    """One actor's mentions, quotes, events (as source or target) and stances, each with offsets."""
    if not code and not name:
        raise QueryError("give an actor's code, name or both")
    connection = store.connection
    found: dict[str, Any] = {"code": code, "name": name}
    specs = {
        "mentions": ("mentions", "t.code", "t.name"),
        "quotes": ("quotes", "t.speaker_code", "t.speaker_name"),
        "stances": ("stances", "t.actor_code", "json_extract(t.data, '$.actor.name')"),
    }
    for kind, (table, code_column, name_column) in specs.items():
        where = _Where()
        _add_actor_identity(where, code_column, name_column, code, name)
        _add_search(where, "t.article_id", search)
        found[kind] = _records(connection, table, where)
    where_source, where_target = _Where(), _Where()
    _add_actor_identity(where_source, "t.source_code", "json_extract(t.data, '$.source.name')", code, name)
    _add_actor_identity(where_target, "t.target_code", "json_extract(t.data, '$.target.name')", code, name)
    where = _Where(
        [f"(({' AND '.join(where_source.clauses)}) OR ({' AND '.join(where_target.clauses)}))"],
        [*where_source.params, *where_target.params],
    )
    _add_search(where, "t.article_id", search)
    found["events"] = _records(connection, "events", where)
    return found


def _records(connection: sqlite3.Connection, table: str, where: _Where) -> list[dict[str, Any]]:
    rows = _rows(
        connection,
        f"SELECT t.data, a.title, a.published FROM {table} t JOIN articles a ON a.id = t.article_id"
        f"{where.sql()} ORDER BY a.rowid, t.seq LIMIT ?",
        [*where.params, MAX_EVIDENCE_PER_KIND],
    )
    return [_with_article(row) for row in rows]


def _with_article(row: Any) -> dict[str, Any]:
    record = json.loads(row["data"])
    record["article_title"] = row["title"]
    record["published"] = row["published"]
    return record


# ------------------------------------------------------------------ quotes


def list_quotes(store: Store, where_: QuoteFilter = QuoteFilter(), paging: Paging = Paging()) -> Page:
    """Quotes in article order; `issue` keeps those overlapping a stance on that issue."""
    paging = paging.clamped()
    where = _Where()
    _add_actor(where, "q.speaker_code", "q.speaker_name", where_.speaker)
    if where_.issue:
        where.add(
            "EXISTS (SELECT 1 FROM stances s WHERE s.article_id = q.article_id AND s.issue = ?"
            ' AND s.start < q."end" AND s."end" > q.start)',
            where_.issue,
        )
    _add_dates(where, "a.published", where_.since, where_.until)
    if where_.text:
        where.add("json_extract(q.data, '$.text') LIKE ? ESCAPE '\\'", "%" + escape_like(where_.text) + "%")
    if where_.article_id:
        where.add("q.article_id = ?", where_.article_id)
    _add_search(where, "q.article_id", where_.search)
    rows, total = _page(
        store,
        "q.data, a.title, a.published",
        "FROM quotes q JOIN articles a ON a.id = q.article_id",
        where,
        "a.published IS NULL, a.published, a.rowid, q.seq",
        paging,
    )
    return Page([_with_article(row) for row in rows], total, paging.limit, paging.offset)


# ------------------------------------------------------------------ events

_EVENT_DATE = "COALESCE(e.date, a.published)"


def _event_where(where_: EventFilter) -> _Where:
    where = _Where()
    _add_actor(where, "e.source_code", "json_extract(e.data, '$.source.name')", where_.source)
    _add_actor(where, "e.target_code", "json_extract(e.data, '$.target.name')", where_.target)
    if where_.code:
        where.add("e.code LIKE ? ESCAPE '\\'", escape_like(where_.code) + "%")
    if where_.quad_class is not None:
        where.add("json_extract(e.data, '$.quad_class') = ?", where_.quad_class)
    _add_dates(where, _EVENT_DATE, where_.since, where_.until)
    if where_.article_id:
        where.add("e.article_id = ?", where_.article_id)
    _add_search(where, "e.article_id", where_.search)
    if where_.actor:
        either = _Where()
        _add_actor(either, "e.source_code", "json_extract(e.data, '$.source.name')", where_.actor)
        _add_actor(either, "e.target_code", "json_extract(e.data, '$.target.name')", where_.actor)
        where.add(f"({' OR '.join(either.clauses)})", *either.params)
    if where_.place:
        where.add("json_extract(e.data, '$.place.name') = ?", where_.place)
    if where_.undated:
        where.add(f"{_EVENT_DATE} IS NULL")
    if where_.coder:
        where.add("COALESCE(json_extract(e.data, '$.coder'), 'pattern') = ?", where_.coder)
    return where


def list_events(store: Store, where_: EventFilter = EventFilter(), paging: Paging = Paging()) -> Page:
    """Events in date order (undated last); `date_effective` is the event's date or its article's."""
    paging = paging.clamped()
    rows, total = _page(
        store,
        f"e.data, a.title, a.published, {_EVENT_DATE} AS date_effective",
        "FROM events e JOIN articles a ON a.id = e.article_id",
        _event_where(where_),
        f"{_EVENT_DATE} IS NULL, {_EVENT_DATE}, a.rowid, e.seq",
        paging,
    )
    items = []
    for row in rows:
        record = _with_article(row)
        record["date_effective"] = row["date_effective"]
        items.append(record)
    return Page(items, total, paging.limit, paging.offset)


def iter_events(
    store: Store, where_: EventFilter = EventFilter(), limit: int | None = 100_000, effective_date: bool = False
) -> Iterator[dict[str, Any]]:
    """Filtered events as contract dicts with their `merged_event`, for exports (as `dossier export events`).

    `limit=None` reads them all. With `effective_date`, each also carries `date_effective`:
    its own date, else its article's publication date (what `dossier stats` counts by day).
    """
    where = _event_where(where_)
    rows = _rows(
        store,
        f"SELECT e.article_id, e.seq, e.data, {_EVENT_DATE} AS date_effective"
        f" FROM events e JOIN articles a ON a.id = e.article_id{where.sql()}"
        f" ORDER BY {_EVENT_DATE} IS NULL, {_EVENT_DATE}, a.rowid, e.seq LIMIT ?",
        [*where.params, -1 if limit is None else limit],
    )
    merged = merged_events_of(store, [(row["article_id"], row["seq"]) for row in rows])
    for row in rows:
        record = json.loads(row["data"])
        record["merged_event"] = merged[(row["article_id"], row["seq"])]
        if effective_date:
            record["date_effective"] = row["date_effective"]
        yield record


def _dyad_counts(store: Store, where_: EventFilter) -> list[sqlite3.Row]:
    """Events counted by (source, target, QuadClass), actors by code and name: the rows of both actor graphs."""
    where = _event_where(where_)
    return _rows(
        store,
        "SELECT e.source_code AS source_code, json_extract(e.data, '$.source.name') AS source_name,"
        " e.target_code AS target_code, json_extract(e.data, '$.target.name') AS target_name,"
        " json_extract(e.data, '$.quad_class') AS quad_class, count(*) AS n"
        f" FROM events e JOIN articles a ON a.id = e.article_id{where.sql()}"
        " GROUP BY source_code, source_name, target_code, target_name, quad_class",
        where.params,
    )


def actor_network(store: Store, where_: EventFilter = EventFilter()) -> dict[str, Any]:
    """Who acts on whom: actors as nodes, (source, target, QuadClass) as weighted edges.

    QuadClass 1-2 (verbal and material cooperation) counts as cooperation,
    3-4 (verbal and material conflict) as conflict.
    """
    rows = _dyad_counts(store, where_)
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for row in rows:
        source = _node(nodes, row["source_code"], row["source_name"], row["n"])
        if row["target_name"] is None and row["target_code"] is None:
            continue
        target = _node(nodes, row["target_code"], row["target_name"], row["n"])
        quad = row["quad_class"]
        edges.append(
            {
                "source": source,
                "target": target,
                "quad_class": quad,
                "relation": "cooperation" if quad in (1, 2) else "conflict" if quad in (3, 4) else "unknown",
                "count": row["n"],
            }
        )
    return {"nodes": list(nodes.values()), "edges": edges}


def _node(nodes: dict[str, dict[str, Any]], code: str | None, name: str | None, count: int) -> str:
    key = f"{code or ''}|{name or ''}"
    node = nodes.setdefault(key, {"id": key, "code": code, "name": name or code or "?", "events": 0})
    node["events"] += count
    return key


# ------------------------------------------------------------------ stances


def _stance_where(where_: StanceFilter) -> _Where:
    where = _Where()
    _add_actor(where, "s.actor_code", "json_extract(s.data, '$.actor.name')", where_.actor)
    if where_.issue:
        where.add("s.issue = ?", where_.issue)
    if where_.polarity:
        where.add("s.polarity = ?", where_.polarity)
    if where_.article_id:
        where.add("s.article_id = ?", where_.article_id)
    _add_search(where, "s.article_id", where_.search)
    return where


def list_stances(store: Store, where_: StanceFilter = StanceFilter(), paging: Paging = Paging()) -> Page:
    paging = paging.clamped()
    rows, total = _page(
        store,
        "s.data, a.title, a.published",
        "FROM stances s JOIN articles a ON a.id = s.article_id",
        _stance_where(where_),
        "a.rowid, s.seq",
        paging,
    )
    return Page([_with_article(row) for row in rows], total, paging.limit, paging.offset)


def iter_stances(store: Store, where_: StanceFilter = StanceFilter()) -> Iterator[dict[str, Any]]:
    """Filtered stances as contract dicts, in article order: what `stance.matrix` adds up.

    Example:
        >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Stance
        >>> text = "China opposed new sanctions."
        >>> article = Article.build(text)
        >>> stance = Stance(article.id, ActorRef("CHN", "China", "CHN"), "sanctions", "oppose", 1.0, text, 0, len(text))
        >>> with Store.open(":memory:") as store:
        ...     store.save_analysis(ArticleAnalysis(article, stances=(stance,)))
        ...     [s["polarity"] for s in iter_stances(store, StanceFilter(issue="sanctions"))]
        ['oppose']
    """
    where = _stance_where(where_)
    rows = _rows(
        store,
        f"SELECT s.data FROM stances s JOIN articles a ON a.id = s.article_id{where.sql()} ORDER BY a.rowid, s.seq",
        where.params,
    )
    for row in rows:
        yield json.loads(row["data"])


# ------------------------------------------------------------------ links


def list_links(store: Store, kind: str | None = None, article_id: str | None = None, paging: Paging = Paging()) -> Page:
    """Provenance links, most similar first; `article_id` keeps links touching that article."""
    paging = paging.clamped()
    where = _Where()
    if kind:
        where.add("l.kind = ?", kind)
    if article_id:
        # Ends may be article ids or finer references that start with one.
        prefix = escape_like(article_id) + "%"
        where.add("(l.a LIKE ? ESCAPE '\\' OR l.b LIKE ? ESCAPE '\\')", prefix, prefix)
    rows, total = _page(store, "l.data", "FROM links l", where, "l.similarity DESC, l.kind, l.a, l.b", paging)
    return Page([json.loads(row["data"]) for row in rows], total, paging.limit, paging.offset)


# ------------------------------------------------------------------ the web page's views

# Sentence-level provenance: which sentence was copied or reworded from which.
SENTENCE_LINK_KINDS = ("exact", "near_duplicate", "rewording")
# Roles a CAMEO code may add to a country, to tell "Russia (government)" from "Russia" on one graph.
_ROLE_WORDS = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "JUD": "judiciary",
    "LEG": "legislature",
    "OPP": "opposition",
    "PTY": "party",
    "BUS": "business",
    "MED": "media",
    "REB": "rebels",
    "CVL": "civilians",
}
# How many copies of one sentence "where else does this appear" follows at most.
MAX_COPIES = 500
MAX_STORY_COPIES = 2000


def relation_of(quad_class: int | None) -> str:
    """cooperation (QuadClass 1-2), conflict (3-4) or unknown."""
    return "cooperation" if quad_class in (1, 2) else "conflict" if quad_class in (3, 4) else "unknown"


def actor_graph(
    store: Store, where_: EventFilter = EventFilter(), top: int = 25, max_edges: int | None = None
) -> dict[str, Any]:
    """Who acts on whom among the `top` actors with the most events.

    An actor is its CAMEO code (every name found under RUSGOV is one node,
    named by the name most often found), or its name when it has no code.
    Edges are (source, target, QuadClass) with their event count, at most
    `max_edges` of them (3 per actor by default), the most events first;
    `edges_total` says how many there were. An actor acting on itself adds to
    its weight but draws no edge. Two actors that
    share a name (RUS "Russia", RUSGOV "Russia") get their role in the label.

    Example:
        >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Event
        >>> text = "Russia accused Norway."
        >>> article = Article.build(text)
        >>> russia, norway = ActorRef("RUS", "Russia", "RUS"), ActorRef("NOR", "Norway", "NOR")
        >>> event = Event(article.id, russia, norway, "112", "11", -2.0, 3, None, None, None, text, 0, len(text))
        >>> with Store.open(":memory:") as store:
        ...     store.save_analysis(ArticleAnalysis(article, events=(event,)))
        ...     graph = actor_graph(store, top=1)
        >>> [node["id"] for node in graph["nodes"]], graph["edges"], graph["actors"], graph["edges_total"]
        (['NOR'], [], 2, 0)
    """
    rows = _dyad_counts(store, where_)
    weights: dict[str, int] = {}
    names: dict[str, dict[str, int]] = {}
    codes: dict[str, str | None] = {}
    counts: dict[tuple[str, str, int | None], int] = {}
    for row in rows:
        source = _graph_actor(weights, names, codes, row["source_code"], row["source_name"], row["n"])
        if row["target_code"] is None and row["target_name"] is None:
            continue
        target = _graph_actor(weights, names, codes, row["target_code"], row["target_name"], row["n"])
        if source != target:
            key = (source, target, row["quad_class"])
            counts[key] = counts.get(key, 0) + row["n"]
    kept = sorted(weights, key=lambda key: (-weights[key], key))[: max(1, top)]
    nodes = [{"id": key, "code": codes[key], "name": _most_found(names[key]), "events": weights[key]} for key in kept]
    _label_nodes(nodes)
    shown = set(kept)
    between = [(key, n) for key, n in counts.items() if key[0] in shown and key[1] in shown]
    heaviest = sorted(between, key=lambda item: (-item[1], item[0][0], item[0][1], item[0][2] or 9))
    kept_edges = heaviest[: 3 * len(kept) if max_edges is None else max_edges]
    # Drawn by QuadClass, so the material classes lie on top of the verbal ones.
    edges = [
        {"source": s, "target": t, "quad_class": q, "relation": relation_of(q), "count": n}
        for (s, t, q), n in sorted(kept_edges, key=lambda item: (item[0][2] or 9, -item[1], item[0][:2]))
    ]
    return {"nodes": nodes, "edges": edges, "actors": len(weights), "edges_total": len(between)}


def _graph_actor(
    weights: dict[str, int],
    names: dict[str, dict[str, int]],
    codes: dict[str, str | None],
    code: str | None,
    name: str | None,
    count: int,
) -> str:
    key = code or name or "?"
    weights[key] = weights.get(key, 0) + count
    found = names.setdefault(key, {})
    found[name or code or "?"] = found.get(name or code or "?", 0) + count
    codes[key] = code
    return key


def _most_found(names: dict[str, int]) -> str:
    return sorted(names.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _label_nodes(nodes: list[dict[str, Any]]) -> None:
    """Each node's `label`: its name, with its role (or code) where another node has the same name."""
    seen: dict[str, int] = {}
    for node in nodes:
        seen[node["name"]] = seen.get(node["name"], 0) + 1
    for node in nodes:
        code = node["code"] or ""
        node["label"] = node["name"]
        if seen[node["name"]] > 1 and len(code) > 3:
            node["label"] = f"{node['name']} ({_ROLE_WORDS.get(code[3:6], code)})"


def event_timeline(store: Store, where_: EventFilter = EventFilter()) -> dict[str, Any]:
    """Event counts per day and QuadClass; events with no date of their own nor their article's apart.

    Example:
        >>> with Store.open(":memory:") as store:
        ...     event_timeline(store)
        {'days': [], 'undated': [], 'total': 0}
    """
    where = _event_where(where_)
    rows = _rows(
        store,
        f"SELECT substr({_EVENT_DATE}, 1, 10) AS day, json_extract(e.data, '$.quad_class') AS quad_class,"
        f" count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id{where.sql()}"
        " GROUP BY day, quad_class ORDER BY day, quad_class",
        where.params,
    )
    days, undated = [], []
    for row in rows:
        count = {"quad_class": row["quad_class"], "relation": relation_of(row["quad_class"]), "count": row["n"]}
        if row["day"]:
            days.append({"day": row["day"], **count})
        else:
            undated.append(count)
    return {"days": days, "undated": undated, "total": sum(row["n"] for row in rows)}


def event_places(store: Store, where_: EventFilter = EventFilter()) -> dict[str, Any]:
    """Where events happened: one entry per place with coordinates, its count and its counts per QuadClass.

    Example:
        >>> with Store.open(":memory:") as store:
        ...     event_places(store)
        {'places': [], 'unplaced': 0, 'total': 0}
    """
    where = _event_where(where_)
    rows = _rows(
        store,
        "SELECT json_extract(e.data, '$.place.name') AS name, json_extract(e.data, '$.place.country') AS country,"
        " json_extract(e.data, '$.place.lat') AS lat, json_extract(e.data, '$.place.lon') AS lon,"
        " json_extract(e.data, '$.quad_class') AS quad_class, count(*) AS n"
        f" FROM events e JOIN articles a ON a.id = e.article_id{where.sql()}"
        " GROUP BY name, country, lat, lon, quad_class",
        where.params,
    )
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    unplaced = 0
    for row in rows:
        if row["lat"] is None or row["lon"] is None:
            unplaced += row["n"]
            continue
        key = (row["name"], row["country"], row["lat"], row["lon"])
        place = places.setdefault(
            key,
            {"name": row["name"], "country": row["country"], "lat": row["lat"], "lon": row["lon"], "count": 0,
             "by_class": {}},
        )  # fmt: skip
        place["count"] += row["n"]
        place["by_class"][str(row["quad_class"])] = row["n"]
    found = sorted(places.values(), key=lambda place: (-place["count"], place["name"] or ""))
    for place in found:
        top = max(place["by_class"].items(), key=lambda item: (item[1], item[0]))[0]
        place["quad_class"] = int(top) if top.isdigit() else None
        place["relation"] = relation_of(place["quad_class"])
    return {"places": found, "unplaced": unplaced, "total": sum(row["n"] for row in rows)}


def _articles_where(actor: str | None, search: str | None) -> _Where:
    """Articles that mention `actor` and match `search` (an empty clause list without either)."""
    where = _Where()
    if actor:
        _add_actor(where, "m.code", "m.name", actor)
        where = _Where([f"x.id IN (SELECT m.article_id FROM mentions m{where.sql()})"], where.params)
    _add_search(where, "x.id", search)
    return where


def list_stories(store: Store, actor: str | None = None, search: str | None = None, paging: Paging = Paging()) -> Page:
    """Stories (articles the link stage put in one `same_story` cluster), largest first, named by their first report.

    `actor` and `search` keep the stories with at least one report that mentions the actor or matches the query.

    Example:
        >>> with Store.open(":memory:") as store:
        ...     list_stories(store).total
        0
    """
    paging = paging.clamped()
    members = _articles_where(actor, search)
    where = _Where(["l.kind = 'same_story'"])
    if members.clauses:
        where.add(
            "l.a IN (SELECT s.a FROM links s JOIN articles x ON x.id IN (s.a, s.b)"
            f" WHERE s.kind = 'same_story' AND {' AND '.join(members.clauses)})",
            *members.params,
        )
    grouped = (
        "SELECT l.a AS id, count(*) + 1 AS size, h.title AS title, h.outlet AS outlet, h.published AS published"
        f" FROM links l JOIN articles h ON h.id = l.a{where.sql()} GROUP BY l.a"
    )
    total = int(_rows(store, f"SELECT COUNT(*) FROM ({grouped})", where.params)[0][0])
    rows = _rows(
        store,
        f"{grouped} ORDER BY size DESC, published IS NULL, published, id LIMIT ? OFFSET ?",
        [*where.params, paging.limit, paging.offset],
    )
    return Page([dict(row) for row in rows], total, paging.limit, paging.offset)


def story_provenance(store: Store, article_id: str) -> dict[str, Any]:
    """One story: its reports in order of first appearance, and which sentence each copied or reworded from which.

    The story is the `same_story` cluster holding `article_id` (the article
    alone when it is in none). Each of `copies` is a sentence link whose later
    side is one of the story's reports: `a_*` the earlier sentence, `b_*` the
    later, `changes` the words changed ([before, after] pairs).

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> from dossier.link import link_articles
        >>> vetoed = "vetoed the draft resolution on Syria at the Security Council."
        >>> reports = [("Russia " + vetoed, "2017-09-05"), ("The Russian Federation " + vetoed, "2017-09-06")]
        >>> with Store.open(":memory:") as store:
        ...     for text, day in reports:
        ...         store.save_analysis(ArticleAnalysis(Article.build(text, published=day)))
        ...     _ = store.replace_links(link_articles(store))
        ...     first = list_articles(store, paging=Paging(1, 1)).items[0]["id"]
        ...     story = story_provenance(store, first)
        >>> [report["published"] for report in story["articles"]], [c["changes"] for c in story["copies"]]
        (['2017-09-05', '2017-09-06'], [[['Russia', 'The Russian Federation']]])
    """
    head_row = _rows(store, "SELECT a FROM links WHERE kind = 'same_story' AND b = ? LIMIT 1", [article_id])
    head = head_row[0]["a"] if head_row else article_id
    member_rows = _rows(store, "SELECT b FROM links WHERE kind = 'same_story' AND a = ?", [head])
    ids = [head, *(row["b"] for row in member_rows)]
    if article_id not in ids:
        ids.append(article_id)
    found = [_copy(json.loads(row["data"])) for row in _sentence_links_into(store, ids)]
    # Reports outside the story that its sentences were copied from are listed too, marked as such.
    sources = sorted({copy["a_article"] for copy in found} - set(ids))
    articles = _articles_in_order(store, ids + sources)
    for article in articles:
        article["in_story"] = article["id"] in ids
    by_article: dict[str, dict[str, int]] = {}
    for copy in found:
        tally = by_article.setdefault(copy["b_article"], {})
        tally[copy["kind"]] = tally.get(copy["kind"], 0) + 1
    for position, article in enumerate(articles):
        article["order"] = position + 1
        article["copied"] = by_article.get(article["id"], {})
    return {"story": head, "articles": articles, "copies": found}


def _articles_in_order(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """The articles with these ids in order of first appearance: dated before undated, by date, by ingest order."""
    rows = _rows(
        store,
        f"SELECT id, title, outlet, published, url FROM articles WHERE id IN ({', '.join('?' * len(ids))})"
        " ORDER BY published IS NULL, published, rowid",
        ids,
    )
    return [dict(row) for row in rows]


def _sentence_links_into(store: Store, article_ids: list[str]) -> list[sqlite3.Row]:
    # `b` of a sentence link is '<later article id>:<start>-<end>'; the prefix is compared as text, no JSON read.
    kinds = ", ".join("?" * len(SENTENCE_LINK_KINDS))
    ids = ", ".join("?" * len(article_ids))
    return _rows(
        store,
        f"SELECT data FROM links WHERE kind IN ({kinds}) AND instr(b, ':') > 0"
        f" AND substr(b, 1, instr(b, ':') - 1) IN ({ids}) ORDER BY b, a LIMIT ?",
        [*SENTENCE_LINK_KINDS, *article_ids, MAX_STORY_COPIES],
    )


def _copy(link: dict[str, Any]) -> dict[str, Any]:
    detail = link.get("detail") or {}
    return {
        "kind": link["kind"],
        "similarity": link["similarity"],
        "first_seen": link["first_seen"],
        **{
            f"{side}_{field}": detail.get(f"{side}_{field}")
            for side in "ab"
            for field in ("article", "start", "end", "text")
        },
        "changes": detail.get("changes") or [],
    }


def sentence_copies(store: Store, article_id: str, start: int, end: int) -> dict[str, Any]:
    """Where else a sentence appears: every sentence linked to one overlapping [start, end) of the article, and on.

    Follows sentence links (exact, near-duplicate, rewording) both ways from
    the linked sentences that overlap the span, up to MAX_COPIES links.
    `appearances` are the sentences, in order of first appearance of their
    article; `copies` the links between them.

    Example:
        >>> with Store.open(":memory:") as store:
        ...     sentence_copies(store, "a1", 0, 10)
        {'appearances': [], 'copies': []}
    """
    kinds = ", ".join("?" * len(SENTENCE_LINK_KINDS))
    # An article's sentence keys sort between '<id>:' and '<id>;' (';' follows ':'), so the range reads the key index.
    low, high = f"{article_id}:", f"{article_id};"
    rows = _rows(
        store,
        f"SELECT data FROM links WHERE kind IN ({kinds}) AND ((a >= ? AND a < ?) OR (b >= ? AND b < ?))",
        [*SENTENCE_LINK_KINDS, low, high, low, high],
    )
    links: dict[tuple[str, str, str], dict[str, Any]] = {}
    frontier: set[str] = set()
    for row in rows:
        link = json.loads(row["data"])
        detail = link.get("detail") or {}
        for side in "ab":
            if detail.get(f"{side}_article") == article_id and _overlaps(detail, side, start, end):
                links[(link["kind"], link["a"], link["b"])] = link
                frontier.update((link["a"], link["b"]))
    seen = set(frontier)
    while frontier and len(links) < MAX_COPIES:
        keys = sorted(frontier)[:MAX_COPIES]
        marks = ", ".join("?" * len(keys))
        found = _rows(
            store,
            f"SELECT data FROM links WHERE kind IN ({kinds}) AND (a IN ({marks}) OR b IN ({marks})) LIMIT ?",
            [*SENTENCE_LINK_KINDS, *keys, *keys, MAX_COPIES],
        )
        frontier = set()
        for row in found:
            link = json.loads(row["data"])
            links.setdefault((link["kind"], link["a"], link["b"]), link)
            for key in (link["a"], link["b"]):
                if key not in seen:
                    seen.add(key)
                    frontier.add(key)
    copies = [_copy(link) for link in list(links.values())[:MAX_COPIES]]
    return {"appearances": _appearances(store, copies), "copies": copies}


def _overlaps(detail: dict[str, Any], side: str, start: int, end: int) -> bool:
    from_, to = detail.get(f"{side}_start"), detail.get(f"{side}_end")
    return from_ is not None and to is not None and from_ < max(end, start + 1) and to > start


def _appearances(store: Store, copies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sentences: dict[tuple[str, int, int], str] = {}
    for copy in copies:
        for side in "ab":
            sentences[(copy[f"{side}_article"], copy[f"{side}_start"], copy[f"{side}_end"])] = copy[f"{side}_text"]
    if not sentences:
        return []
    articles = _articles_in_order(store, sorted({key[0] for key in sentences}))
    position = {article["id"]: index for index, article in enumerate(articles)}
    info = {article["id"]: article for article in articles}
    found = [
        {"article_id": key[0], "start": key[1], "end": key[2], "text": text, "title": info[key[0]]["title"],
         "outlet": info[key[0]]["outlet"], "published": info[key[0]]["published"]}
        for key, text in sentences.items()
        if key[0] in info
    ]  # fmt: skip
    return sorted(found, key=lambda item: (position[item["article_id"]], item["start"]))
