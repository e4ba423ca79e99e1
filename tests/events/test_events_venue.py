"""Venues and backing (issue 15): the body "at" which a complaint or a case is brought is its venue, not
its target, when the complaint names a party ("lodged a complaint against Russia at the UN": Russia); and
receiving the backing of X is X's support of the receiver (CAMEO 051), not the receiver hosting X (043),
which needs an object that is a visitor, not an act.

Written sentences; figures in docs/events-history.md ("Venues and backing").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ukraine lodged a complaint against Russia at the United Nations on Tuesday.", ("114", "UKR", "RUS")),
        ("Gambia filed a case against Myanmar at the International Court of Justice.", ("115", "GMB", "MMR")),
        ("Australia lodged a protest with China at the World Trade Organization.", ("114", "AUS", "CHN")),
        ("Peru brought a complaint against Chile before the World Trade Organization.", ("114", "PER", "CHL")),
        ("Japan raised concerns with China at the Security Council.", ("012", "JPN", "CHN")),
    ],
)
def test_the_body_at_which_a_complaint_is_brought_is_its_venue_not_its_target(coded, text, expected):
    assert coded(text) == [expected]


def test_with_no_other_party_the_body_at_which_it_is_lodged_stays_the_target(coded):
    assert coded("Pakistan lodged a complaint at the United Nations.") == [("114", "PAK", "IGOUNO")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Sudanese government received the backing of the African Union for its plan.",
            ("051", "IGOAFU", "SDNGOV"),
        ),
        ("The Malian junta got the endorsement of ECOWAS on Monday.", ("051", "IGOECW", "MLI")),
    ],
)
def test_receiving_the_backing_of_a_party_is_that_partys_support(coded, text, expected):
    assert coded(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Iraqi prime minister received the Iranian foreign minister in Baghdad.", ("043", "IRQGOV", "IRNGOV")),
        ("The Ethiopian government received a delegation of the African Union.", ("043", "ETHGOV", "IGOAFU")),
    ],
)
def test_receiving_a_visitor_is_still_hosting_a_visit(coded, text, expected):
    assert coded(text) == [expected]
