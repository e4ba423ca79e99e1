"""Stage `actors`: mentions of people, countries and groups -> coded actors."""

from __future__ import annotations

from dossier.parse import ParsedArticle
from dossier.records import Mention


def resolve_actors(parsed: ParsedArticle) -> tuple[Mention, ...]:
    """Every actor mention in the article, resolved to an actor reference."""
    return ()
