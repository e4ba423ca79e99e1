"""The public Python API: analyse one text, run files into a database, open a database to query it.

Library first: these are thin conveniences over the pipeline (`dossier.pipeline`)
and the store (`dossier.store`), the same functions `dossier run` and the HTTP
API call. Nothing heavy is imported until a function is called, so that
`import dossier` stays cheap.

Example:
    >>> import dossier
    >>> analysis = dossier.analyse("Putin met Moon in Vladivostok on Wednesday.", published="2017-09-07")
    >>> [(event.code, event.source.code, event.target.code, event.date) for event in analysis.events]
    [('040', 'RUSGOV', 'KORGOV', '2017-09-06')]
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.errors import AnalysisTimedOut, DossierError
from dossier.records import Article, ArticleAnalysis, published_day
from dossier.store.database import Store

if TYPE_CHECKING:
    from dossier.parse.model import ParseOptions
    from dossier.pipeline import RunOptions, RunReport
    from dossier.stages import Stage

__all__ = ["analyse", "open_store", "run"]

# Option sets whose loaded stages are kept: each holds the knowledge base, lexicons and issues (tens of MB).
CACHED_STAGE_SETS = 4


def analyse(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    issues: str | Path | None = None,
    options: RunOptions | None = None,
) -> ArticleAnalysis:
    """Analyse one text, with no database: its mentions, quotes, events and stances.

    `published` (an ISO date, or a `datetime.date`) is what relative dates
    ("on Wednesday", "last week") are resolved against; without it, events
    keep only the dates the text spells out. `issues` is an issues file
    (YAML or TOML, as `dossier run --issues`); without one, stances are on
    issues proposed from the text. `options` are a run's options
    (`dossier.RunOptions`: model, limits, time budget); `issues` overrides
    their `issues_file`.

    The stages and their knowledge are loaded on the first call with given
    options and kept, so later calls only parse and analyse. Raises
    `DossierError` for an empty text, a bad `published`, a text over the
    size limit, an analysis over its time budget, a missing model or a bad
    issues file.

    Example:
        >>> analyse("   ")
        Traceback (most recent call last):
        dossier.errors.DossierError: cannot analyse an empty text: give the report's words as `text`
    """
    from dossier.parse.model import parse_articles
    from dossier.pipeline import RunOptions
    from dossier.pipeline import analyse as analyse_parsed

    run_options = _with_issues(options or RunOptions(), issues)
    article = Article.build(
        _checked_text(text, run_options.max_document_bytes),
        title=title,
        url=url,
        published=_checked_published(published),
    )
    stages = stages_for(run_options)
    parsed = next(parse_articles([article], _parse_options(run_options)))
    try:
        return analyse_parsed(parsed, run_options, stages)
    except AnalysisTimedOut as error:
        raise DossierError(f"text not analysed: {error}") from None


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open (or, unless `read_only`, create) a dossier database; use it in a `with` block to close it.

    Query it with `store.iter_records(kind)` (kinds: `dossier.store.database.RECORD_KINDS`),
    `store.search(query)`, and the filtered, paged lists of `dossier.store.queries`
    (`list_events`, `list_quotes`, `list_stances`, `list_articles`, also
    exported as `dossier.list_events` and so on). Raises `StoreError` (a
    `DossierError`) for a file that is not a dossier database.

    Example:
        >>> with open_store(":memory:") as store:
        ...     store.counts()["articles"], list(store.iter_records("events"))
        (0, [])
    """
    return Store.open(path, read_only=read_only)


def run(
    paths: str | Path | Iterable[str | Path],
    *,
    db: str | Path | Store,
    issues: str | Path | None = None,
    options: RunOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
    keep_analyses: bool = True,
) -> RunReport:
    """Read, analyse and store files or folders (as `dossier run`), then link the stored corpus.

    `db` is a database path (created when missing, closed at the end) or a
    store already open. Documents that cannot be read or analysed are listed
    in the report's `errors` and the rest are stored; articles already stored
    are skipped (`report.skipped`) unless `options.reanalyse`. With
    `keep_analyses=False` the report keeps no analyses, only counts: the
    records are in the database.

    Example:
        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> _ = (Path(folder.name) / "talks.txt").write_text("Talks\\n\\nPutin met Moon in Vladivostok.")
        >>> with open_store(":memory:") as store:
        ...     report = run(folder.name, db=store)
        ...     report.failed, store.counts()["articles"]
        (False, 1)
        >>> folder.cleanup()
    """
    from dossier.pipeline import RunOptions
    from dossier.pipeline import run as run_pipeline

    run_options = _with_issues(options or RunOptions(), issues)
    if run_options.issues_file:
        from dossier.stance.lexicon import load_issues

        load_issues(run_options.issues_file)  # a bad issues file fails here, not in every document
    inputs = [paths] if isinstance(paths, str | Path) else list(paths)
    if isinstance(db, Store):
        return run_pipeline(inputs, db, run_options, on_progress, keep_analyses)
    with Store.open(db) as store:
        return run_pipeline(inputs, store, run_options, on_progress, keep_analyses)


def stages_for(options: RunOptions) -> tuple[Stage, ...]:
    """The loaded stages for these options, loaded once and kept; again when the issues file changes."""
    return _loaded_stages(options, _issues_stamp(options.issues_file))


@lru_cache(maxsize=CACHED_STAGE_SETS)
def _loaded_stages(options: RunOptions, issues_stamp: int | None) -> tuple[Stage, ...]:
    from dossier.pipeline import warm_up_stages
    from dossier.stages import load_stages

    stages = load_stages(options)
    if options.time_budget_seconds:
        # Some stage data loads on first use; that must not count against the first text's budget.
        warm_up_stages(_parse_options(options), options, stages)
    return stages


def _issues_stamp(issues_file: str | None) -> int | None:
    if not issues_file:
        return None
    try:
        return Path(issues_file).stat().st_mtime_ns
    except OSError:
        return None  # load_issues names the missing file


def _with_issues(options: RunOptions, issues: str | Path | None) -> RunOptions:
    return replace(options, issues_file=os.fspath(issues)) if issues is not None else options


def _parse_options(options: RunOptions) -> ParseOptions:
    from dossier.parse.model import ParseOptions

    return ParseOptions(options.model, batch_size=1, n_process=1, max_sentence_chars=options.max_sentence_chars)


def _checked_text(text: str, max_bytes: int) -> str:
    if not isinstance(text, str):
        raise DossierError(f"text must be a str, not {type(text).__name__}")
    if not text.strip():
        raise DossierError("cannot analyse an empty text: give the report's words as `text`")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DossierError(
            f"text of {size / 1_048_576:.1f} MB is over the limit of {max_bytes / 1_048_576:.1f} MB;"
            " raise RunOptions.max_document_bytes to analyse it"
        )
    return text


def _checked_published(published: str | dt.date | None) -> str | None:
    if published is None:
        return None
    if isinstance(published, dt.date):
        return published.isoformat()
    if not isinstance(published, str) or published_day(published) is None:
        raise DossierError(f"published={published!r} is not an ISO date; give it as YYYY-MM-DD or a datetime.date")
    return published
