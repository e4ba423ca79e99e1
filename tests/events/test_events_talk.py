"""Political talk read as force, releases of documents, sit-ins, talk shows and wished events (issue 15).

The rules come from the PolNeAR hand check in docs/events.md; every sentence
here is written for these tests. Mentions are built by hand over the parsed
sentence, each actor as (surface text, CAMEO code, role, kind), so the tests
do not depend on the actors stage's dictionaries.
"""

from __future__ import annotations

import io

import pytest

from dossier.events.talk import talk_code, verbal_force
from dossier.export.event_formats import is_asserted, write_plover
from dossier.records import Event
from tests.events.event_fixtures import code_with_mentions

pytestmark = pytest.mark.model

Actor = tuple[str, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str, *actors: Actor) -> list[Event]:
        return code_with_mentions(nlp, text, actors, "2016-02-08")

    return run


def codes(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.code, e.source.name, e.target.name if e.target else None) for e in events]


SENATOR = ("Senator Hal Brody", "USALEG", "LEG", "person")
GOVERNOR = ("Governor Ada Kline", "USAGOV", "GOV", "person")


# ------------------------------------------------------------------ 1. force words in political talk


@pytest.mark.parametrize(
    "text",
    [
        "Senator Hal Brody attacked Governor Ada Kline for dodging the question on taxes.",
        "Senator Hal Brody hit Governor Ada Kline on her record in the final debate.",
        "Senator Hal Brody slammed and attacked Governor Ada Kline over the pension plan.",
    ],
)
def test_campaign_attack_between_politicians_is_criticism(code, text):
    events = code(text, SENATOR, GOVERNOR)
    assert ("111", "Senator Hal Brody", "Governor Ada Kline") in codes(events)
    assert not any(e.root_code in ("18", "19", "20") for e in events)
    criticism = next(e for e in events if e.code == "111")
    assert criticism.goldstein == -2.0 and criticism.plover and criticism.plover["event_type"] == "ACCUSE"


def test_attack_with_a_weapon_stays_force(code):
    text = "Senator Hal Brody attacked Governor Ada Kline with a knife outside the hall."
    events = code(text, SENATOR, GOVERNOR)
    assert any(e.root_code in ("18", "19", "20") for e in events), codes(events)
    assert not any(e.code == "111" for e in events)


def test_armed_forces_attacking_rebels_stay_force(code):
    text = "Malian soldiers attacked the rebels near Gao on Sunday."
    events = code(text, ("Malian soldiers", "MLIMIL", "MIL", "group"), ("the rebels", "REB", "REB", "group"))
    assert any(e.code.startswith("19") for e in events), codes(events)


def test_a_politician_attacking_a_country_stays_force(code):
    text = "President Omar Dall attacked Ruritania last week."
    events = code(text, ("President Omar Dall", "USAGOV", "GOV", "person"), ("Ruritania", "RUR", None, "country"))
    assert all(e.code != "111" for e in events)


def test_violence_words_and_roles_are_data():
    table = verbal_force()
    assert {"knife", "kill", "casualty"} <= table.violence
    assert {"LEG", "GOV", "MED"} <= table.talk_roles and {"MIL", "REB", "COP"} <= table.armed_roles
    assert talk_code("040", None, None, None) == "040"  # type: ignore[arg-type]  # not a force code: untouched


def test_call_out_is_criticism(code):
    events = code("Senator Hal Brody called out Governor Ada Kline for her silence.", SENATOR, GOVERNOR)
    assert ("111", "Senator Hal Brody", "Governor Ada Kline") in codes(events)


def test_fighting_for_a_bill_is_no_force(code):
    events = code("Governor Ada Kline said she had fought for the bill for two years.", GOVERNOR)
    assert not any(e.root_code == "19" for e in events), codes(events)


# ------------------------------------------------------------------ 2. release needs people


def test_releasing_tax_returns_is_no_event(code):
    events = code("Governor Ada Kline released her tax returns on Friday.", GOVERNOR)
    assert not any(e.code.startswith("084") for e in events), codes(events)


def test_releasing_prisoners_is_0841(code):
    text = "The Ruritanian government released forty political prisoners on Friday."
    events = code(text, ("The Ruritanian government", "RURGOV", "GOV", "organisation"))
    assert [e.code for e in events] == ["0841"]


