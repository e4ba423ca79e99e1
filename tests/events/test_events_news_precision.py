"""Senses of coded verbs that political news uses for no event (issue 15, nineteenth session): capturing
votes, delegates or wins is winning, not an arrest; receiving a share of the vote, a report or imports is
hosting no visitor; an interview given to an outlet is no concession; an onslaught of imports is no force.
Each found among the most frequent events on PolNeAR tune-half texts and read there; the sentences here
are written for the test. Figures in docs/events.md ("News precision").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "The governor captured the support of rural voters in the primary.",
        "By March the senator had captured 1,200 delegates.",
        "She swept the South, capturing wins in Georgia and Alabama.",
        "The mayor received 52 percent of the vote.",
        "The committee received the 40-page report on Monday.",
        "Mexico received a surge of Chinese imports last year.",
        "The senator gave a long interview to the BBC.",
        "Canada faced an onslaught of imports from China.",
    ],
)
def test_a_political_or_commercial_sense_is_no_event(coded, text):
    assert coded(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police captured the gunman after a chase.", ("173", "COP", "UAF")),
        ("The rebels captured the town of Idlib.", ("192", "REB", "SYR")),
        ("The king received a delegation from Iran.", ("043", "GOV", "IRN")),
        ("The army launched an onslaught on the rebels.", ("190", "MIL", "REB")),
    ],
)
def test_the_senses_that_are_events_stay_coded(coded, text, expected):
    assert coded(text) == [expected]
