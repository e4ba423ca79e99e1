"""Organisations the knowledge base does not list whose name holds a country only as its complement ("Gun
Owners of America", "the American Civil Liberties Union") are that country's non-governmental actor
(`USANGO`), not its state; names with a role noun ("Bank of America"), titles and known names keep their
code (issue 15)."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import ActorRef, Article

pytestmark = pytest.mark.model


def actors(nlp, text: str) -> dict[str, ActorRef]:
    parsed = next(parse_articles([Article.build(text, published="2016-05-01")], nlp=nlp))
    return {m.text: m.actor for m in resolve_actors(parsed)}


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Gun Owners of America endorsed the senator on Monday.", "Gun Owners of America", "USA"),
        ("Concerned Veterans for America criticised the new bill.", "Concerned Veterans for America", "USA"),
        ("The American Civil Liberties Union sued the city.", "The American Civil Liberties Union", "USA"),
        ("The Turkish Heritage Society praised the mayor.", "The Turkish Heritage Society", "TUR"),
    ],
)
def test_an_unlisted_organisation_of_a_country_is_not_the_state(nlp, text, name, country):
    actor = actors(nlp, text)[name]
    assert actor.code == country + "NGO"
    assert (actor.country, actor.role) == (country, "NGO")
    assert actor.name == name.removeprefix("The ")


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("Bank of America cut its forecast.", "Bank of America", "USABUS"),
        ("The Government of India protested to Pakistan.", "The Government of India", "INDGOV"),
        ("The People's Republic of China warned Japan.", "The People's Republic of China", "CHN"),
        ("The President of the United States met the Pope.", "The President of the United States", "USAGOV"),
        ("All of France mourned the victims.", "France", "FRA"),
        ("The U.S. Mint released a new coin.", "The U.S. Mint", "USA"),
        ("Russian intelligence services recruited the diplomat.", "Russian intelligence services", "RUSSPY"),
        ("The Hungarian Intelligence Service questioned him.", "The Hungarian Intelligence Service", "HUNSPY"),
    ],
)
def test_role_nouns_titles_and_known_names_keep_their_code(nlp, text, name, code):
    """A name that opens with the country's own name ("The U.S. Mint") keeps the country: it is more often
    the state's own body or a title than an organisation of the country."""
    assert actors(nlp, text)[name].code == code


def test_a_known_state_body_named_with_its_nationality_is_that_body(nlp):
    # The seat "Revolutionary Guard Corps" inside a longer organisation name keeps its role: a state force, no NGO.
    actor = actors(nlp, "The Iranian Revolutionary Guard Corps seized a tanker in the strait.")[
        "The Iranian Revolutionary Guard Corps"
    ]
    assert (actor.code, actor.country, actor.role) == ("IRNMIL", "IRN", "MIL")
