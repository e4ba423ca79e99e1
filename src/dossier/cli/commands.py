"""The `dossier` command: a thin adapter over the library.

Each command parses flags, calls one library function and turns
`DossierError`s into one-line messages. Exit codes: 0 ok, 1 some documents
failed (listed with reasons), 2 usage error.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from dossier import __version__
from dossier.errors import DossierError, StoreError
from dossier.records import LINK_KINDS

if TYPE_CHECKING:
    from dossier.stance.matrix import StanceMatrix

app = typer.Typer(
    help="dossier: turn news reports into events, quotes, stances and provenance, with the sentence as evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=False, soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

DEFAULT_DB = "dossier.db"
DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", dir_okay=False)]

Number = TypeVar("Number", int, float)


class ToneModel(StrEnum):
    """`dossier run --tone-model`: the tone stage's reader (RunOptions.tone_model, docs/tone.md)."""

    static = "static"
    transformer = "transformer"
    lexicon = "lexicon"


def _finite(value: Number) -> Number:
    """Refuse inf and nan: a limit of inf seconds or megabytes is no limit, and spelled 0 where that is meant."""
    if isinstance(value, float) and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number (0 means no limit where the option allows it)")
    return value


# An idle keep-alive connection is closed after this; more open connections than this are answered 503.
SERVE_KEEP_ALIVE_SECONDS = 5
SERVE_MAX_CONNECTIONS = 1000
# On stop, requests still waiting (posts on a long ingest queue) get this long, then are cut.
SERVE_SHUTDOWN_SECONDS = 5

# The largest document limit and time budget taken: larger ones are mistakes (1e308 MB overflows a byte count).
MAX_DOC_MB = 1_000_000
MAX_TIME_BUDGET_SECONDS = 86_400
# Options `run` and `spark` share: the same pipeline, the same limits.
IssuesOption = Annotated[Optional[Path], typer.Option("--issues", help="Issue definitions (YAML) for stances.")]
BatchSizeOption = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parser batch.")]
MaxDocOption = Annotated[
    float,
    typer.Option("--max-doc-mb", min=0.001, max=MAX_DOC_MB, callback=_finite, help="Largest document read, in MB."),
]
MaxSentenceOption = Annotated[
    int,
    typer.Option(
        "--max-sentence-chars", min=2, help="Longer stretches without a sentence mark are split for the parser."
    ),
]
TimeBudgetOption = Annotated[
    float,
    typer.Option(
        "--time-budget",
        min=0,
        max=MAX_TIME_BUDGET_SECONDS,
        callback=_finite,
        help="CPU seconds of parse and analysis per document before it is recorded as failed (0: none).",
    ),
]
LearnedEventsOption = Annotated[
    bool,
    typer.Option(
        "--learned-events/--no-learned-events",
        help="Code sentences no lexicon pattern fits with the learned fallback (marked coder=learned; "
        "on by default). --no-learned-events codes with the lexicon's patterns alone (docs/events.md).",
    ),
]
PatternsOnlyOption = Annotated[
    bool,
    typer.Option(
        "--patterns-only", help="Leave out the events the learned fallback coded (coder=learned); events only."
    ),
]
ToneModelOption = Annotated[
    ToneModel,
    typer.Option(
        "--tone-model",
        help="Reader of tone toward each actor: static (default, fast), transformer (fine-tuned MiniLM beside it, "
        "more accurate, many times slower; needs the tone-transformer extra) or lexicon (cue words only).",
    ),
]


