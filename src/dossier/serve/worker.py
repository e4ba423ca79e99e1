"""Where posted articles are analysed: in the server's ingest thread, or in a child process.

Analysis is CPU-bound Python and spaCy; spaCy's compiled calls hold the GIL
for up to seconds on a long article, and every request thread of the server
waits that long. `dossier serve` therefore analyses in a child process
(`ChildIngester`), which keeps the server's threads free for reads; tests and
embedders may analyse in the ingest thread (`ingest_outcome` called directly).
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from dossier.pipeline import RunOptions, ingest_articles
from dossier.records import Article, DocumentError
from dossier.store.database import Store


@dataclass(frozen=True)
class IngestOutcome:
    """What one ingest did: the ids analysed and stored, and the documents that failed."""

    analysed: tuple[str, ...]
    errors: tuple[DocumentError, ...]


def ingest_outcome(db_path: str, articles: list[Article], options: RunOptions) -> IngestOutcome:
    """Analyse and store articles through the pipeline, as `dossier run` does."""
    with Store.open(db_path) as store:
        report = ingest_articles(articles, store, options, keep_analyses=True)
    return IngestOutcome(tuple(analysis.article.id for analysis in report.analysed), tuple(report.errors))


class ChildIngester:
    """Runs `ingest_outcome` in one long-lived child process (started on first use, restarted if it dies).

    Example:
        >>> ingester = ChildIngester("dossier.db", RunOptions(link=False))
        >>> ingester([Article.build("Putin met Moon in Vladivostok.")]).analysed  # doctest: +SKIP
        ('c665980c04a56c5e',)
    """

    def __init__(self, db_path: str, options: RunOptions) -> None:
        self.db_path = db_path
        self.options = options
        self._lock = threading.Lock()
        self._process: Any = None
        self._connection: Connection | None = None

    def __call__(self, articles: list[Article]) -> IngestOutcome:
        with self._lock:
            connection = self._started()
            try:
                connection.send(articles)
                answer = connection.recv()
            except (EOFError, OSError) as error:
                self._stop()
                raise RuntimeError(f"the ingest process ended while analysing ({error or 'no answer'})") from None
        if isinstance(answer, str):
            raise RuntimeError(answer)
        return answer  # type: ignore[no-any-return]

    def _started(self) -> Connection:
        if self._process is None or not self._process.is_alive() or self._connection is None:
            self._stop()
            context = multiprocessing.get_context("spawn")  # no fork of a threaded server
            ours, theirs = context.Pipe()
            self._process = context.Process(
                target=_serve_ingests, args=(theirs, self.db_path, self.options), name="dossier-ingest", daemon=True
            )
            self._process.start()
            theirs.close()
            self._connection = ours
        return self._connection

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
            self._process = None

    def close(self) -> None:
        with self._lock:
            self._stop()


def _serve_ingests(connection: Connection, db_path: str, options: RunOptions) -> None:
    """The child's loop: articles in, an `IngestOutcome` (or the problem, as text) out, until the pipe closes."""
    while True:
        try:
            articles = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer: IngestOutcome | str = ingest_outcome(db_path, articles, options)
        except Exception as error:  # the job fails; the child serves the next
            answer = f"{type(error).__name__}: {error}"
        connection.send(answer)
