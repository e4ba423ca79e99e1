"""News outlets as actors (issue 15): a listed broadcaster, newspaper, news agency or news site is the media (MED)
of its home country, state media included ("KCNA" PRKMED); a short form that is a common word is not an outlet."""

from __future__ import annotations

import pytest

from dossier.records import ActorRef
from tests.actors.actor_fixtures import resolved_mentions

pytestmark = pytest.mark.model


def actors(nlp, text: str) -> dict[str, ActorRef]:
    return {m.text: m.actor for m in resolved_mentions(nlp, text, "2016-05-01")}


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("CNN reported that the talks had failed.", "CNN", "USAMED"),
        ("North Korea's KCNA said the missile test was a success.", "KCNA", "PRKMED"),
        ("The New York Times reported on Sunday that the deal was close.", "The New York Times", "USAMED"),
        ("The senator attacked the Washington Post on Twitter.", "the Washington Post", "USAMED"),
        ("The Associated Press reported that turnout was high.", "The Associated Press", "USAMED"),
        ("Xinhua said the ministry would retaliate.", "Xinhua", "CHNMED"),
        ("The minister gave an interview to Al Jazeera on Monday.", "Al Jazeera", "QATMED"),
        ("Reuters reported the minister's resignation.", "Reuters", "GBRMED"),
    ],
)
def test_a_listed_news_outlet_is_its_countrys_media(nlp, text, name, code):
    actor = actors(nlp, text)[name]
    assert actor.code == code
    assert (actor.country, actor.role) == (code[:3], "MED")


def test_an_outlet_is_found_without_its_the(nlp):
    assert actors(nlp, "New York Times reporters asked the senator about it.")["New York Times reporters"].code == (
        "USAMED"
    )


def test_a_longer_name_keeps_its_own_code(nlp):
    # "Associated Press of Pakistan" is Pakistan's agency, not the Associated Press.
    found = actors(nlp, "The Associated Press of Pakistan said the talks would resume.")
    assert found["The Associated Press of Pakistan"].code == "PAKMED"


@pytest.mark.parametrize(
    "text",
    [
        "He walked to the Post office to mail the letter.",
        "CCTV footage showed the suspect leaving the building.",
        "Bloomberg endorsed the governor at the convention.",
    ],
)
def test_a_common_word_or_other_name_is_not_an_outlet(nlp, text):
    assert not any(actor.role == "MED" for actor in actors(nlp, text).values())


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("Washington Post reporter Ben Terris asked the question.", "Washington Post reporter Ben Terris", "USAMED"),
        ("AFL-CIO President Richard Trumka said the deal was bad.", "AFL-CIO President Richard Trumka", "USALAB"),
    ],
)
def test_a_listed_organisation_before_a_title_says_whose_the_person_is(nlp, text, name, code):
    assert actors(nlp, text)[name].code == code


def test_the_surname_of_someone_named_in_full_is_not_the_outlet_of_that_name(nlp):
    # Don Guardian, a mayor: "Guardian said" is him, not the newspaper.
    found = actors(nlp, "Mayor Don Guardian met the governor. Guardian said he understood the visit.")
    assert found["Guardian"].role != "MED"
    assert actors(nlp, "The Guardian reported the leak.")["The Guardian"].code == "GBRMED"


def test_an_outlet_owning_a_name_is_whose_the_person_is(nlp):
    # "CNN's Jake Tapper" is one mention, the outlet's: a possessive organisation of one country, like a country's
    # ("Iran's Zarif").
    assert actors(nlp, "CNN's Jake Tapper asked the senator about the wall.")["CNN's Jake Tapper"].code == "USAMED"
