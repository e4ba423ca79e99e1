"""Target country, round 7 (issue 15): which of an act's events comes first.

Written sentences for each rule; figures in docs/events-history.md ("Target country round 7").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytestmark = pytest.mark.model

Targets = Callable[[str], list[tuple[str, str | None, str | None]]]


def test_a_target_placed_in_a_country_comes_before_one_with_none(targets: Targets):
    # The UN official (IGOUNO, no country) is named first; the Somali journalists' event leads.
    found = targets("Kenyan police arrested a UN official and two Somali journalists in Nairobi.")
    assert found == [("173", "SOMMED", "SOM"), ("173", "IGOUNO", None)]


def test_the_order_of_targets_that_all_have_a_country_is_the_texts(targets: Targets):
    found = targets("Ethiopia held talks with Kenya and the Eritrean government on Monday.")
    assert [country for _, _, country in found] == ["KEN", "ERI"]


def test_the_reordering_drops_no_event(targets: Targets):
    found = targets("The army shelled positions of the Red Cross and Sudanese rebels near the border.")
    assert sorted(code for _, code, _ in found) == ["IGOIRC", "SDNREB"]
    assert found[0][2] == "SDN"


def test_a_source_placed_in_a_country_comes_before_one_with_none(coded: Targets):
    found = coded("Amnesty International and the Nigerian army accused Boko Haram of killing villagers.")
    assert found == [("112", "NGAMIL", "NGAREB"), ("112", "NGOAMN", "NGAREB")]


def test_a_joint_act_keeps_its_partners_in_the_texts_order(coded: Targets):
    # Conjoined subjects of an agreement act with each other: the first named stays the source.
    found = coded("The African Union and Kenya agreed to hold joint exercises next year.")
    assert [(source, target) for _, source, target in found] == [("IGOAFU", "KEN")]
