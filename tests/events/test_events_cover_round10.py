"""Issue 15, coverage round 10: a named person the actors stage cannot code may carry an event alone,
but only in a sentence that tells no other event (`coder.LAST_RESORT_KINDS`). Written sentences only
(none from a dev set).

Mentions are built by hand over the parsed sentence (tests/event_fixtures): an actor with no code and
the kind "person" is what the actors stage gives a named person it cannot date or place.
"""

from __future__ import annotations

import pytest

from dossier.records import Event

pytestmark = pytest.mark.model

BREL = ("Tomas Brel", None, None, "person")


def sides(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.code, e.source.name, e.target.name if e.target else None) for e in events]


def test_an_unlisted_person_claiming_an_attack_is_coded_under_the_name(code):
    events = code("Tomas Brel claimed responsibility for the bombing of the depot.", BREL)
    assert [(e.code[:2], e.source.code, e.source.name) for e in events] == [("01", None, "Tomas Brel")]


def test_an_unlisted_person_refusing_to_end_a_strike_is_a_rejection(code):
    events = code("Tomas Brel refused to end his hunger strike at the border post.", BREL)
    assert [e.code[:2] for e in events] == ["12"]


def test_an_unlisted_person_beside_a_coded_event_adds_nothing(code):
    # The sentence tells a coded event (the police arrest); the uncoded person's own act is left out.
    events = code(
        "Tomas Brel rejected the charges after Greek police arrested two farmers.",
        BREL,
        ("Greek police", "GRCCOP", "COP"),
        ("two farmers", None, "AGR"),
    )
    assert [e.source.code for e in events] == ["GRCCOP"]


def test_an_unlisted_person_that_only_qualifies_the_subject_does_not_act(code):
    events = code("Tomas Brel supporters rejected the demand for a pay freeze.", BREL)
    assert events == []


def test_an_unlisted_person_with_a_coded_target_keeps_the_target(code):
    events = code("Tomas Brel accused Greece of hiding the report.", BREL, ("Greece", "GRC", None))
    assert [(e.code[:2], e.source.name, e.target.code if e.target else None) for e in events] == [
        ("11", "Tomas Brel", "GRC")
    ]


def test_through_the_actors_stage_a_courtesy_title_and_surname_acts_alone(stage_events):
    # The actors stage gives "Mr. Brel" the mention kind "title": as much a named person as "Tomas Brel".
    events = stage_events("Mr. Brel has strongly rejected the charges.")
    assert [(e.code[:2], e.source.code, e.source.name) for e in events] == [("01", None, "Brel")]


def test_through_the_actors_stage_a_courtesy_title_beside_a_coded_event_adds_nothing(stage_events):
    events = stage_events("Mr. Brel rejected the charges after Greek police arrested two farmers.")
    assert [e.source.code for e in events] == ["GRCCOP"]