def _published_option(value: str | None) -> str | None:
    """--published as an ISO date; a value that is not one is a usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; give it as YYYY-MM-DD", param_hint="--published") from None


def _fail(error: DossierError, code: int = 2) -> None:
    errors.print(f"[red]error:[/] {escape(_one_line(str(error)))}", highlight=False)
    raise typer.Exit(code)


def _one_line(text: str) -> str:
    from dossier.cli.report import printable

    return printable(" ".join(text.split()))  # a terminal escape in a file name is shown, not obeyed


@contextmanager
def _errors_as_one_line(db: Path | None = None) -> Iterator[None]:
    """A command's domain, database and file errors as one line and exit code 2, never a traceback.

    A database that cannot be read or written (damaged mid-file, on an immutable file, on a full disk) is
    the user's to fix, like a missing file; so is an output path in a missing folder or on a full device.
    """
    try:
        yield
    except DossierError as error:
        _fail(error)
    except sqlite3.DatabaseError as error:
        _fail(StoreError(f"{db}: the database cannot be used ({error}); check the file, its folder and the disk"))
    except BrokenPipeError:
        _stop_quietly_on_a_closed_pipe()
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _fail(DossierError(f"{where}{error.strerror or error}"))


def _stop_quietly_on_a_closed_pipe() -> None:
    """`dossier export events | head`: the reader took what it wanted; exit 1 without a word, as Typer does.

    Python's docs' recipe: stdout goes to /dev/null, so the flush at exit raises no second BrokenPipeError.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(1)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read ('-' for stdin).")],
    db: DbOption = Path(DEFAULT_DB),
    issues: IssuesOption = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy model to load.")] = None,
    processes: Annotated[
        int, typer.Option("--processes", "-j", min=1, help="Worker processes that parse and analyse (1: none).")
    ] = 1,
    batch_size: BatchSizeOption = 32,
    max_doc_mb: MaxDocOption = 20,
    max_sentence_chars: MaxSentenceOption = 2000,
    time_budget: TimeBudgetOption = 60,
    reanalyse: Annotated[bool, typer.Option("--reanalyse", help="Analyse again articles already stored.")] = False,
    no_link: Annotated[bool, typer.Option("--no-link", help="Skip provenance linking after the run.")] = False,
    published: Annotated[
        Optional[str],
        typer.Option(
            "--published", help="Publication date (YYYY-MM-DD) of inputs whose text, metadata and path give none."
        ),
    ] = None,
    learned_events: LearnedEventsOption = True,
    tone_model: ToneModelOption = ToneModel.static,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line and failures.")] = False,
    profile: Annotated[
        bool, typer.Option("--profile", help="Also print the CPU time of each step per sentence.")
    ] = False,
) -> None:
    """Read every input, run the whole pipeline, store the results and print a short report.

    Example: dossier run ../shared/corpus/seeds --db dossier.db
    """
    from dossier.cli.report import MAX_ARTICLES_DETAILED, print_profile, print_report
    from dossier.pipeline import RunOptions
    from dossier.pipeline import run as run_pipeline
    from dossier.read.readers import check_inputs_exist
    from dossier.store.database import Store

    options = RunOptions(
        model=model,
        batch_size=batch_size,
        n_process=processes,
        max_document_bytes=int(max_doc_mb * 1024 * 1024),
        max_sentence_chars=max_sentence_chars,
        time_budget_seconds=time_budget or None,
        issues_file=str(issues) if issues else None,
        reanalyse=reanalyse,
        link=not no_link,
        published=_published_option(published),
        learned_events=learned_events,
        tone_model=tone_model.value,
    )
    with _errors_as_one_line(db):
        check_inputs_exist(paths)  # a missing input is a usage error before anything is read or created
    _check_issues_file(issues)
    with _errors_as_one_line(db), _stopped_by_ctrl_c(db):
        with Store.open(db) as store, _progress(quiet) as progress:
            task = progress.add_task("reading", total=_count_inputs(paths))
            report = run_pipeline(
                paths,
                store,
                options,
                on_progress=lambda source: progress.update(task, advance=1, description=escape(_short(source))),
                # The report prints each article's analysis only for a few articles, never when quiet.
                most_kept=0 if quiet else MAX_ARTICLES_DETAILED + 1,
                on_final_link=lambda: _stop_progress_for_linking(progress),
            )
            counts = store.counts()
    print_report(report, console, counts, detailed=not quiet)
    if not (report.analysed_count or report.skipped or report.errors):
        shown = escape(", ".join(paths))
        errors.print(f"[yellow]warning:[/] no documents in {shown} (files and folders named .* are skipped)")
    if profile:
        print_profile(report, console)
    if issues is None and not quiet:
        errors.print("[dim]no --issues file: stances are on issues proposed from the reports (proposed:*).[/]")
    if report.failed:
        raise typer.Exit(1)


