"""Pronouns: what "it" may stand for, appositions that give a role its person, eras named after a leader."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article, Mention

pytestmark = pytest.mark.model


def mentions(nlp, text: str, published: str = "2016-10-01") -> list[Mention]:
    parsed = next(parse_articles([Article.build(text, published=published)], nlp=nlp))
    return list(resolve_actors(parsed))


def pronoun_actors(nlp, text: str, word: str, published: str = "2016-10-01") -> list[str | None]:
    """The actor name each resolved pronoun spelt `word` stands for, in text order."""
    return [m.actor.name for m in mentions(nlp, text, published) if m.kind == "pronoun" and m.text.lower() == word]


def test_it_stands_for_the_outlet_that_reported_it(nlp):
    assert pronoun_actors(nlp, "CNN reported that it had obtained the memo from a former aide.", "it") == ["CNN"]


def test_it_after_an_outlet_reporting_something_else_is_not_the_outlet(nlp):
    text = "The campaign released its tax plan on Tuesday, CNN reported, and it would cut the top rate to 25 percent."
    assert pronoun_actors(nlp, text, "it") == []


def test_it_after_an_outlet_that_is_only_an_object_is_not_the_outlet(nlp):
    assert pronoun_actors(nlp, "Officials told CNN on Monday that it would take months to rebuild the bridge.", "it") == []


def test_it_with_a_thing_as_the_subject_above_is_that_thing(nlp):
    text = "The Pentagon said the report was wrong because it left out the cost of fuel."
    assert pronoun_actors(nlp, text, "it") == []


def test_an_empty_it_stands_for_no_one(nlp):
    text = (
        "The Pentagon asked for more money. It is clear that the Pentagon wants a larger fleet. "
        "When it comes to trade, the Pentagon has little to say. The Pentagon has made it harder to bid on the work."
    )
    assert pronoun_actors(nlp, text, "it") == []


def test_it_in_a_relative_clause_stands_for_the_noun_the_clause_describes(nlp):
    text = "The State Department, which said it would review the case, declined to comment on Friday."
    assert pronoun_actors(nlp, text, "it") == ["State Department"]


def test_it_after_a_clause_put_first_stands_for_that_clause_subject(nlp):
    text = "Once Iran signs the deal, it will have to open its sites to inspectors."
    assert pronoun_actors(nlp, text, "it") == ["Iran"]
