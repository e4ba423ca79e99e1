"""Actors: the list with mention counts, and one actor's evidence."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier.serve.params import ActorFilter, Filter, Limit, Offset, Search
from dossier.serve.state import Server
from dossier.store import queries

router = APIRouter(tags=["actors"])


@router.get("/api/actors")
def actors(
    server: Server,
    name: ActorFilter = None,
    search: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Actors with their mention and article counts, most mentioned first."""
    with server.reading() as store:
        return queries.list_actors(store, name, search, queries.Paging(limit, offset)).to_dict()


@router.get("/api/actors/evidence")
def actor_evidence(server: Server, code: Filter = None, name: Filter = None, search: Search = None) -> dict[str, Any]:
    """One actor (its exact code and/or name) with its mentions, quotes, events and stances."""
    with server.reading() as store:
        return queries.actor_evidence(store, code, name, search)
