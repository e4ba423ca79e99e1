"""The orchestrator: read -> parse -> actors -> quotes -> events -> stance -> store, then link.

It reads like the diagram in DESIGN.md. Per-document failures are recorded
with their reason and skipped; the batch goes on: a document the reader, the
parser, a stage or the store fails on, or one whose parse and analysis run
past its time budget, becomes a `DocumentError` and the next document is taken.

The per-document step (`DocumentAnalyser`: parse, then every stage) runs in
`RunOptions.n_process` worker processes (`dossier.pool`), each loading the
model and the stages' knowledge once; the main process reads, stores the
results in input order, a batch per transaction (`BatchStorer`), and links
what was committed, 32 articles at a time, while the workers parse on
(`LinkAsStored`, in a thread of its own with its own connection); after the
last batch the rest is linked, then the event merge and the links table
follow (`link_stored`). With one process everything
runs in the calling thread (no worker, no linking thread), which is what a
debugger wants.

Limits (all options, all reported in the run report, none truncates silently):
documents over `max_document_bytes` are refused by the reader; stretches of
text over `max_sentence_chars` without a sentence mark are split for the
parser (the text is kept whole, a warning names the document); a document
whose parse and analysis take over `time_budget_seconds` of CPU time is recorded as an error.
"""

from __future__ import annotations

import math
import resource
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from dossier.budget import TimeBudget
from dossier.errors import AnalysisTimedOut
from dossier.parse.model import (
    MAX_SENTENCE_CHARS,
    ParsedArticle,
    ParseOptions,
    parse_articles,
    parse_pieces,
    parse_together,
    prepare_pieces,
)
from dossier.pool import ordered_map
from dossier.read.readers import DEFAULT_MAX_DOCUMENT_BYTES, ReadOptions, read_articles
from dossier.records import Article, ArticleAnalysis, DocumentError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dossier.link.incremental import LinkAsStored
    from dossier.stages import Stage
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
    # CPU seconds of parse and analysis (actors to stances) per document; None or 0: no limit.
    time_budget_seconds: float | None = DEFAULT_TIME_BUDGET_SECONDS
    issues_file: str | None = None
    reanalyse: bool = False
    link: bool = True
    # Merge events that different reports give of one real event (docs/link.md).
    merge_events: bool = True
    # Publication date (ISO) for articles that carry none (`dossier run --published`).
    published: str | None = None
    # The events stage's learned fallback for sentences no lexicon pattern codes (docs/events.md): on by
    # default, its events marked coder=learned; False codes with the lexicon's patterns alone.
    learned_events: bool = True
    # The tone stage's reader: "static" (shipped readers over static vectors), "transformer" (a fine-tuned
    # MiniLM: more accurate, several times the parse; the extra `dossier[tone-transformer]`) or "lexicon".
    tone_model: str = "static"
    # Analysed articles are stored (and then linked) this many at a time, or once this many seconds have
    # passed since the last commit, whichever comes first: a kill loses at most the batch not yet committed,
    # which a re-run analyses again, and the first article is stored as soon as it is analysed.
    store_batch_articles: int = 32
    store_batch_seconds: float = 1.0


@dataclass
class RunReport:
    """What a run did: counts, failures, timings."""

    # The analyses stored, in input order: all of them, or the first `most_kept` (a command line run
    # prints them only for a few articles, and a large run would hold every one in memory).
    analysed: list[ArticleAnalysis] = field(default_factory=list)
    analysed_count: int = 0
    skipped: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    warnings: list[DocumentError] = field(default_factory=list)
    links: int = 0
    seconds: float = 0.0
    keep_analyses: bool = True
    most_kept: int | None = None
    # The limits this run held documents to, as given in RunOptions.
    limits: dict[str, Any] = field(default_factory=dict)
    # CPU seconds of each step over the run (parse and each stage in the workers, store and link here),
    # and the sentences parsed: `dossier run --profile` prints the cost of each step per sentence.
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    sentences: int = 0
    # CPU seconds of the whole run in this process (reading, storing, linking, the workers' pipes) and in
    # the worker processes (their start-up included), and how many workers ran: the run cannot take less
    # wall time than the larger of main and workers / processes.
    main_cpu_seconds: float = 0.0
    worker_cpu_seconds: float = 0.0
    processes: int = 0
    # Wall seconds to the first stored article, and after the last one (the event merge and the links table).
    first_stored_seconds: float | None = None
    final_link_seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def analyse(parsed: ParsedArticle, options: RunOptions, stages: Sequence[Stage] | None = None) -> ArticleAnalysis:
    """Run the per-article stages on one parsed article, within its time budget.

    `stages` are the run's stages from `load_stages(options)`; a caller that
    analyses many articles loads them once and passes them. Raises
    `AnalysisTimedOut` when the budget runs out (see `TimeBudget`).
    """
    if stages is None:
        from dossier.stages import load_stages

        stages = load_stages(options)
    budget = TimeBudget(options.time_budget_seconds)
    try:
        with budget:
            return _run_stages(parsed, stages, budget, {})
    except AnalysisTimedOut:
        raise AnalysisTimedOut(budget.problem()) from None


