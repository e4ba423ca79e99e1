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

from collections.abc import Sequence
from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dossier import __version__
from dossier.pipeline import RunOptions
from dossier.serve.handlers import add_error_handlers
from dossier.serve.middleware import MAX_BODY_BYTES, PAGE_SECURITY_POLICY, BodyLimit, SecurityHeaders
from dossier.serve.models import MAX_ARTICLE_CHARS, MAX_BATCH_ARTICLES
from dossier.serve.params import ARTICLE_ID_PATTERN, MAX_FILTER_CHARS, MAX_SEARCH_CHARS
from dossier.serve.routes import (
    actors,
    articles,
    corpus,
    events,
    ingest,
    links,
    page,
    provenance,
    quotes,
    stances,
    tones,
    views,
)
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
    "serve_hosts",
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
    tones.router,
    links.router,
    provenance.router,
    views.router,
)


def create_app(
    db_path: str | Path,
    read_only: bool = False,
    run_options: RunOptions | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    allowed_hosts: Sequence[str] | None = None,
    ingest_in_child: bool = False,
) -> FastAPI:
    """The API and web page over one database file.

    With `read_only` the database is never written: ingest answers 403.
    Otherwise the database is created if missing. With `allowed_hosts`,
    a request whose Host header names another host is answered 400: a web
    page on another site cannot reach a local server by pointing its own
    name at 127.0.0.1 (DNS rebinding). `dossier serve` always sets it
    (`serve_hosts`); None, for tests and embedding, checks nothing. With
    `ingest_in_child` (as `dossier serve` runs) posted articles are analysed
    in a child process, so analysis never holds the server's threads.
    """
    app = FastAPI(
        title="dossier",
        version=__version__,
        description="Events, quotes, stances and provenance from news reports, each with its evidence offsets.",
    )
    app.state.dossier = ServerState.open(str(db_path), read_only, run_options or RunOptions(), ingest_in_child)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    add_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", page.static_files(), name="static")
    return app


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def serve_hosts(bind: str, extra: Sequence[str] = ()) -> list[str]:
    """The Host names a server bound to `bind` answers: its loopback names, the bind address, and `extra`.

    Example:
        >>> serve_hosts("127.0.0.1")
        ['127.0.0.1', 'localhost', '::1', '[::1]']
    """
    hosts = [*LOOPBACK_HOSTS]
    if bind not in ("0.0.0.0", "::", *LOOPBACK_HOSTS):
        hosts.append(bind)
    return hosts + [host for host in extra if host not in hosts]
