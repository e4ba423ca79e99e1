"""Target country, round 5 (issue 15): targets found deeper, hosts of visits, pairs and partners.

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


def test_a_visit_to_a_seat_of_government_is_aimed_at_that_government(targets: Targets):
    assert targets("The Kenyan president cancelled a trip to the White House.") == [("125", "USAGOV", "USA")]


def test_a_seat_where_people_meet_stays_a_place(stage_events: Callable[[str], list[Event]]):
    # "at the White House" is the venue: the party met is Trump, not the building.
    events = stage_events("The Kenyan president met Trump at the White House.")
    assert [(e.code, e.target and e.target.name) for e in events] == [("040", "Donald Trump")]


def test_an_actor_deep_under_the_acts_own_target_preposition(targets: Targets):
    # "into the loss of funds from an account of X": X is found below the object of "into".
    found = targets("Kenya opened an investigation into the loss of funds from an account of the Ugandan embassy.")
    assert found == [("090", "UGAGOV", "UGA")]


def test_a_passive_relation_between_two_parties_is_their_act(stage_events: Callable[[str], list[Event]]):
    assert _pairs(stage_events("Trade talks between Kenya and Uganda were held in Nairobi.")) == [("040", "KEN", "UGA")]


def test_a_group_whose_positions_lie_in_a_country_takes_that_country(targets: Targets):
    found = targets("Iraqi jets bombed an Islamic State depot and other positions inside Syria.")
    assert found == [("195", "IMGREB", "SYR")]


def test_an_uncoded_organisation_conjoined_in_a_joint_act_is_the_partner(stage_events: Callable[[str], list[Event]]):
    events = stage_events("Kenya and the Zarvona Trade Bloc have agreed to cut tariffs on farm goods.")
    assert [(e.code, e.source.code, e.target and e.target.name) for e in events] == [
        ("0354", "KEN", "Zarvona Trade Bloc")
    ]


def test_a_country_before_the_noun_places_its_owner(targets: Targets):
    # One party, Amnesty, in Uganda: not Uganda and Amnesty as two targets.
    found = targets("Kenyan police detained the Uganda head of rights group Amnesty International at a hotel.")
    assert found == [("173", "NGOAMN", "UGA")]


def test_martial_law_with_no_party_named_is_imposed_on_the_own_country(targets: Targets):
    # The country named later in the sentence is the imposer's own: the one martial law is imposed on.
    found = targets("The Kenyan president imposed martial law, dissolving parliament and plunging Kenya into chaos.")
    assert found == [("1724", "KEN", "KEN")]


def test_a_seat_compounded_on_its_own_act_is_the_party(targets: Targets):
    # The proposal is the White House's: rejecting it is aimed at the US government.
    assert targets("China rejected a White House proposal on tariffs.") == [("120", "USAGOV", "USA")]
    # A critic of the Kremlin is no Kremlin: no Russian target.
    assert targets("Police arrested a Kremlin critic.") == [("173", None, None)]
