"""Targets the events stage finds through the real actors stage (issue 15, target pass).

Written sentences for each general rule: a thing a nationality adjective
modifies stands for its country, and an act that names no one acted on
takes the actor of its purpose ("gave money to promote investment in
Ghana", "mobilized troops for a war against Chad"). Figures in docs/events.md.
"""

from __future__ import annotations

import pytest

from dossier.actors import resolve as actors
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import ParsedArticle, load_model
from dossier.quotes import attribution as quotes
from dossier.records import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code():
    nlp = load_model()
    data = load_event_data(learned_fallback=False)

    def run(text: str) -> list[tuple[str, str | None, str | None]]:
        article = Article.build(text, name="targets")
        parsed = ParsedArticle(article, nlp(text))
        mentions = actors.resolve_actors(parsed)
        events = code_events(parsed, mentions, quotes.find_quotes(parsed, mentions), data)
        return [(e.code, e.source.code, e.target.code if e.target else None) for e in events]

    return run


def test_a_national_thing_acted_on_is_its_country(code):
    assert code("The navy seized a Greek tanker.") == [("1711", "MIL", "GRC")]
    assert code("Ankara refused to lift the ban on Cypriot ships.") == [("1241", "TUR", "CYP")]


def test_a_purpose_infinitive_names_the_recipient_of_aid(code):
    assert code("Canada gave 20 million dollars to promote investment in Ghana.") == [("071", "CAN", "GHA")]
    assert code("Sweden sent 300 tonnes of food to feed families in Somalia.") == [("073", "SWE", "SOMCVL")]


def test_a_purpose_with_its_own_subject_is_another_act(code):
    found = code("Canada gave 20 million dollars after Ghana asked for help.")
    assert ("071", "CAN", "GHA") not in found


def test_a_purpose_phrase_names_the_enemy_of_a_mobilisation(code):
    assert code("The army mobilized troops for a war against Chad.") == [("154", "MIL", "TCD")]


def test_an_act_that_names_its_target_keeps_it(code):
    assert code("Norway gave Kenya 5 million dollars to buy vaccines from India.")[0][2] == "KEN"


def test_us_in_capitals_is_the_country_not_the_speaker(code):
    assert code("Cuba has reiterated its demand that US ease sanctions on trade.")[0] == ("1054", "CUB", "USA")
