"""The parse stage: spaCy over each article, long runs without a sentence mark split for the parser."""

from dossier.parse.model import (
    ParsedArticle,
    ParseOptions,
    load_model,
    parse_article,
    parse_articles,
    parse_articles_or_fail,
    prepare_pieces,
)

__all__ = [
    "ParseOptions",
    "ParsedArticle",
    "load_model",
    "parse_article",
    "parse_articles",
    "parse_articles_or_fail",
    "prepare_pieces",
]
