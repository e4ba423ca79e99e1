"""The parse stage: sentence boundaries the rest of the pipeline relies on."""

from __future__ import annotations

import pytest

from dossier.parse.model import (
    BATCH_TOKENS,
    MAX_PIECE_TOKENS,
    MAX_SENTENCE_CHARS,
    load_model,
    parse_article,
    parse_articles,
    parse_together,
    prepare_pieces,
    split_runaway_sentences,
)
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


@pytest.mark.parametrize("text", ["[" * 30_000, ". " * 15_000, "!" * 30_000, ", " * 15_000])
def test_text_of_only_punctuation_is_parsed_in_sentences_no_longer_than_the_limit(text: str) -> None:
    parsed = parse_article(Article.build(text), load_model())
    assert len(parsed.doc.text) == len(text)  # offsets hold: a break replaces one character
    assert max(len(sentence.text) for sentence in parsed.doc.sents) <= MAX_SENTENCE_CHARS


def test_a_long_paragraph_is_cut_after_a_sentence_mark_not_inside_a_sentence() -> None:
    sentence = "Officials in Seoul met envoys from Tokyo on Monday to discuss the sanctions. "
    parsed = parse_article(Article.build(sentence * 100), load_model())  # 7,700 characters, no blank line
    assert parsed.split_stretches == 0
    assert all(s.text.strip().endswith(".") for s in parsed.doc.sents)


def test_a_long_report_parsed_in_pieces_keeps_its_text_and_entities() -> None:
    paragraph = "Russian President Vladimir Putin met Moon Jae-in in Vladivostok on Wednesday, officials said.\n\n"
    text = paragraph * 300  # about 5,000 tokens: over MAX_PIECE_TOKENS
    parsed = parse_article(Article.build(text), load_model())
    assert len(parsed.doc) > MAX_PIECE_TOKENS
    assert parsed.doc.text == text
    assert sum(1 for entity in parsed.doc.ents if entity.text == "Vladivostok") == 300
    assert sum(1 for _ in parsed.doc.sents) == 300


def test_documents_parsed_together_get_the_parse_each_gets_alone_and_a_share_of_its_cost() -> None:
    nlp = load_model()
    texts = [
        "Russian President Vladimir Putin met Moon Jae-in in Vladivostok on Wednesday, officials said.",
        "The United Nations urged both governments to reopen the border crossings to aid convoys.",
        "Talks in Geneva stalled after the delegation walked out on Thursday.",
    ]
    long_text = "Envoys met in Oslo to discuss the ceasefire terms. " * ((BATCH_TOKENS - 30) // 10)  # ten tokens each
    pieces = [prepare_pieces(nlp, text)[0] for text in [*texts, long_text]]
    assert all(len(found) == 1 for found in pieces)
    docs = [found[0] for found in pieces]
    assert len(docs[-1]) > BATCH_TOKENS - sum(len(doc) for doc in docs[:-1])

    parsed = parse_together(nlp, docs)

    assert parsed[-1] is None  # it would take the run over the cap, and alone it is no run: parsed alone
    for text, found in zip(texts, parsed, strict=False):
        assert found is not None and found[1] >= 0
        alone = parse_article(Article.build(text), nlp).doc
        together = found[0]
        assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in together] == [
            (t.text, t.dep_, t.head.i, t.ent_type_) for t in alone
        ]
