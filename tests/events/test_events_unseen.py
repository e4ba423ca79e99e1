"""Issue 15, wave 6, events side: rules for news no one tuned for. Written sentences only (none from a
dev set). Mentions are built by hand over the parsed sentence (tests/event_fixtures)."""

from __future__ import annotations

import pytest

from dossier.records import Event

pytestmark = pytest.mark.model


def triples(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.code, e.source.code, e.target.code if e.target else None) for e in events]


# ------------------------------------------------------------------ material support is aid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya received financial support from Japan.", ("071", "JPN", "KEN")),
        ("Kenya received military support from Japan.", ("072", "JPN", "KEN")),
        ("Japan pledged economic support to Kenya.", ("071", "JPN", "KEN")),
    ],
)
def test_financial_and_military_support_is_aid_of_its_kind(code, text, expected):
    events = code(text, ("Kenya", "KEN", None), ("Japan", "JPN", None))
    assert triples(events) == [expected]


def test_support_named_by_no_kind_is_still_a_show_of_support(code):
    events = code("Japan expressed support for Kenya.", ("Kenya", "KEN", None), ("Japan", "JPN", None))
    assert triples(events) == [("051", "JPN", "KEN")]


# ------------------------------------------------------------------ a crowd that rallies against X demonstrates


def test_a_crowd_that_rallies_against_a_government_demonstrates(code):
    events = code(
        "Thousands of Chilean students rallied against the government in Santiago.",
        ("Chilean students", "CHLEDU", "EDU"),
        ("the government", "CHLGOV", "GOV"),
    )
    assert triples(events) == [("141", "CHLEDU", "CHLGOV")]


def test_a_state_that_rallies_against_a_party_rallies_opposition_to_it(code):
    events = code(
        "Iran rallied against the United States at the summit.",
        ("Iran", "IRN", None),
        ("the United States", "USA", None),
    )
    assert triples(events) == [("113", "IRN", "USA")]


# ------------------------------------------------------------------ who occupies a place says what the occupation is


def test_troops_that_occupy_an_airport_take_it_by_force(code):
    events = code("Russian troops occupied the airport on Friday.", ("Russian troops", "RUSMIL", "MIL"))
    assert [e.code for e in events] == ["192"]


def test_students_who_occupy_a_ministry_building_obstruct_it(code):
    events = code("Kenyan students occupied the ministry building on Friday.", ("Kenyan students", "KENEDU", "EDU"))
    assert [e.code for e in events] == ["144"]


# ------------------------------------------------------------------ firing: repression by the authorities


def test_police_who_fire_tear_gas_at_protesters_repress_them(code):
    events = code(
        "Kenyan police fired tear gas at the protesters.",
        ("Kenyan police", "KENCOP", "COP"),
        ("the protesters", "KENCVL", "CVL"),
    )
    assert triples(events) == [("175", "KENCOP", "KENCVL")]


def test_gunmen_who_fire_bullets_at_a_patrol_fight_it(code):
    events = code(
        "Gunmen fired bullets at a police patrol in Mombasa.",
        ("Gunmen", "KENUAF", "UAF"),
        ("police", "KENCOP", "COP"),
    )
    assert [e.root_code for e in events] == ["19"]
