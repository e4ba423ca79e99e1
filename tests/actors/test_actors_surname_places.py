"""A person's one-word alias that names a place in its sentence is that place (issue 15, nineteenth session)."""

from __future__ import annotations

import pytest

from tests.actors.actor_fixtures import actor_codes

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "She studied law at the University of Texas at Austin.",
        "An Austin-based pollster said the race was close.",
        "The rally in Austin, Texas drew thousands.",
    ],
)
def test_a_surname_used_as_a_place_names_no_person(nlp, text):
    assert "USAGOV" not in actor_codes(nlp, text, published="2022-05-01").values()


def test_the_person_is_still_found_by_the_name(nlp):
    found = actor_codes(nlp, "Austin said the troops would stay.", published="2022-05-01")
    assert found["Austin"] == "USAGOV"


def test_the_places_an_article_names_count_toward_its_own_country(nlp):
    text = (
        "The court heard the case on Monday. Storms swept across Texas, Ohio and Iowa as the court met, "
        "and rain fell in Florida."
    )
    found = actor_codes(nlp, text, published="2016-06-01")
    assert found["The court"] == "USAJUD"


def test_a_state_body_the_recogniser_takes_for_a_person_is_the_body(nlp):
    assert actor_codes(nlp, "The Lok Sabha passed the bill on Friday.")["The Lok Sabha"] == "INDLEG"
    assert actor_codes(nlp, "The Tatmadaw shelled the village.")["The Tatmadaw"] == "MMRMIL"