def _run_stages(
    parsed: ParsedArticle, stages: Sequence[Stage], budget: TimeBudget, costs: dict[str, float]
) -> ArticleAnalysis:
    """The loop over the stages, each one's CPU time added to `costs`."""
    analysis = ArticleAnalysis(parsed.article)
    for stage in stages:
        budget.next_stage(stage.name)
        clock = time.thread_time()
        analysis = stage(parsed, analysis)
        costs[stage.name] = costs.get(stage.name, 0.0) + time.thread_time() - clock
    return analysis


@dataclass(frozen=True)
class DocumentOutcome:
    """What the per-document step gives back for one input; it crosses from a worker process to the main one."""

    result: ArticleAnalysis | DocumentError
    warning: DocumentError | None = None
    sentences: int = 0
    # CPU seconds of each step on this document (parse, then each stage).
    costs: tuple[tuple[str, float], ...] = ()


# Articles taken at a time, to be parsed together (`parse.model.parse_together`; parse only, 200 PolNeAR
# articles: 12.9 CPU s in runs of up to 4, 13.1 of up to 8, 13.4 of up to 3, 14.0 one by one). Four, not
# more: a worker holds one batch's articles at the end of a run, when the other may have none left.
PARSE_BATCH_DOCUMENTS = 4


@dataclass
class _PendingDocument:
    """One input on its way through `DocumentAnalyser.analyse_many`."""

    item: Article | DocumentError
    pieces: Sequence[Doc] = ()
    splits: int = 0
    spent: float = 0.0  # CPU seconds already charged to its budget (tokenizing, its share of a batch's parse)
    doc: Doc | None = None  # parsed with others
    outcome: DocumentOutcome | None = None  # decided before its stages: a reader's error, a failed tokenizing

    def batchable(self) -> bool:
        return self.outcome is None and len(self.pieces) == 1


