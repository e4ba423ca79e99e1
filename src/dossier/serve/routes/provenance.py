"""Provenance read for people: stories in order of first appearance, and where else a sentence appears.

Over the links `/api/links` lists: `same_story` clusters and the sentence
links (exact, near-duplicate, rewording) with the words that changed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi import Path as PathParam

from dossier.serve.params import ARTICLE_ID_PATTERN, ActorFilter, Limit, Offset, Search
from dossier.serve.state import Server
from dossier.store import queries

router = APIRouter(tags=["provenance"])

ArticleId = Annotated[str, PathParam(pattern=ARTICLE_ID_PATTERN)]
Offset32 = Annotated[int, Query(ge=0, le=2_000_000)]


@router.get("/api/stories")
def stories(
    server: Server, actor: ActorFilter = None, search: Search = None, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Stories (same_story clusters), largest first, each named by its first report."""
    with server.reading() as store:
        return queries.list_stories(store, actor, search, queries.Paging(limit, offset)).to_dict()


@router.get("/api/stories/{article_id}")
def story(server: Server, article_id: ArticleId) -> dict[str, Any]:
    """The story holding one report: its reports in order of first appearance and the sentences copied between them."""
    with server.reading() as store:
        if store.article(article_id) is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return queries.story_provenance(store, article_id)


@router.get("/api/sentences/copies")
def copies(
    server: Server,
    article: Annotated[str, Query(pattern=ARTICLE_ID_PATTERN)],
    start: Offset32,
    end: Offset32,
) -> dict[str, Any]:
    """Where else the sentence at [start, end) of one article appears: its copies and rewordings, and theirs."""
    with server.reading() as store:
        return queries.sentence_copies(store, article, start, end)
