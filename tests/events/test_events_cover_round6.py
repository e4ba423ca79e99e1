"""Coverage round 6 (issue 15): a verb that makes a decision carries the act it decides ("approved a
pardon" is the release, "adopted sanctions" the sanctions), read from its direct object alone; a head
that names people takes the code of its modifier only when the modifier is aid or forces ("special
operations forces" are troops, not an operation).

Written sentences; figures in docs/events-history.md ("Coverage round 6").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Egyptian cabinet approved a pardon for the prisoners.", [("0841", "EGYGOV", "EGYCVL")]),
        ("The EU unveiled an aid package for Syria.", [("070", "IGOEU", "SYR")]),
        ("France adopted new sanctions against Iran.", [("163", "FRA", "IRN")]),
    ],
)
def test_a_decision_carries_the_act_it_decides(coded, text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Brazilian Congress, with some help from Chile, has enacted a variety of changes.",
        "The Kenyan parliament approved the budget.",
        "The Kenyan president adopted the standard position of his party on taxes.",
    ],
)
def test_a_decision_on_no_act_is_no_event(coded, text):
    # what was enacted is the direct object ("changes"), not the "with" phrase; a budget is no act, and
    # a position adopted no statement
    assert coded(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Canada approved special operations forces to help the army of Mali.", "154"),
        ("Bangladesh sent a peacekeeping force to Mali.", "074"),
        ("Britain sent a rescue team to Turkey.", "073"),
    ],
)
def test_a_head_naming_people_takes_only_an_aid_or_forces_modifier(coded, text, expected):
    assert [code for code, _, _ in coded(text)] == [expected]
