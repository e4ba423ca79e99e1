"""Derived data kept on disk between processes (issue 22: start-up CPU): same data, never stale, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import gazetteer as gazetteer_module
from dossier.diskcache import CACHE_ENV, cache_folder, cached


def _entries(found: gazetteer_module.Gazetteer, names: list[str]) -> list[tuple]:
    return [tuple(found.places.get(name, ())) for name in names]


def forget_gazetteers() -> None:
    """As a new process would start: no gazetteer built in this one."""
    gazetteer_module.gazetteer_for.cache_clear()
    gazetteer_module._gazetteer_of.cache_clear()


def test_the_gazetteer_read_back_is_the_one_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = ["paris", "georgia", "springfield", "kyiv", "muenchen", "florida", "no such place"]
    try:
        monkeypatch.setenv(CACHE_ENV, "off")
        forget_gazetteers()
        built = gazetteer_module.gazetteer()
        monkeypatch.setenv(CACHE_ENV, str(tmp_path))
        forget_gazetteers()
        first = gazetteer_module.gazetteer()  # builds and stores
        assert [path.name.startswith("gazetteer-") for path in tmp_path.iterdir()] == [True]
        forget_gazetteers()
        read_back = gazetteer_module.gazetteer()
    finally:
        forget_gazetteers()
    assert list(read_back.places) == list(built.places) == list(first.places)
    assert _entries(read_back, names) == _entries(built, names)
    assert read_back.iso3_by_iso2 == built.iso3_by_iso2 and read_back.fips_by_iso3 == built.fips_by_iso3
    assert read_back.lookup("Georgia").kind == "country" and read_back.lookup("Paris", "USA").country == "USA"


def test_other_sources_make_another_file_and_a_bad_file_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    builds: list[str] = []

    def build(value: str) -> dict[str, list[int]]:
        builds.append(value)
        return {value: [1, 2]}

    assert cached("table", ("source", 1), lambda: build("one")) == {"one": [1, 2]}
    assert cached("table", ("source", 1), lambda: build("again")) == {"one": [1, 2]}  # read back
    assert cached("table", ("source", 2), lambda: build("two")) == {"two": [1, 2]}  # changed source
    assert builds == ["one", "two"]
    for path in tmp_path.iterdir():
        path.write_bytes(b"\x00cut short")
    assert cached("table", ("source", 1), lambda: build("rebuilt")) == {"rebuilt": [1, 2]}


def test_a_folder_that_cannot_be_written_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert cached("table", "source", lambda: [1, 2, 3]) == [1, 2, 3]
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_folder() is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "dossier"


def test_the_knowledge_base_with_cached_name_tokens_is_the_one_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.actors import knowledge

    monkeypatch.setenv(CACHE_ENV, "off")
    built = knowledge.load()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    knowledge.load()  # cuts the names and keeps their tokens
    stored = knowledge.read_cached(knowledge.NAME_TOKENS, knowledge._tokenizer_version())
    assert stored["Mevlut Cavusoglu"] == ("Mevlut", "Cavusoglu") and ("U.N.",) in stored.values()
    read_back = knowledge.load()
    assert read_back == built and read_back.names == built.names and read_back.surnames == built.surnames
    # A user's name no earlier process cut is cut now, and kept for the next one.
    extra = tmp_path / "my_people.csv"
    extra.write_text(
        "name,aliases,country,role,office,start,end,gender\nZorblat Quennington-Smythe,Quennington-Smythe,GBR,GOV,"
        "Minister of Examples,2020-01-01,,\n"
    )
    with_user_file = knowledge.load(str(extra))
    assert [entry.name for entry in with_user_file.lookup(("Zorblat", "Quennington", "-", "Smythe"))] == [
        "Zorblat Quennington-Smythe"
    ]
    stored = knowledge.read_cached(knowledge.NAME_TOKENS, knowledge._tokenizer_version())
    assert stored["Zorblat Quennington-Smythe"] == ("Zorblat", "Quennington", "-", "Smythe")
