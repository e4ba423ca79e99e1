"""The actor knowledge base: shipped tables load, cover every country, and users can layer files on top."""

from __future__ import annotations

from datetime import date

import pycountry
import pytest

from dossier.actors import knowledge as actor_kb
from dossier.actors.knowledge import case_agrees, load
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
        # issue 16: people beyond heads of state, who speak in the news
        "candidate",
        "party leader",
        "legislative leader",
        "governor",
        "spokesperson",
        # issue 15: heads of international organisations by their own titles
        "director-general",
        "managing director",
    }
    for person in kb.people.values():
        for office in person.offices:
            assert office.office in offices, person.name
            assert office.start is not None, person.name


# The offices people.csv promises for each G20 country and both Koreas: head of state, head of
# government (where it is another office), foreign and defence minister.
HEADS = {
    "ARG": ("president",),
    "AUS": ("monarch", "prime minister"),
    "BRA": ("president",),
    "CAN": ("monarch", "prime minister"),
    "CHN": ("president", "premier"),
    "DEU": ("president", "chancellor"),
    "FRA": ("president", "prime minister"),
    "GBR": ("monarch", "prime minister"),
    "IDN": ("president",),
    "IND": ("president", "prime minister"),
    "ITA": ("president", "prime minister"),
    "JPN": ("monarch", "prime minister"),
    "KOR": ("president",),
    "MEX": ("president",),
    "PRK": ("supreme leader", "premier"),
    "RUS": ("president", "prime minister"),
    "SAU": ("monarch", "prime minister"),
    "TUR": ("president", "prime minister"),
    "USA": ("president",),
    "ZAF": ("president",),
}
SCOPE_START = date(2000, 1, 1)
# The list was last checked in full up to this day; later changes need a new row each.
CHECKED_UNTIL = date(2025, 6, 30)
# Longest stretch an office may go without a listed holder (a vacancy between two terms);
# the longest real one in scope apart from those below is China's defence minister, 2023 (65 days).
MAX_VACANCY_DAYS = 70
# Offices that stood empty longer: North Korea named no foreign minister for months after
# Paek Nam-sun died in January 2007; Turkey abolished its prime minister in July 2018.
KNOWN_VACANCIES = {("PRK", "foreign minister"): date(2007, 5, 18), ("TUR", "prime minister"): CHECKED_UNTIL}


def uncovered_stretches(kb, country: str, office: str) -> list[tuple[date, date]]:
    """Stretches between SCOPE_START and CHECKED_UNTIL with no holder of the office listed."""
    terms = sorted(
        (term.start, term.end or CHECKED_UNTIL)
        for person in kb.people.values()
        for term in person.offices
        if term.country == country and term.office == office
    )
    stretches, covered_to = [], SCOPE_START
    for start, end in terms:
        if start > covered_to:
            stretches.append((covered_to, start))
        covered_to = max(covered_to, end)
    if covered_to < CHECKED_UNTIL:
        stretches.append((covered_to, CHECKED_UNTIL))
    return stretches


def test_people_cover_their_stated_scope_since_2000(kb):
    scope = [(country, office) for country, heads in HEADS.items() for office in heads]
    scope += [(country, office) for country in HEADS for office in ("foreign minister", "defence minister")]
    scope += [("IGOUNO", "secretary-general"), ("IGOEU", "president"), ("IGOEU", "foreign minister")]
    gaps = []
    for country, office in scope:
        for start, end in uncovered_stretches(kb, country, office):
            allowed = KNOWN_VACANCIES.get((country, office))
            if (end - start).days > MAX_VACANCY_DAYS and not (allowed and start < allowed <= end):
                gaps.append(f"{country} {office}: nobody listed from {start} to {end}")
    assert not gaps, gaps


def test_one_person_heading_several_states_is_found_under_each(kb):
    charles = kb.people["Charles III"]
    assert {office.country for office in charles.offices} >= {"GBR", "AUS", "CAN"}
    assert [p.name for p, _ in kb.holders("CAN", ("monarch",), date(2023, 5, 6))] == ["Charles III"]


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


def test_a_missing_user_path_names_the_variable(tmp_path):
    with pytest.raises(DataFileError, match=f"named in {actor_kb.PATH_VARIABLE} but no such file or folder"):
        load(str(tmp_path / "nowhere"))


