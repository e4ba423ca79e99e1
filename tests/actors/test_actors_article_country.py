"""A state body named by its role alone takes the country the article is about, when one clearly dominates
(issue 15)."""

from __future__ import annotations

import pytest

from tests.actors.actor_fixtures import actor_codes as codes

pytestmark = pytest.mark.model

US_STORY = (
    "President Barack Obama met American voters in Ohio. The United States economy grew, Washington said. "
    "American officials in Washington agreed. The Senate rejected the bill on Tuesday."
)


def test_a_body_named_by_its_role_in_a_one_country_story_is_that_countrys(nlp):
    assert codes(nlp, US_STORY, published="2016-03-01")["The Senate"] == "USALEG"


def test_in_a_story_of_several_countries_the_body_keeps_no_country(nlp):
    text = "Russia and China met Japan in Tokyo. Russian, Chinese and Japanese envoys talked. The government said no."
    assert codes(nlp, text, published="2016-03-01")["The government"] is None


def test_campaign_officials_are_no_state_body(nlp):
    found = codes(nlp, US_STORY + " Campaign officials denied it.", published="2016-03-01")
    assert found["Campaign officials"] is None


def test_the_places_named_count_for_the_country_the_gazetteer_places_them_in_clearly(nlp):
    # The article's places are read as a group placed there would be (`gazetteer.country_of_place`): cities of
    # 50,000 people count ("Scranton", "Janesville") ...
    text = "Voters lined up in Scranton, Youngstown and Janesville on Tuesday. The Senate is to vote next week."
    assert codes(nlp, text, published="2016-03-01")["The Senate"] == "USALEG"
    # ... and a name a bigger town abroad shares (Haarlem, or Jerusalem's alternate name Salem) counts for no
    # country, so it no longer outweighs the states named with it.
    text = "Rallies were held in Harlem and Salem as well as in Iowa, Ohio and Texas. The Senate is to vote next week."
    assert codes(nlp, text, published="2016-03-01")["The Senate"] == "USALEG"
