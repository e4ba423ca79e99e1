"""Events: the list, who acts on whom, and downloads in the export formats."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Response

from dossier.export import writers as export
from dossier.serve.params import Events, Limit, Offset
from dossier.serve.state import Server
from dossier.store import queries

router = APIRouter(tags=["events"])

MAX_EXPORT_EVENTS = 100_000

EXPORT_MEDIA_TYPES = {
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "plover": ("application/x-ndjson; charset=utf-8", "plover.jsonl"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


@router.get("/api/events")
def events(server: Server, where: Events, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Events by source, target, CAMEO code and date range, in date order."""
    with server.reading() as store:
        return queries.list_events(store, where, queries.Paging(limit, offset)).to_dict()


@router.get("/api/events/network")
def network(server: Server, where: Events) -> dict[str, Any]:
    """Who acts on whom: nodes and edges counted by QuadClass (1-2 cooperation, 3-4 conflict)."""
    with server.reading() as store:
        return queries.actor_network(store, where)


@router.get("/api/events/export")
def export_events(
    server: Server,
    where: Events,
    format: Literal["gdelt", "plover", "jsonl", "csv"] = "gdelt",
    limit: Annotated[int, Query(ge=1, le=MAX_EXPORT_EVENTS)] = MAX_EXPORT_EVENTS,
) -> Response:
    """The filtered events as a download: GDELT-style TSV (default), PLOVER JSON, JSONL or CSV."""
    writer = event_writer(format)
    stream = io.StringIO()
    with server.reading() as store:
        writer(queries.iter_events(store, where, limit), stream)
    media_type, extension = EXPORT_MEDIA_TYPES[format]
    return Response(
        stream.getvalue(),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="dossier-events.{extension}"'},
    )


def event_writer(fmt: str) -> Callable[..., int]:
    """The writer for one export format, or 501 when export.KIND_WRITERS has none for it."""
    if fmt == "jsonl":
        return export.write_jsonl
    if fmt == "csv":
        return partial(export.write_csv, kind="events")
    writer = export.KIND_WRITERS.get(("events", fmt))
    if writer is None:
        raise HTTPException(
            501, f"{fmt} export is not available: export.KIND_WRITERS has no ('events', '{fmt}') writer"
        )
    return writer
