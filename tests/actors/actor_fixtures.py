"""Helpers of the actors tests."""

from __future__ import annotations

from spacy.language import Language

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article


def actor_codes(nlp: Language, text: str, published: str = "2020-05-01") -> dict[str, str | None]:
    """The code the actors stage gives each mention of `text`, by the mention's words."""
    parsed = next(parse_articles([Article.build(text, published=published)], nlp=nlp))
    return {m.text: m.actor.code for m in resolve_actors(parsed)}
