"""The HTTP layer: a FastAPI app over the store, and the web page.

A thin adapter like the CLI: each route validates its input, calls one
library function (`queries`, `pipeline.ingest_articles`, `export`) and turns
domain errors into 4xx answers. Every request opens its own SQLite
connection (read-only for reads), so the app holds no shared mutable state
but one lock that keeps ingests one at a time.

Example:
    >>> import uvicorn
    >>> uvicorn.run(create_app("dossier.db", read_only=True), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from dossier import __version__
from dossier.errors import DossierError, ReadError, StoreError
from dossier.export import writers as export
from dossier.link.linker import link_articles
from dossier.pipeline import RunOptions, ingest_articles
from dossier.read.readers import jsonl_record_to_article
from dossier.records import Article
from dossier.store import queries
from dossier.store.database import Store

WEB_DIR = Path(__file__).resolve().parent / "web"

# Bounds for public deployments. A posted article is analysed while the
# client waits, so these keep one request to seconds, not minutes.
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_ARTICLE_CHARS = 1_000_000
MAX_BATCH_ARTICLES = 50
MAX_EXPORT_EVENTS = 100_000
MAX_FILTER_CHARS = 200
MAX_SEARCH_CHARS = 500

# Article ids are content hashes; the pattern also admits hand-made ids but
# never a path separator or a leading dot.
ARTICLE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"

# The page loads only its own files; nothing inline, nothing from elsewhere.
PAGE_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

EXPORT_MEDIA_TYPES = {
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "plover": ("application/x-ndjson; charset=utf-8", "plover.jsonl"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


# Query parameters shared by the routes, with their bounds.
Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Filter = Annotated[Optional[str], Query(max_length=MAX_FILTER_CHARS)]
ActorFilter = Annotated[
    Optional[str], Query(max_length=MAX_FILTER_CHARS, description="CAMEO code prefix or part of a name")
]
EventCode = Annotated[Optional[str], Query(pattern=r"^\d{1,4}$", description="CAMEO code prefix, e.g. 11 or 111")]
Search = Annotated[
    Optional[str],
    Query(max_length=MAX_SEARCH_CHARS, description="full-text query (FTS5) the record's article must match"),
]
ArticleRef = Annotated[Optional[str], Query(pattern=ARTICLE_ID_PATTERN, description="keep one article's records")]
DateBound = Annotated[Optional[str], Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]]")]


def event_filter(
    source: ActorFilter = None,
    target: ActorFilter = None,
    code: EventCode = None,
    quad_class: Annotated[Optional[int], Query(ge=1, le=4)] = None,
    since: DateBound = None,
    until: DateBound = None,
    article: ArticleRef = None,
    search: Search = None,
) -> queries.EventFilter:
    return queries.EventFilter(source, target, code, quad_class, since, until, article, search)


Events = Annotated[queries.EventFilter, Depends(event_filter)]


class ArticleIn(BaseModel):
    """One article to ingest: the JSONL input shape of DESIGN.md; only `text` is required."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    title: Optional[str] = Field(None, max_length=1000)
    url: Optional[str] = Field(None, max_length=2048)
    outlet: Optional[str] = Field(None, max_length=300)
    published: Optional[str] = Field(None, max_length=64, description="ISO date or datetime")
    id: Optional[str] = Field(None, max_length=200, description="your own id, kept as the article's name")


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH_ARTICLES)


class IngestedArticle(BaseModel):
    id: Optional[str]
    title: Optional[str]
    status: Literal["analysed", "already stored", "failed"]
    problem: Optional[str] = None


