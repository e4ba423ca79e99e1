"""The actors tests' shared fixture: the English model, loaded once a session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.parse.model import load_model


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()
