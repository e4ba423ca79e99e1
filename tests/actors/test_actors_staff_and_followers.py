"""People named after the person they work for or back ("Trump aides", "Sanders supporters", "Clinton campaign
spokesman X"), people whose title gives a role and the article its country ("state Sen. X", "radio host X"),
and a pronoun under a subject described by a clause that names someone else (issue 15)."""

from __future__ import annotations

import pytest

from dossier.records import Mention
from tests.actors.actor_fixtures import actor_codes as codes
from tests.actors.actor_fixtures import resolved_mentions

pytestmark = pytest.mark.model

CAMPAIGN_DAY = "2016-09-15"  # Trump and Hillary Clinton candidates, Obama president


def mentions(nlp, text: str, published: str = CAMPAIGN_DAY) -> list[Mention]:
    return resolved_mentions(nlp, text, published)


def test_a_candidates_aides_are_his_campaign_not_the_candidate(nlp):
    found = codes(nlp, "Trump aides briefed donors in a hotel ballroom.", published=CAMPAIGN_DAY)
    assert found["aides"] == "USAELI"
    assert found["Trump"] == "USAELI"  # the name stays his: a later "he" may stand for him


def test_a_sitting_presidents_advisers_are_the_government(nlp):
    assert codes(nlp, "Obama advisers drafted the new rules.", published=CAMPAIGN_DAY)["advisers"] == "USAGOV"


def test_supporters_and_voters_of_a_candidate_are_citizens(nlp):
    found = codes(nlp, "Hundreds of Clinton supporters marched downtown while Trump voters watched.", CAMPAIGN_DAY)
    assert found["supporters"] == "USACVL"
    assert found["voters"] == "USACVL"


def test_former_operatives_hold_no_role_and_the_name_keeps_its_person(nlp):
    found = {m.text: m for m in mentions(nlp, "Former Obama operatives have joined the rival campaign.")}
    assert found["operatives"].actor.code == "USA"
    assert found["Obama"].actor.name == "Barack Obama"


def test_a_group_of_staff_is_a_they_and_leaves_he_to_the_candidate(nlp):
    text = "Donald Trump spoke in Ohio. Trump aides said he would not change his message."
    he = next(m for m in mentions(nlp, text) if m.text == "he")
    assert he.actor.name == "Donald Trump"


def test_a_campaign_spokesman_takes_the_candidates_role_not_the_government(nlp):
    found = codes(nlp, "Clinton campaign spokeswoman Jane Dowd denied the claim.", published=CAMPAIGN_DAY)
    assert found["campaign spokeswoman Jane Dowd"] == "USAELI"
    assert found["Clinton"] == "USAELI"


def test_a_possessive_campaign_manager_and_an_apposition_name_the_candidates_staff(nlp):
    found = codes(nlp, "Trump's campaign manager Alan Pike said the polls were wrong.", published=CAMPAIGN_DAY)
    assert found["campaign manager Alan Pike"] == "USAELI"
    apposed = codes(nlp, "Alan Pike, Trump's campaign manager, said the polls were wrong.", published=CAMPAIGN_DAY)
    assert apposed["Alan Pike"] == "USAELI"


def test_a_heads_spokesman_stays_with_the_government(nlp):
    found = codes(nlp, "Obama spokesman Carl Voss declined to comment.", published=CAMPAIGN_DAY)
    assert found["spokesman Carl Voss"] == "USAGOV"


def test_titled_legislators_activists_and_hosts_take_the_articles_country(nlp):
    text = (
        "Hillary Clinton and Donald Trump campaigned in Ohio on Monday. State Sen. Mark Ellison endorsed Clinton. "
        "Assemblywoman Rita Sorensen praised Trump. Conservative activist Dana Voigt attacked Clinton. "
        "Radio host Gary Linder mocked both of them. Ellison said the race was close."
    )
    found = codes(nlp, text, published=CAMPAIGN_DAY)
    assert found["State Sen. Mark Ellison"] == "USALEG"
    assert found["Ellison"] == "USALEG"
    assert found["Assemblywoman Rita Sorensen"] == "USALEG"
    assert found["Conservative activist Dana Voigt"] == "USACVL"
    assert found["Radio host Gary Linder"] == "USAMED"


def test_a_titled_official_with_no_country_is_not_given_the_articles(nlp):
    # Officials and judges named with a title and no country are left alone: they are as often another state's.
    text = "Hillary Clinton and Donald Trump campaigned in Ohio. Ambassador Lena Marsh praised Clinton."
    assert codes(nlp, text, published=CAMPAIGN_DAY)["Ambassador Lena Marsh"] is None


def test_he_after_a_subject_described_by_a_clause_is_not_the_person_it_names(nlp):
    # "he" is the pastor who speaks, whom dossier cannot name; not Cruz, whom the pastor supports.
    text = "Ted Cruz spoke in Iowa. A pastor supporting Mr. Cruz said he had knocked on 300 doors."
    assert "he" not in {m.text for m in mentions(nlp, text, published="2016-01-20")}


def test_he_after_a_reporting_verb_is_still_a_thing_subjects_speaker(nlp):
    text = "Ted Cruz spoke in Iowa. The report said he had knocked on 300 doors."
    he = next(m for m in mentions(nlp, text, published="2016-01-20") if m.text == "he")
    assert he.actor.name == "Ted Cruz"


def test_a_person_who_is_the_describing_clauses_subject_keeps_the_pronoun(nlp):
    text = "Hillary Clinton spoke. The promise Clinton made in Ohio was that she would cut taxes."
    she = next(m for m in mentions(nlp, text) if m.text == "she")
    assert she.actor.name == "Hillary Clinton"


def test_a_sitting_senators_aides_are_his_campaigns_while_he_runs(nlp):
    found = codes(nlp, "Sanders aides declined to confirm the ad buys.", published="2016-02-09")
    assert found == {"Sanders": "USALEG", "aides": "USAELI"}


def test_a_named_spokesman_of_a_running_senator_is_his_campaigns(nlp):
    found = codes(nlp, "Sanders spokesman Michael Briggs said the ads would run.", published="2016-02-09")
    assert found == {"Sanders": "USALEG", "spokesman Michael Briggs": "USAELI"}
