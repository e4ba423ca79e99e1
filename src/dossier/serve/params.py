"""Query and path parameters the routes share, with their bounds."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from fastapi import Depends, Query
from pydantic import AfterValidator

from dossier.store import queries

MAX_FILTER_CHARS = 200
MAX_SEARCH_CHARS = 500
# Full-text terms in one query at most: each prefix term ("a*") costs a scan of the index, and a query's
# cost grows with the square of their number (83 "a* OR" took 5.7 s over 33 articles).
MAX_SEARCH_TERMS = 12
_FTS_TERM = re.compile(r'"[^"]*"?|[^\s()"]+')
_FTS_OPERATORS = {"AND", "OR", "NOT"}


def bounded_terms(query: Optional[str]) -> Optional[str]:
    """The query, when it has at most MAX_SEARCH_TERMS terms (operators not counted); else a 422."""
    if query is not None:
        terms = [term for term in _FTS_TERM.findall(query) if term not in _FTS_OPERATORS]
        if len(terms) > MAX_SEARCH_TERMS:
            raise ValueError(f"full-text query of {len(terms)} terms; at most {MAX_SEARCH_TERMS} are taken")
    return query


# Article ids are content hashes; the pattern also admits hand-made ids but
# never a path separator or a leading dot.
ARTICLE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"

Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Filter = Annotated[Optional[str], Query(max_length=MAX_FILTER_CHARS)]
ActorFilter = Annotated[
    Optional[str], Query(max_length=MAX_FILTER_CHARS, description="CAMEO code prefix or the start of a word in a name")
]
EventCode = Annotated[Optional[str], Query(pattern=r"^\d{1,4}$", description="CAMEO code prefix, e.g. 11 or 111")]
Search = Annotated[
    Optional[str],
    Query(max_length=MAX_SEARCH_CHARS, description="full-text query (FTS5) the record's article must match"),
    AfterValidator(bounded_terms),
]
ArticleRef = Annotated[Optional[str], Query(pattern=ARTICLE_ID_PATTERN, description="keep one article's records")]


def calendar_date(value: Optional[str]) -> Optional[str]:
    """A date bound naming a real period (2020-13 or 2021-02-30 is a 422, as "last week" is), else a 422."""
    try:
        return queries.check_date(value, "date")
    except queries.QueryError as error:
        raise ValueError(str(error)) from None


DateBound = Annotated[
    Optional[str],
    Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]]"),
    AfterValidator(calendar_date),
]


def event_filter(
    source: ActorFilter = None,
    target: ActorFilter = None,
    code: EventCode = None,
    quad_class: Annotated[Optional[int], Query(ge=1, le=4)] = None,
    since: DateBound = None,
    until: DateBound = None,
    article: ArticleRef = None,
    search: Search = None,
    coder: Annotated[
        Optional[Literal["pattern", "learned"]],
        Query(description="which coder gave the event: a lexicon pattern or the learned fallback"),
    ] = None,
) -> queries.EventFilter:
    return queries.EventFilter(source, target, code, quad_class, since, until, article, search, coder=coder)


Events = Annotated[queries.EventFilter, Depends(event_filter)]
