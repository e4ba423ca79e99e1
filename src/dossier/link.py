"""Stage `link`: near-duplicate and reworded sentences, first appearance, story clusters."""

from __future__ import annotations

from collections.abc import Iterable

from dossier.records import Article, Link


def link_articles(articles: Iterable[Article]) -> list[Link]:
    """Links between the stored articles."""
    return []
