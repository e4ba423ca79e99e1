"""Targets placed in a country by their own phrase, and places named by an intended act (issue 15, wave 5).

Written sentences for each general rule; figures in docs/events.md
("Target actors, generic agents, extra events").
"""

from __future__ import annotations

import pytest

from dossier.actors import resolve as actors_stage
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import ParsedArticle, load_model
from dossier.records import Article

pytestmark = pytest.mark.model


def test_a_force_without_a_country_is_in_the_country_its_phrase_names(targets):
    assert targets("Canada is sending soldiers to the United Nations peacekeeping force in Mali.") == [
        ("074", "IGOUNO", "MLI")
    ]


def test_an_uncoded_organisation_in_a_country_is_coded_by_that_country(targets):
    assert targets("Norway returned two stolen paintings to the Vasa Museum in Sweden.") == [("0842", "SWE", "SWE")]


def test_an_actor_with_a_country_keeps_it(targets):
    assert targets("Kenya sent troops to help Somali forces in Ethiopia.") == [("154", "SOMMIL", "SOM")]


def test_an_intended_withdrawal_names_the_place_left(targets):
    assert targets("Egypt is willing to withdraw its troops from Gaza.") == [("0356", "PSE", "PSE")]


def test_the_venue_of_an_intended_meeting_is_no_target(targets):
    assert targets("Japan is ready to hold talks in Geneva.") == [("036", None, None)]


def test_a_region_the_news_names_alone_stands_for_its_country(targets):
    assert targets("The UN withdrew its monitors from the Golan Heights.") == [("1662", "SYR", "SYR")]
    assert targets("Rebels attacked an army post in Borno State.") == [("190", "NGA", "NGA")]


def test_the_source_of_a_report_is_no_target(targets):
    assert targets("The army captured three towns on Monday, according to state media.") == [("192", None, None)]


def test_a_named_recipient_hung_on_the_thing_given_is_the_target():
    # The parser hangs "to the Vasa Museum" on "statue"; the museum is a name no list codes.
    text = "Norway returned the stolen statue to the Vasa Museum."
    parsed = ParsedArticle(Article.build(text, name="written"), load_model()(text))
    events = code_events(parsed, actors_stage.resolve_actors(parsed), (), load_event_data(learned_fallback=False))
    assert [(e.code, e.target and e.target.name) for e in events] == [("0842", "Vasa Museum")]


def test_the_subject_of_a_verdict_s_small_clause_is_the_one_found_guilty(targets):
    assert targets("A Russian court found Ukraine guilty of breaking the deal.") == [("116", "UKR", "UKR")]


def test_people_of_no_stated_country_expelled_from_named_countries_are_those_countries(targets):
    found = targets("Iran said it had expelled journalists from Britain and France over their reports.")
    assert [target for _, target, _ in found] == ["GBR", "FRA"]


def test_people_sent_to_named_countries_stay_the_target(targets):
    found = targets("The United States deported migrants to Mexico and Guatemala.")
    # all three stay targets; the countries' events come first (target round 7: targets with a country lead)
    assert [target for _, target, _ in found] == ["MEX", "GTM", "REF"]


def test_conjoined_partners_of_an_agreement_are_each_other_s_target(targets):
    # What they agreed to do names Iran; the agreement is between Japan and India.
    assert targets("Japan and India agreed to persuade Iran to stop its enrichment programme.") == [
        ("030", "IND", "IND")
    ]
    assert targets("Japan agreed to persuade Iran to stop its enrichment programme.") == [("030", "IRN", "IRN")]


def test_a_meeting_at_the_white_house_takes_place_in_the_united_states(stage_events):
    # geonames lists "White House" among Casablanca's names; the building is in Washington.
    events = stage_events("President Donald Trump met Japanese Prime Minister Shinzo Abe at the White House on Monday.")
    assert [(e.code, e.place and e.place.country) for e in events] == [("040", "USA")]


def test_police_in_the_capital_act_in_its_country(stage_events):
    events = stage_events("Police arrested three opposition activists in Islamabad on Tuesday.")
    assert [(e.code, e.place and e.place.country) for e in events] == [("173", "PAK")]
