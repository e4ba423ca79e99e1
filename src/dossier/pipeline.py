"""The orchestrator: read -> parse -> actors -> quotes -> events -> stance -> store, then link.

It reads like the diagram in DESIGN.md. Per-document failures are recorded
with their reason and skipped; the batch goes on: a document the reader, the
parser, a stage or the store fails on, or one whose analysis runs past its
time budget, becomes a `DocumentError` and the next document is taken.

Limits (all options, all reported in the run report, none truncates silently):
documents over `max_document_bytes` are refused by the reader; stretches of
text over `max_sentence_chars` without a sentence mark are split for the
parser (the text is kept whole, a warning names the document); a document
whose analysis takes over `time_budget_seconds` of CPU time is recorded as an error.
"""

from __future__ import annotations

import ctypes
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from dossier.actors import resolve as actors
from dossier.errors import AnalysisTimedOut
from dossier.events import coder as events
from dossier.link import event_merge
from dossier.link import linker as link
from dossier.parse.model import MAX_SENTENCE_CHARS, ParsedArticle, ParseOptions, parse_articles, parse_articles_or_fail
from dossier.quotes import attribution as quotes
from dossier.read.readers import DEFAULT_MAX_DOCUMENT_BYTES, ReadOptions, read_articles
from dossier.records import Article, ArticleAnalysis, DocumentError
from dossier.stance import reader as stance
from dossier.store.database import Store

# Analysis of a news report takes well under a second (seeds: about 0.1 s each
# on one core); a document that needs a minute is a dump or a pathological
# input (thousands of entities), and holding the batch for it helps no one.
DEFAULT_TIME_BUDGET_SECONDS = 60.0

# Analysed once before the first document so that loading the stages' data is not charged to its budget.
# Written to pass through every stage and what each loads on first use: actors, a quote, events with a
# place (the gazetteer), a stance.
WARM_UP_TEXT = (
    "Talks stall in Geneva\n\n"
    "Russian President Vladimir Putin accused Ukraine of shelling civilians in Kyiv on Monday, officials said. "
    "The Turkish foreign minister met his Ukrainian counterpart in Geneva on Thursday. "
    '"We will respond to every attack," Putin told reporters in Moscow. '
    "The United Nations urged both governments to support the ceasefire and condemned the attacks."
)

# Errors a document's own data can raise while it is stored (text SQLite or
# UTF-8 cannot hold, a number too large for an integer column). Other
# database errors (disk full, corrupt file) concern every document and end the run.
_DOCUMENT_STORE_ERRORS = (ValueError, OverflowError, sqlite3.IntegrityError, sqlite3.InterfaceError)


@dataclass(frozen=True)
class RunOptions:
    """Everything that shapes one run; results never live here."""

    model: str | None = None
    batch_size: int = 32
    n_process: int = 1
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    max_sentence_chars: int = MAX_SENTENCE_CHARS
    # CPU seconds of analysis (actors to stances) per document; None or 0: no limit.
    time_budget_seconds: float | None = DEFAULT_TIME_BUDGET_SECONDS
    issues_file: str | None = None
    reanalyse: bool = False
    link: bool = True
    # Merge events that different reports give of one real event (docs/link.md).
    merge_events: bool = True


@dataclass
class RunReport:
    """What a run did: counts, failures, timings."""

    analysed: list[ArticleAnalysis] = field(default_factory=list)
    skipped: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    warnings: list[DocumentError] = field(default_factory=list)
    links: int = 0
    seconds: float = 0.0
    keep_analyses: bool = True
    # The limits this run held documents to, as given in RunOptions.
    limits: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def analyse(parsed: ParsedArticle, options: RunOptions) -> ArticleAnalysis:
    """Run the per-article stages on one parsed article, within its time budget.

    Raises `AnalysisTimedOut` when the budget runs out (see `TimeBudget`).
    """
    budget = TimeBudget(options.time_budget_seconds)
    try:
        with budget:
            budget.stage = "actors"
            mentions = actors.resolve_actors(parsed)
            budget.next_stage("quotes")
            found_quotes = quotes.find_quotes(parsed, mentions)
            budget.next_stage("events")
            found_events = events.code_events(parsed, mentions, found_quotes)
            budget.next_stage("stances")
            stances = stance.find_stances(parsed, mentions, found_quotes, found_events, options.issues_file)
    except AnalysisTimedOut:
        raise AnalysisTimedOut(budget.problem()) from None
    return ArticleAnalysis(parsed.article, mentions, found_quotes, found_events, stances)


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

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds or 0.0
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
        return self._clock() - self._started

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
            if self._done.wait(left):
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


def run(
    inputs: Iterable[str | Path],
    store: Store,
    options: RunOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
    keep_analyses: bool = True,
) -> RunReport:
    """Read, analyse and store every input; then link the stored corpus.

    Example:
        >>> with Store.open("dossier.db") as store:
        ...     report = run(["../shared/corpus/seeds"], store)
    """
    options = options or RunOptions()
    items = read_articles(inputs, ReadOptions(options.max_document_bytes))
    return ingest_articles(items, store, options, on_progress, keep_analyses)


