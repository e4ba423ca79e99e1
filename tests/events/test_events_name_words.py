"""Issue 15: a noun inside a named actor's mention, below another word of the name, is a word of the name
and no act of its actor ("the Popular Mobilization Forces" mobilise nothing, "the UN Assistance Mission"
gives no aid). Written sentences over hand-built mentions; figures in docs/actors.md ("Coverage by category").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_an_act_noun_inside_a_group_name_is_no_act(code):
    found = code(
        "The Popular Mobilization Forces fired rockets at a US base.",
        ("The Popular Mobilization Forces", "IRQREB", "REB", "group"),
        ("US", "USA", None),
    )
    assert [(e.code, e.source.code) for e in found] == [("195", "IRQREB")]


def test_the_same_noun_outside_a_name_is_still_an_act(code):
    found = code(
        "Iraq ordered the mobilization of its reserve forces against Islamic State.",
        ("Iraq", "IRQ", None),
        ("Islamic State", "IMGREB", "REB", "group"),
    )
    assert found
