"""Organisations of one country and the people named as theirs (issue 15): a person an apposition names as
an officer of a listed group of one country takes that group's country and role ("a spokesman for the
Taliban" AFGREB), not the title's."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import ActorRef, Article

pytestmark = pytest.mark.model


def actors(nlp, text: str) -> dict[str, ActorRef]:
    parsed = next(parse_articles([Article.build(text, published="2019-05-01")], nlp=nlp))
    return {m.text: m.actor for m in resolve_actors(parsed)}


@pytest.mark.parametrize(
    "text, person, code",
    [
        ("Karim Dastani, a spokesman for the Taliban, rejected the offer.", "Karim Dastani", "AFGREB"),
        ("Omar Selim, the spokesman of Hamas, answered the envoy.", "Omar Selim", "PSEREB"),
    ],
)
def test_an_officer_of_a_listed_group_takes_its_code(nlp, text, person, code):
    actor = actors(nlp, text)[person]
    assert actor.code == code
    assert (actor.country, actor.role) == (code[:3], code[3:])


def test_an_officer_of_a_group_with_no_home_country_keeps_the_title_reading(nlp):
    # Amnesty International (NGOAMN) has no country: its officers are not given one.
    found = actors(nlp, "Dana Whitfield, a spokeswoman for Amnesty International, criticised the court.")
    assert found["Dana Whitfield"].country is None


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("The ACLU filed a lawsuit against the county on Tuesday.", "The ACLU", "USANGO"),
        ("The AFL-CIO endorsed the governor's plan.", "The AFL-CIO", "USALAB"),
        ("The U.S. Chamber of Commerce opposed the new tariffs.", "The U.S. Chamber of Commerce", "USABUS"),
        ("The Trades Union Congress called for a national strike.", "The Trades Union Congress", "GBRLAB"),
        ("The Confederation of Indian Industry welcomed the budget.", "The Confederation of Indian Industry", "INDBUS"),
    ],
)
def test_a_listed_domestic_organisation_is_its_country_and_role(nlp, text, name, code):
    actor = actors(nlp, text)[name]
    assert actor.code == code
    assert (actor.country, actor.role) == (code[:3], code[3:])


def test_an_officer_of_a_domestic_organisation_takes_its_role_not_the_title(nlp):
    found = actors(nlp, "Maria Delgado, the president of the AFL-CIO, praised the senator's bill.")
    assert found["Maria Delgado"].code == "USALAB"
