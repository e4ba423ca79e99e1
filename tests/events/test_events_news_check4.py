"""Senses and modality from the fourth hand check of real news (issue 15): campaign idioms that name no
act ("locked up endorsements", "pulled out a win", "name recognition", a poll's "percent support"),
attempts and plans ("sought to", "plans to demand"), acts conjoined to an infinitive, and the content
of a notion ("the idea that ...").

Every sentence here is written for these tests; actors come from the actors stage.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "The senator has locked up endorsements from three unions.",
        "The governor pulled out a narrow win in Ohio.",
        "The candidate is working on increasing his name recognition.",
        "The party sought to unite behind its nominee.",
        "In Ohio, Smith garners 41 percent support against Jones.",
        "Cruz played down the idea that he had struck a deal with Kasich.",
        "Officials raised the possibility that Russia would withdraw its troops.",
        "Voters are anxious about the possibility of another attack on America.",
        "I looked into the eyes of the soldiers' mothers.",
        "The nomination might still fly with the aid of the senators.",
        "The official asked for anonymity because he was not authorised to speak.",
        "The speech called to mind the promise of unity.",
        "In his final address, the senator conceded he had fallen short.",
        "The senator says he wants to end racial profiling, combat police misconduct and dismantle private prisons.",
    ],
)
def test_no_act_is_stored(event_codes, text):
    assert event_codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police locked up the opposition leader.", ["173"]),
        ("Russia pulled out its troops from the border.", ["087"]),
        ("Iran sought talks with the European Union.", ["026"]),
        ("The ministry will look into the allegations against the police.", ["090"]),
        ("Iran requested aid from Japan.", ["023"]),
        ("The army conceded the town to the rebels.", ["080"]),
        ("France expressed support for the Iraqi government.", ["051"]),
        ("The activists plan to demand the resignation of the interior minister.", ["1041"]),
        ("Iran attacked the tanker and seized its crew.", ["190", "1711"]),
    ],
)
def test_the_act_stays(event_codes, text, expected):
    assert event_codes(text) == expected


def test_an_act_conjoined_to_an_agreed_one_is_not_done(event_codes):
    # The agreement is the event (an intent, 03x); the second act was only agreed to.
    found = event_codes("Thailand agreed to open its border and to grant asylum to refugees from Laos.")
    assert found and all(code.startswith("03") for code in found)


@pytest.mark.parametrize(
    "text",
    [
        "Imagine that Iran attacked Israel.",
        "The minister pretends that the army withdrew from the town.",
    ],
)
def test_an_imagined_act_is_hypothetical(stage_events, text):
    assert [e.flags for e in stage_events(text)] == [("hypothetical",)]


def test_an_opinion_asserts_its_act(stage_events):
    assert [e.flags for e in stage_events('"I think that the army killed those men," the senator said.')] == [()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Obama to visit Cuba next month.", [("036", ("future",))]),
        ("Iran to free British tanker.", [("0353", ("future",))]),
    ],
)
def test_a_headline_infinitive_is_what_is_to_come(stage_events, text, expected):
    assert [(e.code, e.flags) for e in stage_events(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The debate came as Clinton and Sanders battled to replace him.", []),
        ("Senator Smith fought to become the party's nominee.", []),
        ("Rebels battled to capture the airport.", ["190"]),
    ],
)
def test_force_to_win_an_office_is_a_race(event_codes, text, expected):
    assert event_codes(text) == expected
