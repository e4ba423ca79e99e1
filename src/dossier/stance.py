"""Stage `stance`: each actor's position on each issue, with evidence."""

from __future__ import annotations

from dossier.parse import ParsedArticle
from dossier.records import Event, Mention, Quote, Stance


def find_stances(
    parsed: ParsedArticle,
    mentions: tuple[Mention, ...],
    quotes: tuple[Quote, ...],
    events: tuple[Event, ...],
    issues_file: str | None = None,
) -> tuple[Stance, ...]:
    """Support/oppose stances of actors on the issues defined in `issues_file`."""
    return ()
