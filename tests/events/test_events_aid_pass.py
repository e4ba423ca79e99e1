"""The AID family (issue 15): peacekeepers on the move are peacekeeping (074), not a mobilisation.

Written sentences for each rule kept; figures in docs/events-history.md ("The AID family").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_aid_named_by_a_noun_that_is_frozen_or_debated_is_not_given(coded):
    # Measured and not kept: aid named by a noun coded as given. Governed by a verb, it was often
    # not given at all; the noun stays no event of its own.
    assert coded("Congress debated US aid to Israel.") == []


def test_aid_given_by_a_verb_is_still_coded(coded):
    assert coded("Turkey shipped medical aid to Italy.") == [("073", "TUR", "ITA")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bangladeshi peacekeepers arrived in South Sudan.", ("074", "BGDMIL", "SSD")),
        ("The peacekeeping force deployed to Mali.", ("074", "MIL", "MLI")),
    ],
)
def test_peacekeepers_on_the_move_are_peacekeeping_not_a_mobilisation(coded, text, expected):
    # CAMEO 074 is the deployment of peacekeepers; an arrival or deployment of other forces is 154.
    assert coded(text) == [expected]


def test_troops_on_the_move_stay_a_mobilisation(coded):
    assert coded("Russian troops arrived in Syria.") == [("154", "RUSMIL", "SYR")]
