"""A longer place name wins over the nationality or country word inside it ("British Columbia" is
Canada's, "New Mexico" the United States'), and state forces named by their nationality with a singular
force noun ("the Kenya Defence Force") are the state's military, not an organisation of the country
(issue 15, real-news check).

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article
from tests.actors.actor_fixtures import actor_codes

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("The Business Council of British Columbia sued.", "The Business Council of British Columbia", "CANNGO"),
        ("British Columbia police arrested five protesters.", "British Columbia police", "CANCOP"),
        ("The British Columbia government sued the company.", "The British Columbia government", "CANGOV"),
        ("The University of New Mexico Hospital closed.", "The University of New Mexico Hospital", "USAEDU"),
        ("Northern Ireland police arrested two men.", "Northern Ireland police", "GBRCOP"),
    ],
)  # fmt: skip
def test_a_longer_place_name_wins_over_the_nationality_inside_it(nlp, text, name, code):
    assert actor_codes(nlp, text)[name] == code


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("The Irish government criticised British ministers.", "British ministers", "GBRGOV"),
        ("The Mexican government criticised the plan.", "The Mexican government", "MEXGOV"),
    ],
)
def test_a_nationality_alone_keeps_its_country(nlp, text, name, code):
    assert actor_codes(nlp, text)[name] == code


def test_a_province_alone_is_no_actor(nlp):
    codes = actor_codes(nlp, "American officials met Chinese diplomats in New Jersey.")
    assert "New Jersey" not in codes


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("The Kenya Defence Force killed three militants.", "The Kenya Defence Force", "KENMIL"),
        ("The Burundian National Defence Force attacked the rebels.", "The Burundian National Defence Force", "BDIMIL"),
        ("The Indian Border Security Force fired on smugglers.", "The Indian Border Security Force", "INDCOP"),
        ("Syrian forces shelled the town on Tuesday.", "Syrian forces", "SYRMIL"),
        ("Turkish troops attacked the border post.", "Turkish troops", "TURMIL"),
    ],
)  # fmt: skip
def test_a_state_force_named_by_its_nationality_is_military(nlp, text, name, code):
    assert actor_codes(nlp, text)[name] == code


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("She met Smith and other civil rights leaders on Friday.", "other civil rights leaders", "CVL"),
        ("Union leaders met the minister.", "Union leaders", "LAB"),
        ("Student leaders called off the strike.", "Student leaders", "EDU"),
    ],
)
def test_leaders_of_a_movement_are_not_the_state(nlp, text, name, role):
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    assert {m.text: m.actor.role for m in resolve_actors(parsed)}[name] == role


def test_a_pronoun_in_a_clause_put_first_stands_for_the_main_subject(nlp):
    text = (
        "Senator Anna Berg spoke to reporters on Monday. "
        "Even as she criticised the ministry, Governor Maria Lind would not blame the police."
    )
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    mentions = resolve_actors(parsed)
    she = next(m for m in mentions if m.text == "she")
    assert she.antecedent == text.index("Governor Maria Lind")


def test_the_main_subject_pronoun_after_a_clause_put_first_reads_back(nlp):
    text = "After Governor Maria Lind met the ministers, she criticised the police."
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    she = next(m for m in resolve_actors(parsed) if m.text == "she")
    assert she.antecedent == text.index("Governor Maria Lind")
