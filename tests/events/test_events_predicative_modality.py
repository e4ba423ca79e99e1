"""A predicative adjective's negation, modal and clause are on its copula (issue 15, hand check of PolNeAR
news): "is not ready to talk" is negated, "might be ready" hypothetical, and "to show that voters can be
confident" is only the content of a purpose.

Every sentence here is written for these tests; actors come from the actors stage.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def flagged(stage_events, text):
    return [(e.code, tuple(e.flags)) for e in stage_events(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran is ready to talk with the United States.", [("036", ())]),
        ("Iran is not ready to talk with the United States.", [("036", ("negated",))]),
        ("Iran might be ready to talk with the United States.", [("036", ("hypothetical",))]),
        ("The French government is not skeptical of the deal with Iran.", [("012", ("negated",))]),
    ],
)
def test_the_copula_carries_the_modality(stage_events, text, expected):
    assert flagged(stage_events, text) == expected


def test_an_adjective_inside_a_purpose_is_not_asserted(stage_events):
    text = "The Kenyan government will run ads to show that farmers can be confident in the new law."
    assert flagged(stage_events, text) == []
