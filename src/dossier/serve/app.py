"""The HTTP layer: a FastAPI app over the store, and the web page.

A thin adapter like the CLI: each route validates its input, calls one
library function (`queries`, `stance.matrix`, `pipeline.ingest_articles`,
`export`) and turns domain errors into 4xx answers. One module per resource
under `serve/routes/`, routed in `ROUTERS` below; the request and response
bodies are in `serve/models.py`, the shared query parameters in
`serve/params.py`, the ingest lock and the background linker in
`serve/state.py`. Every request opens its own SQLite connection (read-only
for reads), so the app holds no shared mutable state but that lock.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from fastapi.testclient import TestClient
    >>> from dossier.store import Store
    >>> folder = tempfile.TemporaryDirectory()
    >>> db = Path(folder.name) / "dossier.db"
    >>> Store.open(db).close()
    >>> TestClient(create_app(db, read_only=True)).get("/api/stats").json()["counts"]["articles"]
    0
    >>> folder.cleanup()

    Serving it (this blocks until stopped):

    >>> import uvicorn
    >>> uvicorn.run(create_app("dossier.db", read_only=True), host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from dossier import __version__
from dossier.pipeline import RunOptions
from dossier.serve.handlers import add_error_handlers
from dossier.serve.middleware import MAX_BODY_BYTES, PAGE_SECURITY_POLICY, BodyLimit, SecurityHeaders
from dossier.serve.models import MAX_ARTICLE_CHARS, MAX_BATCH_ARTICLES
from dossier.serve.params import ARTICLE_ID_PATTERN, MAX_FILTER_CHARS, MAX_SEARCH_CHARS
from dossier.serve.routes import actors, articles, corpus, events, ingest, links, page, quotes, stances
from dossier.serve.routes.events import MAX_EXPORT_EVENTS
from dossier.serve.state import BackgroundLinker, ServerState

__all__ = [
    "ARTICLE_ID_PATTERN",
    "MAX_ARTICLE_CHARS",
    "MAX_BATCH_ARTICLES",
    "MAX_BODY_BYTES",
    "MAX_EXPORT_EVENTS",
    "MAX_FILTER_CHARS",
    "MAX_SEARCH_CHARS",
    "PAGE_SECURITY_POLICY",
    "ROUTERS",
    "BackgroundLinker",
    "create_app",
]

# Every route of the app, one router per resource, in the order they are matched.
ROUTERS: tuple[APIRouter, ...] = (
    page.router,
    corpus.router,
    articles.router,
    ingest.router,
    actors.router,
    quotes.router,
    events.router,
    stances.router,
    links.router,
)


def create_app(
    db_path: str | Path,
    read_only: bool = False,
    run_options: RunOptions | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The API and web page over one database file.

    With `read_only` the database is never written: ingest answers 403.
    Otherwise the database is created if missing.
    """
    app = FastAPI(
        title="dossier",
        version=__version__,
        description="Events, quotes, stances and provenance from news reports, each with its evidence offsets.",
    )
    app.state.dossier = ServerState.open(str(db_path), read_only, run_options or RunOptions())
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    add_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", page.static_files(), name="static")
    return app