class DocumentAnalyser:
    """The per-document step with what it needs loaded once: the spaCy model and the run's stages.

    Called on each input in turn, or on a few at once (`analyse_many`, whose
    articles are parsed together): an article is parsed and analysed within
    its own time budget; a reader's error passes through, so results keep
    input order. In a worker process `limit_process_cpu` also sets the
    kernel's CPU limit before each document (`_limit_cpu_per_document`).

    Example:
        >>> analyser = DocumentAnalyser(RunOptions())
        >>> [len(analyser(Article.build("Putin met Moon in Seoul.")).result.mentions)]
        [2]
    """

    def __init__(self, options: RunOptions, limit_process_cpu: bool = False) -> None:
        from dossier.stages import load_stages

        self.options = options
        self.limit_process_cpu = limit_process_cpu
        self.nlp = _load_model(options.model)
        self.stages = load_stages(options)
        if options.time_budget_seconds:
            warm_up_stages(
                ParseOptions(options.model, max_sentence_chars=options.max_sentence_chars), options, self.stages
            )

    def __call__(self, item: Article | DocumentError) -> DocumentOutcome:
        return next(self.analyse_many([item]))

    def analyse_many(self, items: Sequence[Article | DocumentError]) -> Iterator[DocumentOutcome]:
        """The outcome of each item, in order: articles short enough are parsed together, then each analysed alone.

        Each document is charged its own tokenizing and its share of the
        batch's parse (by tokens); where the batch's parse fails, each is
        parsed again alone, so the one at fault fails alone.
        """
        self._limit_cpu(len(items))
        pending = [self._tokenize(item) for item in items]
        self._parse_together([document for document in pending if document.batchable()])
        for document in pending:
            self._limit_cpu(1)
            yield document.outcome or self._parse_and_analyse(document)

    def _limit_cpu(self, documents: int) -> None:
        if self.limit_process_cpu and self.options.time_budget_seconds:
            _limit_cpu_per_document(self.options.time_budget_seconds * documents)

    def _tokenize(self, item: Article | DocumentError) -> _PendingDocument:
        if isinstance(item, DocumentError):
            return _PendingDocument(item, outcome=DocumentOutcome(item))
        document = _PendingDocument(item)
        budget = TimeBudget(self.options.time_budget_seconds)
        clock = time.thread_time()
        try:
            with budget:
                budget.next_stage("parse")
                document.pieces, document.splits = prepare_pieces(self.nlp, item.text, self.options.max_sentence_chars)
        except AnalysisTimedOut:
            document.outcome = DocumentOutcome(DocumentError(item.source or item.id, budget.problem()))
        except Exception as error:  # one bad document must not end the batch
            failure = f"parse failed: {type(error).__name__}: {_one_line(error)}"
            document.outcome = DocumentOutcome(DocumentError(item.source or item.id, failure))
        document.spent = time.thread_time() - clock
        return document

    def _parse_together(self, documents: Sequence[_PendingDocument]) -> None:
        parsed = parse_together(self.nlp, [document.pieces[0] for document in documents])
        for document, found in zip(documents, parsed, strict=True):
            if found is not None:  # else parsed alone in `_parse_and_analyse`
                document.doc, share = found
                document.spent += share

    def _parse_and_analyse(self, document: _PendingDocument) -> DocumentOutcome:
        """Parse one article (unless parsed with others) and run every stage on it, within its budget."""
        article = cast(Article, document.item)
        source = article.source or article.id
        budget = TimeBudget(self.options.time_budget_seconds, spent=document.spent)
        costs: dict[str, float] = {}
        sentences = 0
        parsed: ParsedArticle | None = None
        try:
            with budget:
                budget.next_stage("parse")
                clock = time.thread_time()
                if document.doc is None:
                    parsed = parse_pieces(self.nlp, article, document.pieces, document.splits)
                else:
                    parsed = ParsedArticle(article, document.doc, document.splits)
                sentences = sum(1 for _ in parsed.doc.sents)
                costs["parse"] = document.spent + time.thread_time() - clock
                result: ArticleAnalysis | DocumentError = _run_stages(parsed, self.stages, budget, costs)
        except AnalysisTimedOut:
            result = DocumentError(source, budget.problem())
        except Exception as error:  # one bad document must not end the batch
            step = "parse" if parsed is None else "analysis"
            result = DocumentError(source, f"{step} failed: {type(error).__name__}: {_one_line(error)}")
        warning = _split_warning(document.splits, source, self.options)
        return DocumentOutcome(result, warning, sentences, tuple(costs.items()))


def _split_warning(splits: int, source: str, options: RunOptions) -> DocumentError | None:
    if not splits:
        return None
    return DocumentError(
        source,
        f"warning: text running over {options.max_sentence_chars} characters without a sentence "
        f"mark split for the parser at {splits} place(s) "
        "(the stored text is unchanged; change the limit with --max-sentence-chars)",
    )


def _load_model(name: str | None) -> Language:
    from dossier.parse.model import load_model

    return load_model(name)