class IngestResult(BaseModel):
    articles: list[IngestedArticle]
    analysed: int
    skipped: int
    failed: int


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
    db_path = str(db_path)
    if read_only:
        Store.open(db_path, read_only=True).close()  # fails early, with the fix, when there is no database
    else:
        Store.open(db_path).close()  # creates or migrates it once, before any reader opens it
    options = run_options or RunOptions()
    ingest_lock = threading.Lock()
    # Posts store their articles and return; the corpus is linked after them, off the request path.
    linker = BackgroundLinker(db_path) if options.link and not read_only else None
    ingest_options = replace(options, link=False)

    app = FastAPI(
        title="dossier",
        version=__version__,
        description="Events, quotes, stances and provenance from news reports, each with its evidence offsets.",
    )
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(_BodyLimit, max_bytes=max_body_bytes)
    _add_error_handlers(app)

    def reading() -> Store:
        # Opened in the thread that serves the request: sqlite3 connections stay in their thread.
        return Store.open(db_path, read_only=True)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/api/stats", tags=["corpus"])
    def stats() -> dict[str, Any]:
        """How many records of each kind are stored, and whether this server accepts ingest."""
        with reading() as store:
            counts = store.counts()
        return {
            "counts": counts,
            "read_only": read_only,
            "version": __version__,
            "links_pending": linker is not None and linker.pending(),
            "link_error": linker.last_error if linker is not None else None,
        }

    @app.get("/api/articles", tags=["articles"])
    def articles(
        q: Annotated[Optional[str], Query(max_length=MAX_SEARCH_CHARS, description="FTS5 query")] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Articles matching a full-text query, best first (all articles, newest first, without `q`)."""
        with reading() as store:
            return queries.list_articles(store, q, queries.Paging(limit, offset)).to_dict()

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: Annotated[str, PathParam(pattern=ARTICLE_ID_PATTERN)]) -> dict[str, Any]:
        """One article with its full text; record offsets point into `text`."""
        with reading() as store:
            return _existing(store.article(article_id), article_id).to_dict()

    @app.get("/api/articles/{article_id}/records", tags=["articles"])
    def article_records(article_id: Annotated[str, PathParam(pattern=ARTICLE_ID_PATTERN)]) -> dict[str, Any]:
        """Mentions, quotes, events and stances found in one article."""
        with reading() as store:
            _existing(store.article(article_id), article_id)
            return queries.article_records(store, article_id)

    @app.post("/api/articles", tags=["ingest"], response_model=IngestResult)
    def post_article(item: ArticleIn, response: Response) -> IngestResult:
        """Analyse and store one article (403 on a read-only server)."""
        return ingest([item], response)

    @app.post("/api/articles/batch", tags=["ingest"], response_model=IngestResult)
    def post_batch(batch: BatchIn, response: Response) -> IngestResult:
        """Analyse and store a batch of articles, at most MAX_BATCH_ARTICLES (403 on a read-only server)."""
        return ingest(batch.articles, response)

    def ingest(items: list[ArticleIn], response: Response) -> IngestResult:
        if read_only:
            raise HTTPException(403, "this server is read-only (started with --read-only); nothing can be ingested")
        articles = [_to_article(index, item) for index, item in enumerate(items)]
        with ingest_lock, Store.open(db_path) as store:
            report = ingest_articles(articles, store, ingest_options, keep_analyses=True)
        if linker is not None and report.analysed:
            linker.request()
        result = _ingest_result(articles, report)
        if result.failed == len(articles):
            failures = result.model_dump()["articles"]
            raise HTTPException(422, {"message": "no article could be analysed", "articles": failures})
        response.status_code = 201 if result.analysed else 200
        return result

    @app.get("/api/actors", tags=["actors"])
    def actors(
        name: ActorFilter = None,
        search: Search = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Actors with their mention and article counts, most mentioned first."""
        with reading() as store:
            return queries.list_actors(store, name, search, queries.Paging(limit, offset)).to_dict()

    @app.get("/api/actors/evidence", tags=["actors"])
    def actor_evidence(code: Filter = None, name: Filter = None, search: Search = None) -> dict[str, Any]:
        """One actor (its exact code and/or name) with its mentions, quotes, events and stances."""
        with reading() as store:
            return queries.actor_evidence(store, code, name, search)

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(
        speaker: ActorFilter = None,
        issue: Filter = None,
        since: DateBound = None,
        until: DateBound = None,
        text: Filter = None,
        article: ArticleRef = None,
        search: Search = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotes by speaker, issue (overlapping a stance on it), publication date range and words."""
        where = queries.QuoteFilter(speaker, issue, since, until, text, article, search)
        with reading() as store:
            return queries.list_quotes(store, where, queries.Paging(limit, offset)).to_dict()

    @app.get("/api/events", tags=["events"])
    def events(where: Events, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events by source, target, CAMEO code and date range, in date order."""
        with reading() as store:
            return queries.list_events(store, where, queries.Paging(limit, offset)).to_dict()

    @app.get("/api/events/network", tags=["events"])
    def network(where: Events) -> dict[str, Any]:
        """Who acts on whom: nodes and edges counted by QuadClass (1-2 cooperation, 3-4 conflict)."""
        with reading() as store:
            return queries.actor_network(store, where)

    @app.get("/api/events/export", tags=["events"])
    def export_events(
        where: Events,
        format: Literal["gdelt", "plover", "jsonl", "csv"] = "gdelt",
        limit: Annotated[int, Query(ge=1, le=MAX_EXPORT_EVENTS)] = MAX_EXPORT_EVENTS,
    ) -> Response:
        """The filtered events as a download: GDELT-style TSV (default), PLOVER JSON, JSONL or CSV."""
        writer = _event_writer(format)
        stream = io.StringIO()
        with reading() as store:
            writer(queries.iter_events(store, where, limit), stream)
        media_type, extension = EXPORT_MEDIA_TYPES[format]
        return Response(
            stream.getvalue(),
            media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="dossier-events.{extension}"'},
        )

    @app.get("/api/stances", tags=["stances"])
    def stances(
        actor: Filter = None,
        issue: Filter = None,
        polarity: Optional[Literal["support", "oppose"]] = None,
        article: ArticleRef = None,
        search: Search = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stances by actor (code prefix or part of a name), issue and polarity."""
        where = queries.StanceFilter(actor, issue, polarity, article, search)
        with reading() as store:
            return queries.list_stances(store, where, queries.Paging(limit, offset)).to_dict()

    @app.get("/api/stances/matrix", tags=["stances"])
    def matrix(actor: Filter = None, issue: Filter = None, search: Search = None) -> dict[str, Any]:
        """Actor x issue matrix of support and opposition, with the contested issues."""
        with reading() as store:
            return queries.stance_matrix(store, queries.StanceFilter(actor, issue, None, None, search))

    @app.get("/api/links", tags=["provenance"])
    def links(
        kind: Optional[Literal["near_duplicate", "rewording", "same_story", "exact"]] = None,
        article: ArticleRef = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Provenance links between articles, most similar first."""
        with reading() as store:
            return queries.list_links(store, kind, article, queries.Paging(limit, offset)).to_dict()

    return app


class BackgroundLinker:
    """Links the stored corpus after ingests, in one thread, one pass at a time.

    Linking is incremental (only new articles are compared) but the link table
    is rewritten whole, so a pass per post would make every post pay for the
    corpus. Here a post only asks for a pass: posts that arrive while one runs
    share the next. Links therefore appear a moment after the post returns;
    `/api/stats` says `links_pending` until they do. A pass cut short (the
    server stopped) loses nothing: the next pass or `dossier run` links what
    is left.
    """

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._changed = threading.Condition()
        self._requested = 0  # passes asked for
        self._covered = 0  # of those, how many a finished pass has covered
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None

    def request(self) -> None:
        """Ask for a pass over everything stored so far."""
        with self._changed:
            self._requested += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="dossier-linker", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def pending(self) -> bool:
        with self._changed:
            return self._covered != self._requested

    def wait(self, timeout: float | None = None) -> bool:
        """Until every pass asked for has run; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._covered == self._requested, timeout)

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._covered != self._requested)
                covering = self._requested
            try:
                with Store.open(self.db_path) as store:
                    store.replace_links(link_articles(store))
                self.last_error = None
            except Exception as error:  # the next post asks again; the server goes on serving
                self.last_error = f"linking failed: {type(error).__name__}: {error}"
            with self._changed:
                self._covered = covering
                self._changed.notify_all()


def _existing(article: Article | None, article_id: str) -> Article:
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return article


def _to_article(index: int, item: ArticleIn) -> Article:
    # The posted shape is the JSONL input shape, so the reader's rules apply as they are.
    try:
        return jsonl_record_to_article(f"request[{index}]", json.dumps(item.model_dump(exclude_none=True)))
    except ReadError as error:
        raise HTTPException(422, str(error)) from None


def _ingest_result(articles: list[Article], report: Any) -> IngestResult:
    analysed = {analysis.article.id for analysis in report.analysed}
    problems = {error.source: error.problem for error in report.errors}
    rows = []
    for article in articles:
        problem = problems.get(article.source or "") or problems.get(article.id)
        if problem:
            rows.append(IngestedArticle(id=article.id, title=article.title, status="failed", problem=problem))
        elif article.id in analysed:
            rows.append(IngestedArticle(id=article.id, title=article.title, status="analysed"))
        else:
            rows.append(IngestedArticle(id=article.id, title=article.title, status="already stored"))
    return IngestResult(
        articles=rows,
        analysed=sum(row.status == "analysed" for row in rows),
        skipped=sum(row.status == "already stored" for row in rows),
        failed=sum(row.status == "failed" for row in rows),
    )


def _event_writer(fmt: str) -> Callable[..., int]:
    if fmt == "jsonl":
        return export.write_jsonl
    if fmt == "csv":
        return export.write_csv
    writer = export.KIND_WRITERS.get(("events", fmt))
    if writer is None:
        raise HTTPException(
            501, f"{fmt} export is not available: export.KIND_WRITERS has no ('events', '{fmt}') writer"
        )
    return writer


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> Response:
        # FastAPI's own handler echoes the input as UTF-8 and fails (500) on an escaped lone
        # surrogate ("\ud800") a client sent; ASCII-escaped JSON can carry any input back.
        body = json.dumps({"detail": jsonable_encoder(error.errors())}, ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(queries.QueryError)
    async def bad_query(_request: Request, error: queries.QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_unavailable(_request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @app.exception_handler(DossierError)
    async def dossier_error(_request: Request, error: DossierError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)


ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


class _BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, declared or streamed.

    The body is read here, up to the limit, and handed on whole: a client
    cannot make the app buffer more by leaving out Content-Length.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _refuse_too_large(send, self.max_bytes)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _refuse_too_large(send, self.max_bytes)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> dict[str, Any]:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _refuse_too_large(send: Any, max_bytes: int) -> None:
    response = JSONResponse({"detail": f"request body over {max_bytes} bytes; send fewer or smaller articles"}, 413)
    await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})


class _SecurityHeaders:
    """No MIME sniffing anywhere; the page and its files also get a strict content policy."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        strict = path == "/" or path.startswith("/static/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if strict:
                    headers.append((b"content-security-policy", PAGE_SECURITY_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
