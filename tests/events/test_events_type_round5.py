"""Labelled type round 5 (issue 15): an appeal for an inquiry or a legal action against a party that is
not asked to act ("called for an investigation into the Israeli raid") accuses that party (CAMEO 111,
PLOVER ACCUSE), as an appeal for force or sanctions against it does; an appeal to a party to act ("urged
Iraq to investigate", "asked him to condemn the violence") stays an appeal (02x).

Written sentences; figures in docs/events-history.md ("Labelled type round 5").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The UN urged an independent inquiry into the Israeli raid.", ("111", "IGOUNO", "ISRMIL")),
        (
            "The European Parliament called for an investigation into the conduct of the Hungarian government.",
            ("111", "IGOEU", "HUNGOV"),
        ),
    ],
)
def test_an_appeal_for_an_inquiry_into_a_party_accuses_it(coded, text, expected):
    assert expected in coded(text)
    assert not any(code.startswith("02") for code, _, _ in coded(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The UN urged Iraq to investigate the killings.", [("020", "IGOUNO", "IRQ")]),
        ("Senate Majority Leader Mitch McConnell asked him to condemn the violence.", [("020", "USALEG", None)]),
    ],
)
def test_an_appeal_to_a_party_to_inquire_or_condemn_stays_an_appeal(coded, text, expected):
    assert coded(text) == expected


def test_an_appeal_for_force_against_a_party_still_denounces_it(coded):
    assert ("111", "USA", "SYR") in coded("The United States called for air strikes against Syria.")
