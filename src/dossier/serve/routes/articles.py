"""Stored articles: full-text search, one article's text, its records."""

from __future__ import annotations

from typing import Annotated, Any, Optional

from fastapi import APIRouter, HTTPException, Query
from fastapi import Path as PathParam
from pydantic import AfterValidator

from dossier.records import Article
from dossier.serve.params import ARTICLE_ID_PATTERN, MAX_SEARCH_CHARS, Limit, Offset, bounded_terms
from dossier.serve.state import Server
from dossier.store import queries

router = APIRouter(tags=["articles"])

ArticleId = Annotated[str, PathParam(pattern=ARTICLE_ID_PATTERN)]


@router.get("/api/articles")
def articles(
    server: Server,
    q: Annotated[
        Optional[str], Query(max_length=MAX_SEARCH_CHARS, description="FTS5 query"), AfterValidator(bounded_terms)
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles matching a full-text query, best first (all articles, newest first, without `q`)."""
    with server.reading() as store:
        return queries.list_articles(store, q, queries.Paging(limit, offset)).to_dict()


@router.get("/api/articles/{article_id}")
def article(server: Server, article_id: ArticleId) -> dict[str, Any]:
    """One article with its full text; record offsets point into `text`."""
    with server.reading() as store:
        return existing(store.article(article_id), article_id).to_dict()


@router.get("/api/articles/{article_id}/records")
def article_records(server: Server, article_id: ArticleId) -> dict[str, Any]:
    """Mentions, quotes, events and stances found in one article."""
    with server.reading() as store:
        existing(store.article(article_id), article_id)
        return queries.article_records(store, article_id)


def existing(article: Article | None, article_id: str) -> Article:
    """The article, or 404 naming the id asked for."""
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return article
