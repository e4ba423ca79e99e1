"""Pronouns: what "it" may stand for, appositions that give a role its person, eras named after a leader."""

from __future__ import annotations

import pytest

from dossier.records import Mention
from tests.actors.actor_fixtures import resolved_mentions

pytestmark = pytest.mark.model


def mentions(nlp, text: str, published: str = "2016-10-01") -> list[Mention]:
    return resolved_mentions(nlp, text, published)


def pronoun_actors(nlp, text: str, word: str, published: str = "2016-10-01") -> list[str | None]:
    """The actor name each resolved pronoun spelt `word` stands for, in text order."""
    return [m.actor.name for m in mentions(nlp, text, published) if m.kind == "pronoun" and m.text.lower() == word]


def test_it_stands_for_the_outlet_that_reported_it(nlp):
    assert pronoun_actors(nlp, "CNN reported that it had obtained the memo from a former aide.", "it") == ["CNN"]


def test_it_after_an_outlet_reporting_something_else_is_not_the_outlet(nlp):
    text = "The campaign released its tax plan on Tuesday, CNN reported, and it would cut the top rate to 25 percent."
    assert pronoun_actors(nlp, text, "it") == []


def test_it_after_an_outlet_that_is_only_an_object_is_not_the_outlet(nlp):
    text = "Officials told CNN on Monday that it would take months to rebuild the bridge."
    assert pronoun_actors(nlp, text, "it") == []


def test_it_with_a_thing_as_the_subject_above_is_that_thing(nlp):
    text = "The Pentagon said the report was wrong because it left out the cost of fuel."
    assert pronoun_actors(nlp, text, "it") == []


def test_an_empty_it_stands_for_no_one(nlp):
    text = (
        "The Pentagon asked for more money. It is clear that the Pentagon wants a larger fleet. "
        "When it comes to trade, the Pentagon has little to say. The Pentagon has made it harder to bid on the work."
    )
    assert pronoun_actors(nlp, text, "it") == []


def test_it_in_a_relative_clause_stands_for_the_noun_the_clause_describes(nlp):
    text = "The State Department, which said it would review the case, declined to comment on Friday."
    assert pronoun_actors(nlp, text, "it") == ["State Department"]


def test_it_after_a_clause_put_first_stands_for_that_clause_subject(nlp):
    text = "Once Iran signs the deal, it will have to open its sites to inspectors."
    assert pronoun_actors(nlp, text, "it") == ["Iran"]


def test_a_title_in_apposition_to_a_name_is_that_person(nlp):
    text = "Walter Brandt, the former mayor of Dayton, defended the plan on Sunday. He said the city would pay."
    found = mentions(nlp, text)
    title = next(m for m in found if m.text == "the former mayor")
    assert (title.actor.name, title.kind) == ("Walter Brandt", "role")
    assert pronoun_actors(nlp, text, "he") == ["Walter Brandt"]


def test_a_title_in_apposition_gives_an_unlisted_person_its_country(nlp):
    found = {m.text: m.actor for m in mentions(nlp, "Tomas Aldana, the former Peruvian president, spoke in Lima.")}
    assert found["Tomas Aldana"].code == "PER"
    assert found["the former Peruvian president"] == found["Tomas Aldana"]


def test_a_title_in_apposition_to_another_title_is_no_apposition_to_a_name(nlp):
    text = "Karl Weber met the president, the vice president, on Friday."
    found = {m.text: m.actor.name for m in mentions(nlp, text, published="2016-06-01")}
    assert found.get("the vice president") != "Karl Weber"


def test_a_past_title_in_apposition_gives_no_office(nlp):
    found = {m.text: m.actor for m in mentions(nlp, "Marta Olsen, the former Danish foreign minister, spoke.")}
    assert found["Marta Olsen"].code == "DNK" and found["Marta Olsen"].role is None


def test_a_leader_named_for_a_period_is_no_actor(nlp):
    text = (
        "Growth was slow during the Obama years. The Clinton era saw a budget surplus. "
        "Reagan-era tax rates were lower. Democrats miss the George W. Bush era less."
    )
    names = [m.text for m in mentions(nlp, text)]
    assert not [name for name in names if any(w in name for w in ("Obama", "Clinton", "Reagan", "Bush"))]


def test_a_leader_owning_an_administration_is_still_named(nlp):
    found = {m.text: m.actor.code for m in mentions(nlp, "The Obama administration sued the state.")}
    assert found["The Obama administration"] == "USAGOV"
