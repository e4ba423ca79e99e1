"""Target country, round 8 (issue 15): people known only by an indefinite title, regional bodies.

Written sentences for each rule; figures in docs/events-history.md ("Target round 8").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article

pytestmark = pytest.mark.model

Targets = Callable[[str], list[tuple[str, str | None, str | None]]]


def mention_texts(nlp, text: str) -> dict[str, str | None]:
    parsed = next(parse_articles([Article.build(text, published="2019-05-01")], nlp=nlp))
    return {m.text: m.actor.role for m in resolve_actors(parsed)}


def test_an_indefinite_title_acted_on_is_someone_new(nlp):
    found = mention_texts(nlp, "Kenyan police arrested a 40-year-old man near the market.")
    assert found.get("old man") == "CVL"
    found = mention_texts(nlp, "The ministry received a letter from a lawyer on Tuesday.")
    assert found.get("lawyer") == "JUD"


def test_an_indefinite_title_acting_is_someone_new(coded: Targets):
    # the source is a new person known by the title; before, the act had no source and no event
    found = coded("In Lagos, a prosecutor accused the port authority chief of fraud.")
    assert [(code, source) for code, source, _ in found] == [("112", "JUD")]


def test_a_day_after_the_title_is_no_name(nlp):
    # "man Monday": the day does not make the title the start of a person's name.
    found = mention_texts(nlp, "Norway expelled a woman Monday who had entered on a forged passport.")
    assert found.get("woman") == "CVL"


@pytest.mark.parametrize(
    "text, absent",
    [
        # a subject in general, not a participant
        ("A president must be ready to decide on the first day.", "president"),
        # a source the report cites
        ("Talks resumed, according to an official who spoke on condition of anonymity.", "official"),
        # the parser's owner on a predicate noun: "calls her a woman" is about her
        ("He respects the senator and calls her an intelligent woman.", "intelligent woman"),
        # an affiliation describes the title
        ("The army detained a spokesman for the rebels.", "spokesman"),
    ],
)
def test_no_new_person_in_general_cited_or_described(nlp, text, absent):
    assert absent not in mention_texts(nlp, text)


def test_the_new_person_is_the_target_in_the_sentences_country(targets: Targets):
    found = targets("Authorities in Germany deported a 60-year-old man on Friday.")
    assert found == [("174", "DEUCVL", "DEU")]


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("The SADC summit condemned the coup on Sunday.", "SADC", "IGOSAD"),
        ("Brazil and Mercosur signed a trade pact with Japan.", "Mercosur", "IGOMER"),
        ("UNMISS peacekeepers protected the camp in Juba.", "UNMISS", "IGOUNOPKO"),
        ("The African Union Commission urged restraint.", "African Union Commission", "IGOAFU"),
    ],
)
def test_regional_and_un_bodies_are_igos(nlp, text, name, code):
    parsed = next(parse_articles([Article.build(text, published="2019-05-01")], nlp=nlp))
    found = {m.text.removeprefix("The ").removeprefix("the "): m.actor.code for m in resolve_actors(parsed)}
    assert any(key.startswith(name) and value == code for key, value in found.items()), found


def test_asking_a_party_a_question_is_no_appeal(coded: Targets):
    assert not [e for e in coded("A reporter asked the senator whether the bill would pass.") if e[0].startswith("02")]
    assert coded("The mayor asked the governor for more police.")[0][0].startswith("02")


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("Vladimir V. Putin met the press in Moscow.", "Vladimir V. Putin", "RUSGOV"),
        ("Barack H. Obama spoke in Ohio.", "Barack H. Obama", "USAGOV"),
    ],
)
def test_a_listed_person_with_a_middle_initial_is_that_person(nlp, text, name, code):
    parsed = next(parse_articles([Article.build(text, published="2015-05-01")], nlp=nlp))
    assert {m.text: m.actor.code for m in resolve_actors(parsed)}[name] == code


def test_a_middle_initial_does_not_join_unlisted_names(nlp):
    parsed = next(parse_articles([Article.build("Maria K. Jones met Putin.", published="2015-05-01")], nlp=nlp))
    found = {m.text: m.actor.code for m in resolve_actors(parsed)}
    assert found.get("Putin") == "RUSGOV" and not found.get("Maria K. Jones")


@pytest.mark.parametrize(
    "text, target",
    [
        ("Gunmen kidnapped twenty passengers in northern Nigeria on Sunday.", "NGACVL"),
        ("Chilean police detained three suspects after the riot.", "CHLCVL"),
        ("The Peruvian government met striking miners in Lima.", "PERLAB"),
    ],
)
def test_people_known_by_what_they_do_or_suffered_are_targets(targets: Targets, text, target):
    assert target in [code for _, code, _ in targets(text)]


def test_someone_hurt_outside_a_rally_is_the_target_and_the_candidate_no_party(coded: Targets):
    # Moved from test_events_campaign_talk.py (there: no event, dated 2016): "a teenager" is now a person (a
    # title under "a", a listed people noun), so the scuffle is an assault on them, not on the candidate.
    found = coded("A teenager was hurt in a scuffle outside a Donald Trump rally in Wisconsin.")
    assert [event for event in found if event[0].startswith("18")] == [("182", None, "CVL")]