@contextmanager
def _stopped_by_ctrl_c(db: Path) -> Iterator[None]:
    """Ctrl-C in a run: say what is kept and how to go on, exit 130 (as a shell reports SIGINT), no traceback.

    The batch being written is rolled back as the store closes; every batch committed before it stays.
    """
    try:
        yield
    except KeyboardInterrupt:
        errors.print(
            f"stopped (Ctrl-C): the articles stored in {escape(str(db))} so far are kept; "
            "run the same command again to go on (stored articles are skipped)",
            highlight=False,
        )
        raise typer.Exit(130) from None


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=quiet or not errors.is_terminal,
    )


def _stop_progress_for_linking(progress: Progress) -> None:
    """Take the bar down before the corpus-level link step, and say that step runs.

    The bar's refresh thread is waited for: the link step forks a helper to write a large link table only
    in a process with no other thread (a fork copies locks another thread may hold), so with the bar up a
    run wrote its links on one core.
    """
    refresher = getattr(progress.live, "_refresh_thread", None)
    shown = progress.live.is_started
    progress.stop()
    if isinstance(refresher, threading.Thread):
        refresher.join(timeout=5)
    if shown:
        errors.print("[dim]linking the stored articles …[/]")


def _short(source: str, width: int = 40) -> str:
    return source if len(source) <= width else "…" + source[-(width - 1) :]


def _count_inputs(paths: list[str]) -> int | None:
    """Files to read, when cheap to know; None (unknown) for stdin and containers."""
    total = 0
    for given in paths:
        path = Path(given)
        if given == "-" or not (path.is_file() or path.is_dir()):  # stdin, a pipe or a device
            return None
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        if any(
            p.suffix.lower() in (".jsonl", ".ndjson", ".json", ".warc", ".gz", ".rss", ".atom", ".xml") for p in files
        ):
            return None
        total += len(files)
    return total


# How `stances`, `stats` and `export network` group actors: who they are unless asked otherwise.
ByCodeOption = Annotated[
    bool, typer.Option("--by-code", help="Group actors by CAMEO code (RUSGOV: Putin and Russian officials together).")
]
ByCountryOption = Annotated[bool, typer.Option("--by-country", help="Group actors by country (RUS for RUSGOV).")]


def _grouping(by_code: bool, by_country: bool) -> str:
    from dossier.analysis.identity import CODE, COUNTRY, IDENTITY

    if by_code and by_country:
        raise typer.BadParameter("give --by-code or --by-country, not both")
    return CODE if by_code else COUNTRY if by_country else IDENTITY


@app.command()
def export(
    kind: Annotated[
        str,
        typer.Argument(help="articles, actors, mentions, quotes, events, stances, tones, links, errors or network."),
    ],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl, csv or parquet; gdelt or plover for events; graphml or gexf for network."
        ),
    ] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    by_code: ByCodeOption = False,
    by_country: ByCountryOption = False,
    include_flagged: Annotated[
        bool,
        typer.Option(
            "--include-flagged",
            help="gdelt/plover: keep negated, hypothetical and future events (left out by default).",
        ),
    ] = False,
    patterns_only: PatternsOnlyOption = False,
) -> None:
    """Write one record per line for KIND, with the kind's fixed columns; or the actor network for Gephi.

    Example: dossier export quotes --format csv -o quotes.csv
    Example: dossier export network --format graphml -o actors.graphml
    """
    from dossier.export.writers import export as export_records
    from dossier.store.database import Store

    grouping = _grouping(by_code, by_country)
    if kind == "network" and fmt == "jsonl":
        fmt = "graphml"
    with _errors_as_one_line(db):
        with Store.open(db, read_only=True) as store:
            count = export_records(
                store, kind, fmt, output, grouping, include_flagged=include_flagged, patterns_only=patterns_only
            )
    if output is not None:
        written = "edges" if kind == "network" else kind
        errors.print(f"wrote {count} {escape(written)} to {escape(str(output))}", highlight=False)


