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

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dossier.errors import DossierError
from dossier.store.database import Store
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
    """Which quotes: `speaker` is a CAMEO code prefix or part of a name."""

    speaker: str | None = None
    issue: str | None = None  # quotes overlapping a stance on this issue
    since: str | None = None  # the article's publication date
    until: str | None = None
    text: str | None = None  # part of the quoted words
    article_id: str | None = None
    search: str | None = None  # full-text query their article must match


@dataclass(frozen=True)
class EventFilter:
    """Which events: actors by code prefix or part of a name, CAMEO code by prefix."""

    source: str | None = None
    target: str | None = None
    code: str | None = None
    quad_class: int | None = None
    since: str | None = None  # the event's date, else its article's publication date
    until: str | None = None
    article_id: str | None = None
    search: str | None = None


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
    if not _PARTIAL_DATE.match(value):
        raise QueryError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def escape_like(value: str) -> str:
    """`value` with LIKE wildcards made literal (used with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _add_actor(where: _Where, code_column: str, name_column: str, value: str | None) -> None:
    # A code prefix ("RUS" finds RUSGOV and RUSMIL) or a part of the name.
    if not value:
        return
    literal = escape_like(value.strip())
    where.add(
        f"({code_column} LIKE ? ESCAPE '\\' OR {name_column} LIKE ? ESCAPE '\\')", literal + "%", "%" + literal + "%"
    )


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


def list_articles(store: Store, query: str | None = None, paging: Paging = Paging()) -> Page:
    """Articles matching an FTS5 query (best first), or all of them, newest first."""
    paging = paging.clamped()
    where = _Where()
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
        >>> [hit["snippet"] for hit in search_articles(store, "sanctions", 1)]
        ['… the Security Council «sanctions», Mr. Moon told …']
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
        " max(json_extract(m.data, '$.actor.country')) AS country,"
        " max(json_extract(m.data, '$.actor.role')) AS role,"
        " count(*) AS mention_count, count(DISTINCT m.article_id) AS article_count"
        f" FROM mentions m{where.sql()} GROUP BY m.code, m.name"
    )
    total = int(_rows(store, f"SELECT COUNT(*) FROM ({grouped})", where.params)[0][0])
    rows = _rows(
        store,
        f"{grouped} ORDER BY mention_count DESC, name LIMIT ? OFFSET ?",
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


def actor_network(store: Store, where_: EventFilter = EventFilter()) -> dict[str, Any]:
    """Who acts on whom: actors as nodes, (source, target, QuadClass) as weighted edges.

    QuadClass 1-2 (verbal and material cooperation) counts as cooperation,
    3-4 (verbal and material conflict) as conflict.
    """
    where = _event_where(where_)
    rows = _rows(
        store,
        "SELECT e.source_code AS source_code, json_extract(e.data, '$.source.name') AS source_name,"
        " e.target_code AS target_code, json_extract(e.data, '$.target.name') AS target_name,"
        " json_extract(e.data, '$.quad_class') AS quad_class, count(*) AS n"
        f" FROM events e JOIN articles a ON a.id = e.article_id{where.sql()}"
        " GROUP BY source_code, source_name, target_code, target_name, quad_class",
        where.params,
    )
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
