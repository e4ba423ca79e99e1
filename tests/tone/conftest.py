"""Fixtures of the tone tests: a parser of one's own sentences."""

from __future__ import annotations

import pytest

from dossier.records import Article


@pytest.fixture(scope="module")
def parse():
    """A function from a text to its ParsedArticle (the shipped spaCy model, loaded once a module)."""
    from dossier.parse.model import ParsedArticle, load_model

    nlp = load_model()

    def parsed_of(text: str) -> ParsedArticle:
        return ParsedArticle(Article.build(text), nlp(text))

    return parsed_of
