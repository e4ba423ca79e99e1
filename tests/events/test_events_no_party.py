"""A material act needs a party acted on (issue 15): aid (07), de-escalation (08) and force (15, 18-20)
done to an abstract or economic thing (ratings, investment, taxes, a campaign) is no event.

Every sentence here is written for these tests; actors come from the actors stage.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "BBC News beat other British broadcasters in the ratings last year.",
        "Analysts warned that the dispute could hurt foreign investment in Brazil.",
        "The French bank paid $30 million in taxes to Nigeria last year.",
        "Senator Jones suspended his presidential campaign on Tuesday.",
    ],
)
def test_a_material_act_on_an_abstract_thing_is_no_event(coded, text):
    assert coded(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Syrian army suspended its bombing campaign in Idlib on Tuesday.", "087"),
        ("Russian troops beat protesters in Moscow on Tuesday.", "182"),
        ("The French bank paid $30 million to Nigeria last year.", "071"),
        ("A bomb killed five people in a market in Kabul on Monday.", "1823"),
    ],
)
def test_a_material_act_on_a_party_or_place_stays(coded, text, code):
    assert [c for c, _, _ in coded(text)] == [code]
