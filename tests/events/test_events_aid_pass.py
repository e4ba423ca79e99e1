"""The AID family (issue 15): nominal aid with its giver and receiver, peacekeepers on the move.

Written sentences for each rule kept; figures in docs/events-history.md ("The AID family").
"""

from __future__ import annotations

import pytest

from dossier.actors import resolve as actors_stage
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import ParsedArticle
from dossier.records import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def coded(nlp):
    data = load_event_data(learned_fallback=False)

    def code(text: str) -> list[tuple[str, str | None, str | None]]:
        """(code, source code, target code) of each event of `text`."""
        parsed = ParsedArticle(Article.build(text, name="written"), nlp(text))
        events = code_events(parsed, actors_stage.resolve_actors(parsed), (), data)
        return [(e.code, e.source.code, e.target and e.target.code) for e in events]

    return code


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Japan's aid to Kenya reached $50 million.", ("070", "JPN", "KEN")),
        ("Chinese assistance to Zambia included road building.", ("070", "CHN", "ZMB")),
        ("Russia's military assistance to Syria has grown.", ("072", "RUS", "SYR")),
        ("The Japanese government's humanitarian aid for Somalia is the largest.", ("073", "JPNGOV", "SOM")),
    ],
)
def test_aid_named_by_a_noun_with_its_giver_and_receiver_is_given(coded, text, expected):
    # CAMEO 07x is the giving; a noun phrase that names both the giver and the receiver tells it.
    assert coded(text) == [expected]


def test_aid_with_no_receiver_named_tells_no_act(coded):
    assert coded("US aid remains vital.") == []


def test_aid_given_by_a_verb_is_coded_once(coded):
    # The noun is the verb's object: the verb codes the act, the noun gives no second event.
    assert coded("Turkey shipped medical aid to Italy.") == [("073", "TUR", "ITA")]


@pytest.mark.parametrize(
    "text",
    [
        "Bangladeshi peacekeepers arrived in South Sudan.",
        "The peacekeeping force deployed to Mali.",
    ],
)
def test_peacekeepers_on_the_move_are_peacekeeping_not_a_mobilisation(coded, text):
    assert [c for c, _, _ in coded(text)] == ["074"]


def test_troops_on_the_move_stay_a_mobilisation(coded):
    assert coded("Russian troops arrived in Syria.") == [("154", "RUSMIL", "SYR")]