def _events_by_root_table(tally: dict[str, dict[str, int]]) -> Table:
    from dossier.evaluate import root_scores

    table = Table(title="events by CAMEO root (hard items included)")
    for column in ("root", "precision", "recall", "gold", "found", "system", "matched"):
        table.add_column(column, justify="right")
    for root, precision, recall, counts in root_scores(tally):
        shown = [f"{v:.2f}" if v is not None else "-" for v in (precision, recall)]
        table.add_row(root, *shown, *(str(counts[k]) for k in ("gold", "found", "system", "matched")))
    return table


@app.command(name="eval")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSON, the format of shared/gold/seeds.json).")],
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show_misses: Annotated[bool, typer.Option("--misses", help="List the gold items not found.")] = False,
) -> None:
    """Score what is stored against a gold file: precision, recall and F1 per kind.

    Example: dossier eval ../shared/gold/seeds.json --db dossier.db
    """
    from dossier.evaluate import evaluate, load_gold
    from dossier.store.database import Store

    with _errors_as_one_line(db):
        with Store.open(db, read_only=True) as store:
            result = evaluate(load_gold(gold), store)
    if as_json:
        console.print_json(json.dumps(result.to_dict()))
        return
    table = Table(title=f"dossier eval: {gold}")
    for column in ("kind", "precision", "recall", "F1", "gold", "found", "hard found", "wrong polarity"):
        table.add_column(column, justify="right" if column != "kind" else "left")
    for kind, score in result.scores.items():
        table.add_row(
            kind,
            f"{score.precision:.2f}",
            f"{score.recall:.2f}",
            f"{score.f1:.2f}",
            str(score.gold),
            str(score.found),
            f"{score.hard_found}/{score.hard_gold}",
            str(score.wrong_polarity) if kind == "stances" else "",
        )
    console.print(table)
    console.print(f"extra events per gold event: {result.extra['extra_events_per_gold_event']}")
    console.print(_events_by_root_table(result.extra["events_by_root"]))
    if result.missing_articles:
        missing = escape(", ".join(result.missing_articles))
        errors.print(f"[yellow]gold articles not in the database:[/] {missing}")
    if show_misses:
        for kind, score in result.scores.items():
            for miss in score.misses:
                console.print(f"[dim]missed {kind}:[/] {escape(str(miss))}", highlight=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query (SQLite FTS5 syntax).")],
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
) -> None:
    """Full-text search over stored articles.

    Example: dossier search "sanctions AND oil"
    """

    from dossier.store.database import Store
    from dossier.store.queries import search_articles

    # Marks no article text holds, swapped for a style after the text is escaped (rich reads "[x]" as markup).
    start, end = "\x02", "\x03"
    with _errors_as_one_line(db):
        with Store.open(db, read_only=True) as store:
            try:
                hits = search_articles(store, query, limit, (start, end))
            except sqlite3.OperationalError as error:
                raise DossierError(f"bad search query {query!r} ({error})") from None
    for hit in hits:
        snippet = escape(" ".join(str(hit["snippet"] or "").split())).replace(start, "[bold]").replace(end, "[/]")
        console.print(f"[cyan]{escape(hit['id'])}[/] {escape(hit['title'] or '')}\n  {snippet}", highlight=False)
    if not hits:
        errors.print("no matches")


@app.command()
def stances(
    db: DbOption = Path(DEFAULT_DB),
    issue: Annotated[Optional[str], typer.Option("--issue", help="Show only this issue id.")] = None,
    by_code: ByCodeOption = False,
    by_country: ByCountryOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matrix as JSON.")] = False,
) -> None:
    """Where each actor stands on each issue: counts for and against and the strongest evidence, disputes first.

    Each actor (code and name) is its own row unless --by-code or --by-country groups them.
    Issues proposed from the reports (no --issues file) are listed apart, after the given ones.

    Example: dossier stances --db dossier.db --issue sanctions_on_north_korea
    """
    from dossier.stance.matrix import stance_matrix
    from dossier.store.database import Store

    grouping = _grouping(by_code, by_country)
    with _errors_as_one_line(db):
        with Store.open(db, read_only=True) as store:
            matrix = stance_matrix(store, grouping, issue)
    if as_json:
        console.print_json(json.dumps(matrix.to_dict()))
        return
    if not matrix.cells:
        errors.print("no stances stored" + (f" on {issue}" if issue else ""))
        return
    from dossier.stance.reader import PROPOSED_PREFIX

    given = [name for name in matrix.issues if not name.startswith(PROPOSED_PREFIX)]
    proposed = [name for name in matrix.issues if name.startswith(PROPOSED_PREFIX)]
    if given:
        console.print(_stance_table(matrix, given, "dossier stances: actor x issue, disputed issues first"))
    if proposed:
        title = "issues proposed from the reports (seen in two reports or held by two actors)"
        console.print(_stance_table(matrix, proposed, title))
        console.print("[dim]issues named proposed:* were derived from the reports (no --issues file was given).[/]")


