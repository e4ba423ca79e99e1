"""He or she by the given name: a person named in full whose first name is in given_names.tsv is taken for a
man or a woman when people.csv, a title and an apposition say nothing, and "he"/"she" go by it (issues 15, 16)."""

from __future__ import annotations

import pytest

from dossier.actors import resolve_actors
from dossier.actors.knowledge import load
from dossier.actors.people import unify_people
from dossier.actors.state import Draft, FoundMentions
from dossier.errors import DataFileError
from dossier.parse.model import parse_articles
from dossier.records import ActorRef, Article


def pronoun_antecedents(nlp, text: str) -> dict[str, str | None]:
    parsed = next(parse_articles([Article.build(text)], nlp=nlp))
    return {m.text: m.actor.name for m in resolve_actors(parsed) if m.kind == "pronoun"}


@pytest.mark.model
def test_he_is_the_man_of_two_people_named(nlp):
    # Tara is a woman's name, Darrell a man's: "He" can only be Darrell Scott.
    text = "Tara Setmayer met Darrell Scott in Ohio. He said the wall would be built."
    assert pronoun_antecedents(nlp, text) == {"He": "Darrell Scott"}


@pytest.mark.model
def test_she_is_the_woman_of_two_people_named(nlp):
    text = "Darrell Scott met Tara Setmayer in Ohio. She said the wall would be built."
    assert pronoun_antecedents(nlp, text) == {"She": "Tara Setmayer"}


@pytest.mark.model
def test_names_the_table_does_not_hold_change_nothing(nlp):
    # Chris and Alex name men and women alike: with two people who could be either, "He" stays unresolved.
    text = "Chris Gibson met Alex Thompson in Ohio. He said the wall would be built."
    assert pronoun_antecedents(nlp, text) == {}


@pytest.mark.model
def test_a_title_outweighs_the_given_name(nlp, tmp_path, monkeypatch):
    # A user who takes Tara for a man's name is overruled by "Ms.".
    extra = tmp_path / "my_given_names.tsv"
    extra.write_text("name\tgender\tsource\nTara\tm\ttest\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_ACTORS_PATH", str(extra))
    text = "Ms. Tara Setmayer met Darrell Scott in Ohio. She said the wall would be built."
    assert pronoun_antecedents(nlp, text) == {"She": "Tara Setmayer"}


@pytest.mark.model
def test_user_file_adds_a_given_name(nlp, tmp_path, monkeypatch):
    # Without the row, either could be the man; with it, Tamsin Greig is a woman and "He" is Chris Gibson.
    text = "Tamsin Greig met Chris Gibson in Ohio. He said the wall would be built."
    assert pronoun_antecedents(nlp, text) == {}
    extra = tmp_path / "my_given_names.tsv"
    extra.write_text("name\tgender\tsource\nTamsin\tf\tuser\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_ACTORS_PATH", str(extra))
    assert pronoun_antecedents(nlp, text) == {"He": "Chris Gibson"}


def test_the_first_word_of_a_full_name_tells():
    kb = load()
    assert kb.given_name_gender("Tara Setmayer") == "f"
    assert kb.given_name_gender("François Hollande") == "m"  # accents do not matter
    assert kb.given_name_gender("Abdel-Fattah el-Sisi") == "m"  # a hyphenated name by its first part
    assert kb.given_name_gender("Setmayer") is None  # one word is a surname, not a given name
    assert kb.given_name_gender("Chris Christie") is None  # Chris names men and women: not listed
    assert kb.given_name_gender("Andrea Nahles") is None  # a woman's name in Germany, a man's in Italy


def test_user_file_with_an_empty_gender_drops_a_name(tmp_path):
    extra = tmp_path / "my_given_names.tsv"
    extra.write_text("name\tgender\tsource\nTara\t\tnames either in my corpus\n", encoding="utf-8")
    assert load(str(extra)).given_name_gender("Tara Setmayer") is None


def test_bad_given_name_row_names_file_and_line(tmp_path):
    bad = tmp_path / "given_names.tsv"
    bad.write_text("name\tgender\tsource\nTara\tw\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load(str(bad))
    assert f"{bad}:2" in str(error.value) and "gender must be m, f or empty" in str(error.value)


def person_draft(start: int, name: str, gender: str | None = None, name_gender: str | None = None) -> Draft:
    draft = Draft(start, start + 1, ActorRef(None, name, None, None), "name", person=name, gender=gender)
    draft.name_gender = name_gender
    return draft


def test_a_surname_mention_shares_the_given_names_gender():
    # "Tara Setmayer ... Setmayer": the surname mention resolved to her takes her given name's gender.
    found = FoundMentions.empty(10)
    found.add(person_draft(0, "Tara Setmayer", name_gender="f"))
    found.add(person_draft(5, "Tara Setmayer"))
    unify_people(found)
    assert [d.gender for d in found.drafts] == ["f", "f"]


def test_what_people_csv_a_title_or_an_apposition_told_outweighs_the_given_name():
    found = FoundMentions.empty(10)
    found.add(person_draft(0, "Tara Setmayer", name_gender="f"))
    found.add(person_draft(5, "Tara Setmayer", gender="m"))  # "Mr. Setmayer"
    unify_people(found)
    assert [d.gender for d in found.drafts] == ["m", "m"]


def test_given_names_agree_with_people_csv():
    # Every listed person whose first name is in the table is of that name's gender.
    kb = load()
    disagree = [
        (person.name, person.gender)
        for person in kb.people.values()
        if person.gender and kb.given_name_gender(person.name) not in (None, person.gender)
    ]
    assert not disagree, disagree
