"""Coverage round 8b (issue 15): actors known through whose they are, and photo captions.

A unit named as part of a listed state body is that body; forces loyal to
someone are the forces of that person's country; the second person of a
caption ("X, left, and Y ...") is a subject too. Written sentences; figures
in docs/events-history.md ("Coverage round 8b").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The 5th Artillery Brigade of the Nigerian Army arrested ten suspects.", ("173", "NGAMIL")),
        ("The Nigerian Army's 5th Artillery Brigade arrested ten suspects.", ("173", "NGAMIL")),
    ],
)
def test_a_unit_of_a_listed_body_is_that_body(coded, text, expected):
    assert expected in [(code, source) for code, source, _ in coded(text)]


def test_forces_loyal_to_a_leader_are_his_countrys_forces(coded):
    assert coded("Soldiers loyal to President Salva Kiir attacked the camp.") == [("190", "SSDMIL", None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Angela Merkel, left, and Emmanuel Macron, right, sign an agreement in Paris.", ("057", "DEUGOV", "FRAGOV")),
    ],
)
def test_both_people_of_a_caption_act(coded, text, expected):
    assert expected in coded(text)
