"""The link stage's state in the store: the only SQL on the `link_*` tables (created by `store.schema`).

The link stage writes its incremental state here (articles in the order it
saw them, with their story parents; sentences with their best earlier match;
the LSH band index) and reads it back to emit `Link` records. Other stages
read the story clusters through `story_root` and `story_clusters`, never the
tables themselves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

from dossier.store.schema import LINK_STATE_TABLES
from dossier.store.sql import select_in_chunks


class LinkedArticle(NamedTuple):
    """A row of `link_articles`: an article as the link stage saw it."""

    seq: int  # the order linking saw it in
    article_id: str
    published: str | None
    story: int  # union-find parent seq; itself for a story's root
    sentences: int  # sentences indexed
    signature: bytes | None  # MinHash of its whole word set, uint32 values


class LinkedSentence(NamedTuple):
    """A row of `link_sentences`: an indexed sentence and its best earlier match, if any."""

    sid: int
    article: int  # the article's seq
    start: int
    end: int
    parent: int | None
    kind: str | None
    similarity: float | None
    detail: str | None  # JSON
    sketch: bytes


class SentenceEdge(NamedTuple):
    """A linked sentence with the offsets of its best earlier match."""

    sid: int
    article: int
    start: int
    end: int
    kind: Literal["exact", "near_duplicate", "rewording"]
    similarity: float
    detail: str  # JSON
    parent: int
    parent_article: int
    parent_start: int
    parent_end: int


# ---------------------------------------------------------------- settings


def prepare_link_state(connection: sqlite3.Connection, fingerprint: str) -> None:
    """Keep the state built with these settings; empty it when it was built with others."""
    with connection:
        row = connection.execute("SELECT value FROM link_meta WHERE key = 'options'").fetchone()
        if row is not None and row[0] == fingerprint:
            return
        for table in LINK_STATE_TABLES:
            connection.execute(f"DELETE FROM {table}")
        connection.execute("INSERT INTO link_meta (key, value) VALUES ('options', ?)", (fingerprint,))


# ---------------------------------------------------------------- articles


def unlinked_articles(connection: sqlite3.Connection, limit: int) -> list[tuple[str, str, str | None]]:
    """(id, text, published) of stored articles not linked yet, in ingest order."""
    rows = connection.execute(
        "SELECT a.id, a.text, a.published FROM articles a LEFT JOIN link_articles l ON l.article_id = a.id"
        " WHERE l.article_id IS NULL ORDER BY a.rowid LIMIT ?",
        (limit,),
    )
    return [(r[0], r[1], r[2]) for r in rows]


def unlinked_article_batches(connection: sqlite3.Connection, limit: int) -> Iterator[list[tuple[str, str, str | None]]]:
    """`unlinked_articles` a batch at a time, each read after the caller has linked the one before.

    Each read starts after the last article of the batch before (by rowid): the first read walks past
    every linked article, and a read per batch from the first row made linking quadratic in the store.
    """
    after = 0
    while True:
        rows = connection.execute(
            "SELECT a.rowid, a.id, a.text, a.published FROM articles a"
            " LEFT JOIN link_articles l ON l.article_id = a.id"
            " WHERE l.article_id IS NULL AND a.rowid > ? ORDER BY a.rowid LIMIT ?",
            (after, limit),
        ).fetchall()
        if not rows:
            return
        after = rows[-1][0]
        yield [(r[1], r[2], r[3]) for r in rows]


def linked_articles(connection: sqlite3.Connection) -> Iterator[LinkedArticle]:
    for row in connection.execute("SELECT seq, article_id, published, story, sentences, signature FROM link_articles"):
        yield LinkedArticle(*row)


def next_article_seq(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM link_articles").fetchone()[0])


def article_signatures(connection: sqlite3.Connection, seqs: Iterable[int]) -> dict[int, bytes]:
    """The stored whole-article signature of each seq that has one."""
    return dict(
        select_in_chunks(
            connection,
            "SELECT seq, signature FROM link_articles WHERE seq IN ({marks}) AND signature IS NOT NULL",
            seqs,
        )
    )


def save_linked_articles(connection: sqlite3.Connection, articles: Iterable[LinkedArticle]) -> None:
    connection.executemany(
        "INSERT INTO link_articles (seq, article_id, published, story, sentences, signature) VALUES (?,?,?,?,?,?)",
        list(articles),
    )


def move_stories(connection: sqlite3.Connection, parents: Iterable[tuple[int, int]]) -> None:
    """Set the story parent of stored articles: (seq, new parent seq) pairs."""
    connection.executemany("UPDATE link_articles SET story = ? WHERE seq = ?", [(p, s) for s, p in parents])


def article_text(connection: sqlite3.Connection, article_id: str) -> str:
    row = connection.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row else ""


# ---------------------------------------------------------------- story clusters


def story_root(connection: sqlite3.Connection, article_id: str) -> int | None:
    """The story cluster (its root article's seq) an article belongs to; None when it is not linked yet."""
    row = connection.execute("SELECT seq, story FROM link_articles WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    seq, parent = row
    while parent != seq:
        seq = parent
        parent = connection.execute("SELECT story FROM link_articles WHERE seq = ?", (seq,)).fetchone()[0]
    return int(seq)


def story_clusters(connection: sqlite3.Connection) -> dict[str, str]:
    """Every linked article's story: article id -> the id of the first article linking saw of that story."""
    parent: dict[int, int] = {}
    article_of: dict[int, str] = {}
    for article in linked_articles(connection):
        parent[article.seq] = article.story
        article_of[article.seq] = article.article_id

    def root(seq: int) -> int:
        while parent[seq] != seq:
            seq = parent[seq]
        return seq

    return {article_id: article_of[root(seq)] for seq, article_id in article_of.items()}


# ---------------------------------------------------------------- sentences


def next_sentence_id(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT COALESCE(MAX(sid), 0) + 1 FROM link_sentences").fetchone()[0])


def save_sentences(connection: sqlite3.Connection, sentences: Iterable[LinkedSentence]) -> None:
    connection.executemany(
        'INSERT INTO link_sentences (sid, article, start, "end", parent, kind, similarity, detail, sketch)'
        " VALUES (?,?,?,?,?,?,?,?,?)",
        list(sentences),
    )


def sentence_sketches(connection: sqlite3.Connection, sids: Iterable[int]) -> dict[int, bytes]:
    """The stored one-byte-per-hash sketch of each sid found."""
    return dict(select_in_chunks(connection, "SELECT sid, sketch FROM link_sentences WHERE sid IN ({marks})", sids))


def sentence_texts(connection: sqlite3.Connection, sids: Iterable[int]) -> dict[int, str]:
    """The text of each stored sentence found, cut from its article."""
    return {
        sid: text[start:end]
        for sid, start, end, text in select_in_chunks(
            connection,
            'SELECT s.sid, s.start, s."end", a.text FROM link_sentences s'
            " JOIN link_articles l ON l.seq = s.article JOIN articles a ON a.id = l.article_id"
            " WHERE s.sid IN ({marks})",
            sids,
        )
    }


def sentence_articles(connection: sqlite3.Connection, sids: Iterable[int]) -> dict[int, int]:
    """The article seq of each stored sentence found."""
    return dict(select_in_chunks(connection, "SELECT sid, article FROM link_sentences WHERE sid IN ({marks})", sids))


def sentence_parents(connection: sqlite3.Connection) -> Iterator[tuple[int, int, int, int]]:
    """(sid, article seq, parent sid, parent's article seq) of every linked sentence: the copy trees, numbers only."""
    yield from connection.execute(
        "SELECT c.sid, c.article, c.parent, p.article FROM link_sentences c JOIN link_sentences p ON p.sid = c.parent"
    )


def sentence_edges(
    connection: sqlite3.Connection, first_sid: int = 0, end_sid: int | None = None
) -> Iterator[SentenceEdge]:
    """Every linked sentence with its match's offsets, in sid order (streamed); of sids [first_sid, end_sid)."""
    for row in connection.execute(
        'SELECT c.sid, c.article, c.start, c."end", c.kind, c.similarity, c.detail,'
        ' c.parent, p.article, p.start, p."end" FROM link_sentences c JOIN link_sentences p ON p.sid = c.parent'
        " WHERE c.sid >= ? AND c.sid < ? ORDER BY c.sid",
        (first_sid, end_sid if end_sid is not None else 2**62),
    ):
        yield SentenceEdge(*row)


# ---------------------------------------------------------------- band index


def band_segments(connection: sqlite3.Connection, level: str) -> Iterator[tuple[int, bytes, bytes]]:
    """(rowid, keys, ids) of each stored segment of one band index, oldest first."""
    yield from connection.execute("SELECT rowid, keys, ids FROM link_segments WHERE level = ? ORDER BY rowid", (level,))


def save_band_segment(
    connection: sqlite3.Connection, level: str, entries: int, keys: bytes | memoryview, ids: bytes | memoryview
) -> int:
    """Store one segment; returns its rowid."""
    cursor = connection.execute(
        "INSERT INTO link_segments (level, entries, keys, ids) VALUES (?, ?, ?, ?)", (level, entries, keys, ids)
    )
    return int(cursor.lastrowid or 0)


def delete_band_segments(connection: sqlite3.Connection, rowids: Iterable[int]) -> None:
    connection.executemany("DELETE FROM link_segments WHERE rowid = ?", [(rowid,) for rowid in rowids])


def newest_per_bucket(connection: sqlite3.Connection, level: str) -> tuple[bytes, bytes, bytes] | None:
    """(counts, ids, sketches) of a fixed-size bucket table (`link.index.NewestPerBucket`), or None if not
    stored."""
    sketch_level = f"{level}/sketches"
    rows = connection.execute(
        "SELECT level, keys, ids FROM link_segments WHERE level IN (?, ?)", (level, sketch_level)
    ).fetchall()
    found = {row[0]: (row[1], row[2]) for row in rows}
    if level not in found or sketch_level not in found:
        return None
    return bytes(found[level][0]), bytes(found[level][1]), bytes(found[sketch_level][1])


def replace_newest_per_bucket(
    connection: sqlite3.Connection,
    level: str,
    counts: bytes | memoryview,
    ids: bytes | memoryview,
    sketches: bytes | memoryview,
) -> None:
    """Store a fixed-size bucket table as two rows of `link_segments`, replacing the previous ones.

    The arguments may be memoryviews of the tables, written without a copy (the sketches are 21 MB)."""
    connection.execute(
        "DELETE FROM link_segments WHERE level IN (?, ?, ?)", (level, f"{level}/sketches", f"{level}/log")
    )
    connection.executemany(
        "INSERT INTO link_segments (level, entries, keys, ids) VALUES (?, 0, ?, ?)",
        [(level, counts, ids), (f"{level}/sketches", b"", sketches)],
    )


def append_newest_log(
    connection: sqlite3.Connection,
    level: str,
    entries: int,
    buckets: bytes | memoryview,
    ids: bytes | memoryview,
    sketches: bytes | memoryview,
) -> None:
    """Append entries added to a fixed-size bucket table since it was stored (`replace_newest_per_bucket`
    empties the log): their buckets and sketches in `keys`, their ids in `ids`."""
    connection.execute(
        "INSERT INTO link_segments (level, entries, keys, ids) VALUES (?, ?, ?, ?)",
        (f"{level}/log", entries, bytes(buckets) + bytes(sketches), ids),
    )


def newest_log(connection: sqlite3.Connection, level: str) -> Iterator[tuple[bytes, bytes, bytes]]:
    """(buckets, ids, sketches) of each logged addition to a fixed-size bucket table, oldest first."""
    for entries, keys, ids in connection.execute(
        "SELECT entries, keys, ids FROM link_segments WHERE level = ? ORDER BY rowid", (f"{level}/log",)
    ):
        yield bytes(keys[: 8 * entries]), bytes(ids), bytes(keys[8 * entries :])


# ---------------------------------------------------------------- copies


def copy_origins(connection: sqlite3.Connection, article_ids: Iterable[str], share: float = 0.5) -> dict[str, str]:
    """The article each given article is a copy of, for those that are copies.

    An article is a copy when at least `share` of its indexed sentences are
    linked into copy trees whose first sentence lies in one earlier article
    (a content farm's rewrite of a wire story); its origin is that article.
    """
    wanted = set(article_ids)
    seq_of: dict[str, int] = {}
    id_of: dict[int, str] = {}
    sentences: dict[int, int] = {}
    for article in linked_articles(connection):
        id_of[article.seq] = article.article_id
        if article.article_id in wanted:
            seq_of[article.article_id] = article.seq
            sentences[article.seq] = article.sentences
    parent: dict[int, int] = {}
    article_of: dict[int, int] = {}
    for sid, seq, parent_sid, parent_seq in sentence_parents(connection):
        parent[sid] = parent_sid
        article_of[sid] = seq
        article_of[parent_sid] = parent_seq
    roots: dict[int, dict[int, int]] = {}
    for sid, seq in article_of.items():
        if seq not in sentences or sid not in parent:
            continue
        top = sid
        while top in parent:
            top = parent[top]
        origin = article_of[top]
        if origin != seq:
            counts = roots.setdefault(seq, {})
            counts[origin] = counts.get(origin, 0) + 1
    found: dict[str, str] = {}
    for article_id, seq in seq_of.items():
        by_origin = roots.get(seq)
        if not by_origin or not sentences[seq]:
            continue
        origin, linked = max(by_origin.items(), key=lambda item: (item[1], -item[0]))
        if linked >= share * sentences[seq]:
            found[article_id] = id_of[origin]
    return found
