"""Names the small model or the people pass leaves uncoded: someone the knowledge base does not list, named
after a title and a comma ("The Peruvian president, Manuel Merino,"), is what the title says; plural bodies
("newspapers", "embassies") are role groups (issue 15, coverage round 4)."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.parse.model import parse_articles
from dossier.records import Article

pytestmark = pytest.mark.model


def codes(nlp, text: str) -> dict[str, str | None]:
    parsed = next(parse_articles([Article.build(text, published="2019-03-01")], nlp=nlp))
    return {m.text: m.actor.code for m in resolve_actors(parsed)}


@pytest.mark.parametrize(
    "text",
    ["The Peruvian president, Manuel Merino, resigned.", "Peru's interim president, Manuel Merino, resigned."],
)
def test_someone_unlisted_named_after_a_title_is_what_the_title_says(nlp, text):
    found = codes(nlp, text)
    assert found["Manuel Merino"] == "PERGOV"


def test_a_former_title_gives_the_unlisted_name_no_office(nlp):
    assert codes(nlp, "The former Peruvian president, Manuel Merino, resigned.")["Manuel Merino"] is None


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Two conservative newspapers were ordered to close.", "conservative newspapers", "MED"),
        ("Several embassies closed their doors.", "Several embassies", "GOV"),
    ],
)
def test_plural_bodies_are_role_groups(nlp, text, name, role):
    parsed = next(parse_articles([Article.build(text, published="2019-03-01")], nlp=nlp))
    roles = {m.text: m.actor.role for m in resolve_actors(parsed)}
    assert roles[name] == role
