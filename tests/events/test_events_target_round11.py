"""Target round 11 (issue 15): a place named in the thing done's own slot comes before a party deeper down.

Written sentences for the rule kept; figures in docs/events-history.md ("Target round 11").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytestmark = pytest.mark.model

Targets = Callable[[str], list[tuple[str, str | None, str | None]]]


def test_a_place_the_thing_done_is_aimed_at_comes_before_a_clause_below_it(targets: Targets):
    text = "Moscow has issued an ultimatum to Idlib province, warning of air strikes if the Turkish army stays."
    found = targets(text)
    assert found[0][1:] == ("SYR", "SYR")


def test_with_no_place_in_its_slot_the_party_below_the_thing_is_the_target(targets: Targets):
    found = targets("Egypt issued an ultimatum, saying it would act unless the Ethiopian army withdrew.")
    assert found[0][1:] == ("ETHMIL", "ETH")


def test_a_place_in_a_locative_slot_of_the_thing_is_not_its_target(targets: Targets):
    found = targets("Egypt issued a warning in Cairo that the Ethiopian army must withdraw.")
    assert found[0][1:] != ("EGY", "EGY")
