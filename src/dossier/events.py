"""Stage `events`: who did what to whom, when and where, coded in CAMEO."""

from __future__ import annotations

from dossier.parse import ParsedArticle
from dossier.records import Event, Mention, Quote


def code_events(parsed: ParsedArticle, mentions: tuple[Mention, ...], quotes: tuple[Quote, ...]) -> tuple[Event, ...]:
    """Every event the article reports, coded in CAMEO."""
    return ()