def _stance_table(matrix: StanceMatrix, issues: list[str], title: str) -> Table:
    table = Table(title=title, expand=True)
    table.add_column("issue", ratio=2)
    table.add_column("actor", ratio=2)
    table.add_column("for/against", justify="right", no_wrap=True)
    table.add_column("strongest evidence (strength, article)", ratio=5)
    colours = {"support": "green", "oppose": "red", "mixed": "yellow"}
    for name in issues:
        label = f"{escape(name)} [yellow](disputed)[/]" if matrix.disputed(name) else escape(name)
        for cell in matrix.row(name):
            best = cell.strongest
            evidence = f'"{escape(str(best.get("evidence", "")))}" [dim]({float(best.get("strength") or 0):.2f}, '
            evidence += f"{escape(str(best.get('article_id', ''))[:8])})[/]"
            counts = f"[{colours[cell.position]}]{cell.support}/{cell.oppose}[/]"
            table.add_row(label, escape(cell.label), counts, evidence)
            label = ""
        table.add_section()
    return table


@app.command()
def stats(
    db: DbOption = Path(DEFAULT_DB),
    by: Annotated[
        Optional[list[str]],
        typer.Option(
            "--by",
            help="Group by dyad, source, target, day, week, month, year, root or quad (repeatable; default dyad).",
        ),
    ] = None,
    actor: Annotated[
        Optional[str], typer.Option("--actor", help="Only events whose source or target has this code or name.")
    ] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Only events whose source matches.")] = None,
    target: Annotated[Optional[str], typer.Option("--target", help="Only events whose target matches.")] = None,
    code: Annotated[Optional[str], typer.Option("--code", help="Only CAMEO codes starting with this.")] = None,
    since: Annotated[
        Optional[str], typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this date, inclusive.")] = None,
    by_code: ByCodeOption = False,
    by_country: ByCountryOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write CSV to this file.")] = None,
    patterns_only: PatternsOnlyOption = False,
    tone: Annotated[
        Optional[str],
        typer.Option(
            "--tone",
            help="Tone toward this actor (a code prefix or a word start in a name) by --by day, week or month, outlet.",
        ),
    ] = None,
) -> None:
    """Event counts, Goldstein sums and means by dyad, period, root code or QuadClass; or tone toward one actor.

    Example: dossier stats --by dyad --by month --actor RUS --since 2017 --csv
    Example: dossier stats --tone RUSGOV --by week --by outlet
    """
    if tone is not None:
        _print_tone_stats(db, tone, by or ["month"], as_csv)
        return
    from dossier.analysis.stats import stored_event_stats
    from dossier.store.database import Store
    from dossier.store.queries import EventFilter

    grouping = _grouping(by_code, by_country)
    coder = "pattern" if patterns_only else None
    where = EventFilter(source=source, target=target, code=code, since=since, until=until, coder=coder)
    with _errors_as_one_line(db):
        with Store.open(db, read_only=True) as store:
            table = stored_event_stats(store, by or ["dyad"], where, grouping, actor)
            if output is not None and store.is_own_file(output):
                raise DossierError(f"{output}: is the database ({db}); give another --output file")
        if output is not None:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                table.write_csv(stream)
    if output is not None:
        errors.print(f"wrote {len(table.rows)} rows to {escape(str(output))}", highlight=False)
        return
    if as_csv:
        table.write_csv(sys.stdout)
        return
    if not table.rows:
        errors.print("no events match")
        return
    shown = Table(title=f"dossier stats: events by {', '.join(table.dimensions)}")
    for column in table.columns:
        shown.add_column(column, justify="right" if column in ("events", "goldstein_sum", "goldstein_mean") else "left")
    for values in (row.values() for row in table.rows):
        shown.add_row(*("-" if value is None else str(value) if value != "" else "∅" for value in values))
    console.print(shown)


def _print_tone_stats(db: Path, actor: str, by: list[str], as_csv: bool) -> None:
    from dossier.store.database import Store
    from dossier.tone.aggregate import PERIODS, tone_by_period

    period = next((name for name in by if name in PERIODS), "month")
    try:
        with Store.open(db, read_only=True) as store:
            rows = tone_by_period(store, actor, period, by_outlet="outlet" in by)
    except DossierError as error:
        _fail(error)
        return
    if not rows:
        errors.print(f"no tones toward {actor}")
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return
    shown = Table(title=f"dossier stats: tone toward {actor} by {period}")
    for column in rows[0]:
        shown.add_column(column)
    for row in rows:
        shown.add_row(*("∅" if value is None else str(value) for value in row.values()))
    console.print(shown)


@app.command()
def watch(
    urls: Annotated[list[str], typer.Argument(help="RSS/Atom feeds or article pages (http or https URLs).")],
    db: DbOption = Path(DEFAULT_DB),
    every: Annotated[float, typer.Option("--every", min=0, help="Minutes between polls.")] = 15,
    max_polls: Annotated[
        Optional[int], typer.Option("--max-polls", min=1, help="Stop after this many polls (default: until Ctrl-C).")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop (as --max-polls 1).")] = False,
    issues: IssuesOption = None,
    time_budget: TimeBudgetOption = 60,
) -> None:
    """Follow feeds and pages: poll them, store and analyse new articles, update links and stories; Ctrl-C stops.

    Each poll is a conditional GET (ETag, Last-Modified): an unchanged feed costs one 304.

    Example: dossier watch https://example.org/world.rss --every 15 --db dossier.db
    """
    from dossier.pipeline import RunOptions
    from dossier.store.database import Store
    from dossier.watch import PollReport, WatchOptions
    from dossier.watch import watch as watch_urls

    bad = [url for url in urls if not url.lower().startswith(("http://", "https://"))]
    if bad:
        _fail(DossierError(f"{bad[0]}: not an http(s) URL; to read files use `dossier run PATH`"))
    _check_issues_file(issues)
    options = WatchOptions(
        every_seconds=every * 60,
        max_polls=1 if once else max_polls,
        run=RunOptions(issues_file=str(issues) if issues else None, time_budget_seconds=time_budget or None),
    )

    def show(report: PollReport) -> None:
        console.print(report.summary(), highlight=False)

    polls = 0
    try:
        with Store.open(db) as store:
            errors.print(f"dossier: watching {len(urls)} URL(s) every {every:g} min into {db} (Ctrl-C stops)")
            polls = watch_urls(urls, store, options, on_poll=show)
    except DossierError as error:
        _fail(error)
        return
    except KeyboardInterrupt:
        errors.print("stopped (Ctrl-C); every article stored so far is kept")
        return
    errors.print(f"stopped after {polls} poll(s)")


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 127.0.0.1 keeps it local.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Refuse ingest (POST answers 403).")] = False,
    issues: Annotated[Optional[Path], typer.Option("--issues", help="Issue definitions for posted articles.")] = None,
    allow_host: Annotated[
        Optional[list[str]],
        typer.Option(
            "--allow-host",
            help="A Host name the server answers besides its loopback names and --host (repeatable; '*' for any).",
        ),
    ] = None,
) -> None:
    """Serve the HTTP API (schema at /openapi.json) and the web page over a database.

    Example: dossier serve --db dossier.db --port 8000 --read-only
    """
    import uvicorn

    from dossier.pipeline import RunOptions
    from dossier.serve.app import create_app, serve_hosts
    from dossier.serve.protocol import header_deadline_protocol

    _check_issues_file(issues)
    options = RunOptions(issues_file=str(issues) if issues else None)
    _check_can_listen(host, port)  # before the database is created: a busy port leaves no empty file behind
    new = not db.exists()
    with _errors_as_one_line(db):
        hosts = serve_hosts(host, allow_host or ())
        application = create_app(db, read_only, options, allowed_hosts=hosts, ingest_in_child=True)
    mode = ("read-only" if read_only else "read-write") + (", a new empty database" if new else "")
    errors.print(f"dossier: serving {escape(str(db))} at http://{host}:{port}/ ({mode})", highlight=False)
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level="warning",
        timeout_keep_alive=SERVE_KEEP_ALIVE_SECONDS,
        http=header_deadline_protocol(),  # request headers within 10 s (slowloris)
        limit_concurrency=SERVE_MAX_CONNECTIONS,
        timeout_graceful_shutdown=SERVE_SHUTDOWN_SECONDS,
    )


