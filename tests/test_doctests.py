"""Every docstring example in src/dossier runs and shows what the code does.

One test per module: `doctest.testmod` in an empty temporary working
directory, which must still be empty afterwards (an example writes into a
temporary folder or an in-memory store, never where it is run). Examples that
need the spaCy model are in the modules of MODEL_MODULES, marked `model`;
every other module's examples run without it, which the tests check by making
the model unloadable while they run.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import dossier
import dossier.parse.model

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# Modules whose examples parse text, and why: the stage or entry point they show works on parsed text.
MODEL_MODULES = {
    "dossier.actors.resolve": "resolve_actors works on a parsed article",
    "dossier.api": "analyse and run parse the texts they are given",
    "dossier.events.coder": "code_events works on a parsed article",
    "dossier.parse.model": "the parse stage itself",
    "dossier.pipeline": "run and ingest_articles parse what they store",
    "dossier.quotes.attribution": "find_quotes works on a parsed article",
    "dossier.stance.reader": "find_stances works on a parsed article",
    "dossier.tone.finder": "find_tones works on a parsed article",
}

# Modules whose examples need an optional dependency (an extra in pyproject.toml).
OPTIONAL_DEPENDENCIES = {
    "dossier.spark.job": "pyspark",
}


def module_names() -> list[str]:
    """The package and every module under it, but `__main__` (running it starts the CLI)."""
    found = pkgutil.walk_packages(dossier.__path__, "dossier.")
    return ["dossier", *sorted(info.name for info in found if not info.name.endswith(".__main__"))]


MODULES = module_names()


def as_param(name: str) -> object:
    return pytest.param(name, marks=pytest.mark.model) if name in MODEL_MODULES else name


def refuse_model(name: str | None, *_options: object) -> None:
    raise AssertionError(f"this module's examples load the spaCy model ({name or 'default'}): add it to MODEL_MODULES")


@pytest.mark.parametrize("module_name", [as_param(name) for name in MODULES])
def test_docstring_examples(module_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if module_name in OPTIONAL_DEPENDENCIES:
        pytest.importorskip(OPTIONAL_DEPENDENCIES[module_name])
    if module_name not in MODEL_MODULES:
        monkeypatch.setattr(dossier.parse.model, "_load_model", refuse_model)
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(module_name)

    results = doctest.testmod(module, optionflags=FLAGS)

    assert results.failed == 0, f"{results.failed} of {results.attempted} examples in {module_name} failed (above)"
    assert sorted(path.name for path in tmp_path.iterdir()) == [], "examples must not write where they are run"


def test_model_modules_exist_and_have_examples() -> None:
    for name in MODEL_MODULES:
        assert name in MODULES
        tests = doctest.DocTestFinder().find(importlib.import_module(name))
        assert any(test.examples for test in tests), f"{name} has no examples: take it out of MODEL_MODULES"


def test_every_module_is_collected() -> None:
    assert {"dossier", "dossier.api", "dossier.store.queries", "dossier.events.when"} <= set(MODULES)
    assert not any(name.endswith("__main__") for name in MODULES)
