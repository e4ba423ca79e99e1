"""What one server holds between requests: its database, the ingest queue and the background linker.

Every request opens its own SQLite connection (read-only for reads); the
only state shared between requests is here: the queue whose one worker
thread runs the ingests one at a time (`serve.jobs`), and the thread that
links the corpus after them. Reads never wait behind either: WAL lets a
reader see the last committed state while a write goes on, and each read
connection is bounded in time (QUERY_TIME_LIMIT_SECONDS).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Annotated, cast

from fastapi import Depends, Request

from dossier.pipeline import RunOptions, link_stored
from dossier.records import Article
from dossier.serve.jobs import IngestQueue
from dossier.serve.worker import ChildIngester, IngestOutcome, ingest_outcome
from dossier.store.database import Store

# A read (one request's queries) that runs longer is stopped and answered 400: a full-text query of
# many prefix terms can otherwise hold a thread for seconds per term, quadratic in their number.
QUERY_TIME_LIMIT_SECONDS = 3.0
# SQLite virtual machine steps between checks of that limit (a few hundred microseconds of work).
PROGRESS_CHECK_STEPS = 10_000


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

    def __init__(self, db_path: str, options: RunOptions | None = None) -> None:
        self.options = options or RunOptions()
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
                    link_stored(store, self.options)
                self.last_error = None
            except Exception as error:  # the next post asks again; the server goes on serving
                self.last_error = f"linking failed: {type(error).__name__}: {error}"
            with self._changed:
                self._covered = covering
                self._changed.notify_all()


@dataclass(frozen=True)
class ServerState:
    """One server's database and how it ingests; made once by `create_app`, read by every route."""

    db_path: str
    read_only: bool
    ingest_options: RunOptions
    # Posts store their articles and return; the corpus is linked after them, off the request path.
    linker: BackgroundLinker | None
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    # Posted articles wait here, off the request threads; None on a read-only server.
    queue: IngestQueue | None = None
    query_time_limit: float = QUERY_TIME_LIMIT_SECONDS
    # Analyses posted articles elsewhere (a child process); None: in the ingest thread.
    ingester: Callable[[list[Article]], IngestOutcome] | None = None

    @classmethod
    def open(cls, db_path: str, read_only: bool, options: RunOptions, ingest_in_child: bool = False) -> ServerState:
        """Checks the database once, before any request: it must exist when read-only, else it is made.

        With `ingest_in_child` posted articles are analysed in a child process (see `serve.worker`).
        """
        if read_only:
            Store.open(db_path, read_only=True).close()  # fails early, with the fix, when there is no database
        else:
            Store.open(db_path).close()  # creates or migrates it once, before any reader opens it
        linker = BackgroundLinker(db_path, options) if options.link and not read_only else None
        ingest_options = replace(options, link=False)
        ingester = ChildIngester(db_path, ingest_options) if ingest_in_child and not read_only else None
        state = cls(db_path, read_only, ingest_options, linker, ingester=ingester)
        if not read_only:
            object.__setattr__(state, "queue", IngestQueue(state.ingest))
        return state

    def reading(self) -> Store:
        """A read-only store for one request, whose queries stop after `query_time_limit` seconds.

        A query stopped raises sqlite3.OperationalError("interrupted"), which the app answers with 400.
        """
        # Opened in the thread that serves the request: sqlite3 connections stay in their thread.
        store = Store.open(self.db_path, read_only=True)
        deadline = time.monotonic() + self.query_time_limit
        store.connection.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_CHECK_STEPS)
        return store

    def ingest(self, articles: list[Article]) -> IngestOutcome:
        """Analyse and store articles through the pipeline, one ingest at a time; then ask for links."""
        with self.ingest_lock:
            if self.ingester is not None:
                outcome = self.ingester(articles)
            else:
                outcome = ingest_outcome(self.db_path, articles, self.ingest_options)
        if self.linker is not None and outcome.analysed:
            self.linker.request()
        return outcome


def server_state(request: Request) -> ServerState:
    return cast(ServerState, request.app.state.dossier)


# The route parameter that hands a route its server's state.
Server = Annotated[ServerState, Depends(server_state)]
