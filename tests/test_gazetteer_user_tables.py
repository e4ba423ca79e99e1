"""The gazetteer's hand-written place tables take the user's files (DOSSIER_ACTORS_PATH), as the actors'
tables do: `my_regions.tsv`, `extra_landmarks.tsv`, `my_common_word_places.txt`,
`my_not_place_alternates.txt` are read after the shipped files; a bad row names its file and line; the index
kept on disk is keyed on the user's files, so an edited file is never read from a stale index."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import gazetteer as gazetteer_module
from dossier.actors import knowledge
from dossier.diskcache import CACHE_ENV
from dossier.errors import DataFileError
from dossier.gazetteer import country_of_place, gazetteer, gazetteer_for

REGIONS_HEADER = "name\tcountry\tsource\n"


@pytest.fixture(autouse=True)
def no_disk_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's made-up files would leave an index on disk; the cache test sets its own folder."""
    monkeypatch.setenv(CACHE_ENV, "off")


def place(found: gazetteer_module.Gazetteer, name: str) -> tuple[str, str | None, str] | None:
    entry = found.lookup(name)
    return entry and (entry.name, entry.country, entry.kind)


def test_a_user_region_and_landmark_are_places_in_their_country(tmp_path: Path) -> None:
    (tmp_path / "my_regions.tsv").write_text(REGIONS_HEADER + "North Tavendri\tMOZ\tmy notes\n", encoding="utf-8")
    (tmp_path / "extra_landmarks.tsv").write_text(REGIONS_HEADER + "Palacio Orvena\tPRY\tmy notes\n", encoding="utf-8")
    shipped, mine = gazetteer_for(None), gazetteer_for(str(tmp_path))
    assert place(shipped, "North Tavendri") is None and place(shipped, "Palacio Orvena") is None
    assert place(mine, "North Tavendri") == ("North Tavendri", "MOZ", "region")
    assert place(mine, "the North Tavendri region") == ("North Tavendri", "MOZ", "region")
    assert place(mine, "Palacio Orvena") == ("Palacio Orvena", "PRY", "landmark")
    assert country_of_place("North Tavendri", mine) == "MOZ"
    # The shipped rows stay: the user's add to them.
    assert place(mine, "the Golan Heights") == place(shipped, "the Golan Heights")


def test_the_environment_variable_selects_the_user_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = tmp_path / "my_regions.tsv"
    regions.write_text(REGIONS_HEADER + "North Tavendri\tMOZ\tmy notes\n", encoding="utf-8")
    monkeypatch.setenv(gazetteer_module.PATH_VARIABLE, str(regions))
    assert country_of_place("North Tavendri") == "MOZ"
    assert knowledge.knowledge_base().gazetteer() is gazetteer()
    monkeypatch.delenv(gazetteer_module.PATH_VARIABLE)
    assert country_of_place("North Tavendri") is None


def test_a_user_row_for_a_listed_region_gives_it_the_users_country(tmp_path: Path) -> None:
    (tmp_path / "my_regions.tsv").write_text(REGIONS_HEADER + "Golan Heights\tISR\tmy reading\n", encoding="utf-8")
    assert place(gazetteer_for(None), "Golan Heights")[1] == "SYR"
    assert place(gazetteer_for(str(tmp_path)), "Golan Heights") == ("Golan Heights", "ISR", "region")


def test_user_word_lists_keep_a_subdivision_word_and_an_alternate_name_from_naming_a_place(tmp_path: Path) -> None:
    shipped = gazetteer_for(None)
    assert place(shipped, "Kogi")[:2] == ("Kogi", "NGA")
    assert place(shipped, "Tshwane")[:2] == ("Pretoria", "ZAF")  # geonames' alternate name of Pretoria
    (tmp_path / "my_common_word_places.txt").write_text("# words, one a line\nkogi\n", encoding="utf-8")
    (tmp_path / "my_not_place_alternates.txt").write_text("Tshwane\n", encoding="utf-8")
    mine = gazetteer_for(str(tmp_path))
    assert place(mine, "Kogi") is None and place(mine, "Kogi State")[:2] == ("Kogi State", "NGA")
    assert place(mine, "Tshwane") is None and place(mine, "Pretoria")[:2] == ("Pretoria", "ZAF")


