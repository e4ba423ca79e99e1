"""The events tests' shared fixtures: the English model, loaded once, and a coder over hand-built mentions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from dossier.actors import resolve as actors_stage
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import ParsedArticle, load_model
from dossier.records import Article, Event
from tests.events.event_fixtures import HandActor, code_with_mentions


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def code(nlp: Language) -> Callable[..., list[Event]]:
    """`code(text, *actors)`: the events of a text published 2021-03-01, over hand-built mentions
    (each actor (surface text, CAMEO code, role)); a test module that codes otherwise defines its own `code`."""

    def run(text: str, *actors: HandActor) -> list[Event]:
        return code_with_mentions(nlp, text, actors, "2021-03-01")

    return run


@pytest.fixture(scope="module")
def stage_events(nlp: Language) -> Callable[[str], list[Event]]:
    """`stage_events(text)`: the events of `text`, its actors found by the actors stage, patterns only."""
    data = load_event_data(learned_fallback=False)

    def run(text: str) -> list[Event]:
        parsed = ParsedArticle(Article.build(text, name="written"), nlp(text))
        return code_events(parsed, actors_stage.resolve_actors(parsed), (), data)

    return run


@pytest.fixture(scope="module")
def targets(stage_events: Callable[[str], list[Event]]) -> Callable[[str], list[tuple[str, str | None, str | None]]]:
    """`targets(text)`: (code, target code, target country) of each event of `text` (`stage_events`)."""

    def code(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(e.code, e.target and e.target.code, e.target and e.target.country) for e in stage_events(text)]

    return code


@pytest.fixture(scope="module")
def coded(stage_events: Callable[[str], list[Event]]) -> Callable[[str], list[tuple[str, str | None, str | None]]]:
    """`coded(text)`: (code, source code, target code) of each event of `text` (`stage_events`)."""

    def code(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(e.code, e.source.code, e.target and e.target.code) for e in stage_events(text)]

    return code


@pytest.fixture(scope="module")
def event_codes(stage_events: Callable[[str], list[Event]]) -> Callable[[str], list[str]]:
    """`event_codes(text)`: the CAMEO code of each event of `text` (`stage_events`), in order."""

    def code(text: str) -> list[str]:
        return [e.code for e in stage_events(text)]

    return code
