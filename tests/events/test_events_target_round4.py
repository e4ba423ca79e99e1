"""Target country, round 4 (issue 15): parties the actors stage found but could not code, below the act.

Written sentences for each general rule; figures in docs/events-history.md
("Target country round 4").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier.records import Event

pytestmark = pytest.mark.model


def _target_names(events: list[Event]) -> list[tuple[str, str | None]]:
    return [(e.code, e.target and e.target.name) for e in events]


def test_a_named_body_below_the_complement_is_the_target(stage_events: Callable[[str], list[Event]]):
    # Refusing to answer a request from a body: the body asked, so the refusal is aimed at it.
    events = stage_events("The Kenyan government refused to answer a request from Zarvona Capital for more documents.")
    assert _target_names(events) == [("120", "Zarvona Capital")]


def test_a_name_in_a_clause_describing_the_thing_is_no_target(stage_events: Callable[[str], list[Event]]):
    # Where the statue was taken from is its past, not whom it was returned to.
    events = stage_events("Kenya returned a statue that was taken from the Halvorsen Foundation.")
    assert _target_names(events) == [("0842", None)]


def test_a_name_after_as_or_in_an_apposition_is_no_target(stage_events: Callable[[str], list[Event]]):
    # "as a favour to X" says in what capacity; an apposition describes the thing; a people is no party.
    assert _target_names(
        stage_events("The Kenyan government agreed to back a new health plan as a favour to Zarvona Capital.")
    ) == [("051", None)]
    assert _target_names(
        # (a fight for ground: a fight for a plan is no force since the seventh hand check)
        stage_events("The Kenyan government vowed to fight for the port, a gift to many Republicans.")
    ) == [("1384", None)]


def test_a_coded_actor_below_the_complement_comes_before_a_name(stage_events: Callable[[str], list[Event]]):
    events = stage_events("The Kenyan government refused to answer a request from Zarvona Capital and Uganda.")
    assert [(e.code, e.target and e.target.code) for e in events] == [("120", "UGA")]