def run(
    inputs: Iterable[str | Path],
    store: Store,
    options: RunOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
    keep_analyses: bool = True,
    most_kept: int | None = None,
    on_final_link: Callable[[], None] | None = None,
) -> RunReport:
    """Read, analyse and store every input; then link the stored corpus.

    The report keeps the stored analyses unless `keep_analyses` is false, at
    most `most_kept` of them where given; `analysed_count` counts them all.
    `on_final_link` is called once every article is stored, before the
    corpus-level link step (the CLI stops its progress bar there).

    Example:
        >>> import tempfile
        >>> from dossier.store.database import Store
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
    return ingest_articles(items, store, options, on_progress, keep_analyses, most_kept, on_final_link)


def ingest_articles(
    articles: Iterable[Article | DocumentError],
    store: Store,
    options: RunOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
    keep_analyses: bool = True,
    most_kept: int | None = None,
    on_final_link: Callable[[], None] | None = None,
) -> RunReport:
    """Parse, analyse and store articles already read (reader errors among them are recorded); then link.

    `run` is this over files; the HTTP API calls it with articles posted as JSON.

    Example:
        >>> from dossier.store.database import Store
        >>> with Store.open(":memory:") as store:
        ...     report = ingest_articles([Article.build("Putin met Moon in Vladivostok.")], store)
        ...     store.counts()["articles"], report.errors
        (1, [])
    """
    options = options or RunOptions()
    report = RunReport(keep_analyses=keep_analyses, most_kept=most_kept, limits=run_limits(options))
    started, main_cpu, worker_cpu = time.perf_counter(), time.process_time(), _children_cpu_seconds()
    notify = on_progress or (lambda _source: None)

    fresh = _new_articles(articles, store, options, report, notify)
    with linker_for_run(store, options) as linker:
        storer = BatchStorer(store, report, notify, options, on_commit=linker.link_stored_batch)
        for outcome in analyse_in_order(fresh, options):
            _add_costs(report, outcome.costs)
            report.sentences += outcome.sentences
            storer.add(outcome)
        storer.commit()
        link_cpu = linker.finish()

    if on_final_link is not None:
        on_final_link()
    clock, tail = time.thread_time(), time.perf_counter()
    report.links = link_stored(store, options)
    _add_costs(report, (("link", link_cpu + time.thread_time() - clock),))
    report.final_link_seconds = time.perf_counter() - tail
    report.seconds = time.perf_counter() - started
    report.first_stored_seconds = None if storer.first_commit is None else storer.first_commit - started
    report.main_cpu_seconds = time.process_time() - main_cpu
    report.worker_cpu_seconds = _children_cpu_seconds() - worker_cpu
    report.processes = options.n_process if report.worker_cpu_seconds else 1
    return report


def _children_cpu_seconds() -> float:
    """CPU seconds of this process's children that have ended (the workers are joined when their stream ends)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class BatchStorer:
    """Stores a run's outcomes in input order, many per transaction, then has the batch linked.

    A batch is committed once it holds `store_batch_articles` outcomes or
    `store_batch_seconds` have passed since the last commit (checked as each
    outcome arrives), and at the end of the run. Inside the batch each article
    is still written whole or not at all (`Store.batch`): one whose data the
    store refuses is recorded as failed and the others are kept. Progress is
    reported after the commit, so an article reported done is on disk.
    """

    def __init__(
        self,
        store: Store,
        report: RunReport,
        notify: Callable[[str], None],
        options: RunOptions,
        on_commit: Callable[[int], None] = lambda _stored: None,
    ) -> None:
        self.store = store
        self.report = report
        self.notify = notify
        self.options = options
        self.on_commit = on_commit
        self.pending: list[DocumentOutcome] = []
        self.last_commit = time.perf_counter()
        self.first_commit: float | None = None

    def add(self, outcome: DocumentOutcome) -> None:
        self.pending.append(outcome)
        if (
            len(self.pending) >= self.options.store_batch_articles
            or time.perf_counter() - self.last_commit >= self.options.store_batch_seconds
        ):
            self.commit()

    def commit(self) -> None:
        """Store the pending outcomes in one transaction, report them, and hand the batch to the linker."""
        if not self.pending:
            return
        clock = time.thread_time()
        with self.store.batch():
            done = [_store_outcome(outcome, self.store, self.report) for outcome in self.pending]
        _add_costs(self.report, (("store", time.thread_time() - clock),))
        self.pending.clear()
        self.last_commit = time.perf_counter()
        if self.first_commit is None:
            self.first_commit = self.last_commit
        for source in done:
            self.notify(source)
        self.on_commit(len(done))


# Stored articles linked at a time during a run (the rest after its last commit). Linking a batch has a
# fixed cost (the band indexes' segments read and merged, the earlier candidates read back), and commits
# a second apart hold a few articles each: linking the first 300 PolNeAR train files 5 at a time took
# 6.7-7.2 CPU s, 32 at a time 3.7-4.2 (the same links: docs/link.md).
LINK_BATCH_ARTICLES = 32


