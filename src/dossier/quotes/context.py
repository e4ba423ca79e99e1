"""What the quote finders share: the view of one article, an attribution, and a few constants and helpers.

`QuoteContext` holds one article's text, parse, cue tokens, quote-mark
spans and speaker resolution; `attribution.find_quotes` builds it once and
every finder (attribution.py, sources.py, contents.py) reads it.
`Attribution` is who said a stretch of text as found in the parse, before
the speaker is resolved to an actor. The constants here are those more
than one of these modules reads; `span_bounds` turns a run of tokens into
the character bounds of a quote's content.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dossier.quotes.cues import Cue, CueLexicon
from dossier.quotes.marks import DOUBLE_CLOSING, DOUBLE_OPENING, SINGLE_CLOSING, SINGLE_OPENING, STRAIGHT_DOUBLE
from dossier.quotes.speakers import Speakers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How far up the parse a quote may sit below its cue ("said the plan was
# 'a disaster'" is three steps); deeper links are usually wrong attachments.
MAX_CLIMB = 8
# How many tokens after a closing mark (or before an opening one) may hold
# the speaker and cue when the parser split them from the quote.
ADJACENT_TOKENS = 8
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
CONTENT_PRONOUNS = frozenset({"it", "this", "that", "what", "which", "so", "something", "anything", "nothing"})
# Cue types that characterise something: "label" ("called it 'a disaster'") and "judge", which also
# states a judgement on a bare object ("criticized the president's foreign policy").
LABEL_TYPES = frozenset({"label", "judge"})
MARK_TOKENS = frozenset({"''", "``"})
ALL_MARKS = frozenset(DOUBLE_OPENING + DOUBLE_CLOSING + STRAIGHT_DOUBLE + SINGLE_OPENING + SINGLE_CLOSING)
NO_CUE = Cue("", "none", "-")


@dataclass(frozen=True)
class Attribution:
    """Who said a stretch of text, as found in the parse."""

    cue: Cue | None
    cue_token: Token | None
    speaker: Token | None
    addressee: Token | None = None


@dataclass
class QuoteContext:
    """One article's text, parse, cues and mentions, shared by the quote finders."""

    text: str
    doc: Doc
    lexicon: CueLexicon
    cues: dict[int, Cue]
    quote_of_token: list[int]
    span_tokens: list[tuple[int, int]]  # per marked span: token range, marks included
    speakers: Speakers
    paragraph_starts: list[int]
    named_lines: dict[int, tuple[Token, int, int]] = field(default_factory=dict)  # paragraph: speaker, content

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding a character offset."""
        return bisect.bisect_right(self.paragraph_starts, offset) - 1


def is_mark(token: Token) -> bool:
    return token.text in MARK_TOKENS or all(char in ALL_MARKS for char in token.text)


def span_bounds(tokens: list[Token], min_words: int = 2) -> tuple[int, int] | None:
    """Character bounds of a run of tokens, without a leading 'that' or punctuation at either edge;
    None below `min_words` words (a stance may be one name: "endorsed Trump")."""
    tokens = sorted(tokens, key=lambda token: token.i)
    while tokens and (_is_edge_filler(tokens[0]) or _is_complementizer(tokens[0])):
        tokens = tokens[1:]
    while tokens and _is_edge_filler(tokens[-1]):
        tokens = tokens[:-1]
    if len([token for token in tokens if not token.is_punct]) < min_words:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _is_edge_filler(token: Token) -> bool:
    return token.is_space or (token.is_punct and not is_mark(token))


def _is_complementizer(token: Token) -> bool:
    """A clause-opening 'that' (the parser sometimes calls it an object: 'that he would run')."""
    return token.lower_ == "that" and (token.dep_ == "mark" or token.head.i > token.i + 1)