def _check_can_listen(host: str, port: int) -> None:
    """A port in use or a host this machine cannot listen on is a usage error, said before "serving".

    uvicorn would announce nothing, log its own error and exit 3. The probe
    binds as uvicorn does (SO_REUSEADDR, so a port left in TIME_WAIT by a
    server just stopped is free) and lets go at once.
    """
    import errno
    import socket

    try:
        family, kind, protocol, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as error:
        _fail(DossierError(f"--host {host}: not an address this machine knows ({error}); give an IP address or name"))
        return
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            in_use = error.errno == errno.EADDRINUSE
            fix = "stop what uses it or give another --port" if in_use else "give another --host or --port"
            _fail(DossierError(f"cannot listen on {host}:{port}: {error.strerror or error}; {fix}"))


def _link_kind(kind: str | None) -> str | None:
    # The kinds come from records.LINK_KINDS, the list the API's `kind` filter also takes.
    if kind is not None and kind not in LINK_KINDS:
        raise typer.BadParameter(f"{kind!r} is not a link kind; choose one of {', '.join(LINK_KINDS)}")
    return kind


@app.command()
def links(
    db: DbOption = Path(DEFAULT_DB),
    kind: Annotated[
        Optional[str],
        typer.Option(
            "--kind",
            "-k",
            callback=_link_kind,
            help=f"Only links of this kind: {', '.join(LINK_KINDS)} (same_event: reports of one merged event).",
        ),
    ] = None,
    article: Annotated[
        Optional[str], typer.Option("--article", "-a", help="Only links touching this article id.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
) -> None:
    """List provenance links: copied and reworded sentences, near-duplicate articles, stories, reports of one event.

    Example: dossier links --kind rewording --db dossier.db
    """
    from dossier.link.linker import find_links
    from dossier.store.database import Store

    with _errors_as_one_line(db):
        with Store.open(db, read_only=True) as store:
            found = find_links(store, kind, article, limit)
    if not found:
        errors.print("no links")
        return
    table = Table(title=f"dossier links: {db}")
    for column in ("kind", "similarity", "first seen", "earlier", "later"):
        table.add_column(column, justify="right" if column == "similarity" else "left")
    for record in found:
        detail = record.get("detail") or {}
        earlier = escape(detail.get("a_text") or record["a"])
        later = escape(detail.get("b_text") or record["b"])
        if detail.get("changes"):
            swaps = "; ".join(f"{a or '∅'} → {b or '∅'}" for a, b in detail["changes"])
            later += "\n[dim]" + escape(swaps) + "[/]"
        first_seen = escape(record["first_seen"] or "")
        table.add_row(record["kind"], f"{record['similarity']:.2f}", first_seen, earlier, later)
    console.print(table)


def _check_issues_file(issues: Path | None) -> None:
    """A missing or bad issues file is a usage error, found before any document is read."""
    if issues is None:
        return
    if not issues.is_file():
        _fail(DossierError(f"{issues}: no such issues file"))
    from dossier.stance.lexicon import load_issues

    try:
        load_issues(issues)
    except DossierError as error:
        _fail(error)
    except Exception as error:  # yaml's own errors: !!python/ tags the safe loader refuses, a recursive anchor
        _fail(DossierError(f"{issues}: not an issues file dossier can read ({type(error).__name__}: {error})"))


@app.command()
def spark(
    paths: Annotated[
        list[str], typer.Argument(help="JSONL, WARC, HTML or text files or folders: local paths or Hadoop URIs.")
    ],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder (path or Hadoop URI) for the Parquet tables.")],
    master: Annotated[
        Optional[str], typer.Option("--master", help="Spark master, e.g. local[4] or yarn; default spark-submit's.")
    ] = None,
    partitions: Annotated[
        Optional[int], typer.Option("--partitions", min=1, help="Partitions to analyse (default 3 per core).")
    ] = None,
    issues: IssuesOption = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy model, installed on every executor.")] = None,
    batch_size: BatchSizeOption = 32,
    max_doc_mb: MaxDocOption = 20,
    max_sentence_chars: MaxSentenceOption = 2000,
    time_budget: TimeBudgetOption = 60,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace tables already in OUTPUT.")] = False,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Skip provenance linking (events are still merged), as `run --no-link`.")
    ] = False,
    conf: Annotated[Optional[list[str]], typer.Option("--conf", help="Spark setting KEY=VALUE (repeatable).")] = None,
    tone_model: ToneModelOption = ToneModel.static,
    learned_events: LearnedEventsOption = True,
) -> None:
    """Run the pipeline under PySpark and write Parquet tables (articles, actors, quotes, events, stances, ...).

    The tables hold what `dossier run` and `dossier export` give for the same input.

    Example: dossier spark crawl/ --output tables/ --master local[4]
    (on a cluster, see docs/scale.md for spark-submit and packaging the model)
    """
    from dossier.pipeline import RunOptions
    from dossier.spark.job import SparkOptions, run_spark_job

    pairs = [setting.split("=", 1) for setting in conf or []]
    if any(len(pair) != 2 for pair in pairs):
        _fail(DossierError("--conf takes KEY=VALUE, e.g. --conf spark.executor.memory=4g"))
    _check_issues_file(issues)
    run_options = RunOptions(
        model=model,
        batch_size=batch_size,
        max_document_bytes=int(max_doc_mb * 1024 * 1024),
        max_sentence_chars=max_sentence_chars,
        time_budget_seconds=time_budget or None,
        issues_file=str(issues) if issues else None,
        link=not no_link,
        tone_model=tone_model.value,
        learned_events=learned_events,
    )
    options = SparkOptions(
        run=run_options,
        partitions=partitions,
        master=master,
        overwrite=overwrite,
        conf=tuple((key, value) for key, value in pairs),
    )
    try:
        report = run_spark_job(paths, output, options)
    except DossierError as error:
        _fail(error)
        return
    counts = ", ".join(f"{count} {table}" for table, count in report.counts.items())
    console.print(f"wrote {counts} to {report.output} in {report.seconds:.0f} s", highlight=False)
    if report.counts.get("errors"):
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print dossier's version."""
    console.print(f"dossier {__version__}")