class RunLinker:
    """Links the articles a run stores, batch by batch, in this thread; with `options.link` off it does nothing.

    `link_stored_batch` is called after each commit with the number of
    articles it stored, and links once LINK_BATCH_ARTICLES are waiting;
    `finish` after the last one links the rest and returns the CPU seconds
    spent linking. See `BackgroundLinker` for the one that overlaps with the workers.
    """

    def __init__(self, store: Store | None) -> None:
        self.cpu_seconds = 0.0
        self.waiting = 0  # articles stored since the last link
        self._linker: LinkAsStored | None = None
        if store is not None:
            from dossier.link.incremental import LinkAsStored

            self._linker = LinkAsStored(store)

    def __enter__(self) -> RunLinker:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def link_stored_batch(self, stored: int = LINK_BATCH_ARTICLES) -> None:
        if self._batch_ready(stored):
            self._link_waiting()

    def _batch_ready(self, stored: int) -> bool:
        """Count `stored` articles as waiting; True (and none waiting) once a link batch is full."""
        self.waiting += stored
        if self.waiting < LINK_BATCH_ARTICLES:
            return False
        self.waiting = 0
        return True

    def finish(self) -> float:
        if self.waiting:
            self._link_waiting()
        return self.cpu_seconds

    def _link_waiting(self) -> None:
        self.waiting = 0
        if self._linker is not None:
            clock = time.thread_time()
            self._linker.link_new()
            self.cpu_seconds += time.thread_time() - clock


class BackgroundLinker(RunLinker):
    """Links each stored batch in a thread with its own connection to the database, while the run goes on.

    The main process only feeds the workers and stores; linking a batch
    (mostly Python) then overlaps with the workers' parsing of the next one.
    An error in the thread is raised again by `finish`.
    """

    def __init__(self, path: str, warm_up: bool = True) -> None:
        super().__init__(None)
        self.path = path
        self.warm_up = warm_up  # load the event merge's data while the workers parse
        self._wake = threading.Event()
        self._closing = False
        self._abandoned = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._link_until_closed, name="dossier-linker", daemon=True)

    def __enter__(self) -> BackgroundLinker:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread.is_alive():  # the run stopped early (an error, Ctrl-C): leave the rest to the next run
            self._abandoned = True
            self._wake.set()
            self._thread.join()

    def link_stored_batch(self, stored: int = LINK_BATCH_ARTICLES) -> None:
        if self._batch_ready(stored):
            self._wake.set()

    def finish(self) -> float:
        """Link what the last commits stored, wait for it, and return the thread's CPU seconds."""
        self._closing = True
        self._wake.set()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.cpu_seconds

    def _link_until_closed(self) -> None:
        from dossier.link.incremental import LinkAsStored
        from dossier.store.database import Store

        try:
            with Store.open(self.path) as store:
                linker = LinkAsStored(store)
                warm = not self.warm_up  # after the first batch: the workers' start-up has the cores before it
                while True:
                    self._wake.wait()
                    self._wake.clear()
                    # Read before linking: once closing is seen, every batch was committed before this pass.
                    closing = self._closing
                    if self._abandoned:
                        return
                    clock = time.thread_time()
                    linker.link_new()
                    if not warm:
                        linker.warm_up()
                        warm = True
                    self.cpu_seconds += time.thread_time() - clock
                    if closing:
                        return
        except BaseException as error:  # raised again in the main thread by finish()
            self._error = error


def linker_for_run(store: Store, options: RunOptions) -> RunLinker:
    """How a run links as it stores: in a thread beside worker processes, else in line; not at all without link.

    The thread needs its own connection, so a database in memory (or given as
    a URI) is linked in line.
    """
    if not options.link:
        return RunLinker(None)
    on_disk = store.path not in ("", ":memory:") and not store.path.startswith("file:")
    if options.n_process > 1 and on_disk:
        return BackgroundLinker(store.path, warm_up=options.merge_events)
    return RunLinker(store)


def analyse_in_order(items: Iterable[Article | DocumentError], options: RunOptions) -> Iterator[DocumentOutcome]:
    """The per-document step over every input, results in input order.

    With `options.n_process` > 1 the step runs in that many worker processes
    (a run of one document stays in this process: starting a worker costs
    more than it saves). In a worker, a document whose parse runs past its
    budget inside compiled code, where `TimeBudget` cannot reach, is stopped
    by the kernel (a CPU limit per document, `_limit_cpu_per_document`): the
    worker is replaced and the document recorded as failed.
    """
    if options.n_process > 1:
        first = list(islice(items, 2))
        items = chain(first, items)
        if len(first) > 1:
            lost = partial(_lost_outcome, options)
            yield from ordered_map(
                build_document_worker, options, items, options.n_process, lost, batch=PARSE_BATCH_DOCUMENTS
            )
            return
    analyser: DocumentAnalyser | None = None
    pending = iter(items)
    while batch := list(islice(pending, PARSE_BATCH_DOCUMENTS)):
        analyser = analyser or DocumentAnalyser(options)
        yield from analyser.analyse_many(batch)


