"""What the corpus holds: `/api/stats`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier import __version__
from dossier.serve.state import Server

router = APIRouter(tags=["corpus"])


@router.get("/api/stats")
def stats(server: Server) -> dict[str, Any]:
    """How many records of each kind are stored, and whether this server accepts ingest."""
    with server.reading() as store:
        counts = store.counts()
    linker = server.linker
    return {
        "counts": counts,
        "read_only": server.read_only,
        "version": __version__,
        "links_pending": linker is not None and linker.pending(),
        "link_error": linker.last_error if linker is not None else None,
    }
