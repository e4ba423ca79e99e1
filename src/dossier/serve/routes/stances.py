"""Stances: the list, and the actor x issue matrix `dossier stances` also prints."""

from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter

from dossier.serve.params import ArticleRef, Filter, Limit, Offset, Search
from dossier.serve.state import Server
from dossier.stance.matrix import stance_matrix
from dossier.store import queries

router = APIRouter(tags=["stances"])


@router.get("/api/stances")
def stances(
    server: Server,
    actor: Filter = None,
    issue: Filter = None,
    polarity: Optional[Literal["support", "oppose"]] = None,
    article: ArticleRef = None,
    search: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stances by actor (code prefix or the start of a word in a name), issue and polarity."""
    where = queries.StanceFilter(actor, issue, polarity, article, search)
    with server.reading() as store:
        return queries.list_stances(store, where, queries.Paging(limit, offset)).to_dict()


@router.get("/api/stances/matrix")
def matrix(
    server: Server,
    actor: Filter = None,
    issue: Filter = None,
    search: Search = None,
    by: Literal["actor", "code", "country"] = "actor",
) -> dict[str, Any]:
    """Actor x issue matrix of support and opposition, with the disputed issues (as `dossier stances`).

    `by` groups actors as `dossier stances` does: "actor" keeps each actor
    (code and name) apart, "code" is `--by-code`, "country" `--by-country`.
    """
    with server.reading() as store:
        return stance_matrix(store, by, issue=issue, actor=actor, search=search).to_table()