def test_releasing_a_named_person_is_0841(code):
    text = "Ruritania released Omar Dall after two years in jail."
    events = code(text, ("Ruritania", "RUR", None, "country"), ("Omar Dall", None, None, "person"))
    assert "0841" in [e.code for e in events]


def test_releasing_a_seized_ship_is_0842(code):
    text = "Ruritania released the tanker it had seized in March."
    events = code(text, ("Ruritania", "RUR", None, "country"))
    assert [e.code for e in events] == ["0842"]


# ------------------------------------------------------------------ 3. a sit-in, not a seat


def test_sitting_in_a_house_is_no_sit_in(code):
    events = code("Senator Hal Brody was sitting in a house near the river.", SENATOR)
    assert not any(e.code.startswith("14") for e in events), codes(events)


def test_staging_a_sit_in_is_protest(code):
    events = code("Students staged a sit-in at the ministry.", ("Students", None, "EDU", "group"))
    assert any(e.root_code == "14" for e in events), codes(events)


# ------------------------------------------------------------------ 4. wished events are not asserted


def test_not_wanting_troops_to_fight_is_flagged_and_left_out_of_exports(code):
    text = "Governor Ada Kline said she did not want American troops to fight the militia."
    events = code(text, GOVERNOR, ("American troops", "USAMIL", "MIL", "group"), ("the militia", None, "REB", "group"))
    fights = [e for e in events if e.root_code == "19"]
    assert fights and all({"hypothetical", "negated"} <= set(e.flags) for e in fights), codes(events)
    assert not any(is_asserted(e.to_dict()) for e in fights)
    stream = io.StringIO()
    assert write_plover([e.to_dict() for e in fights], stream) == 0


def test_hoping_the_army_attacks_is_hypothetical(code):
    text = "Governor Ada Kline hopes the army will attack the rebels."
    events = code(text, GOVERNOR, ("the army", "USAMIL", "MIL", "group"), ("the rebels", "REB", "REB", "group"))
    attacks = [e for e in events if e.source.name == "the army"]
    assert attacks and all("hypothetical" in e.flags for e in attacks), codes(events)


def test_an_asserted_attack_is_not_flagged(code):
    text = "The army attacked the rebels near the border."
    events = code(text, ("The army", "USAMIL", "MIL", "group"), ("the rebels", "REB", "REB", "group"))
    assert any(e.root_code == "19" and not e.flags for e in events), codes(events)


# ------------------------------------------------------------------ 5. a talk show is no meeting


def test_discussing_a_topic_on_the_radio_is_no_meeting(code):
    text = "Senator Hal Brody will discuss the Ruritania crisis on the radio tonight."
    events = code(text, SENATOR, ("Ruritania", "RUR", None, "country"))
    assert not any(e.root_code in ("03", "04") for e in events), codes(events)


def test_discussing_a_topic_with_a_counterpart_is_a_meeting(code):
    text = "Senator Hal Brody discussed the pension plan with Governor Ada Kline on Monday."
    events = code(text, SENATOR, GOVERNOR)
    assert ("040", "Senator Hal Brody", "Governor Ada Kline") in codes(events)


def test_two_sides_discussing_together_is_a_meeting(code):
    text = "Senator Hal Brody and Governor Ada Kline discussed the pension plan on Monday."
    events = code(text, SENATOR, GOVERNOR)
    assert any(e.code == "040" for e in events), codes(events)


def test_a_host_discussing_a_topic_is_no_meeting(code):
    text = "Radio host Jo Park will discuss a new report on the Ruritania border crisis."
    events = code(text, ("Radio host Jo Park", None, "MED", "person"), ("Ruritania", "RUR", None, "country"))
    assert not any(e.root_code in ("03", "04") for e in events), codes(events)


def test_a_government_attacking_a_government_stays_force(code):
    text = "The Ruritanian government attacked the Freedonian government's positions on Sunday."
    events = code(
        text,
        ("The Ruritanian government", "RURGOV", "GOV", "organisation"),
        ("Freedonian government", "FRDGOV", "GOV", "organisation"),
    )
    assert not any(e.code == "111" for e in events), codes(events)
