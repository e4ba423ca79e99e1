"""The spaCy pipeline every quotes test reads its sentences with, loaded once per module."""

from __future__ import annotations

import pytest

from dossier.parse.model import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()
