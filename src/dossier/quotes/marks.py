"""Quote marks on the raw text: which marks open and close, paired into marked spans.

Straight and curly double marks, single curly marks (also apostrophes, so
paired only when close), Treebank-style double apostrophes and backticks; a
quote reopened at each paragraph by the newsroom convention is carried on;
an unclosed mark is capped. Works on text alone, before any parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# An opening mark that never closes ends at its paragraph's end, or at the
# last sentence end within this many characters (three or four sentences),
# so one stray mark cannot swallow an article.
MAX_UNCLOSED_CHARS = 600
# A quote carried over paragraphs stops reopening past this length.
MAX_QUOTE_CHARS = 3000
# Single curly quotes are also apostrophes; a pair further apart is not a quote.
MAX_SINGLE_QUOTE_CHARS = 400

DOUBLE_OPENING = "“„«‟"
DOUBLE_CLOSING = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPENING = "‘‹"
SINGLE_CLOSING = "’›"
# Archives in the Penn Treebank style write double quotes as two apostrophes
# (''...'') or two backticks and two apostrophes (``...'').
_DOUBLE_MARK = re.compile("''|``|[\"“”„«»‟]")
_BEFORE_OPENING = set("([{—–-/:;,") | set(DOUBLE_OPENING) | set(SINGLE_OPENING)
_AFTER_CLOSING = set(".,;:!?)]}—–-/") | set(DOUBLE_CLOSING) | set(SINGLE_CLOSING)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")
# A markup attribute's value ('<tweet author="@Okafor" date="March 4, 2016">'): marks of the markup, not quotes.
_ATTRIBUTE_VALUE = re.compile(r"=[\"“”][^\"“”<>]{0,200}[\"“”]")


@dataclass(frozen=True)
class MarkedSpan:
    """Text between quote marks; `start`/`end` exclude the marks, `close` (the closing mark) is None when unclosed."""

    open: int
    close: int | None
    start: int
    end: int
    after: int  # just past the closing mark; `end` when there is none


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Pair quote marks into spans; single quotes count only outside double ones.

    Example:
        >>> text = 'He said "yes" and left.'
        >>> [text[s.start:s.end] for s in find_marked_spans(text)]
        ['yes']
    """
    paragraphs = list(paragraph_bounds(text))
    doubles = _pair_double_marks(text, paragraphs)
    singles = _pair_single_marks(text, paragraphs, doubles)
    # A single-quoted stretch around double quotes is not nested the usual way; doubles win.
    singles = [one for one in singles if not any(one.open < double.end and double.open < one.end for double in doubles)]
    spans = [_trim(text, span) for span in sorted(doubles + singles, key=lambda span: span.open)]
    return [span for span in spans if span.end > span.start]


def paragraph_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph bounds: blank lines separate them, or single newlines in texts without any."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    begin = 0
    for match in separator.finditer(text):
        yield begin, match.start()
        begin = match.end()
    yield begin, len(text)


def _mark_role(text: str, at: int, length: int) -> str:
    """'open', 'close' or 'either' for the double mark at `at`, from its neighbours."""
    mark = text[at : at + length]
    before = text[at - 1] if at > 0 else " "
    after = text[at + length] if at + length < len(text) else " "
    opens = before.isspace() or before in _BEFORE_OPENING
    closes = after.isspace() or after in _AFTER_CLOSING or after == "'"
    if mark in DOUBLE_OPENING and (before.isalnum() or before in ".,!?") and after.isspace():
        return "close"  # a left mark glued to the words before it and followed by a space is a mistyped right one
    if mark in DOUBLE_OPENING or mark == "``":
        return "open"
    if mark in DOUBLE_CLOSING:
        # A right mark with a space before and a word after is a mistyped left one.
        return "open" if opens and after.isalnum() else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _pair_double_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    opened: tuple[int, int] | None = None  # position and length of the open mark
    markup = {at for match in _ATTRIBUTE_VALUE.finditer(text) for at in (match.start() + 1, match.end() - 1)}
    for number, (begin, end) in enumerate(paragraphs):
        marks = [
            (match.start(), len(match.group()))
            for match in _DOUBLE_MARK.finditer(text, begin, end)
            if match.start() not in markup
        ]
        if opened is not None and marks and marks[0][0] == begin:
            marks = marks[1:]  # the reopening mark of a quote carried over from the last paragraph
        for at, length in marks:
            role = _mark_role(text, at, length)
            if opened is None:
                if role != "close":
                    opened = (at, length)
            elif role == "open":
                opened = (at, length)  # the earlier mark never closed: a stray; start again here
            else:
                spans.append(MarkedSpan(opened[0], at, opened[0] + opened[1], at, at + length))
                opened = None
        if opened is None:
            continue
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        carries_on = (
            following is not None
            and _DOUBLE_MARK.match(text, following[0], following[1]) is not None
            and following[1] - opened[0] <= MAX_QUOTE_CHARS
        )
        if not carries_on:
            start = opened[0] + opened[1]
            capped = _cap_unclosed(text, start, end)
            spans.append(MarkedSpan(opened[0], None, start, capped, capped))
            opened = None
    return spans


def _cap_unclosed(text: str, start: int, paragraph_end: int) -> int:
    """Where a quote with no closing mark ends: its paragraph's end, or a sentence end before the cap."""
    if paragraph_end - start <= MAX_UNCLOSED_CHARS:
        return paragraph_end
    window = text[start : start + MAX_UNCLOSED_CHARS]
    ends = [match.end() for match in _SENTENCE_END.finditer(window)]
    if ends:
        return start + ends[-1]
    space = window.rfind(" ")
    return start + (space if space > 0 else len(window))


def _pair_single_marks(text: str, paragraphs: list[tuple[int, int]], doubles: list[MarkedSpan]) -> list[MarkedSpan]:
    """Curly single quotes used as primary marks; apostrophes and nested quotes are left alone."""
    inside = [(span.open, span.after) for span in doubles]
    spans: list[MarkedSpan] = []
    for begin, end in paragraphs:
        opened: int | None = None
        for at in range(begin, end):
            char = text[at]
            if char not in SINGLE_OPENING and char not in SINGLE_CLOSING:
                continue
            if any(low <= at < high for low, high in inside):
                continue
            before = text[at - 1] if at > 0 else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            if char in SINGLE_OPENING and (before.isspace() or before in _BEFORE_OPENING) and not after.isspace():
                opened = at
            elif char in SINGLE_CLOSING and opened is not None and not before.isspace() and not after.isalnum():
                if at - opened <= MAX_SINGLE_QUOTE_CHARS:
                    spans.append(MarkedSpan(opened, at, opened + 1, at, at + 1))
                opened = None
    return spans


def _trim(text: str, span: MarkedSpan) -> MarkedSpan:
    """Drop surrounding spaces and a trailing comma that belongs to the sentence, not the quote."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return MarkedSpan(span.open, span.close, start, end, span.after)
