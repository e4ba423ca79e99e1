"""Issue 15: a noun that modifies a noun naming people or equipment is part of that name, no act of its
own ("special operations forces" are no operation, "attack helicopters" no attack); and only
peacekeepers (a noun whose plain row is 074) moving are peacekeeping.

Written sentences; figures in docs/events-history.md ("Compound acts").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The United States sent special operations forces for Mali.", [("154", "USA", "MLIMIL")]),
        ("Belgian special operations forces landed in Kinshasa.", [("154", "BELMIL", "COD")]),
        ("Syrian army attack helicopters were seen over the town.", []),
    ],
)
def test_a_modifier_of_people_or_equipment_is_no_act(coded, text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bangladeshi peacekeepers arrived in South Sudan.", [("074", "BGDMIL", "SSD")]),
        ("A Nigerian peacekeeping force arrived in Gambia on Friday.", [("074", "NGAMIL", "GMB")]),
        ("The Russian army launched an attack on Ukrainian positions.", [("190", "RUSMIL", "UKR")]),
    ],
)
def test_peacekeepers_and_acts_named_alone_are_still_coded(coded, text, expected):
    assert coded(text) == expected
