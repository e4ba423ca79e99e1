"""The parse stage: sentence boundaries the rest of the pipeline relies on."""

from __future__ import annotations

import pytest

from dossier.parse.model import MAX_SENTENCE_CHARS, parse_articles, split_runaway_sentences
from dossier.records import Article

pytestmark = pytest.mark.model


def sentences_of(text: str) -> list[str]:
    parsed = next(parse_articles([Article.build(text)]))
    return [sentence.text.strip() for sentence in parsed.doc.sents if sentence.text.strip()]


def test_a_headline_and_a_caption_are_sentences_of_their_own() -> None:
    text = (
        "Japan and South Korea press Putin over sanctions\n\n"
        "President Moon meets President Putin in Vladivostok\n\n"
        "Russia rejected new sanctions on Wednesday."
    )
    assert sentences_of(text) == [
        "Japan and South Korea press Putin over sanctions",
        "President Moon meets President Putin in Vladivostok",
        "Russia rejected new sanctions on Wednesday.",
    ]


def test_a_single_line_break_inside_a_sentence_does_not_split_it() -> None:
    sentence = "Russia rejected new\nsanctions on Wednesday."
    assert sentences_of(sentence) == [sentence]


def test_runaway_text_is_broken_without_moving_any_offset() -> None:
    text = "word " * (MAX_SENTENCE_CHARS // 2)
    split = split_runaway_sentences(text)
    assert len(split) == len(text)
    assert "\n" in split
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in split.split("\n"))


def test_quote_marks_glued_to_words_are_tokens_of_their_own() -> None:
    parsed = next(parse_articles([Article.build("He said,“Look at the word“sanctions”there.”")]))
    tokens = [token.text for token in parsed.doc]
    assert tokens[:5] == ["He", "said", ",", "“", "Look"]
    assert tokens[8:11] == ["“", "sanctions", "”"]


def test_apostrophes_inside_words_are_left_alone() -> None:
    parsed = next(parse_articles([Article.build("Seoul’s envoy didn’t go.")]))
    assert "Seoul" in [token.text for token in parsed.doc]
    assert "n’t" in [token.text for token in parsed.doc]
