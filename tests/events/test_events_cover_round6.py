"""Coverage round 6 (issue 15): a verb that makes a decision carries the act it decides ("approved a
pardon" is the release, "adopted sanctions" the sanctions), read from its direct object alone.

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
    ],
)
def test_a_decision_on_no_act_is_no_event(coded, text):
    # what was enacted is the direct object ("changes"), not the "with" phrase; a budget is no act
    assert coded(text) == []
