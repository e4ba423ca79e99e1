"""Joint actors (issue 15): which CAMEO codes are reciprocal is data (reciprocal.tsv); the partners of a joint
act of conjoined subjects include one named "with" on the thing they do together ("signed a pact with C");
conjoined subjects of any act done to "each other" act on each other, one event each way; each owner of a
group the actors stage splits by nationality ("Indian and Chinese troops") is a party of its own.

Written sentences; figures in docs/events-history.md ("Joint actors and reciprocal frames").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import DataFileError
from dossier.events import cameo


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(cameo.ENV_VAR, str(tmp_path))
    cameo.clear_caches()
    yield tmp_path
    monkeypatch.delenv(cameo.ENV_VAR)
    cameo.clear_caches()


@pytest.mark.parametrize(
    "code, reciprocal",
    [("030", True), ("0312", True), ("040", True), ("046", True), ("057", True), ("061", True), ("190", False),
     ("111", False), ("070", False)],
)  # fmt: skip
def test_the_shipped_table_makes_intents_consultation_and_cooperation_reciprocal(code, reciprocal):
    assert cameo.is_reciprocal(code) is reciprocal


def test_a_longer_code_of_a_user_row_overrides_its_root(user_data: Path):
    (user_data / "reciprocal.tsv").write_text("code\treciprocal\tnote\n042\tno\ta visit\n196\tyes\ttruce\n")
    assert not cameo.is_reciprocal("042")
    assert cameo.is_reciprocal("043") and cameo.is_reciprocal("196")


def test_a_bad_reciprocal_row_is_reported_with_file_and_line(user_data: Path):
    path = user_data / "reciprocal.tsv"
    path.write_text("code\treciprocal\n046\tmaybe\n")
    with pytest.raises(DataFileError, match="reciprocal.tsv:2: reciprocal must be yes or no"):
        cameo.reciprocal_table()


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kenya and Uganda signed a security pact with Tanzania.", [("057", "KEN", "TZA"), ("057", "UGA", "TZA")]),
        ("Chile and Peru agreed to hold talks with Bolivia.", [("036", "CHL", "BOL"), ("036", "PER", "BOL")]),
        # no partner named "with": the two act with each other, as before
        ("Chile and Peru agreed to lower tariffs on copper.", [("030", "CHL", "PER")]),
    ],
)
def test_a_partner_named_with_on_the_joint_thing_is_a_further_partner(coded, text, expected):
    assert coded(text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kenya and Uganda accused each other of cheating.", [("112", "KEN", "UGA"), ("112", "UGA", "KEN")]),
        ("Russia and Ukraine blamed each other for the attack.", [("1123", "RUS", "UKR"), ("1123", "UKR", "RUS")]),
        # alone, each accuses no one named
        ("Kenya and Uganda accused the rebels of violating the deal.", [("112", "KEN", "REB"), ("112", "UGA", "REB")]),
    ],
)
def test_conjoined_subjects_acting_on_each_other_act_each_way(coded, text, expected):
    assert coded(text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Indian and Chinese troops clashed on the border.", [("190", "INDMIL", "CHNMIL")]),
        (
            "Nigerian and British troops clashed with the rebels near the border.",
            [("190", "NGAMIL", "REB"), ("190", "GBRMIL", "REB")],
        ),
        ("German and French troops agreed to hold a joint exercise.", [("0312", "DEUMIL", "FRAMIL")]),
    ],
)
def test_each_owner_of_a_split_group_is_a_party(coded, text, expected):
    # the actors stage makes one mention per nationality of a force ("Indian" INDMIL, "Chinese troops" CHNMIL)
    assert coded(text) == expected
