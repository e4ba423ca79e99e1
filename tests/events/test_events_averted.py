"""An act that someone averted or foiled did not take place: stored negated, left out of exports. One a
speaker says must be avoided is the speaker's demand (tests/events/test_events_averted_demands.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def flagged(stage_events, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.code[:2], tuple(e.flags)) for e in stage_events(text)]


def test_an_invasion_said_to_be_avoided_is_the_speakers_demand(stage_events):
    # Not the invasion with a blank source: France demands that it not happen (1056).
    assert flagged(stage_events, "France said a ground invasion of Libya must be avoided.") == [("10", ())]


def test_a_foiled_attack_is_negated(stage_events):
    assert flagged(stage_events, "Turkish police foiled an attack on the Russian embassy.") == [("19", ("negated",))]


def test_an_attack_launched_stays_asserted(stage_events):
    assert flagged(stage_events, "Israel launched an attack on Gaza.") == [("19", ())]
