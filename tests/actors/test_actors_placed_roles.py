"""A place and a role noun read as one name ("Chennai Police", "Lagos State Police", "the North Carolina
Senate"): the role with that place's country, as "police in Chennai" is, whatever label the entity
recogniser gives the name, a person's included (issue 15)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from dossier.actors import resolve_actors
from dossier.parse.model import ParsedArticle
from dossier.records import Article
from tests.actors.actor_fixtures import actor_codes as codes

pytestmark = pytest.mark.model


def test_a_city_s_police_named_as_one_organisation_is_that_country_s_police(nlp):
    assert codes(nlp, "Chennai Police detained the organisers of the rally.")["Chennai Police"] == "INDCOP"
    assert codes(nlp, "Lagos State Police arrested the protesters.")["Lagos State Police"] == "NGACOP"


def test_a_place_s_police_the_recogniser_reads_as_a_person_is_the_police(nlp):
    text = "Chennai Police detained the organisers of the rally."
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 2, label="PERSON")]  # as the recogniser reads "Delhi Police" in some sentences
    mentions = resolve_actors(ParsedArticle(Article.build(text), doc))
    police = next(m for m in mentions if m.text == "Chennai Police")
    assert (police.actor.code, police.actor_kind) == ("INDCOP", "group")


def test_a_state_s_legislature_and_government_are_that_country_s(nlp):
    assert codes(nlp, "The North Carolina Senate passed the bill.")["The North Carolina Senate"] == "USALEG"
    assert codes(nlp, "The Kaduna State Government banned the march.")["The Kaduna State Government"] == "NGAGOV"


def test_students_of_a_city_s_university_are_that_country_s_students(nlp):
    found = codes(nlp, "Karachi University students protested against the fees.")
    assert found["Karachi University students"] == "PAKEDU"


def test_a_person_whose_first_name_is_a_place_stays_a_person(nlp):
    # "Elizabeth" is a city, "banks" a role noun; no body in the name, so it is a person's.
    text = "Elizabeth Banks praised the film."
    parsed = ParsedArticle(Article.build(text), nlp(text))
    (banks,) = [m for m in resolve_actors(parsed) if m.text == "Elizabeth Banks"]
    assert (banks.actor.code, banks.actor_kind) == (None, "person")


def test_a_name_before_a_government_noun_is_no_place(nlp):
    # "Bush" is also a small place in Egypt: the administration is not Egypt's.
    assert codes(nlp, "The Bush administration invaded Iraq.").get("The Bush administration") != "EGYGOV"