def test_a_user_file_that_fits_no_table_is_rejected(tmp_path):
    stray = tmp_path / "politicians.csv"
    stray.write_text("name,aliases,country,role,office,start,end\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="file name must end with one of"):
        load(str(stray))


def test_environment_variable_selects_the_extra_files(tmp_path, monkeypatch):
    extra = tmp_path / "igos.tsv"
    extra.write_text("code\tname\taliases\tsource\nIGOXYZ\tExample Pact\tXYZ Pact\tuser\n", encoding="utf-8")
    monkeypatch.setenv(actor_kb.PATH_VARIABLE, str(extra))
    assert actor_kb.knowledge_base().lookup(("Example", "Pact"))[0].code == "IGOXYZ"
    monkeypatch.delenv(actor_kb.PATH_VARIABLE)
    assert not actor_kb.knowledge_base().lookup(("Example", "Pact"))


def test_groups_give_armed_groups_and_ngos_cameo_style_codes(kb):
    expected = {
        ("Taliban",): "AFGREB",
        ("Hamas",): "PSEREB",
        ("Boko", "Haram"): "NGAREB",
        ("Hezbollah",): "LBNREB",
        ("Islamic", "State"): "IMGREB",
        ("Houthis",): "YEMREB",
        ("FARC",): "COLREB",
        ("al", "-", "Qaeda"): "IMGREB",
        ("al", "-", "Shabaab"): "SOMREB",
        ("Amnesty", "International"): "NGOAMN",
        ("Human", "Rights", "Watch"): "NGOHRW",
        ("Doctors", "Without", "Borders"): "NGOMSF",
    }
    for tokens, code in expected.items():
        assert [(e.kind, e.code) for e in kb.lookup(tokens)] == [("nonstate", code)], tokens
    assert kb.lookup(("Médecins", "Sans", "Frontières"))[0].name == "Doctors Without Borders"
    assert kb.group_kinds["Taliban"] == "armed" and kb.group_kinds["Amnesty International"] == "ngo"


@pytest.mark.parametrize(
    ("name", "code", "role"),
    [
        ("USAID", "USA", "GOV"),
        ("Department of Health and Human Services", "USA", "HLH"),
        ("ODNI", "USA", "SPY"),
        ("Foreign, Commonwealth and Development Office", "GBR", "GOV"),
        ("Bundesbank", "DEU", "GOV"),
        ("Central Military Commission", "CHN", "MIL"),
        ("National Intelligence Service", "KOR", "SPY"),
        ("Guardian Council", "IRN", "GOV"),
        ("National Intelligence Organization", "TUR", "SPY"),
    ],
)
def test_national_agencies_name_their_country_with_a_role(kb, name, code, role):
    assert [(e.kind, e.code, e.role) for e in kb.lookup(actor_kb.tokenize(name))] == [("seat", code, role)]


def test_every_seat_name_names_one_coded_actor(kb):
    shipped = actor_kb.DATA_DIR / "seats.tsv"
    for line, row in actor_kb.read_table(shipped, actor_kb.TABLES["seats.tsv"]):
        coded = {(e.kind, e.code, e.role) for e in kb.lookup(actor_kb.tokenize(row["name"])) if e.code}
        assert coded == {("seat", row["code"], row["role"])}, f"seats.tsv:{line} {row['name']!r} -> {coded}"


def test_every_group_name_names_one_actor_and_nothing_else(kb):
    shipped = actor_kb.DATA_DIR / "groups.tsv"
    rows = list(actor_kb.read_table(shipped, actor_kb.TABLES["groups.tsv"]))
    assert len(rows) >= 60  # the stated scope: several dozen armed groups and NGOs
    for line, row in rows:
        assert row["source"], f"groups.tsv:{line} has no source"
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            found = {(e.kind, e.code, e.name) for e in kb.lookup(actor_kb.tokenize(name.removeprefix("the ")))}
            assert found == {("nonstate", row["code"], row["name"])}, f"groups.tsv:{line} {name!r} -> {found}"


def test_user_file_adds_a_group(tmp_path):
    extra = tmp_path / "my_groups.tsv"
    extra.write_text(
        "code\tname\taliases\tkind\tsource\nMOZREB\tRuvuma Hills Front\tRuvuma Front\tarmed\tuser\n",
        encoding="utf-8",
    )
    kb = load(str(extra))
    assert [(e.code, e.name) for e in kb.lookup(("Ruvuma", "Front"))] == [("MOZREB", "Ruvuma Hills Front")]
    assert kb.lookup(("Taliban",))[0].code == "AFGREB"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("XXQREB\tSome Front\t\tarmed\tx", "neither an ISO alpha-3 code nor IMG or NGO"),
        ("AFGXYZ\tSome Front\t\tarmed\tx", "unknown role"),
        ("NGOABC\tSome Charity\t\tcharity\tx", "kind must be one of armed, ngo"),
    ],
)
def test_bad_group_row_names_file_and_line(tmp_path, row, problem):
    bad = tmp_path / "groups.tsv"
    bad.write_text(f"# a comment\ncode\tname\taliases\tkind\tsource\n{row}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=problem) as error:
        load(str(bad))
    assert f"{bad}:3" in str(error.value)
