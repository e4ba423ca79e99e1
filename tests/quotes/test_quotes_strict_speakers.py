"""Issue 16, seventh round: speakers an outside scorer sees in the exported record.

A name after a closing quote mark that the parser took for the cue's object
('"...," recalled the farmer.') is the speaker. Each sentence is written for
the test; speakers are resolved through mentions built by hand, as in
test_quotes.py.
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


def test_a_speaker_taken_for_the_object_after_a_closing_mark_speaks(nlp):
    text = '"The rain came late," recalled the farmer.'
    assert said(nlp, text) == [("direct", "recall", "the farmer", "The rain came late")]


def test_the_one_told_after_a_closing_mark_is_no_speaker(nlp):
    quotes = said(nlp, '"The rain came late," told the farmer.')
    assert all(speaker != "the farmer" for _, _, speaker, _ in quotes)
