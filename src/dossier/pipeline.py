"""The orchestrator: read -> parse -> actors -> quotes -> events -> stance -> store, then link.

It reads like the diagram in DESIGN.md. Per-document failures are recorded
with their reason and skipped; the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier import actors, events, link, quotes, stance
from dossier.parse import ParsedArticle, ParseOptions, parse_articles
from dossier.read import DEFAULT_MAX_DOCUMENT_BYTES, ReadOptions, read_articles
from dossier.records import Article, ArticleAnalysis, DocumentError
from dossier.store import Store


@dataclass(frozen=True)
class RunOptions:
    """Everything that shapes one run; results never live here."""

    model: str | None = None
    batch_size: int = 32
    n_process: int = 1
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    issues_file: str | None = None
    reanalyse: bool = False
    link: bool = True


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

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def analyse(parsed: ParsedArticle, options: RunOptions) -> ArticleAnalysis:
    """Run the per-article stages on one parsed article."""
    mentions = actors.resolve_actors(parsed)
    found_quotes = quotes.find_quotes(parsed, mentions)
    found_events = events.code_events(parsed, mentions, found_quotes)
    stances = stance.find_stances(parsed, mentions, found_quotes, found_events, options.issues_file)
    return ArticleAnalysis(parsed.article, mentions, found_quotes, found_events, stances)


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
    report = RunReport(keep_analyses=keep_analyses)
    started = time.perf_counter()
    notify = on_progress or (lambda _source: None)

    fresh = _new_articles(articles, store, options, report, notify)
    parse_options = ParseOptions(options.model, options.batch_size, options.n_process)
    for parsed in parse_articles(fresh, parse_options):
        try:
            analysis = analyse(parsed, options)
        except Exception as error:  # one bad document must not end the batch
            failure = DocumentError(
                parsed.article.source or parsed.article.id, f"analysis failed: {type(error).__name__}: {error}"
            )
            report.errors.append(failure)
            store.record_error(failure)
            continue
        store.save_analysis(analysis)
        if keep_analyses:
            report.analysed.append(analysis)
        notify(parsed.article.source or parsed.article.id)

    if options.link:
        report.links = store.replace_links(link.link_articles(store))
    report.seconds = time.perf_counter() - started
    return report


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
                report.errors.append(item)
                store.record_error(item)
                notify(item.source)
            continue
        if not options.reanalyse and store.has_article(item.id):
            report.skipped += 1
            notify(item.source or item.id)
            continue
        yield item
