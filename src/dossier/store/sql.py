"""Small SQL helpers every module of the store uses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

# Values bound per statement: below SQLite's oldest default limit of 999 host parameters.
IN_CHUNK = 900


def select_in_chunks(
    connection: sqlite3.Connection,
    sql_template: str,
    ids: Iterable[Any],
    chunk: int = IN_CHUNK,
    params: Sequence[Any] = (),
) -> Iterator[Any]:
    """Rows of `sql_template` run once per chunk of `ids`, its `{marks}` replaced by that chunk's placeholders.

    `params` are bound after the chunk's values. The ids are sorted and
    deduplicated first, so each is asked for once.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> from dossier.store.database import Store
        >>> store = Store.open(":memory:")
        >>> for name in ("resume", "stall", "end"):
        ...     store.save_analysis(ArticleAnalysis(Article.build(f"Talks {name}.", name=name)))
        >>> ids = [article.id for article in store.articles()]
        >>> sql = "SELECT name FROM articles WHERE id IN ({marks})"
        >>> sorted(row[0] for row in select_in_chunks(store.connection, sql, [*ids, ids[0]], chunk=2))
        ['end', 'resume', 'stall']
        >>> store.close()
    """
    ordered = sorted(set(ids))
    for offset in range(0, len(ordered), chunk):
        part = ordered[offset : offset + chunk]
        marks = ",".join("?" * len(part))
        yield from connection.execute(sql_template.format(marks=marks), (*part, *params))


def execute_in_chunks(
    connection: sqlite3.Connection, sql_template: str, ids: Iterable[Any], chunk: int = IN_CHUNK
) -> None:
    """Run a write statement (`... WHERE x IN ({marks})`) once per chunk of `ids`."""
    for _ in select_in_chunks(connection, sql_template, ids, chunk):
        pass
