"""How a filter value matches stored actors and text: SQL LIKE patterns with wildcards made literal."""

from __future__ import annotations


def escape_like(value: str) -> str:
    """`value` with LIKE wildcards made literal (used with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_clause(code_column: str, name_column: str, value: str) -> tuple[str, list[str]]:
    """SQL (and its parameters) keeping actors whose code starts with `value` or whose name has a word starting with it.

    "RUS" finds RUSGOV and RUSMIL, "Clinton" finds Hillary and Bill Clinton;
    a match inside a word does not count, so "USA" does not find Susan Collins.

    Example:
        >>> import sqlite3
        >>> rows = "WITH m(code, name) AS (VALUES ('USAGOV', 'Barack Obama'), ('USALEG', 'Susan Collins'))"
        >>> def names(value):
        ...     sql, params = actor_clause("code", "name", value)
        ...     return sqlite3.connect(":memory:").execute(f"{rows} SELECT name FROM m WHERE {sql}", params).fetchall()
        >>> names("Collins"), names("usag"), names("san")
        ([('Susan Collins',)], [('Barack Obama',)], [])
    """
    literal = escape_like(value.strip())
    sql = f"({code_column} LIKE ? ESCAPE '\\' OR {name_column} LIKE ? ESCAPE '\\' OR {name_column} LIKE ? ESCAPE '\\')"
    return sql, [literal + "%", literal + "%", "% " + literal + "%"]


def actor_matches(code: str | None, name: str | None, value: str) -> bool:
    """`actor_clause`'s rule in Python, for records already read: a code prefix or a word start in the name.

    Example:
        >>> actor_matches("USALEG", "Susan Collins", "col"), actor_matches("USALEG", "Susan Collins", "san")
        (True, False)
    """
    wanted = value.strip().casefold()
    folded = (name or "").casefold()
    return (code or "").casefold().startswith(wanted) or folded.startswith(wanted) or f" {wanted}" in folded
