"""Regional groups of countries: "Arab states", "Western powers", "European leaders" (issue 15)."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.actors.blocs import load_blocs
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import load_model, parse_articles
from dossier.quotes.attribution import find_quotes
from dossier.records import Article


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def named(nlp, text: str) -> dict[str, str | None]:
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    return {m.text: m.actor.code for m in resolve_actors(parsed)}


def test_region_words_and_group_nouns_load_from_the_data_file():
    blocs = load_blocs()
    assert blocs.regions[("Gulf", "Arab")] == "PGS"
    assert "countries" in blocs.nouns


@pytest.mark.model
def test_a_group_of_countries_named_by_its_region_takes_the_region_code(nlp):
    found = named(nlp, "Several Arab states condemned the raid and Western governments imposed new sanctions on Iran.")
    assert found.get("Arab states") == "MEA"
    assert found.get("Western governments") == "WST"
    assert found.get("Iran") == "IRN"


@pytest.mark.model
def test_a_longer_region_word_wins_and_a_role_noun_keeps_its_role(nlp):
    found = named(nlp, "Gulf Arab states met in Riyadh while European leaders gathered in Brussels.")
    assert found.get("Gulf Arab states") == "PGS"
    assert found.get("European leaders") == "EURGOV"


@pytest.mark.model
def test_a_region_word_before_a_name_or_a_thing_is_no_group(nlp):
    found = named(nlp, "The European Union said African economies grew last year.")
    assert found.get("The European Union") == "IGOEU"
    assert not any(code in ("EUR", "AFR") for code in found.values())


@pytest.mark.model
def test_every_region_of_the_codebook_is_read_before_a_group_noun(nlp):
    found = named(nlp, "Central European governments and several sub-Saharan nations signed the grain pact with Kyiv.")
    assert found.get("Central European governments") == "CEU"
    assert found.get("sub-Saharan nations") == "AFR"
    found = named(nlp, "North American ministers met their Mediterranean partners in Valletta.")
    assert found.get("North American ministers") == "NMRGOV"
    assert found.get("Mediterranean partners") == "MDT"


@pytest.mark.model
def test_a_region_coded_group_can_be_an_event_party(nlp):
    parsed = next(
        parse_articles(
            [Article.build("Nordic countries condemned Belarus on Monday.", published="2021-06-01")], nlp=nlp
        )
    )
    mentions = resolve_actors(parsed)
    events = code_events(parsed, mentions, find_quotes(parsed, mentions), load_event_data(learned_fallback=False))
    assert [(e.source.code, e.target.code if e.target else None) for e in events] == [("SCN", "BLR")]


@pytest.mark.model
def test_a_region_named_alone_stands_for_its_countries(nlp):
    found = named(nlp, "Moscow accused the West of meddling, and Europe answered with new tariffs on Russian steel.")
    assert found.get("the West") == "WST"
    assert found.get("Europe") == "EUR"
    found = named(nlp, "Brazil shipped vaccines to Central Africa and the Caribbean last spring.")
    assert found.get("Central Africa") == "CFR"
    assert found.get("the Caribbean") == "CRB"


@pytest.mark.model
def test_a_region_inside_a_longer_name_or_before_a_noun_is_no_region(nlp):
    found = named(
        nlp, "Settlers marched through the West Bank while an Asia trip by the Council of Europe chief was delayed."
    )
    assert "WST" not in found.values()
    assert "ASA" not in found.values()
    assert "IGOCOE" in found.values()
    found = named(nlp, "West African leaders met in Accra.")
    assert found.get("West African leaders") == "WAFGOV"


@pytest.mark.model
def test_a_region_word_opening_a_longer_place_name_is_no_region(nlp):
    found = named(nlp, "Fishermen in the Gulf of Guinea reported a pirate raid near Lagos.")
    assert "PGS" not in found.values()
