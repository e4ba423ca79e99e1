"""Acts of a place's police, forces or students named as one name ("Delhi Police", read by the entity
recogniser as a person; "Lagos State Police", "Karachi University students"): the source is the role of
that place's country, not an unknown person (issue 15; figures in docs/events-history.md, "A place's
police, army or council").

Written sentences.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        # The recogniser reads "Delhi Police" here as a person's name.
        ("Delhi Police arrested two men after a raid on Tuesday.", ("173", "INDCOP", "INDCVL")),
        ("Lagos State Police detained the organisers of the march.", ("173", "NGACOP", None)),
        ("Kano Police arrested five students after the clashes.", ("173", "NGACOP", "NGAEDU")),
    ],
)
def test_a_place_s_police_named_as_one_name_arrest_as_that_country_s_police(coded, text, expected):
    assert expected in coded(text)


def test_students_of_a_city_s_university_protest_as_that_country_s_students(coded):
    assert ("141", "PAKEDU", None) in coded("Karachi University students protested against the fee rise.")
