"""Things of a nation: a noun phrase whose only actor word is a nationality adjective stands for that country."""

from __future__ import annotations

import pytest

from tests.actors.actor_fixtures import actor_codes

pytestmark = pytest.mark.model


def codes(nlp, text: str) -> dict[str, str | None]:
    return actor_codes(nlp, text, published="2021-06-01")


def test_a_thing_with_a_nationality_is_that_country(nlp):
    assert codes(nlp, "The coast guard boarded a Greek tanker.")["Greek tanker"] == "GRC"
    assert codes(nlp, "The ministry raised duties on Brazilian beef.")["Brazilian beef"] == "BRA"
    assert codes(nlp, "Gunmen fired on an Afghan passenger bus.")["Afghan passenger bus"] == "AFG"


def test_a_national_thing_can_be_the_subject(nlp):
    assert codes(nlp, "A Norwegian vessel rescued the crew.")["Norwegian vessel"] == "NOR"


def test_a_nationality_of_a_place_or_a_time_is_no_actor(nlp):
    found = codes(nlp, "The tanker anchored in Greek waters during the Turkish exercise.")
    assert "Greek waters" not in found
    assert "Turkish exercise" not in found


def test_a_thing_owned_by_a_named_actor_is_the_owner_s(nlp):
    found = codes(nlp, "The court banned the Austrian branch of Greenpeace.")
    assert "Austrian branch" not in found


def test_a_regional_adjective_names_no_country(nlp):
    found = codes(nlp, "The bloc signed a deal with South American countries.")
    assert all(code != "USA" for code in found.values())


def test_people_and_bodies_keep_their_roles(nlp):
    assert codes(nlp, "Kenyan police arrested the suspect.")["Kenyan police"] == "KENCOP"
