"""An act that someone averted, foiled or wants avoided did not take place: stored negated, left out of exports."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def flagged(stage_events, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.code[:2], tuple(e.flags)) for e in stage_events(text)]


def test_an_invasion_that_must_be_avoided_is_negated(stage_events):
    assert flagged(stage_events, "France said a ground invasion of Libya must be avoided.") == [("19", ("negated",))]


def test_a_foiled_attack_is_negated(stage_events):
    assert flagged(stage_events, "Turkish police foiled an attack on the Russian embassy.") == [("19", ("negated",))]


def test_an_attack_launched_stays_asserted(stage_events):
    assert flagged(stage_events, "Israel launched an attack on Gaza.") == [("19", ())]
