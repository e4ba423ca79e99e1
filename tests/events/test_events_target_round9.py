"""Target round 9 (issue 15): the one country an act's clauses name below it.

Written sentences for the rule kept; figures in docs/events-history.md ("Target round 9").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytestmark = pytest.mark.model

Targets = Callable[[str], list[tuple[str, str | None, str | None]]]


def test_the_one_country_of_a_clause_below_the_act_is_its_target(targets: Targets):
    assert targets("Japan is deeply concerned about what North Korea is doing.") == [("012", "PRK", "PRK")]
    assert targets("Australia is worried that China could block the deal.")[0] == ("012", "CHN", "CHN")


def test_two_countries_below_the_act_name_no_one_target(targets: Targets):
    assert targets("Japan is deeply concerned about what North Korea and China are doing.") == [("012", None, None)]


def test_the_sources_own_country_is_no_target(targets: Targets):
    assert targets("Japan is deeply concerned about what Japanese firms are doing.") == [("012", None, None)]


def test_a_clause_set_beside_the_act_names_no_target(targets: Targets):
    # "as Russia began its own campaign" is another act, beside this one, not what it is aimed at.
    found = targets("The United States began air strikes last year as Russia began its own campaign.")
    assert found == [("195", None, None)]


def test_who_reports_the_act_is_no_target(targets: Targets):
    found = targets("Japan is deeply concerned about the blast, according to a report in a Chinese newspaper.")
    assert found == [("012", None, None)]


def test_a_material_act_may_be_aimed_at_the_sources_own_country_named_bare(targets: Targets):
    found = targets("The Thai army seized power in a coup that left Thailand without a government.")
    assert found == [("1711", "THA", "THA")]


def test_a_statement_is_not_aimed_at_the_sources_own_country(targets: Targets):
    found = targets("The Nigerian president is confident that the reforms will make Nigeria stronger.")
    assert found == [("013", None, None)]
