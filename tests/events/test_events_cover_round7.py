"""Coverage round 7 (issue 15): shapes of the parse and codebook families that left sentences with no
event. An acronym opening a clause that the small model tags as an adverb is the subject of its verb.

Written sentences; figures in docs/events-history.md ("Coverage round 7").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("USAID had announced a suspension of aid to Yemen.", [("162", "USAGOV", "YEM")]),
        ("USAID quietly announced new funding for Haiti.", [("071", "USAGOV", "HTI")]),
    ],
)
def test_an_acronym_read_as_an_adverb_is_the_subject(coded, text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Syrian army is responsible for the killings of civilians.", [("1823", "SYRMIL", "SYRCVL")]),
        ("The Taliban were responsible for the bombing.", [("183", "AFGREB", None)]),
    ],
)
def test_an_act_the_subject_is_responsible_for_is_its_act(coded, text, expected):
    assert coded(text) == expected


def test_a_reported_charge_of_responsibility_is_not_the_act(coded):
    # the speaker's charge; the writer does not say the militants attacked
    text = "Kenyan police said the Shabaab militants were responsible for the attack."
    assert ("190", "SOMREB", None) not in coded(text)
