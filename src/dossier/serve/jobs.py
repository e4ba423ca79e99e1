"""Ingest jobs: posted articles wait in a bounded queue and one worker thread analyses them.

No request thread ever analyses or waits on a lock: a POST puts its job on
the queue and awaits it without holding a thread, so reads are served while
any number of posts wait. The queue is bounded by jobs and by characters
queued; a post that does not fit is answered 429 (try again later), and one
that arrives when the worker has stopped 503. Each job keeps its status and,
once done, its result, for `GET /api/jobs/{id}`.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from dossier.records import Article

# Jobs waiting at most, and characters of text in them at most: the memory a burst of posts can hold.
MAX_QUEUED_JOBS = 256
MAX_QUEUED_CHARS = 50_000_000
# Finished jobs whose status can still be asked for; older ones are forgotten first.
MAX_FINISHED_JOBS = 1000

JobStatus = Literal["queued", "running", "done", "failed"]


class QueueFull(Exception):
    """The ingest queue holds as much as it may; the client should retry later (429)."""


class QueueStopped(Exception):
    """The ingest worker is not running (the server is stopping); 503."""


@dataclass
class IngestJob:
    """One post's articles and what became of them."""

    articles: list[Article]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    status: JobStatus = "queued"
    queued_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    result: Any = None
    problem: str | None = None
    _waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return sum(len(article.text) for article in self.articles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "articles": len(self.articles),
            "queued_at": self.queued_at,
            "finished_at": self.finished_at,
            "result": None,  # the route fills in the result of a job that is done
            "problem": self.problem,
        }


class IngestQueue:
    """A bounded queue of ingest jobs and the one thread that runs them in order.

    `handle` runs a job's articles (the server's pipeline call) and returns
    what the job's status shows as its result.
    """

    def __init__(
        self,
        handle: Callable[[list[Article]], Any],
        max_jobs: int = MAX_QUEUED_JOBS,
        max_chars: int = MAX_QUEUED_CHARS,
    ) -> None:
        self.handle = handle
        self.max_jobs = max_jobs
        self.max_chars = max_chars
        self._changed = threading.Condition()
        self._waiting: deque[IngestJob] = deque()
        self._queued_chars = 0
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def submit(self, articles: list[Article]) -> IngestJob:
        """Queue a job; raises `QueueFull` or `QueueStopped` when it cannot be taken."""
        job = IngestJob(articles)
        with self._changed:
            if self._stopped:
                raise QueueStopped("the ingest worker has stopped; the server is shutting down")
            if len(self._waiting) >= self.max_jobs or self._queued_chars + job.chars > self.max_chars:
                raise QueueFull(
                    f"the ingest queue is full ({len(self._waiting)} jobs, {self._queued_chars} characters waiting); "
                    "retry later"
                )
            self._waiting.append(job)
            self._queued_chars += job.chars
            self._jobs[job.id] = job
            self._forget_old_jobs()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="dossier-ingest", daemon=True)
                self._thread.start()
            self._changed.notify_all()
        return job

    def job(self, job_id: str) -> IngestJob | None:
        with self._changed:
            return self._jobs.get(job_id)

    def depth(self) -> int:
        with self._changed:
            return len(self._waiting)

    async def wait(self, job: IngestJob, timeout: float) -> bool:
        """Await a job's end without holding a thread; False when `timeout` seconds pass first."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        with self._changed:
            if job.status in ("done", "failed"):
                return True
            job._waiters.append((loop, future))
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            return False
        return True

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()

    def _forget_old_jobs(self) -> None:
        finished = [job_id for job_id, job in self._jobs.items() if job.status in ("done", "failed")]
        for job_id in finished[: max(0, len(finished) - MAX_FINISHED_JOBS)]:
            del self._jobs[job_id]

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._waiting or self._stopped)
                if not self._waiting:
                    return
                job = self._waiting.popleft()
                self._queued_chars -= job.chars
                job.status = "running"
            status: JobStatus = "done"
            result, problem = None, None
            try:
                result = self.handle(job.articles)
            except Exception as error:  # the job fails, the worker goes on with the next
                status, problem = "failed", f"{type(error).__name__}: {error}"
            with self._changed:
                job.result, job.problem, job.finished_at = result, problem, time.time()
                job.status = status
                waiters, job._waiters = job._waiters, []
            for loop, future in waiters:
                loop.call_soon_threadsafe(_settle, future)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
