"""A report's dateline ("MANILA --", "WASHINGTON (AP) —", "Harare, Zimbabwe -") names no actor.

The place a report was filed from opens its text or its first paragraph,
before a dash: "MOGADISHU, Somalia -- A U.S. airstrike killed ...". Read as
a sentence, the parser makes it a subject, and as an actor it would become a
party to every event of the lead ("Manila pardoned ..."). Its tokens are
set aside before the other steps run, so no mention claims them.

A dateline is a place the gazetteer knows, or a name in capitals before a
dash ("UNITED NATIONS --"), perhaps followed by its region and a wire agency
in brackets. A colon ends one only after a big city in capitals
("ISLAMABAD:"): a headline's "Obama: ..." or "North Korea: ..." and a
transcript's "TAPPER: ..." are a speaker or a topic, not a dateline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.attrs import IS_SPACE

from dossier.actors.state import ArticleInputs, FoundMentions
from dossier.gazetteer import Gazetteer, gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

DASHES = frozenset({"-", "--", "—", "–"})
# A city this big, in capitals, may open a dateline closed by a colon ("ISLAMABAD:").
COLON_CITY_POPULATION = 500_000
# A place, perhaps its country or state, perhaps a wire agency in brackets.
MAX_DATELINE_TOKENS = 10


def dateline_spans(
    doc: Doc, texts: Sequence[str] | None = None, places: Gazetteer | None = None
) -> list[tuple[int, int]]:
    """Token spans of the datelines opening the text or a paragraph, the closing dash or colon included.

    `texts` are the tokens' texts when the caller has them already; `places` the gazetteer to read (the
    current DOSSIER_ACTORS_PATH's when not given).

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> dateline_spans(nlp("MANILA, Philippines -- The president spoke."))
        [(0, 4)]
        >>> dateline_spans(nlp("Trump: I will win.")), dateline_spans(nlp("US-China talks ended."))
        ([], [])
        >>> dateline_spans(nlp("Cruz wins.\\n\\nWASHINGTON (AP) — The senator spoke."))
        [(4, 9)]
    """
    if texts is None:
        texts = [token.text for token in doc]
    places = places or gazetteer()
    spans: list[tuple[int, int]] = []
    for start in _paragraph_starts(doc, texts):
        end = _dateline_end(doc, texts, start, places)
        if end:
            spans.append((start, end))
    return spans


def set_aside_dateline(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Claim the datelines' tokens for no mention, so that no later step makes them actors."""
    for start, end in dateline_spans(inputs.doc, inputs.texts, inputs.places):
        for i in range(start, end):
            found.taken[i] = True


def _paragraph_starts(doc: Doc, texts: Sequence[str]) -> list[int]:
    """The first word of the text and each word after a space token holding a line break."""
    starts: list[int] = []
    after_break = True
    for i, space in enumerate(doc.to_array(IS_SPACE).tolist()):  # the flags in one call, no Token objects
        if not space and after_break:
            starts.append(i)
        after_break = bool(space) and "\n" in texts[i]
    return starts


def _dateline_end(doc: Doc, texts: Sequence[str], start: int, places: Gazetteer) -> int:
    """The index after the dash or colon closing a dateline that starts at `start`, else 0."""
    place: list[str] = []
    in_place, in_brackets = True, False
    for i in range(start, min(start + MAX_DATELINE_TOKENS, len(texts))):
        text = texts[i]
        if text in DASHES or text == ":":
            return i + 1 if place and _closes(doc, i, " ".join(place), places) else 0
        if text == "(":
            in_place, in_brackets = False, True
        elif text == ")":
            in_brackets = False
        elif text == ",":
            in_place = False
        elif in_brackets or text == ".":
            continue
        elif not text[:1].isupper():
            return 0
        elif in_place:
            place.append(text)
    return 0


def _closes(doc: Doc, i: int, place: str, places: Gazetteer) -> bool:
    """A dash set apart by spaces ("KABUL - ", not "US-China") or a colon, followed by a capitalised
    word; before a colon, or in mixed case, only a place the gazetteer knows."""
    before, mark = doc[i - 1], doc[i]
    following = doc[i + 1] if i + 1 < len(doc) else None
    if following is None or not mark.whitespace_ or not following.text[:1].isupper():
        return False
    entry = places.lookup(place)
    city = entry is not None and entry.kind == "city"  # "North Korea: ..." heads a topic, not a filing place
    if mark.text == ":":
        # In capitals and a big city: "ISLAMABAD:", not "Obama:" (a Japanese town) or "OBAMA:" in a transcript.
        return place.isupper() and city and entry is not None and entry.population >= COLON_CITY_POPULATION
    return bool(before.whitespace_) and (city or place.isupper())
