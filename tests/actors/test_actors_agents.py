"""Agents named by a nationality or a place: weapons and forces, coordinated nationalities, city police."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.actors.datelines import dateline_spans
from dossier.gazetteer import country_of_place
from dossier.parse.model import parse_articles
from dossier.records import Article
from tests.actors.actor_fixtures import actor_codes as codes

pytestmark = pytest.mark.model


def test_a_nationality_before_a_weapon_is_that_country_s_military(nlp):
    assert codes(nlp, "A Jordanian air strike destroyed the depot.")["Jordanian air strike"] == "JORMIL"
    assert codes(nlp, "Egyptian drones hit the convoy on Monday.")["Egyptian drones"] == "EGYMIL"


def test_a_weapon_with_no_nationality_is_no_actor(nlp):
    assert codes(nlp, "The air strike destroyed the depot.") == {}


def test_a_led_coalition_belongs_to_its_leader(nlp):
    assert codes(nlp, "The French-led coalition shelled the town.")["The French-led coalition"] == "FRAMIL"


def test_coordinated_nationalities_of_forces_are_one_mention_each(nlp):
    found = codes(nlp, "Kenyan and Somali troops attacked the camp.")
    assert found["Kenyan"] == "KENMIL"
    assert found["Somali troops"] == "SOMMIL"


def test_coordinated_nationalities_of_officials_stay_one_joint_mention(nlp):
    found = codes(nlp, "Spanish and Italian officials met in Rome.")
    assert found["Spanish and Italian officials"] is None


def test_police_of_a_city_take_its_country(nlp):
    assert codes(nlp, "Police in Lahore arrested four men.")["Police in Lahore"] == "PAKCOP"
    assert codes(nlp, "Nairobi police detained a suspect.")["Nairobi police"] == "KENCOP"
    assert codes(nlp, "Mumbai police detained a suspect.")["Mumbai police"] == "INDCOP"


def test_a_place_that_is_ambiguous_or_small_gives_no_country():
    assert country_of_place("Lahore") == "PAK"
    assert country_of_place("Texas") == "USA"  # a US state ranks over towns abroad
    assert country_of_place("Cambridge") is None  # as big in England as in Massachusetts
    assert country_of_place("Nowhereville") is None


def roles(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    return {m.text: (m.actor.code, m.actor.role) for m in resolve_actors(parsed)}


def test_a_dateline_names_no_actor(nlp):
    found = codes(nlp, "MANILA, Philippines -- President Rodrigo Duterte pardoned a soldier.")
    assert "MANILA" not in found and "Philippines" not in found
    assert found["President Rodrigo Duterte"] == "PHLGOV"
    assert "Kabul" not in codes(nlp, "KABUL (Reuters) - The Taliban attacked a checkpoint.")


def test_a_hyphen_inside_a_name_a_headline_s_speaker_or_a_transcript_label_is_no_dateline(nlp):
    assert codes(nlp, "US-China talks ended in Geneva.").get("US") == "USA"
    assert dateline_spans(nlp("Obama: The deal makes America safer.")) == []
    assert dateline_spans(nlp("TAPPER: Do you think he has campaigned as a healer?")) == []
    assert codes(nlp, "North Korea: The talks will go on.").get("North Korea") == "PRK"


def test_a_dateline_after_a_headline_names_no_actor(nlp):
    found = codes(nlp, "Senate passes the bill.\n\nWASHINGTON (AP) — The Senate passed the bill on Monday.")
    assert "WASHINGTON" not in found


def test_people_known_by_their_role_alone_are_actors_in_any_slot(nlp):
    assert roles(nlp, "Venezuela releases dozens of political activists.")["political activists"] == (None, "CVL")
    assert roles(nlp, "Police arrested protesters on Monday.")["protesters"] == (None, "CVL")


def test_a_role_noun_qualifying_another_noun_or_owned_by_a_country_is_no_generic_agent(nlp):
    found = roles(nlp, "The rebels attacked a police convoy on Monday.")
    assert not any(text.startswith("police") for text in found)
    # Whose prisoners they are is said ("its"): they are not people of no country.
    assert "political prisoners" not in roles(nlp, "Iran freed its political prisoners.")


def test_police_in_a_region_the_news_names_alone_take_its_country(nlp):
    # The gazetteer's towns and US states hold no Darfur or Golan Heights: regions.tsv does.
    assert country_of_place("Darfur") == "SDN"
    assert country_of_place("the Golan Heights") == "SYR"
    assert codes(nlp, "Police in Darfur arrested two students.")["Police in Darfur"] == "SDNCOP"


def test_generic_people_take_the_country_of_the_town_the_sentence_is_set_in(nlp):
    assert codes(nlp, "Militants held thousands of civilians in Raqqa.")["civilians in Raqqa"] == "SYRCVL"
    # The gunmen are set in Maiduguri by the sentence, not by a phrase of their own.
    assert codes(nlp, "Gunmen abducted two students in Maiduguri.")["Gunmen"] == "NGAUAF"


def test_officials_and_aid_workers_are_generic_agents_in_any_slot(nlp):
    assert roles(nlp, "Sudan expelled aid workers on Monday.")["aid workers"] == (None, "NGO")
    # The opposition's negotiators negotiate for the opposition: the body refines the generic government role.
    assert roles(nlp, "The president issued an ultimatum to opposition negotiators.")["opposition negotiators"] == (
        None,
        "OPP",
    )


def test_officials_whose_owner_follows_them_are_no_generic_agents(nlp):
    assert "diplomats" not in roles(nlp, "The ministry summoned diplomats of the embassy on Monday.")


def test_people_in_a_province_of_the_iso_list_take_its_country(nlp):
    # Neither regions.tsv nor the towns hold Madhya Pradesh or Kunar: the ISO 3166-2 subdivisions do.
    assert codes(nlp, "Farmers in Madhya Pradesh blocked the highway.")["Farmers in Madhya Pradesh"] == "INDAGR"
    assert codes(nlp, "Police in Kunar arrested three men.")["Police in Kunar"] == "AFGCOP"
    # The sentence is set in Kunar province: gunmen with no country of their own are Afghan.
    assert codes(nlp, "Gunmen attacked a police post in Kunar province.")["Gunmen"] == "AFGUAF"
