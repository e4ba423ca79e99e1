"""Target country, round 3 (issue 15): the country an act with no party of its own is set in.

Written sentences for each general rule; figures in docs/events-history.md
("Target country round 3").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_resignation_takes_the_country_its_clauses_are_set_in(targets):
    assert targets("The finance minister resigned on Friday after weeks of strikes over fuel prices in Chile.") == [
        ("0831", "CHL", "CHL")
    ]


def test_a_mobilization_takes_the_country_of_the_unrest_it_answers(targets):
    assert targets("Colombian soldiers mobilized along the frontier as riots spread through towns in Venezuela.") == [
        ("154", "VEN", "VEN")
    ]


def test_two_countries_set_no_one_scene(targets):
    assert targets("The mayor resigned after protests in Chile and Peru.") == [("0831", None, None)]


def test_a_town_below_the_act_does_not_stand_for_a_country(targets):
    # Gazetteer towns share names with places abroad; only countries the actors stage found set the scene.
    assert targets("The minister resigned after a bombing at a market in Kandahar.") == [("0831", None, None)]


def test_an_uncoded_body_takes_the_country_of_its_owner(targets):
    assert targets("Rebels attacked the Liaison Office of the Polish Foreign Ministry.") == [("190", "POL", "POL")]


def test_a_role_acted_on_takes_the_one_country_of_its_sentence(targets):
    assert targets("Belarus freed twelve jailed students on Saturday.") == [("0841", "BLREDU", "BLR")]


def test_refugees_do_not_take_the_country_that_receives_them(targets):
    assert targets("Poland opened its border crossings to refugees.") == [("081", "REF", None)]


def test_officials_acted_on_are_those_of_the_sentence_s_one_country(targets):
    assert targets("A Bolivian rebel commander surrendered to the authorities on Monday.") == [
        ("0874", "BOLGOV", "BOL")
    ]


def test_a_person_known_by_an_office_takes_the_sentence_s_one_country(targets):
    assert targets("Kenyan prosecutors charged the finance minister with fraud on Monday.") == [
        ("1121", "KENGOV", "KEN")
    ]


def test_a_place_the_thing_acted_on_is_aimed_at_stands_for_its_country(targets):
    assert targets("Turkey closed its border with Idlib province on Monday.") == [("191", "SYR", "SYR")]


def test_an_act_with_no_agent_takes_no_country_from_the_sentence(targets):
    # The voters would take Peru, the sentence's one country, as the target of a named agent's act; with no
    # agent named, the act is coded on the voters by their role alone (told in the past: a known side),
    # never on a country inferred from the sentence.
    assert targets("Voters were threatened at polling stations, a Peruvian monitor said.") == [("130", "CVL", None)]
