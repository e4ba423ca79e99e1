"""The actor knowledge base: shipped tables load, cover every country, and users can layer files on top."""

from __future__ import annotations

from datetime import date

import pycountry
import pytest

from dossier import actor_kb
from dossier.actor_kb import case_agrees, load
from dossier.errors import DataFileError


@pytest.fixture(scope="module")
def kb():
    return load()


def test_every_iso_country_has_a_code_and_a_name(kb):
    for country in pycountry.countries:
        assert kb.country_names.get(country.alpha_3), country.alpha_3


def test_country_names_demonyms_and_capitals_are_found(kb):
    assert [e.code for e in kb.lookup(("Russian", "Federation"))] == ["RUS"]
    assert {e.kind for e in kb.lookup(("South", "Korean"))} == {"demonym"}
    assert any(e.kind == "capital" and e.code == "PRK" for e in kb.lookup(("Pyongyang",)))
    assert kb.country_names["RUS"] == "Russia"


def test_case_matters_except_in_all_caps_text():
    assert case_agrees("RUSSIA", "Russia")
    assert not case_agrees("us", "US")
    assert case_agrees("Officials", "officials")


def test_people_have_dated_offices(kb):
    moon = kb.people["Moon Jae-in"]
    office = next(o for o in moon.offices if o.office == "president")
    assert (office.country, office.role) == ("KOR", "GOV")
    assert (office.start, office.end) == (date(2017, 5, 10), date(2022, 5, 9))
    holders = kb.holders("USA", ("president",), date(2017, 9, 11))
    assert [person.name for person, _ in holders] == ["Donald Trump"]


def test_accented_names_are_also_found_without_accents(kb):
    assert [e.name for e in kb.lookup(("Recep", "Tayyip", "Erdogan"))] == ["Recep Tayyip Erdoğan"]


def test_every_people_row_is_in_scope_and_dated(kb):
    offices = {
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "monarch",
        "supreme leader",
        "foreign minister",
        "defence minister",
        "secretary-general",
    }
    for person in kb.people.values():
        for office in person.offices:
            assert office.office in offices, person.name
            assert office.start is not None, person.name


def test_user_files_are_layered_on_top(tmp_path):
    extra = tmp_path / "actors"
    extra.mkdir()
    (extra / "my_people.csv").write_text(
        "# a mayor the shipped list does not cover\n"
        "name,aliases,country,role,office,start,end,source\n"
        "Anne Example,Example,FRA,GOV,mayor,2020-07-01,,local paper\n",
        encoding="utf-8",
    )
    seats = "code\tname\trole\tsource\nFRA\tHôtel de Ville\tGOV\tuser\n"
    (extra / "extra_seats.tsv").write_text(seats, encoding="utf-8")
    kb = load(str(extra))
    assert kb.people["Anne Example"].offices[0].office == "mayor"
    assert kb.lookup(("Hôtel", "de", "Ville"))[0].code == "FRA"


def test_bad_row_names_file_and_line(tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text(
        "name,aliases,country,role,office,start,end,source\nSomeone,,FRA,GOV,president,2020-13-01,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as error:
        load(str(bad))
    assert f"{bad}:2" in str(error.value)


def test_unknown_role_is_rejected(tmp_path):
    bad = tmp_path / "seats.tsv"
    bad.write_text("code\tname\trole\tsource\nFRA\tElysee\tXYZ\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown role"):
        load(str(bad))


def test_environment_variable_selects_the_extra_files(tmp_path, monkeypatch):
    extra = tmp_path / "igos.tsv"
    extra.write_text("code\tname\taliases\tsource\nIGOXYZ\tExample Pact\tXYZ Pact\tuser\n", encoding="utf-8")
    monkeypatch.setenv(actor_kb.PATH_VARIABLE, str(extra))
    assert actor_kb.knowledge_base().lookup(("Example", "Pact"))[0].code == "IGOXYZ"
    monkeypatch.delenv(actor_kb.PATH_VARIABLE)
    assert not actor_kb.knowledge_base().lookup(("Example", "Pact"))