def ingest_articles(
    articles: Iterable[Article | DocumentError],
    store: Store,
    options: RunOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
    keep_analyses: bool = True,
) -> RunReport:
    """Parse, analyse and store articles already read (reader errors among them are recorded); then link.

    `run` is this over files; the HTTP API calls it with articles posted as JSON.

    Example:
        >>> with Store.open("dossier.db") as store:
        ...     report = ingest_articles([Article.build("Putin met Moon in Vladivostok.")], store)
    """
    options = options or RunOptions()
    report = RunReport(keep_analyses=keep_analyses, limits=run_limits(options))
    started = time.perf_counter()
    notify = on_progress or (lambda _source: None)

    fresh = _new_articles(articles, store, options, report, notify)
    parse_options = ParseOptions(options.model, options.batch_size, options.n_process, options.max_sentence_chars)
    warmed_up = False
    for parsed in parse_articles_or_fail(fresh, parse_options):
        if not warmed_up and options.time_budget_seconds:
            warm_up_stages(parse_options, options)
            warmed_up = True
        if isinstance(parsed, DocumentError):
            _record_failure(parsed, store, report, notify)
            continue
        source = parsed.article.source or parsed.article.id
        if parsed.split_stretches:
            report.warnings.append(
                DocumentError(
                    source,
                    f"warning: text running over {options.max_sentence_chars} characters without a sentence "
                    f"mark split for the parser at {parsed.split_stretches} place(s) "
                    "(the stored text is unchanged; change the limit with --max-sentence-chars)",
                )
            )
        analysis = analyse_or_fail(parsed, options)
        if isinstance(analysis, DocumentError):
            _record_failure(analysis, store, report, notify)
            continue
        try:
            store.save_analysis(analysis)
        except _DOCUMENT_STORE_ERRORS as error:
            _record_failure(
                DocumentError(source, f"cannot be stored: {type(error).__name__}: {error}"), store, report, notify
            )
            continue
        if keep_analyses:
            report.analysed.append(analysis)
        notify(source)

    if options.link:
        # Links, then merged events (an undated report joins one only within its story cluster).
        report.links = store.replace_links(link.link_articles(store, merge_events=options.merge_events))
    elif options.merge_events:
        event_merge.update_event_merges(store)
    report.seconds = time.perf_counter() - started
    return report


def warm_up_stages(parse_options: ParseOptions, options: RunOptions) -> None:
    """Analyse one short sentence, outside any budget: the stages load their knowledge files on first use.

    That loading takes seconds and is no document's fault, so it must not count against the first one's budget.
    """
    alone = replace(parse_options, batch_size=1, n_process=1)
    parsed = next(parse_articles([Article.build(WARM_UP_TEXT)], alone))
    analyse(parsed, replace(options, time_budget_seconds=None))


def run_limits(options: RunOptions) -> dict[str, Any]:
    """The limits a run holds documents to, for its report."""
    return {
        "max_document_bytes": options.max_document_bytes,
        "max_sentence_chars": options.max_sentence_chars,
        "time_budget_seconds": options.time_budget_seconds or None,
    }


def analyse_or_fail(parsed: ParsedArticle, options: RunOptions) -> ArticleAnalysis | DocumentError:
    """The one per-document step: analyse one parsed article, or say why it failed.

    `dossier run`, the HTTP API and the Spark job all call this, so a document
    over its time budget or one a stage fails on becomes a `DocumentError`
    everywhere, and the batch goes on.
    """
    source = parsed.article.source or parsed.article.id
    try:
        return analyse(parsed, options)
    except AnalysisTimedOut as error:
        return DocumentError(source, str(error))
    except Exception as error:  # one bad document must not end the batch
        return DocumentError(source, f"analysis failed: {type(error).__name__}: {_one_line(error)}")


def _record_failure(failure: DocumentError, store: Store, report: RunReport, notify: Callable[[str], None]) -> None:
    report.errors.append(failure)
    store.record_error(DocumentError(_storable(failure.source), _storable(failure.problem)))
    notify(failure.source)


def _storable(text: str) -> str:
    """Text UTF-8 can hold: a file name with undecodable bytes arrives with surrogate escapes (shown as \\udcff)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _one_line(error: BaseException, width: int = 300) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _new_articles(
    items: Iterable[Article | DocumentError],
    store: Store,
    options: RunOptions,
    report: RunReport,
    notify: Callable[[str], None],
) -> Iterator[Article]:
    """Articles not yet stored; errors and already-stored articles are accounted for."""
    for item in items:
        if isinstance(item, DocumentError):
            if item.problem.startswith("warning:"):
                report.warnings.append(item)
            else:
                _record_failure(item, store, report, notify)
            continue
        if not options.reanalyse and store.has_article(item.id):
            report.skipped += 1
            notify(item.source or item.id)
            continue
        yield item
