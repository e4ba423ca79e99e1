"""A party picked out by a relative clause is the target, not the country the clause names (issue 15).

The seeds' "threatened to cut trade ties with any country that does business with Pyongyang" was coded
toward North Korea; the threat is aimed at third countries, which have no code, so the event has no target.
Written sentences; figures in docs/events.md ("Targets").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytestmark = pytest.mark.model

Coded = Callable[[str], list[tuple[str, str | None, str | None]]]


def test_a_country_named_in_a_clause_describing_the_target_is_not_it(coded: Coded):
    found = coded("The president threatened to cut trade ties with any country that does business with Iran.")
    assert [(code, target) for code, _, target in found] == [("1313", None)]


def test_companies_picked_out_by_a_clause_are_not_the_country_they_trade_with(coded: Coded):
    found = coded("Washington threatened sanctions against any company that trades with Venezuela.")
    assert found == [("1312", "USA", None)]


def test_a_target_named_beside_the_clause_still_counts(coded: Coded):
    # The clause describes the sanctions, not a party: the country acted on is still found below the object.
    found = coded("The European Union imposed sanctions that took effect on Monday on Russia.")
    assert [target for _, _, target in found] == ["RUS"]
