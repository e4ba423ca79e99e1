"""Targets the events stage finds through the real actors stage (issue 15, target pass).

Written sentences for each general rule: a thing a nationality adjective
modifies stands for its country, and an act that names no one acted on
takes the actor of its purpose ("gave money to promote investment in
Ghana", "mobilized troops for a war against Chad"). Figures in docs/events.md.
"""

from __future__ import annotations

import pytest

from dossier.events.coder import load_event_data
from dossier.parse.model import load_model
from tests.events.event_fixtures import code_through_actors

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code():
    nlp, data = load_model(), load_event_data(learned_fallback=False)
    return lambda text: code_through_actors(nlp, data, text)


def test_a_national_thing_acted_on_is_its_country(code):
    assert code("The navy seized a Greek tanker.") == [("1711", "MIL", "GRC")]
    assert code("Ankara refused to lift the ban on Cypriot ships.") == [("1241", "TUR", "CYP")]


def test_a_purpose_infinitive_names_the_recipient_of_aid(code):
    assert code("Canada gave 20 million dollars to promote investment in Ghana.") == [("071", "CAN", "GHA")]
    assert code("Sweden sent 300 tonnes of food to feed families in Somalia.") == [("073", "SWE", "SOMCVL")]


def test_a_purpose_with_its_own_subject_is_another_act(code):
    found = code("Canada gave 20 million dollars after Ghana asked for help.")
    assert ("071", "CAN", "GHA") not in found


def test_a_purpose_phrase_names_the_enemy_of_a_mobilisation(code):
    assert code("The army mobilized troops for a war against Chad.") == [("154", "MIL", "TCD")]


def test_an_act_that_names_its_target_keeps_it(code):
    assert code("Norway gave Kenya 5 million dollars to buy vaccines from India.")[0][2] == "KEN"


def test_us_in_capitals_is_the_country_not_the_speaker(code):
    assert code("Cuba has reiterated its demand that US ease sanctions on trade.")[0] == ("1054", "CUB", "USA")


def test_an_act_that_names_no_party_is_aimed_at_the_one_its_condition_names(code):
    assert code("Kenya will not reopen the border until Somalia hands over the suspects.") == [("1241", "KEN", "SOM")]
    assert code("The Kenyan government will not lift the curfew until the violence ends.") == [("1241", "KENGOV", None)]


def test_forces_sent_to_strike_are_the_strike_as_asserted_as_the_sending(code):
    assert code("Kenya sent troops to fight al-Shabaab.") == [("190", "KEN", "SOMREB")]
    assert code("Kenya will send troops to fight al-Shabaab in Somalia.")[0][0][:2] == "13"


def test_aid_sent_to_help_stays_the_aid(code):
    assert code("Japan sent aid to help flood victims in Pakistan.")[0][:2] == ("070", "JPN")


def test_a_preposition_of_time_is_no_particle_of_the_verb(code):
    assert code("The Kenyan president called the Tanzanian president on Monday.") == [("041", "KENGOV", "TZAGOV")]
    assert code("Kenya called on Tanzania on Monday to reopen the border.")[0][:3] == ("020", "KEN", "TZA")


def test_a_call_made_to_express_support_is_the_caller_s_support(code):
    found = code("The Kenyan president called his Tanzanian counterpart to express his support after the floods.")
    assert found == [("051", "KENGOV", "TZAGOV")]
    assert code("The Kenyan president called the Tanzanian president to apologize for the remarks.") == [
        ("055", "KENGOV", "TZAGOV")
    ]


def test_a_call_made_to_discuss_stays_a_call(code):
    assert code("The Kenyan president called the Tanzanian president to discuss the border.") == [
        ("041", "KENGOV", "TZAGOV")
    ]
