"""Target country, round 5 (issue 15): targets found deeper, the host of a delegation.

Written sentences for each general rule; figures in docs/events-history.md
("Target country round 5").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier.records import Event

pytestmark = pytest.mark.model

Targets = Callable[[str], list[tuple[str, str | None, str | None]]]


def _pairs(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.code, e.source.code, e.target and e.target.code) for e in events]


def test_a_delegation_received_from_a_party_hosts_that_party(stage_events: Callable[[str], list[Event]]):
    # The parser hangs "from Hamas" on the verb: the visitors' sender is the one received (043).
    assert _pairs(stage_events("Jordan received a delegation from Hamas on Sunday.")) == [("043", "JOR", "PSEREB")]


def test_an_actor_deep_under_the_acts_own_target_preposition(targets: Targets):
    # "into the loss of funds from an account of X": X is found below the object of "into".
    found = targets("Kenya opened an investigation into the loss of funds from an account of the Ugandan embassy.")
    assert found == [("090", "UGAGOV", "UGA")]