def build_document_worker(
    options: RunOptions,
) -> Callable[[Sequence[Article | DocumentError]], Iterator[DocumentOutcome]]:
    """The handler one worker process runs on the inputs it takes: the per-document step under a hard CPU limit."""
    return DocumentAnalyser(options, limit_process_cpu=True).analyse_many


# The hard limit of a worker's CPU time per document, past its budget: the
# budget's own check stops a document within milliseconds in Python code, so
# the kernel's limit only acts on a parse stuck in compiled code.
HARD_LIMIT_FACTOR = 2.0
HARD_LIMIT_GRACE_SECONDS = 10.0


def _limit_cpu_per_document(seconds: float | None) -> None:
    """Let the kernel end this process (SIGXCPU) once this document has used far more CPU than its budget."""
    if not seconds or not math.isfinite(seconds):
        return
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = math.ceil(usage.ru_utime + usage.ru_stime + seconds * HARD_LIMIT_FACTOR + HARD_LIMIT_GRACE_SECONDS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))


def _lost_outcome(options: RunOptions, item: Article | DocumentError, why: str) -> DocumentOutcome:
    """The outcome of a document whose worker process died while on it."""
    if isinstance(item, DocumentError):
        return DocumentOutcome(item)
    source = item.source or item.id
    if "SIGXCPU" in why:
        problem = (
            f"analysis stopped in stage parse: far over the {options.time_budget_seconds:g} s time budget per "
            "document (the worker process was stopped; raise the budget with --time-budget, 0 for none)"
        )
    else:
        problem = f"analysis failed: the worker process analysing it ended ({why})"
    return DocumentOutcome(DocumentError(source, problem))


def _store_outcome(outcome: DocumentOutcome, store: Store, report: RunReport) -> str:
    """Store one document's analysis (whole or not at all), or record why it failed; returns its source."""
    if outcome.warning is not None:
        report.warnings.append(outcome.warning)
    result = outcome.result
    if isinstance(result, DocumentError):
        return _record_failure(result, store, report)
    source = result.article.source or result.article.id
    try:
        store.save_analysis(result)
    except _DOCUMENT_STORE_ERRORS as error:
        failure = DocumentError(source, f"cannot be stored: {type(error).__name__}: {error}")
        return _record_failure(failure, store, report)
    report.analysed_count += 1
    if report.keep_analyses and (report.most_kept is None or len(report.analysed) < report.most_kept):
        report.analysed.append(result)
    return source


def _add_costs(report: RunReport, costs: Iterable[tuple[str, float]]) -> None:
    for step, seconds in costs:
        report.cpu_seconds[step] = report.cpu_seconds.get(step, 0.0) + seconds


def link_stored(store: Store, options: RunOptions) -> int:
    """The corpus-level step after the per-document loop: link the stored articles, then merge their events.

    Links first: an undated report joins a merged event only within its story
    cluster. `dossier run`, the HTTP API and the Spark job all end with this.
    Returns the number of links stored.
    """
    from dossier.link import event_merge
    from dossier.link import linker as link

    if options.link:
        return store.replace_links(link.updated_link_rows(store, merge_events=options.merge_events))
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


def _record_failure(failure: DocumentError, store: Store, report: RunReport) -> str:
    report.errors.append(failure)
    store.record_error(DocumentError(_storable(failure.source), _storable(failure.problem)))
    return failure.source


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
) -> Iterator[Article | DocumentError]:
    """Articles not yet stored, and the reader's errors (recorded in input order with the results).

    Warnings and already-stored articles are accounted for here.
    """
    # Ids taken this run: a repeat in the same input is "already stored", not analysed twice.
    taken: set[str] = set()
    for item in items:
        if isinstance(item, DocumentError):
            if item.problem.startswith("warning:"):
                report.warnings.append(item)
            else:
                yield item
            continue
        if item.id in taken or (not options.reanalyse and store.has_article(item.id)):
            report.skipped += 1
            notify(item.source or item.id)
            continue
        taken.add(item.id)
        yield item
