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

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dossier.budget import TimeBudget
from dossier.errors import AnalysisTimedOut
from dossier.link import event_merge
from dossier.link import linker as link
from dossier.parse.model import MAX_SENTENCE_CHARS, ParsedArticle, ParseOptions, parse_articles, parse_articles_or_fail
from dossier.read.readers import DEFAULT_MAX_DOCUMENT_BYTES, ReadOptions, read_articles
from dossier.records import Article, ArticleAnalysis, DocumentError
from dossier.stages import Stage, load_stages
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
    # Publication date (ISO) for articles that carry none (`dossier run --published`).
    published: str | None = None
    # The events stage's learned fallback for sentences no lexicon pattern codes (docs/events.md):
    # off by default, as in whole articles it also codes sentences that report no event.
    learned_events: bool = False


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


def analyse(parsed: ParsedArticle, options: RunOptions, stages: Sequence[Stage] | None = None) -> ArticleAnalysis:
    """Run the per-article stages on one parsed article, within its time budget.

    `stages` are the run's stages from `load_stages(options)`; a caller that
    analyses many articles loads them once and passes them. Raises
    `AnalysisTimedOut` when the budget runs out (see `TimeBudget`).
    """
    stages = stages if stages is not None else load_stages(options)
    budget = TimeBudget(options.time_budget_seconds)
    analysis = ArticleAnalysis(parsed.article)
    try:
        with budget:
            for stage in stages:
                budget.next_stage(stage.name)
                analysis = stage(parsed, analysis)
    except AnalysisTimedOut:
        raise AnalysisTimedOut(budget.problem()) from None
    return analysis


def run(
    inputs: Iterable[str | Path],
    store: Store,
    options: RunOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
    keep_analyses: bool = True,
) -> RunReport:
    """Read, analyse and store every input; then link the stored corpus.

    Example:
        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> report_text = "Leaders meet\\n\\nPosted September 7, 2017\\n\\nPutin met Moon in Vladivostok on Wednesday."
        >>> _ = (Path(folder.name) / "meeting.txt").write_text(report_text)
        >>> with Store.open(":memory:") as store:
        ...     report = run([folder.name], store)
        >>> [(a.article.title, a.article.published) for a in report.analysed], report.failed
        ([('Leaders meet', '2017-09-07')], False)
        >>> folder.cleanup()
    """
    options = options or RunOptions()
    items = read_articles(inputs, ReadOptions(options.max_document_bytes, options.published))
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
        >>> with Store.open(":memory:") as store:
        ...     report = ingest_articles([Article.build("Putin met Moon in Vladivostok.")], store)
        ...     store.counts()["articles"], report.errors
        (1, [])
    """
    options = options or RunOptions()
    report = RunReport(keep_analyses=keep_analyses, limits=run_limits(options))
    started = time.perf_counter()
    notify = on_progress or (lambda _source: None)

    fresh = _new_articles(articles, store, options, report, notify)
    stages = load_stages(options)
    parse_options = ParseOptions(options.model, options.batch_size, options.n_process, options.max_sentence_chars)
    warmed_up = False
    for parsed in parse_articles_or_fail(fresh, parse_options):
        if not warmed_up and options.time_budget_seconds:
            warm_up_stages(parse_options, options, stages)
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
        analysis = analyse_or_fail(parsed, options, stages)
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

    report.links = link_stored(store, options)
    report.seconds = time.perf_counter() - started
    return report


def link_stored(store: Store, options: RunOptions) -> int:
    """The corpus-level step after the per-document loop: link the stored articles, then merge their events.

    Links first: an undated report joins a merged event only within its story
    cluster. `dossier run`, the HTTP API and the Spark job all end with this.
    Returns the number of links stored.
    """
    if options.link:
        return store.replace_links(link.link_articles(store, merge_events=options.merge_events))
    if options.merge_events:
        event_merge.update_event_merges(store)
    return 0


def warm_up_stages(parse_options: ParseOptions, options: RunOptions, stages: Sequence[Stage] | None = None) -> None:
    """Analyse one short sentence, outside any budget: some stage data (the gazetteer, matchers) loads on first use.

    That loading takes seconds and is no document's fault, so it must not count against the first one's budget.
    """
    alone = replace(parse_options, batch_size=1, n_process=1)
    parsed = next(parse_articles([Article.build(WARM_UP_TEXT)], alone))
    analyse(parsed, replace(options, time_budget_seconds=None), stages)


def run_limits(options: RunOptions) -> dict[str, Any]:
    """The limits a run holds documents to, for its report."""
    return {
        "max_document_bytes": options.max_document_bytes,
        "max_sentence_chars": options.max_sentence_chars,
        "time_budget_seconds": options.time_budget_seconds or None,
    }


def analyse_or_fail(
    parsed: ParsedArticle, options: RunOptions, stages: Sequence[Stage] | None = None
) -> ArticleAnalysis | DocumentError:
    """The one per-document step: analyse one parsed article, or say why it failed.

    `dossier run`, the HTTP API and the Spark job all call this, so a document
    over its time budget or one a stage fails on becomes a `DocumentError`
    everywhere, and the batch goes on.
    """
    source = parsed.article.source or parsed.article.id
    try:
        return analyse(parsed, options, stages)
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
