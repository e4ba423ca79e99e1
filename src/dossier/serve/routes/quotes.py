"""Quotes by speaker, issue, date and words."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier.serve.params import ActorFilter, ArticleRef, DateBound, Filter, Limit, Offset, Search
from dossier.serve.state import Server
from dossier.store import queries

router = APIRouter(tags=["quotes"])


@router.get("/api/quotes")
def quotes(
    server: Server,
    speaker: ActorFilter = None,
    issue: Filter = None,
    since: DateBound = None,
    until: DateBound = None,
    text: Filter = None,
    article: ArticleRef = None,
    search: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes by speaker, issue (overlapping a stance on it), publication date range and words."""
    where = queries.QuoteFilter(speaker, issue, since, until, text, article, search)
    with server.reading() as store:
        return queries.list_quotes(store, where, queries.Paging(limit, offset)).to_dict()
