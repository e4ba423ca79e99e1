"""The per-document time budget: a document whose analysis runs too long fails alone.

See `TimeBudget`; the pipeline opens one around each document's stages.
"""

from __future__ import annotations

import ctypes
import math
import threading
import time
from collections.abc import Callable
from types import TracebackType

from dossier.errors import AnalysisTimedOut

# The watchdog wakes at least this often: threading waits refuse timeouts past about 49 days.
MAX_WATCH_WAIT_SECONDS = 3600.0


class TimeBudget:
    """Stops one document's analysis once it has used `seconds` of CPU time.

    The clock is the analysing thread's CPU time where the platform gives it
    (Linux, macOS), wall time elsewhere: on a machine shared with other work a
    document is charged for its own computation only, so the same documents
    fail on a busy machine as on a quiet one.

    Two checks, because the stages are CPU-bound Python a signal cannot reach
    in a worker thread (the HTTP API analyses in one): the budget is checked
    between stages, and a watchdog thread raises `AnalysisTimedOut` inside the
    analysing thread when it runs out mid-stage (CPython's
    PyThreadState_SetAsyncExc). Python delivers that exception at the next
    bytecode, so a stage stops within milliseconds; one long call into compiled
    code (a spaCy matcher over a huge document) finishes first. The stages
    hold no state across documents that an interruption could leave half
    written; the store is written only after the budget is closed.

    Example:
        >>> with TimeBudget(0.05) as budget:
        ...     while True:
        ...         pass
        Traceback (most recent call last):
        dossier.errors.AnalysisTimedOut
    """

    def __init__(self, seconds: float | None, spent: float = 0.0) -> None:
        # No limit for None, 0 and inf alike (a wait of inf seconds would kill the watchdog thread).
        self.seconds = seconds if seconds and math.isfinite(seconds) else 0.0
        # Charged before the budget opened: a document's share of a parse it had with others.
        self.spent = spent
        self.stage = ""
        self._clock: Callable[[], float] = time.monotonic
        self._started = 0.0
        self._thread = threading.get_ident()
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._armed = False
        self._fired = False

    def __enter__(self) -> TimeBudget:
        if self.seconds <= 0:
            return self
        self._thread = threading.get_ident()
        self._clock = _cpu_clock_of(self._thread)
        self._started = self._clock()
        self._armed = True
        if _SET_ASYNC_EXC is not None:
            threading.Thread(target=self._watch, name="dossier-time-budget", daemon=True).start()
        return self

    def used(self) -> float:
        """Seconds charged so far."""
        return self._clock() - self._started + self.spent

    def next_stage(self, stage: str) -> None:
        """Check the budget between stages, then name the stage that starts."""
        if self.seconds > 0 and self.used() > self.seconds:
            raise AnalysisTimedOut
        self.stage = stage

    def _watch(self) -> None:
        # CPU time runs no faster than wall time, so waiting for what is left never overshoots.
        while True:
            try:
                left = self.seconds - self.used()
            except OSError:  # the analysing thread is gone
                return
            if left <= 0:
                break
            if self._done.wait(min(left, MAX_WATCH_WAIT_SECONDS)):
                return
        with self._lock:
            if self._armed:
                self._fired = True
                _raise_in_thread(self._thread, AnalysisTimedOut)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.seconds <= 0:
            return
        self._done.set()
        with self._lock:
            self._armed = False
            if self._fired:
                _raise_in_thread(self._thread, None)  # withdraw it if not delivered yet
        if self._fired and exc_type is None:
            raise AnalysisTimedOut

    def problem(self) -> str:
        return (
            f"analysis stopped in stage {self.stage or 'actors'}: over the {self.seconds:g} s time budget "
            "per document (raise it with --time-budget, 0 for none)"
        )


def _cpu_clock_of(thread_id: int) -> Callable[[], float]:
    """A clock of one thread's CPU time, readable from any thread; wall time where there is none."""
    try:
        clock_id = time.pthread_getcpuclockid(thread_id)
        time.clock_gettime(clock_id)
    except (AttributeError, OSError):
        return time.monotonic
    return lambda: time.clock_gettime(clock_id)


_SET_ASYNC_EXC = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    if _SET_ASYNC_EXC is not None:
        _SET_ASYNC_EXC(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)
