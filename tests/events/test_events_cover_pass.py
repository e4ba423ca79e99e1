"""Issue 15, wave-5 coverage pass: acts named by a noun with no agent, and light-verb constructions
read as classes of the CAMEO codebook. Written sentences only (none from a dev set).

Mentions are built by hand over the parsed sentence (tests/event_fixtures).
"""

from __future__ import annotations

import pytest

from dossier.records import Event

pytestmark = pytest.mark.model


def triples(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.code, e.source.code, e.target.code if e.target else None) for e in events]


# ------------------------------------------------------------------ acts named by a noun, no agent named


def test_protests_against_a_government_with_no_agent_are_a_protest_by_no_one_named(code):
    events = code(
        "Protests against the Iranian government turned violent on Sunday.",
        ("the Iranian government", "IRNGOV", "GOV"),
    )
    assert triples(events) == [("141", None, "IRNGOV")]


def test_the_arrest_of_a_named_leader_with_no_agent_is_an_arrest_by_no_one_named(code):
    events = code(
        "The arrest of the Belarusian opposition leader sparked street protests.",
        ("the Belarusian opposition leader", "BLROPP", "OPP"),
    )
    assert triples(events) == [("173", None, "BLROPP")]


def test_an_attack_on_a_named_force_with_no_agent_is_an_attack_on_it(code):
    events = code(
        "A rocket attack on Turkish troops near the border sent tensions soaring.",
        ("Turkish troops", "TURMIL", "MIL"),
    )
    assert [(e.source.code, e.target.code if e.target else None) for e in events] == [(None, "TURMIL")]
    assert events[0].code.startswith("19")


def test_a_noun_act_whose_agent_is_named_is_left_to_the_plain_rule(code):
    events = code(
        "Their attack on Turkish troops near the border sent tensions soaring.",
        ("Turkish troops", "TURMIL", "MIL"),
    )
    assert events == []


def test_a_noun_act_is_not_added_beside_an_event_of_the_sentence(code):
    events = code(
        "Egypt condemned the attack on Turkish troops near the border.",
        ("Egypt", "EGY", None),
        ("Turkish troops", "TURMIL", "MIL"),
    )
    assert [e.code[:2] for e in events] == ["11"]


# ------------------------------------------------------------------ seeking refuge or asylum in a country


def test_refugees_seeking_refuge_in_a_country_appeal_to_it_for_protection(code):
    events = code(
        "Thousands of Syrian refugees sought refuge in Turkey last winter.",
        ("Syrian refugees", "SYRREF", "REF"),
        ("Turkey", "TUR", None),
    )
    assert triples(events) == [("0233", "SYRREF", "TUR")]


def test_asylum_claimed_in_a_country_is_an_appeal_to_it(code):
    events = code(
        "Dozens of Eritrean families claimed asylum in Greece.",
        ("Eritrean families", "ERICVL", "CVL"),
        ("Greece", "GRC", None),
    )
    assert triples(events) == [("0233", "ERICVL", "GRC")]


def test_refuge_sought_in_no_country_is_no_appeal(code):
    events = code("Villagers from Mali sought refuge in the hills.", ("Villagers from Mali", "MLICVL", "CVL"))
    assert events == []


# ------------------------------------------------------------------ appeals for hostile acts against a party


def test_urging_strikes_on_a_group_that_is_not_asked_to_act_denounces_it(code):
    events = code(
        "Iraqi lawmakers urged air strikes against Islamic State fighters.",
        ("Iraqi lawmakers", "IRQLEG", "LEG"),
        ("Islamic State fighters", "IMGREB", "REB"),
    )
    assert triples(events) == [("111", "IRQLEG", "IMGREB")]


def test_a_call_on_a_party_to_impose_sanctions_stays_an_appeal_to_it(code):
    events = code(
        "Ukraine called on the European Union to impose sanctions on Belarus.",
        ("Ukraine", "UKR", None),
        ("the European Union", "IGOEU", "IGO"),
        ("Belarus", "BLR", None),
    )
    assert [(e.code[:2], e.target.code if e.target else None) for e in events][:1] == [("02", "IGOEU")]
