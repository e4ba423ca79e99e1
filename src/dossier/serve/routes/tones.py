"""Tones: how reports treat each actor they name, by actor and date; tone over time for one actor."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from dossier.serve.params import ActorFilter, ArticleRef, DateBound, Limit, Offset
from dossier.serve.state import Server
from dossier.store.queries import check_date
from dossier.tone.aggregate import tone_by_period

router = APIRouter(tags=["tones"])


@router.get("/api/tones")
def tones(
    server: Server,
    actor: ActorFilter = None,
    since: DateBound = None,
    until: DateBound = None,
    article: ArticleRef = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Tone toward each actor mention, by actor (code prefix or a word start in a name) and publication date range."""
    with server.reading() as store:
        items, total = store.tone_page(
            actor, check_date(since, "since"), check_date(until, "until"), article, limit, offset
        )
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/api/tones/over-time")
def tones_over_time(
    server: Server,
    actor: Annotated[
        str, Query(min_length=1, max_length=200, description="CAMEO code prefix or the start of a word in a name")
    ],
    period: Literal["day", "week", "month"] = "month",
    by_outlet: bool = False,
) -> dict[str, Any]:
    """Tone toward one actor per day, week or month (and per outlet): mean score and counts by polarity."""
    with server.reading() as store:
        return {"actor": actor, "period": period, "rows": tone_by_period(store, actor, period, by_outlet)}
