"""Stage `store`: SQLite in WAL mode, each article written whole or not at all.

The schema is versioned with `PRAGMA user_version` and migrated forward on
open; `dossier.store.schema` owns every table, the stages' side tables too.
Each analysed article is written with all its records in one transaction,
or, inside `Store.batch()`, in one savepoint of the batch's transaction (a
run stores many articles per commit: a commit costs more than an article's
rows). Either way an interrupted run keeps every article it committed and a
re-run skips them (ids are content hashes, so the same input is stored once).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dossier.errors import StoreError
from dossier.records import Article, ArticleAnalysis, DocumentError, Link
from dossier.store.matching import actor_clause
from dossier.store.schema import MIGRATIONS, SCRATCH_LINKS, schema_version, split_sql

__all__ = [
    "BUSY_TIMEOUT_MS",
    "MIGRATIONS",
    "RECORD_KINDS",
    "LinkRow",
    "StagedLinks",
    "Store",
    "actor_records",
    "link_row",
    "schema_version",
    "write_scratch_links",
]

RECORD_KINDS = ("articles", "actors", "mentions", "quotes", "events", "stances", "tones", "links", "errors")

# Waiting this long for another writer beats failing with "database is locked".
BUSY_TIMEOUT_MS = 60_000
# Links written per executemany by `replace_links` (a few MB of rows).
LINK_ROWS_AT_ONCE = 5_000


def _while_locked(action: Callable[[], object]) -> None:
    """Run `action`, retrying while another process holds the database.

    Switching a new database to WAL, and the first migration, can fail at once
    with "database is locked" when two processes create the same file together:
    SQLite's busy handler does not cover that moment.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _file_uri(path: str, **query: str) -> str:
    """A `file:` URI naming exactly `path`: '%', '#' and '?' in a name are escaped, not read as URI syntax."""
    uri = Path(path).absolute().as_uri()
    return uri + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def _connect_read_only(path: str) -> sqlite3.Connection:
    """Open read-only; on read-only media, where WAL cannot make its shared-memory file, open immutable.

    A read-only open of a WAL database needs its folder writable (for the
    -shm index) unless that file already exists. On a read-only disk or
    mount it fails with "unable to open database file". Nothing can write
    such a database, so `immutable=1` (no locks, no -shm) reads it safely;
    but immutable ignores a -wal file, so a database left with one (not
    checkpointed) is copied, with its -wal, to a private folder and read there.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    try:
        connection = sqlite3.connect(_file_uri(path, mode="ro"), uri=True, timeout=timeout)
        connection.execute("PRAGMA user_version").fetchone()
        return connection
    except sqlite3.OperationalError as error:
        if "unable to open" not in str(error) or not os.access(path, os.R_OK):
            raise
    wal = Path(path + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return _connect_private_copy(path)
    return sqlite3.connect(_file_uri(path, mode="ro", immutable="1"), uri=True, timeout=timeout)


def _connect_private_copy(path: str) -> sqlite3.Connection:
    """The database and its -wal copied to a private temporary folder and opened there (removed on close)."""
    folder = tempfile.mkdtemp(prefix="dossier-ro-")
    copy = os.path.join(folder, Path(path).name)
    shutil.copyfile(path, copy)
    shutil.copyfile(path + "-wal", copy + "-wal")
    connection = sqlite3.connect(copy, timeout=BUSY_TIMEOUT_MS / 1000, factory=_PrivateCopyConnection)
    connection.folder = folder
    return connection


class _PrivateCopyConnection(sqlite3.Connection):
    """A connection to a private copy of a database, whose folder goes when the connection closes."""

    folder = ""

    def close(self) -> None:
        super().close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _close_quietly(connection: sqlite3.Connection | None) -> None:
    if connection is not None:
        connection.close()


def _open_problem(path: str, error: sqlite3.DatabaseError) -> str:
    """Why SQLite could not open `path`, in words a user can act on ("unable to open database file" is not)."""
    file, folder = Path(path), Path(path).absolute().parent
    if "unable to open" in str(error):
        if not file.exists() and not os.access(folder, os.W_OK | os.X_OK):
            return f"{path}: cannot create the database: the folder {folder} is not writable"
        if file.exists() and not os.access(file, os.R_OK):
            return f"{path}: cannot read the database file (permission denied)"
    return f"{path}: not a dossier database or damaged ({error})"


def _check_database_folder(path: str) -> None:
    """A database to create needs its folder; SQLite alone says only "unable to open database file"."""
    folder = Path(path).absolute().parent
    if Path(path).is_dir():
        raise StoreError(f"{path}: is a folder, not a database file; give a file name with --db")
    if not folder.is_dir():
        raise StoreError(f"{path}: the folder {folder} does not exist; create it or give another --db")


def _refuse_another_apps_database(connection: sqlite3.Connection, path: str, read_only: bool) -> None:
    """Refuse an SQLite file that another application made: dossier adds no table to it.

    A dossier database at schema 0 has no tables (the first migration creates
    them and sets the version in one transaction), and from schema 1 on it has
    `articles`; a file with tables but neither is someone else's. A read-only
    open at the current schema is not checked: reading harms no file, and it
    would load the schema before the first query (whose time limit covers that).
    """
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if read_only and version == len(MIGRATIONS):
        return
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    if not tables or (version > 0 and "articles" in tables):
        return
    shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    raise StoreError(
        f"{path}: an SQLite database of another application (tables: {shown}), left untouched; "
        "give dossier a new file with --db"
    )


class Store:
    """The SQLite database behind a dossier corpus.

    Example:
        >>> with Store.open(":memory:") as store:
        ...     store.save_analysis(ArticleAnalysis(Article.build("Putin met Moon in Vladivostok.")))
        ...     store.article_count()
        1
    """

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Store:
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"{path}: no such database (create it with `dossier run ... --db {path}`)")
        if not read_only and path != ":memory:":
            _check_database_folder(path)
        connection: sqlite3.Connection | None = None
        try:
            if read_only and path != ":memory:":
                connection = _connect_read_only(path)
            else:
                connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            connection.row_factory = sqlite3.Row
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _refuse_another_apps_database(connection, path, read_only)  # before WAL: its file is left exactly as it was
            if not read_only:
                _while_locked(lambda: connection.execute("PRAGMA journal_mode = WAL"))
                connection.execute("PRAGMA synchronous = NORMAL")
            store = cls(connection, path)
            _while_locked(lambda: store._migrate(read_only))
        except sqlite3.DatabaseError as error:
            _close_quietly(connection)
            raise StoreError(_open_problem(path, error)) from None
        except StoreError:
            _close_quietly(connection)
            raise
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def is_own_file(self, path: str | Path) -> bool:
        """Whether `path` is this database's file, or its -wal or -shm: an output written there would destroy it.

        Example:
            >>> with Store.open(":memory:") as store:
            ...     store.is_own_file("out.jsonl")
            False
        """
        if self.path == ":memory:" or not Path(path).exists():
            return False
        own = [Path(self.path + suffix) for suffix in ("", "-wal", "-shm")]
        return any(file.exists() and os.path.samefile(path, file) for file in own)

    def _migrate(self, read_only: bool) -> None:
        current = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: database schema v{current} is newer than this dossier"
                f" (v{len(MIGRATIONS)}); upgrade dossier"
            )
        if current == len(MIGRATIONS):
            return
        if read_only:
            raise StoreError(f"{self.path}: database schema v{current} needs migrating; open it once without read-only")
        for version in range(current, len(MIGRATIONS)):
            with self.connection:
                self.connection.execute("BEGIN IMMEDIATE")
                # Another process may have migrated while we waited for the lock.
                if self.connection.execute("PRAGMA user_version").fetchone()[0] > version:
                    continue
                for statement in split_sql(MIGRATIONS[version]):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {version + 1}")

    # ------------------------------------------------------------ writes

    def has_article(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around many writes: `save_analysis` and `record_error` inside it commit together.

        Each article inside still succeeds or fails alone (a savepoint each);
        an error escaping the block rolls back the whole batch.

        Example:
            >>> with Store.open(":memory:") as store:
            ...     with store.batch():
            ...         store.save_analysis(ArticleAnalysis(Article.build("Putin met Moon in Vladivostok.")))
            ...         store.save_analysis(ArticleAnalysis(Article.build("Moon met Abe in Tokyo.")))
            ...     store.article_count()
            2
        """
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            yield

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A transaction of its own, or a savepoint within the open batch."""
        if not self.connection.in_transaction:
            with self.connection:
                self.connection.execute("BEGIN IMMEDIATE")
                yield
            return
        self.connection.execute("SAVEPOINT one_write")
        try:
            yield
        except BaseException:
            if self.connection.in_transaction:  # some errors (a full disk) have rolled back the whole batch already
                self.connection.execute("ROLLBACK TO one_write")
                self.connection.execute("RELEASE one_write")
            raise
        self.connection.execute("RELEASE one_write")

    def save_analysis(self, analysis: ArticleAnalysis) -> None:
        """Write an article and everything found in it, atomically; replaces an earlier analysis."""
        article = analysis.article
        with self._writing():
            self._delete_article(article.id)
            self.connection.execute(
                "INSERT INTO articles (id, name, url, outlet, published, title, text, source, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.name,
                    article.url,
                    article.outlet,
                    article.published,
                    article.title,
                    article.text,
                    article.source,
                    time.time(),
                ),
            )
            self.connection.executemany(
                'INSERT INTO mentions (article_id, seq, start, "end", code, name, kind, data) VALUES (?,?,?,?,?,?,?,?)',
                [
                    (article.id, seq, m.start, m.end, m.actor.code, m.actor.name, m.kind, _json(m.to_dict()))
                    for seq, m in enumerate(analysis.mentions)
                ],
            )
            self.connection.executemany(
                'INSERT INTO quotes (article_id, seq, speaker_code, speaker_name, kind, start, "end", data)'
                " VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        article.id,
                        seq,
                        q.speaker.code if q.speaker else None,
                        q.speaker.name if q.speaker else None,
                        q.kind,
                        q.start,
                        q.end,
                        _json(q.to_dict()),
                    )
                    for seq, q in enumerate(analysis.quotes)
                ],
            )
            self.connection.executemany(
                "INSERT INTO events (article_id, seq, source_code, target_code, code, root_code, date, start,"
                ' "end", data) VALUES (?,?,?,?,?,?,?,?,?,?)',
                [
                    (
                        article.id,
                        seq,
                        e.source.code,
                        e.target.code if e.target else None,
                        e.code,
                        e.root_code,
                        e.date,
                        e.start,
                        e.end,
                        _json(e.to_dict()),
                    )
                    for seq, e in enumerate(analysis.events)
                ],
            )
            self.connection.executemany(
                'INSERT INTO stances (article_id, seq, actor_code, issue, polarity, start, "end", data)'
                " VALUES (?,?,?,?,?,?,?,?)",
                [
                    (article.id, seq, s.actor.code, s.issue, s.polarity, s.start, s.end, _json(s.to_dict()))
                    for seq, s in enumerate(analysis.stances)
                ],
            )
            self._save_tones(article.id, analysis)

    def _save_tones(self, article_id: str, analysis: ArticleAnalysis) -> None:
        self.connection.executemany(
            'INSERT INTO tones (article_id, seq, actor_code, actor_name, polarity, score, start, "end", data)'
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (article_id, seq, t.actor.code, t.actor.name, t.polarity, t.score, t.start, t.end, _json(t.to_dict()))
                for seq, t in enumerate(analysis.tones)
            ],
        )

    def _delete_article(self, article_id: str) -> None:
        for table in ("mentions", "quotes", "events", "stances", "tones"):
            self.connection.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def record_error(self, error: DocumentError) -> None:
        with self._writing():
            self.connection.execute(
                "INSERT INTO errors (source, problem, at) VALUES (?, ?, ?)", (error.source, error.problem, time.time())
            )

    def replace_links(self, links: Iterable[Link | StagedLinks]) -> int:
        """Swap the whole link table for a fresh computation, atomically; returns how many links were written.

        The links are staged in a temporary table as they come, a chunk at a time (a million articles
        give millions of links, whose rows held in one list took gigabytes), then swapped in by one
        short write transaction. `links` may read this store while it is staged (the link stage's
        `stored_links` does); no write lock is held until the swap. A `StagedLinks` among them is a
        scratch database of rows another process wrote (`write_scratch_links`), taken in at its place.
        """
        columns = "kind, a, b, similarity, first_seen, data"
        self.connection.execute(f"CREATE TEMP TABLE IF NOT EXISTS staged_links AS SELECT {columns} FROM links WHERE 0")
        self.connection.execute("DELETE FROM temp.staged_links")
        try:
            written = self._stage_links(links)
        except BaseException:
            self.connection.rollback()  # leave no transaction open: the next writer may BEGIN IMMEDIATE
            raise
        self.connection.commit()  # the staging inserts' implicit transaction, before the swap's own
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.execute("DELETE FROM links")
            self.connection.execute(
                f"INSERT OR REPLACE INTO links ({columns}) SELECT {columns} FROM temp.staged_links ORDER BY rowid"
            )
        self.connection.execute("DROP TABLE temp.staged_links")
        self.connection.commit()
        return written

    def _stage_links(self, links: Iterable[Link | StagedLinks]) -> int:
        """Stage the links in order, a chunk of rows at a time, a scratch database's rows where it stands;
        returns how many. A scratch database is taken in as soon as it comes: whatever made it may remove it
        once asked for the next link."""
        written = 0
        rows: list[LinkRow] = []
        for item in links:
            if isinstance(item, StagedLinks):
                written += self._stage_rows(rows) + self._stage_scratch(item)
                rows = []
                continue
            rows.append(link_row(item))
            if len(rows) >= LINK_ROWS_AT_ONCE:
                written += self._stage_rows(rows)
                rows = []
        return written + self._stage_rows(rows)

    def _stage_rows(self, rows: list[LinkRow]) -> int:
        self.connection.executemany("INSERT INTO temp.staged_links VALUES (?,?,?,?,?,?)", rows)
        return len(rows)

    def _stage_scratch(self, staged: StagedLinks) -> int:
        self.connection.commit()  # SQLite attaches no database inside a transaction
        self.connection.execute("ATTACH DATABASE ? AS scratch", (staged.path,))
        try:
            count = self.connection.execute(
                "INSERT INTO temp.staged_links SELECT kind, a, b, similarity, first_seen, data"
                " FROM scratch.links ORDER BY rowid"
            ).rowcount
            self.connection.commit()
        finally:
            self.connection.execute("DETACH DATABASE scratch")
        return count

    # ------------------------------------------------------------ reads

    def article_count(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "mentions", "quotes", "events", "stances", "tones", "links", "errors")
        }

    def articles(self) -> Iterator[Article]:
        for row in self.connection.execute(
            "SELECT id, name, url, outlet, published, title, text, source FROM articles ORDER BY rowid"
        ):
            yield Article(**dict(row))

    def article(self, article_id: str) -> Article | None:
        row = self.connection.execute(
            "SELECT id, name, url, outlet, published, title, text, source FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return Article(**dict(row)) if row else None

    def iter_records(self, kind: str, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Every stored record of one kind as its contract dict, in article order."""
        if kind not in RECORD_KINDS:
            raise StoreError(f"unknown record kind {kind!r}; choose one of {', '.join(RECORD_KINDS)}")
        if kind == "articles":
            for article in self.articles():
                if article_id is None or article.id == article_id:
                    yield article.to_dict()
            return
        if kind == "actors":
            yield from self._actors(article_id)
            return
        if kind == "errors":
            for row in self.connection.execute("SELECT source, problem, at FROM errors ORDER BY rowid"):
                yield dict(row)
            return
        if kind == "links":
            for row in self.connection.execute("SELECT data FROM links ORDER BY kind, a, b"):
                yield json.loads(row["data"])
            return
        query = f"SELECT t.data FROM {kind} t JOIN articles a ON a.id = t.article_id"
        params: tuple[Any, ...] = ()
        if article_id is not None:
            query += " WHERE t.article_id = ?"
            params = (article_id,)
        for row in self.connection.execute(query + " ORDER BY a.rowid, t.seq", params):
            yield json.loads(row["data"])

    def tone_page(
        self,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """Stored tones, in article order, with their article's title and date, and how many match in all.

        `actor` is a CAMEO code prefix or the start of a word in a name; `since`/`until` are
        ISO dates (or a year, or a month) compared with the article's
        publication date, `until` inclusive of its whole day, month or year.

        Example:
            >>> with Store.open(":memory:") as store:
            ...     store.tone_page(actor="RUS", since="2017-09")
            ([], 0)
        """
        clauses: list[str] = []
        params: list[Any] = []
        if actor:
            sql, actor_params = actor_clause("t.actor_code", "t.actor_name", actor)
            clauses.append(sql)
            params += actor_params
        if since:
            clauses.append("a.published >= ?")
            params.append(since)
        if until:
            clauses.append("substr(a.published, 1, ?) <= ?")
            params += [len(until), until]
        if article_id:
            clauses.append("t.article_id = ?")
            params.append(article_id)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        source = f"FROM tones t JOIN articles a ON a.id = t.article_id{where}"
        total = int(self.connection.execute(f"SELECT COUNT(*) {source}", params).fetchone()[0])
        rows = self.connection.execute(
            f"SELECT t.data, a.title, a.published {source} ORDER BY a.rowid, t.seq LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        items = [
            {**json.loads(row["data"]), "article_title": row["title"], "published": row["published"]} for row in rows
        ]
        return items, total

    def tones_toward(self, actor: str) -> list[tuple[float, str, str | None, str | None]]:
        """(score, polarity, published, outlet) of every tone toward the actors a filter value finds.

        The value matches as every actor filter does (`actor_clause`): a code
        prefix ("RUS" finds RUSGOV) or the start of a word in a name ("Putin"
        finds Vladimir Putin). Reads two columns of the tones table and the
        dates of the articles that hold them: neither the tone records nor
        article text.

        Example:
            >>> with Store.open(":memory:") as store:
            ...     store.tones_toward("RUSGOV")
            []
        """
        # The filter picks actors from the (code, name) index alone; their tones are then
        # read by exact pairs through the same index, not by a scan of the tones table.
        # An uncoded actor's NULL code never equals, hence the second branch.
        matches, params = actor_clause("actor_code", "actor_name", actor)
        rows = self.connection.execute(
            "SELECT t.score, t.polarity, a.published, a.outlet FROM tones t JOIN articles a ON a.id = t.article_id"
            " WHERE (t.actor_code, t.actor_name) IN"
            f" (SELECT DISTINCT actor_code, actor_name FROM tones WHERE {matches})"
            " OR (t.actor_code IS NULL AND t.actor_name IN"
            f" (SELECT actor_name FROM tones WHERE actor_code IS NULL AND {matches}))"
            " ORDER BY a.rowid, t.seq",
            params * 2,
        )
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    def _actors(self, article_id: str | None) -> Iterator[dict[str, Any]]:
        """One row per (article, actor): the actor reference, its kind and term of office, its mentions."""
        return actor_records(self.iter_records("mentions", article_id))

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.connection.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [dict(row) for row in rows]


def actor_records(mentions: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row per (article, actor) of mention records: the `actors` export (the Spark job writes the same rows).

    Example:
        >>> putin = {"code": "RUSGOV", "name": "Vladimir Putin", "country": "RUS", "role": "president"}
        >>> mentions = [
        ...     {"article_id": "a1", "start": 0, "end": 5, "text": "Putin", "actor": putin, "actor_kind": "person"},
        ...     {"article_id": "a1", "start": 20, "end": 22, "text": "he", "actor": putin, "actor_kind": None},
        ... ]
        >>> [(row["name"], row["kind"], row["mention_count"]) for row in actor_records(mentions)]
        [('Vladimir Putin', 'person', 2)]
    """
    grouped: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for mention in mentions:
        actor = mention["actor"]
        key = (mention["article_id"], actor["code"], actor["name"])
        entry = grouped.setdefault(
            key,
            {
                "article_id": mention["article_id"],
                **actor,
                "kind": None,
                "valid_from": None,
                "valid_to": None,
                "mentions": [],
                "mention_count": 0,
            },
        )
        # The first mention that tells (a name, not a pronoun) sets kind and term.
        entry["kind"] = entry["kind"] or mention.get("actor_kind")
        if mention.get("valid_from") and not entry["valid_from"]:
            entry["valid_from"], entry["valid_to"] = mention["valid_from"], mention.get("valid_to")
        entry["mentions"].append({"text": mention["text"], "start": mention["start"], "end": mention["end"]})
        entry["mention_count"] += 1
    yield from grouped.values()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_LINK_FIELDS = tuple(f.name for f in dataclasses.fields(Link))


# A row of the link table: kind, a, b, similarity, first_seen, and the whole link as JSON.
LinkRow = tuple[str, str, str, float, str | None, str]


@dataclasses.dataclass(frozen=True)
class StagedLinks:
    """Links another process wrote as the link table's rows into a scratch database (`write_scratch_links`):
    `Store.replace_links` takes them in where this stands among its links."""

    path: str


def link_row(link: Link) -> LinkRow:
    """The link table's row of a link."""
    return (link.kind, link.a, link.b, link.similarity, link.first_seen, _link_json(link))


def write_scratch_links(path: str, links: Iterable[Link]) -> int:
    """Write links as the link table's rows into a new scratch database at `path` (no journal: it is thrown
    away after `Store.replace_links` took it in as `StagedLinks(path)`); returns how many.

    Example:
        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> write_scratch_links(f"{folder}/part.db", [Link("exact", "a:0-5", "b:0-5", 1.0, "a")])
        1
        >>> with Store.open(":memory:") as store:
        ...     store.replace_links([StagedLinks(f"{folder}/part.db")]), store.counts()["links"]
        (1, 1)
    """
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute(SCRATCH_LINKS)
        written = 0
        remaining = iter(links)
        while chunk := list(itertools.islice(remaining, LINK_ROWS_AT_ONCE)):
            connection.executemany("INSERT INTO links VALUES (?,?,?,?,?,?)", [link_row(link) for link in chunk])
            written += len(chunk)
        connection.commit()
    finally:
        connection.close()
    return written


def _link_json(link: Link) -> str:
    """`_json(link.to_dict())`, the same text: a link's detail is JSON's own values (dicts, lists, strings,
    numbers), which `json` writes as they are, so the copy `to_dict` makes of them first is skipped (a
    fifth of writing the link table). A detail holding a record falls back to `to_dict`.

    Example:
        >>> link = Link("exact", "a:0-5", "b:0-5", 1.0, "a", {"changes": [("x", "y")]})
        >>> _link_json(link) == _json(link.to_dict())
        True
    """
    try:
        return _json({name: getattr(link, name) for name in _LINK_FIELDS})
    except TypeError:  # a record (a dataclass) in the detail: `to_dict` makes it a dict
        return _json(link.to_dict())
