"""Stage `quotes`: direct and indirect speech with speaker and addressee."""

from __future__ import annotations

from dossier.parse import ParsedArticle
from dossier.records import Mention, Quote


def find_quotes(parsed: ParsedArticle, mentions: tuple[Mention, ...]) -> tuple[Quote, ...]:
    """Every quote in the article, its speaker resolved through `mentions`."""
    return ()
