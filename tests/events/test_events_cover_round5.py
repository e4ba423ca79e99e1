"""Coverage round 5 (issue 15): disputing another party's plan, ruling or finding is disapproval (CAMEO
110), while disputing a charge stays a denial of responsibility (016).

Written sentences; figures in docs/events-history.md ("Coverage round 5").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kenya disputed the Ugandan government's plan to build a dam.", [("110", "KEN", "UGAGOV")]),
        ("The Kenyan government disputed the ruling of the Ugandan court.", [("110", "KENGOV", "UGAJUD")]),
    ],
)
def test_disputing_another_partys_plan_or_ruling_is_disapproval(coded, text, expected):
    assert coded(text) == expected


def test_disputing_a_charge_is_still_a_denial(coded):
    assert [code for code, _, _ in coded("Kenya disputed the allegation by Uganda.")] == ["016"]
