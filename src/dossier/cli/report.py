"""The short report `dossier run` prints: what was stored and what failed.

Everything that comes from the documents (titles, dates, names, quotes, file
names in errors) is escaped before Rich sees it: "[pictured]" in a headline
is text, and "[/]" must not end the report with a MarkupError. Control
characters in file names (a newline, a terminal's escape) are shown as escapes:
each failure stays one line, and no file name can recolour or move the terminal.
"""

from __future__ import annotations

import re
from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dossier.pipeline import RunReport
from dossier.records import ActorRef, ArticleAnalysis

# Past this many articles the per-article sections would drown the summary.
MAX_ARTICLES_DETAILED = 20
MAX_ITEMS_PER_SECTION = 12

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with each control character as its escape ("\\n", "\\x1b"): one line, inert on a terminal.

    Example:
        >>> print(printable("bad\\nname\\x1b[31m.txt"))
        bad\\nname\\x1b[31m.txt
    """
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


def print_report(report: RunReport, console: Console, counts: dict[str, int], detailed: bool = True) -> None:
    analysed = report.analysed_count
    console.print(
        f"[bold]dossier[/]: {analysed} analysed, {report.skipped} already stored, "
        f"{len(report.errors)} failed in {report.seconds:.1f}s"
    )
    if detailed and analysed <= MAX_ARTICLES_DETAILED:
        for analysis in report.analysed:
            print_article(analysis, console)
    if report.limits:
        console.print(f"[dim]limits: {describe_limits(report.limits)}[/]", highlight=False)
    totals = Table(title="database totals", show_header=True)
    for name in counts:
        totals.add_column(name, justify="right")
    totals.add_row(*(str(value) for value in counts.values()))
    console.print(totals)
    for warning in report.warnings:
        console.print(f"[yellow]{escape(printable(str(warning)))}[/]", highlight=False)
    if report.errors:
        console.print(f"[red bold]{len(report.errors)} document(s) failed:[/]")
        for error in report.errors:
            console.print(f"  [red]{escape(printable(str(error)))}[/]", highlight=False)


def print_profile(report: RunReport, console: Console) -> None:
    """The CPU time of each step of the run (`dossier run --profile`), per sentence and as a share of the whole.

    Parse and the stages ran in the worker processes, store and link in the main one.
    """
    total = sum(report.cpu_seconds.values())
    sentences = max(report.sentences, 1)
    console.print(
        f"[bold]profile[/]: {report.sentences} sentences, {total:.2f} CPU s in all steps, "
        f"{report.sentences / report.seconds if report.seconds else 0:.0f} sentences/s wall",
        highlight=False,
    )
    for step, seconds in report.cpu_seconds.items():
        share = 100 * seconds / total if total else 0.0
        console.print(
            f"  {step:<10} {seconds:8.2f} s {1000 * seconds / sentences:8.3f} ms/sentence {share:5.1f} %",
            highlight=False,
        )
    console.print(describe_processes(report), highlight=False)


def describe_processes(report: RunReport) -> str:
    """Where the CPU went by process, start-up included, and the wall time that bounds.

    The run can take no less wall time than the busier of the main process
    (reading, storing, linking) and the workers' CPU shared among them: on a
    machine with as many free cores as processes, that bound is what to expect.
    """
    workers = report.processes if report.worker_cpu_seconds else 0
    per_worker = report.worker_cpu_seconds / workers if workers else 0.0
    bound = max(report.main_cpu_seconds, per_worker)
    first = f"{report.first_stored_seconds:.1f} s" if report.first_stored_seconds is not None else "none"
    return (
        f"processes: main {report.main_cpu_seconds:.2f} CPU s, {workers} worker(s) "
        f"{report.worker_cpu_seconds:.2f} CPU s ({per_worker:.2f} each); wall at least {bound:.1f} s with free cores; "
        f"first article stored after {first}; linking after the last one {report.final_link_seconds:.2f} s"
    )


def describe_limits(limits: dict[str, float | int | None]) -> str:
    """The run's limits in words, e.g. 'documents up to 20 MB, sentences up to 2000 characters, ...'."""
    size = limits.get("max_document_bytes")
    sentence = limits.get("max_sentence_chars")
    budget = limits.get("time_budget_seconds")
    return ", ".join(
        [
            f"documents up to {size / (1024 * 1024):g} MB" if size else "documents of any size",
            f"sentences split past {sentence} characters" if sentence else "sentences never split",
            f"{budget:g} s of analysis per document (parse included)" if budget else "no time budget",
        ]
    )


def print_article(analysis: ArticleAnalysis, console: Console) -> None:
    article = analysis.article
    heading = escape(article.title or article.name or article.id)
    console.rule(f"{heading}  [dim]{escape(article.id)} · {escape(article.published or 'no date')}[/]")
    if analysis.mentions:
        counted = Counter((m.actor.code or "?", m.actor.name) for m in analysis.mentions)
        actors = ", ".join(f"{escape(name)} [cyan]{escape(code)}[/]×{n}" for (code, name), n in counted.most_common())
        console.print(f"[bold]actors[/]: {actors}", highlight=False)
    for quote in analysis.quotes[:MAX_ITEMS_PER_SECTION]:
        addressee = f" to {_actor_label(quote.addressee)}" if quote.addressee else ""
        console.print(
            f"[bold]quote[/] {_actor_label(quote.speaker)}{addressee} -> ({quote.kind}, {escape(quote.cue or '-')}) "
            f"[dim]@{quote.start}-{quote.end}[/]: {_clip(quote.text)}",
            highlight=False,
        )
    if len(analysis.quotes) > MAX_ITEMS_PER_SECTION:
        console.print(
            f"[dim]... {len(analysis.quotes) - MAX_ITEMS_PER_SECTION} more quotes (dossier export quotes)[/]",
            highlight=False,
        )
    for event in analysis.events[:MAX_ITEMS_PER_SECTION]:
        target = event.target.code or event.target.name if event.target else "-"
        place = event.place.name if event.place else ""
        console.print(
            f"[bold]event[/] {escape(event.source.code or event.source.name)} {event.code} {escape(target)} "
            f"[dim]{escape(event.date or '')} {escape(place)}[/]: {_clip(event.sentence)}",
            highlight=False,
        )
    for stance in analysis.stances[:MAX_ITEMS_PER_SECTION]:
        console.print(
            f"[bold]stance[/] {escape(stance.actor.code or stance.actor.name)} {stance.polarity} "
            f"{escape(stance.issue)}: {_clip(stance.evidence)}",
            highlight=False,
        )


def _actor_label(actor: ActorRef | None) -> str:
    """'Vladimir Putin [RUSGOV]'; 'unknown' for a quote with no speaker."""
    if actor is None:
        return "unknown"
    return f"{escape(actor.name or '?')} [cyan]\\[{escape(actor.code or '?')}][/]"


def _clip(text: str, width: int = 110) -> str:
    """One line of at most `width` characters, escaped for Rich."""
    text = " ".join(text.split())
    return escape(text if len(text) <= width else text[: width - 1] + "…")
