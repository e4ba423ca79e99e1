"""Helpers of the actors tests."""

from __future__ import annotations

from spacy.language import Language

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article, Mention


def resolved_mentions(nlp: Language, text: str, published: str = "2020-05-01") -> list[Mention]:
    """The mentions the actors stage finds in `text`, an article published that day."""
    parsed = next(parse_articles([Article.build(text, published=published)], nlp=nlp))
    return list(resolve_actors(parsed))


def actor_codes(nlp: Language, text: str, published: str = "2020-05-01") -> dict[str, str | None]:
    """The code the actors stage gives each mention of `text`, by the mention's words."""
    return {m.text: m.actor.code for m in resolved_mentions(nlp, text, published)}