@pytest.mark.parametrize(
    "rows, problem",
    [
        ("North Tavendri\tMZ\tmy notes\n", "country 'MZ' is not the ISO 3166 alpha-3 code of a country"),
        ("North Tavendri\t\tmy notes\n", "country '' is not the ISO 3166 alpha-3 code of a country"),
        ("\tMOZ\tmy notes\n", "empty name"),
        ("North Tavendri\tMOZ\tmy notes\textra\n", "4 fields but the header has 3"),
    ],
)
def test_a_bad_row_names_its_file_and_line(tmp_path: Path, rows: str, problem: str) -> None:
    regions = tmp_path / "my_regions.tsv"
    regions.write_text("# my regions\n" + REGIONS_HEADER + "Lower Tavendri\tMOZ\tmy notes\n" + rows, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        gazetteer_for(str(regions))
    assert str(error.value).startswith(f"{regions}:4: {problem}")


def test_a_word_list_row_of_two_words_names_its_file_and_line(tmp_path: Path) -> None:
    words = tmp_path / "my_common_word_places.txt"
    words.write_text("kogi\nnorth tavendri\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=f"{words}:2: expected one word a line"):
        gazetteer_for(str(words))


def test_the_actors_tables_and_the_place_tables_share_the_variable(tmp_path: Path) -> None:
    regions = tmp_path / "my_regions.tsv"
    regions.write_text(REGIONS_HEADER + "North Tavendri\tMOZ\tmy notes\n", encoding="utf-8")
    base = knowledge.load(str(regions))  # a place table named alone is no stray file to the actors' loader
    assert base.gazetteer().lookup("North Tavendri").country == "MOZ"
    stray = tmp_path / "my_places.tsv"
    stray.write_text(REGIONS_HEADER, encoding="utf-8")
    with pytest.raises(DataFileError, match="file name must end with one of: .*regions.tsv"):
        knowledge.load(str(stray))
    # The actors' own files leave the gazetteer the shipped one.
    people = tmp_path / "my_people.csv"
    people.write_text("name,aliases,country,role,office,start,end\n", encoding="utf-8")
    assert gazetteer_module.place_table_files(str(people)) == gazetteer_module.place_table_files(None)


def forget_in_process() -> None:
    gazetteer_module.gazetteer_for.cache_clear()
    gazetteer_module._gazetteer_of.cache_clear()


def test_an_edited_user_file_is_never_read_from_a_stale_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = tmp_path / "mine", tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv(CACHE_ENV, str(cache))
    regions = folder / "my_regions.tsv"

    def fresh_process_country() -> str | None:
        forget_in_process()  # as a new process: only the disk cache is left
        return gazetteer_for(str(folder)).lookup("North Tavendri").country

    try:
        regions.write_text(REGIONS_HEADER + "North Tavendri\tMOZ\tmy notes\n", encoding="utf-8")
        assert fresh_process_country() == "MOZ"
        assert fresh_process_country() == "MOZ"  # read back from disk
        regions.write_text(REGIONS_HEADER + "North Tavendri\tTZA\tmy notes, corrected\n", encoding="utf-8")
        assert fresh_process_country() == "TZA"
        assert len(list(cache.glob("gazetteer-*"))) == 2
        # A file added to the folder is read too.
        (folder / "more_regions.tsv").write_text(REGIONS_HEADER + "Upper Tavendri\tMWI\tx\n", encoding="utf-8")
        forget_in_process()
        assert gazetteer_for(str(folder)).lookup("Upper Tavendri").country == "MWI"
    finally:
        forget_in_process()
