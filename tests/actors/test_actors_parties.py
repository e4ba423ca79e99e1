"""Political parties (issue 15): parties.tsv, the parties pass and party words around role nouns."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dossier.actors.knowledge import PARTY_ROLE, ROLE_CODES, load
from dossier.errors import DataFileError
from tests.actors.actor_fixtures import actor_codes

pytestmark = pytest.mark.model

CAMPAIGN = "2016-03-10"


def test_party_role_is_a_cameo_role() -> None:
    assert PARTY_ROLE in ROLE_CODES


def test_a_users_parties_file_joins_the_table(tmp_path: Path) -> None:
    extra = tmp_path / "my_parties.tsv"
    extra.write_text("code\tname\taliases\tmembers\tadjectives\nNORPTY\tCentre Party\tSenterpartiet\t\t\n")
    kb = load(str(extra))
    assert [e.code for e in kb.lookup(("Senterpartiet",))] == ["NORPTY"]


def test_a_party_code_names_the_party_role(tmp_path: Path) -> None:
    extra = tmp_path / "my_parties.tsv"
    extra.write_text("code\tname\taliases\tmembers\tadjectives\nNORGOV\tCentre Party\t\t\t\n")
    with pytest.raises(DataFileError, match="PTY"):
        load(str(extra))


def test_party_names_and_members(nlp: Language) -> None:
    text = "The GOP and the Democratic National Committee traded barbs, and Democrats said Republicans were lying."
    found = actor_codes(nlp, text, CAMPAIGN)
    assert found["The GOP"] == "USAPTY"
    assert found["the Democratic National Committee"] == "USAPTY"
    assert found["Democrats"] == "USAPTY"
    assert found["Republicans"] == "USAPTY"


def test_party_words_before_role_nouns_keep_the_role(nlp: Language) -> None:
    text = "Republican senators blocked the measure that Democratic voters favoured, and GOP lawmakers cheered."
    found = actor_codes(nlp, text, CAMPAIGN)
    assert found["Republican senators"] == "USALEG"
    assert found["Democratic voters"] == "USACVL"
    assert found["GOP lawmakers"] == "USALEG"


def test_party_leaders_are_the_partys(nlp: Language) -> None:
    found = actor_codes(nlp, "Democratic leaders met the president on Tuesday.", CAMPAIGN)
    assert found["Democratic leaders"] == "USAPTY"


def test_members_in_a_legislature_are_legislators(nlp: Language) -> None:
    text = "Senate Democrats stalled the bill; House Republicans and Republicans in Congress backed it."
    found = actor_codes(nlp, text, CAMPAIGN)
    assert found["Senate Democrats"] == "USALEG"
    assert found["House Republicans"] == "USALEG"
    assert found["Republicans in Congress"] == "USALEG"


def test_a_party_government_governs(nlp: Language) -> None:
    found = actor_codes(nlp, "The BJP government in New Delhi rejected the demand.", "2019-05-30")
    assert found["The BJP government"] == "INDGOV"


def test_foreign_parties(nlp: Language) -> None:
    text = "Likud attacked Yesh Atid, while in Ankara the AKP dismissed the charges."
    found = actor_codes(nlp, text, "2019-04-01")
    assert (found["Likud"], found["Yesh Atid"], found["the AKP"]) == ("ISRPTY", "ISRPTY", "TURPTY")


def test_a_shared_name_is_the_named_countrys_party(nlp: Language) -> None:
    canada = actor_codes(nlp, "In Ottawa, the Liberal Party lost seats in Canada's election.", "2019-10-22")
    australia = actor_codes(nlp, "The Liberal Party won the election in Australia.", "2019-05-19")
    neither = actor_codes(nlp, "The Liberal Party won the election.", "2019-05-19")
    assert canada["the Liberal Party"] == "CANPTY"
    assert australia["The Liberal Party"] == "AUSPTY"
    assert neither["The Liberal Party"] is None


def test_an_owner_before_the_name_says_whose(nlp: Language) -> None:
    found = actor_codes(nlp, "South Korea's Democratic Party criticised the plan.", "2019-05-01")
    assert found["South Korea's Democratic Party"] == "KORPTY"


def test_the_opposition_party_is_the_opposition(nlp: Language) -> None:
    found = actor_codes(nlp, "The opposition Movement for Democratic Change rejected the results.", "2018-08-03")
    assert found["The opposition Movement for Democratic Change"] == "ZWEOPP"


def test_a_convention_as_a_place_names_no_one(nlp: Language) -> None:
    found = actor_codes(nlp, "Trump spoke at the Republican National Convention on Thursday.", "2016-07-21")
    assert not any("Convention" in text for text in found)


def test_a_party_title_is_the_partys_and_no_state_office(nlp: Language) -> None:
    text = "UKIP leader Nigel Farage said the President did not understand Britain."
    found = actor_codes(nlp, text, "2016-04-23")
    assert found["UKIP leader Nigel Farage"] == "GBRPTY"
    assert found["the President"] != "GBRPTY"


def test_a_party_word_before_a_thing_is_no_actor(nlp: Language) -> None:
    found = actor_codes(nlp, "Cruz won the GOP presidential nomination debate.", CAMPAIGN)
    assert not any("GOP" in text for text in found)


def test_role_only_actors_coordinated_with_a_party_share_its_country(nlp: Language) -> None:
    found = actor_codes(nlp, "The government and the opposition Workers' Party agreed to talks.", "2016-04-01")
    assert found["The government"] == "BRAGOV"
