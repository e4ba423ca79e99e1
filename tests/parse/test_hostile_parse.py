"""Issue 21, round three: the parser's memory on very long texts.

`prepare_pieces` tokenized a whole text before cutting it into parser-sized
pieces and kept every piece as a Doc: 8.4 MB of text held 840 MB before one
token was parsed, and a 15 MB feed item went past 1 GB. Now a text over
TOKENIZE_CHUNK_CHARS is tokenized a chunk at a time and its pieces kept as
text (`TextPieces`). These tests check the tokens are those of the whole
text and that memory no longer grows with the tokens.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from dossier.parse.model import (
    MAX_PIECE_TOKENS,
    TOKENIZE_CHUNK_CHARS,
    TextPieces,
    load_model,
    parse_article,
    prepare_pieces,
    split_runaway_sentences,
)
from dossier.records import Article

pytestmark = pytest.mark.model

PARAGRAPH = (
    "Russian President Vladimir Putin met South Korean President Moon Jae-in in Vladivostok on Wednesday. "
    '"We will not accept new sanctions," Putin told reporters (the talks ran late). '
    "Officials said the envoys would meet again in Seoul... or in Tokyo!"
)


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join([PARAGRAPH] * 700),  # paragraphs
        " ".join([PARAGRAPH] * 700),  # one line of sentences
        "[" * 250_000,  # no sentence mark, no whitespace
        ". " * 120_000,  # punctuation and spaces
    ],
    ids=["paragraphs", "one-line", "brackets", "dots"],
)
def test_a_long_text_in_chunks_has_the_tokens_of_the_whole_text_and_pieces_the_parser_can_take(text: str) -> None:
    nlp = load_model()
    split = split_runaway_sentences(text)
    assert len(split) > TOKENIZE_CHUNK_CHARS
    pieces, _splits = prepare_pieces(nlp, text)
    assert isinstance(pieces, TextPieces)
    whole = nlp.make_doc(split)
    tokens, offset = [], 0
    for piece in pieces:
        assert len(piece) <= MAX_PIECE_TOKENS
        tokens.extend((token.idx + offset, token.text) for token in piece)
        offset += len(piece.text)
    assert tokens == [(token.idx, token.text) for token in whole]
    assert "".join(piece.text for piece in pieces) == split


def test_a_long_report_parsed_from_text_pieces_keeps_its_text_paragraphs_and_entities() -> None:
    text = "\n\n".join([PARAGRAPH] * 600)
    parsed = parse_article(Article.build(text), load_model())
    assert parsed.doc.text == text
    sentences = [sentence.text.strip() for sentence in parsed.doc.sents]
    first = PARAGRAPH.split(' "')[0]
    assert first.endswith("on Wednesday.") and sentences.count(first) == 600
    assert sum(1 for entity in parsed.doc.ents if entity.text == "Vladimir Putin") == 600


PEAK_OF_PREPARING = (
    "import sys\n"
    "from dossier.parse.model import load_model, prepare_pieces\n"
    "def peak():\n"
    "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')) / 1024\n"
    "nlp = load_model()\n"
    "nlp.make_doc('warm up the tokenizer and its vocabulary: Officials in Seoul met envoys from Tokyo.')\n"
    "text = 'Officials in Seoul met envoys from Tokyo on Monday. ' * 80_000\n"
    "before = peak()\n"
    "pieces, splits = prepare_pieces(nlp, text)\n"
    "print(len(pieces), peak() - before)\n"
)


def test_preparing_four_megabytes_for_the_parser_holds_text_not_docs() -> None:
    # 4.2 MB, 880,000 tokens: as Docs, whole and in pieces, about 260 MB; as text, a few times 4 MB.
    done = subprocess.run([sys.executable, "-c", PEAK_OF_PREPARING], capture_output=True, text=True, check=True)
    pieces, grown_mb = done.stdout.split()
    assert int(pieces) > 300 and float(grown_mb) < 100, done.stdout
