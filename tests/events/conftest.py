"""The events tests' shared fixtures: the English model, loaded once, and a coder over hand-built mentions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from dossier.parse.model import load_model
from dossier.records import Event
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
