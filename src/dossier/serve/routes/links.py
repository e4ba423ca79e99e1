"""Provenance links between articles, of every kind the link stage makes."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter

from dossier.records import LinkKind
from dossier.serve.params import ArticleRef, Limit, Offset
from dossier.serve.state import Server
from dossier.store import queries

router = APIRouter(tags=["provenance"])


@router.get("/api/links")
def links(
    server: Server,
    kind: Optional[LinkKind] = None,
    article: ArticleRef = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Provenance links between articles, most similar first."""
    with server.reading() as store:
        return queries.list_links(store, kind, article, queries.Paging(limit, offset)).to_dict()
