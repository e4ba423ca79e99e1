"""Issue 16, sixth round: short quotes that head their own sentence, and dates and names in marks.

A quote of a few words that the parser makes the head of its sentence
('"Too much rain," she said.') hangs from nothing, so it is no adverbial
scare quote; a date in marks says nothing; a capitalised phrase right after
a preposition or set off after a noun names a show or a work. Each sentence
is written for the test; speakers are resolved through mentions built by
hand, as in test_quotes.py.
"""

from __future__ import annotations

import pytest

from dossier.parse.model import load_model
from tests.quotes.test_quotes import analyse
from tests.quotes.test_quotes_views import ACTORS


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def said(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(kind, cue, speaker name, text) of every quote in `text`."""
    return [(q.kind, q.cue, q.speaker.name if q.speaker else None, q.text) for q in analyse(nlp, text, ACTORS)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"Too much rain," Anna Lindqvist said, pointing at the fields.', "Too much rain"),
        ('"The waiting," Anna Lindqvist said, as the crowd cheered.', "The waiting"),
    ],
)
def test_a_short_quote_heading_its_sentence_is_said(nlp, text, quoted):
    assert ("direct", "say", "Anna Lindqvist", quoted) in said(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        'Anna Lindqvist said on "Farm Hour Today" that the harvest would fail.',
        'In her new book, "Fields of Plenty," and in an interview, Anna Lindqvist said the harvest would fail.',
        'The memo Lindqvist wrote was dated "March 4, 2015" and never sent.',
    ],
)
def test_a_show_a_work_or_a_date_in_marks_is_no_quote(nlp, text):
    assert all(kind != "direct" for kind, *_ in said(nlp, text))
