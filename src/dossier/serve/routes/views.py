"""What the page's views draw: the graph of the top actors, events per day, event places, reports of an actor.

Aggregates, so the page never pulls every event to draw one picture. Each
takes the event filters of `/api/events` and `actor` (source or target: a
CAMEO code prefix or the start of a word in a name), the actor the page is focused on.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Optional

from fastapi import APIRouter, Depends, Query

from dossier.serve.params import MAX_FILTER_CHARS, ActorFilter, Limit, Offset, Search, event_filter
from dossier.serve.state import Server
from dossier.store import queries

router = APIRouter(tags=["views"])

MAX_GRAPH_ACTORS = 200


def focused_event_filter(
    events: Annotated[queries.EventFilter, Depends(event_filter)],
    actor: ActorFilter = None,
    place: Annotated[Optional[str], Query(max_length=MAX_FILTER_CHARS, description="a place's name, exactly")] = None,
    undated: Annotated[bool, Query(description="only events with no date (nor a dated article)")] = False,
) -> queries.EventFilter:
    """The event filters every list takes, and the views' own: one actor on either side, one place, undated only."""
    return dataclasses.replace(events, actor=actor, place=place, undated=undated)


FocusedEvents = Annotated[queries.EventFilter, Depends(focused_event_filter)]


@router.get("/api/views/events")
def events(server: Server, where: FocusedEvents, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Events as `/api/events` lists them, with the focused actor on either side, a place, or the undated only."""
    with server.reading() as store:
        return queries.list_events(store, where, queries.Paging(limit, offset)).to_dict()


@router.get("/api/views/graph")
def graph(
    server: Server,
    where: FocusedEvents,
    top: Annotated[int, Query(ge=1, le=MAX_GRAPH_ACTORS, description="how many actors, most events first")] = 25,
) -> dict[str, Any]:
    """Who acts on whom among the top actors: nodes (one per CAMEO code), edges per QuadClass with counts."""
    with server.reading() as store:
        return queries.actor_graph(store, where, top)


@router.get("/api/views/timeline")
def timeline(server: Server, where: FocusedEvents) -> dict[str, Any]:
    """Events per day and QuadClass (the event's date, else its article's), and the undated apart."""
    with server.reading() as store:
        return queries.event_timeline(store, where)


@router.get("/api/views/places")
def places(server: Server, where: FocusedEvents) -> dict[str, Any]:
    """Event places with coordinates, with counts per QuadClass; `unplaced` counts events without coordinates."""
    with server.reading() as store:
        return queries.event_places(store, where)


@router.get("/api/views/reports")
def reports(
    server: Server,
    actor: ActorFilter = None,
    q: Search = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Reports that mention the actor and match the full-text query, as `/api/articles` lists them."""
    with server.reading() as store:
        return queries.list_articles(store, q, queries.Paging(limit, offset), actor=actor).to_dict()
