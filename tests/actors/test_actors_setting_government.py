"""A government known by its role alone takes the sentence's country when it is acted on (issue 15, round 3)."""

from __future__ import annotations

import pytest

from tests.actors.actor_fixtures import actor_codes as codes

pytestmark = pytest.mark.model


def test_a_government_acted_on_is_that_of_the_country_the_sentence_is_set_in(nlp):
    assert codes(nlp, "The rebels shelled the government's forces in northern Mali.")["the government"] == "MLIGOV"
    assert codes(nlp, "Kenyan police arrested the government's spokesman in Nairobi.")["the government"] == "KENGOV"


def test_a_government_that_acts_keeps_no_country_of_the_place_it_acts_in(nlp):
    assert codes(nlp, "The government sent food aid to flood victims in Mali.")["The government"] is None
    assert codes(nlp, "Aid was sent by the government to flood victims in Mali.")["the government"] is None