# The click Typer runs on (its own copy from Typer 0.2x, the installed click before): its error classes.
_ClickException: type[Exception] = next(
    base for base in typer.BadParameter.__mro__ if base.__name__ == "ClickException"
)
_UsageError: type[Exception] = next(base for base in typer.BadParameter.__mro__ if base.__name__ == "UsageError")


def main() -> None:
    """The `dossier` script: every error one line on stderr, as `_fail` prints a command's own.

    Typer prints a usage error (a bad option value, a missing argument) as a
    usage line, a hint and a framed box wrapped at the terminal's width; here
    it is one line naming the option and the problem, with exit code 2.
    """
    try:
        code = app(standalone_mode=False)
    except _ClickException as error:
        _print_usage_error(error)
        sys.exit(getattr(error, "exit_code", 2))
    except typer.Abort:
        errors.print("aborted")
        sys.exit(1)
    except DossierError as error:  # pragma: no cover - commands catch their own
        errors.print(f"error: {error}")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _print_usage_error(error: Exception) -> None:
    if type(error).__name__ == "NoArgsIsHelpError":  # `dossier` alone: Typer has printed the help already
        return
    context = getattr(error, "ctx", None)
    message = _one_line(error.format_message())  # type: ignore[attr-defined]
    if isinstance(error, _UsageError) and context is not None:
        message += f" (see `{context.command_path} --help`)"
    errors.print(f"[red]error:[/] {escape(message)}", highlight=False)


if __name__ == "__main__":
    main()
