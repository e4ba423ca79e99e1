"""Issue 15: what a listed group or IGO name takes with it. A group noun after the name and its acronym in
brackets is the named group ("Islamic State (IS) fighters"); a group of countries in an "of" phrase on an
IGO's name says who its members are, and is no second party ("the ASEAN bloc of Southeast Asian nations").

Written sentences; figures in docs/actors.md ("Coverage by category").
"""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import parse_articles
from dossier.records import Article

pytestmark = pytest.mark.model


def named(nlp, text: str) -> dict[str, str | None]:
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    return {m.text: m.actor.code for m in resolve_actors(parsed)}


def events(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    parsed = next(parse_articles([Article.build(text, published="2020-05-01")], nlp=nlp))
    found = code_events(parsed, resolve_actors(parsed), (), load_event_data(learned_fallback=False))
    return [(e.code, e.source.code, e.target.code if e.target else None) for e in found]


@pytest.mark.parametrize(
    "text, mention, code",
    [
        ("Forty Islamic State (IS) fighters surrendered to the army.", "Islamic State (IS) fighters", "IMGREB"),
        (
            "Two Allied Democratic Forces (ADF) militants were captured.",
            "Allied Democratic Forces (ADF) militants",
            "CODREB",
        ),
    ],
)
def test_a_group_noun_after_a_group_name_and_its_bracketed_acronym_is_that_group(nlp, text, mention, code):
    found = named(nlp, text)
    assert found.get(mention) == code
    assert all(actor_code != "REB" for actor_code in found.values())


def test_a_bracketed_word_in_lower_case_is_no_acronym(nlp):
    found = named(nlp, "Taliban (reportedly) fighters attacked the post.")
    assert "Taliban (reportedly) fighters" not in found


@pytest.mark.parametrize(
    "text, mention, code",
    [
        ("China and the ASEAN bloc of Southeast Asian nations agreed on a code of conduct.",
         "ASEAN bloc of Southeast Asian nations", "IGOASN"),
        ("Japan and the Gulf Cooperation Council of Arab states have agreed on a trade pact.",
         "the Gulf Cooperation Council of Arab states", "IGOGCC"),
    ],
)  # fmt: skip
def test_the_members_named_after_an_igo_are_part_of_its_mention(nlp, text, mention, code):
    found = named(nlp, text)
    assert found.get(mention) == code
    assert not any(value in ("SEA", "MEA") for value in found.values())


def test_an_igo_and_its_members_make_one_party_to_what_they_agree(nlp):
    found = events(nlp, "China and the ASEAN bloc of Southeast Asian nations agreed on a code of conduct.")
    assert found == [("030", "CHN", "IGOASN")]


def test_a_group_of_countries_that_is_no_igo_s_members_keeps_its_region(nlp):
    found = named(nlp, "Ministers of Arab states met in Cairo.")
    assert "MEA" in found.values()
