"""A place and a role noun read as one name ("Chennai Police", "Lagos State Police", "the Virginia
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
    assert codes(nlp, "The Virginia Senate passed the bill.")["The Virginia Senate"] == "USALEG"
    assert codes(nlp, "The Ogun State Government banned the march.")["The Ogun State Government"] == "NGAGOV"


def test_students_of_a_city_s_university_are_that_country_s_students(nlp):
    found = codes(nlp, "Karachi University students protested against the fees.")
    assert found["Karachi University students"] == "PAKEDU"


def test_a_person_whose_first_name_is_a_place_stays_a_person(nlp):
    # "Florence" is a city, "banks" a role noun; no institution in the name, so it is someone's.
    text = "Florence Banks said she would vote."
    parsed = ParsedArticle(Article.build(text), nlp(text))
    (banks,) = [m for m in resolve_actors(parsed) if m.text == "Florence Banks"]
    assert banks.actor.code is None


def test_a_name_before_a_government_noun_is_no_place(nlp):
    # "Bush" is also a small place in Egypt: the administration is not Egypt's.
    assert codes(nlp, "The Bush administration invaded Iraq.").get("The Bush administration") != "EGYGOV"


def test_the_place_is_the_longest_run_of_first_words_the_gazetteer_places(nlp):
    assert codes(nlp, "The Basra Appeals Court upheld the sentence.")["The Basra Appeals Court"] == "IRQJUD"
    found = codes(nlp, "Utah State University students marched to the capitol.")
    assert found["Utah State University students"] == "USAEDU"
