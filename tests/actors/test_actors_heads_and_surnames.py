"""Whose government and whose surname: a head of state or government's surname before "administration",
"government", "regime" or "cabinet" names that head's government; a bare surname names the one who bears it
(issue 15)."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article
from tests.actors.actor_fixtures import actor_codes as codes
from tests.actors.actor_fixtures import resolved_mentions

pytestmark = pytest.mark.model


def mention_names(nlp, text: str, published: str) -> dict[str, str | None]:
    return {m.text: m.actor.name for m in resolved_mentions(nlp, text, published)}


def test_the_clinton_administration_is_the_presidents_not_the_candidates(nlp):
    # In 2016 Hillary Clinton was a candidate (USAELI); the administration was her husband's, in the 1990s.
    text = "Clinton spoke in Ohio. The Clinton administration signed the treaty."
    assert codes(nlp, text, published="2016-08-19")["The Clinton administration"] == "USAGOV"
    assert mention_names(nlp, text, published="2016-08-19")["The Clinton administration"] == "Bill Clinton"
    assert codes(nlp, text, published="2016-08-19")["Clinton"] == "USAELI"


def test_a_government_whose_head_is_out_of_office_is_still_a_government(nlp):
    # The Bush administration ended in 2009; what it did, it did as the US government.
    found = codes(nlp, "The Bush administration invaded Iraq.", published="2016-02-08")
    assert found["The Bush administration"] == "USAGOV"


def test_an_administration_the_tagger_reads_as_an_organisation_is_the_heads(nlp):
    assert codes(nlp, "The Trump Administration imposed sanctions on Iran.")["The Trump Administration"] == "USAGOV"


def test_officials_of_a_heads_administration_are_that_government_not_the_head(nlp):
    found = codes(nlp, "Obama administration officials criticized the decision.", published="2015-06-01")
    assert found == {"Obama administration officials": "USAGOV"}


def test_a_presidency_of_a_candidates_name_is_left_to_the_candidate(nlp):
    # "a Clinton presidency" in 2016 is the candidate's hoped-for one: no head is looked for.
    text = "Hillary Clinton spoke in Ohio. A Clinton presidency would raise taxes."
    assert codes(nlp, text, published="2016-06-23")["Clinton presidency"] == "USAELI"


def test_a_surname_names_the_one_whose_surname_it_is_not_a_name_it_opens(nlp):
    # "Fraser Anning" opens with the word; only Jane Fraser bears it as a surname. Before, the second name made
    # every later "Fraser" (and, in one PolNeAR article, 31 mentions of "Trump", beside a headline's "Trump
    # Wants") nobody's.
    text = (
        "Jane Fraser met investors on Monday. Fraser Anning, a senator, was there too. Fraser said the bank would grow."
    )
    last = [m for m in resolved_mentions(nlp, text, "2016-03-01") if m.text == "Fraser"][-1]
    assert last.actor.name == "Jane Fraser"


def test_an_honorific_tells_which_of_two_namesakes_in_the_article(nlp):
    # Both Clintons are named; "Mrs." and "Mr." say which one each later mention is (people.csv has genders).
    text = "Bill Clinton and Hillary Clinton came to Ohio. Mrs. Clinton said the visit went well. Mr. Clinton agreed."
    parsed = next(parse_articles([Article.build(text, published="2016-03-01")], nlp=nlp))
    names = {m.text: m.actor.name for m in resolve_actors(parsed)}
    assert names["Mrs. Clinton"] == "Hillary Clinton"
    assert names["Mr. Clinton"] == "Bill Clinton"


def test_a_bare_surname_two_named_people_bear_is_the_one_named_last_before_it(nlp):
    text = (
        "Hillary Clinton spoke in Ohio. Bill Clinton spoke in Iowa on his wife's behalf. Clinton told the crowd "
        "his wife would win. Hillary Clinton later spoke in Texas. Clinton said the race was close."
    )
    parsed = next(parse_articles([Article.build(text, published="2016-03-01")], nlp=nlp))
    bare = [m.actor.name for m in resolve_actors(parsed) if m.text == "Clinton"]
    assert bare == ["Bill Clinton", "Hillary Clinton"]


def test_a_title_says_which_namesake_held_the_office(nlp):
    text = "Bill Clinton watched. Hillary Clinton spoke in Ohio. Many feel President Clinton was good at the job."
    parsed = next(parse_articles([Article.build(text, published="2016-03-01")], nlp=nlp))
    names = {m.text: m.actor.name for m in resolve_actors(parsed)}
    assert names["President Clinton"] == "Bill Clinton"


def test_an_institution_named_after_a_person_is_not_the_person(nlp):
    text = "Hillary Clinton spoke in Ohio. Investigators asked the Clinton Foundation for its records."
    mentions = resolve_actors(next(parse_articles([Article.build(text)], nlp=nlp)))
    assert [m.text for m in mentions if m.actor.name == "Hillary Clinton"] == ["Hillary Clinton"]


def test_a_listed_seat_named_alone_is_its_states(nlp):
    assert codes(nlp, "The State Department said the talks had failed.")["The State Department"] == "USAGOV"
    assert codes(nlp, "Germany's Foreign Office said the talks had failed.")["Germany's Foreign Office"] == "DEUGOV"


def test_a_past_title_gives_way_to_the_office_held_that_day(nlp):
    # In 2016 Hillary Clinton was no longer secretary of state but a candidate (USAELI); in 2014 she held neither.
    text = "Former Secretary of State Hillary Clinton spoke in Ohio."
    assert codes(nlp, text, published="2016-03-01")["Former Secretary of State Hillary Clinton"] == "USAELI"
    assert codes(nlp, text, published="2014-03-01")["Former Secretary of State Hillary Clinton"] == "USA"
