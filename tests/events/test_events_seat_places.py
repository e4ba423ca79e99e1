"""Seats of government named as places (issue 15, nineteenth session): "a visit to the White House" is
aimed at the United States, "protesters rallied outside the Kremlin" at Russia, as a capital named there
would be (`actors/data/landmarks.tsv`, read by the gazetteer); and coming back to a place is no return of
property (CAMEO 0842 needs a thing returned).

Written sentences; figures in docs/events.md ("Seats named as places").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Mexican president cancelled a planned visit to the White House.", ("125", "MEXGOV", "USA")),
        ("Thousands of protesters rallied outside the Kremlin on Sunday.", ("141", "CVL", "RUS")),
    ],
)
def test_a_seat_of_government_named_as_a_place_stands_for_its_country(coded, text, expected):
    assert coded(text) == [expected]


def test_coming_back_to_a_place_is_no_return_of_property(coded):
    assert coded("The senator returned to Washington on Monday after the recess.") == []
    assert coded("The exiled opposition leader returned to Kabul on Monday.") == []
    assert coded("Italy returned the stolen statue to Greece.") == [("0842", "ITA", "GRC")]
