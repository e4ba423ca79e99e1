"""Office holders and agencies beyond the G20 (issue 15), resolved in hand-written sentences."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article, Mention

pytestmark = pytest.mark.model


def mentions(nlp, text: str, published: str) -> dict[str, Mention]:
    parsed = next(parse_articles([Article.build(text, published=published)], nlp=nlp))
    return {m.text: m for m in resolve_actors(parsed)}


@pytest.mark.parametrize(
    ("text", "name", "inside", "code"),
    [
        ("Volodymyr Zelensky asked for more air defence.", "Volodymyr Zelensky", "2023-02-01", "UKRGOV"),
        ("Benjamin Netanyahu rejected the proposal.", "Benjamin Netanyahu", "2024-01-10", "ISRGOV"),
        ("Abdel Fattah el-Sisi received the delegation.", "Abdel Fattah el-Sisi", "2019-05-01", "EGYGOV"),
        ("Jens Stoltenberg warned the alliance members.", "Jens Stoltenberg", "2018-07-01", "IGONAT"),
    ],
)
def test_office_holders_beyond_the_g20_hold_office_only_inside_their_term(nlp, text, name, inside, code):
    in_office = mentions(nlp, text, published=inside)[name]
    before = mentions(nlp, text, published="1990-01-01")[name]
    assert in_office.actor.code == code
    assert before.actor.code != code and before.actor.name == in_office.actor.name


def test_one_person_in_two_offices_takes_the_one_held_on_the_day(nlp):
    text = "Jens Stoltenberg spoke to reporters in Oslo."
    assert mentions(nlp, text, published="2010-05-01")["Jens Stoltenberg"].actor.code == "NORGOV"
    assert mentions(nlp, text, published="2020-05-01")["Jens Stoltenberg"].actor.code == "IGONAT"


def test_the_title_names_the_holder_of_the_day(nlp):
    found = mentions(nlp, "The Iranian president met the Iraqi prime minister.", published="2015-03-01")
    assert found["The Iranian president"].actor.name == "Hassan Rouhani"
    assert found["the Iraqi prime minister"].actor.name == "Haider al-Abadi"


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("ICE detained dozens of workers at the plant.", "ICE", "USACOP"),
        ("The FBI arrested two men in Ohio.", "The FBI", "USACOP"),
        ("The Mossad was blamed for the killing.", "The Mossad", "ISRSPY"),
        ("The IRGC seized a tanker in the Gulf.", "The IRGC", "IRNMIL"),
        ("The FSB said it had foiled a plot.", "The FSB", "RUSSPY"),
        ("USAID suspended its grants to the ministry.", "USAID", "USAGOV"),
        ("The Bundesbank lowered its forecast for next year.", "The Bundesbank", "DEUGOV"),
        ("The Guardian Council barred the reformist candidates.", "The Guardian Council", "IRNGOV"),
    ],
)
def test_national_agencies_are_their_countrys_actors(nlp, text, name, code):
    assert mentions(nlp, text, published="2019-03-01")[name].actor.code == code
