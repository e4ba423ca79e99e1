"""Issue 15, events on unseen news: an organisation the knowledge base does not know may be an event's
only party. Written sentences only (none from a dev set).

Mentions are built by hand over the parsed sentence (tests/event_fixtures): an actor with no code and
the kind "organisation" is what the actors stage gives a named body it cannot code.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from dossier.events.coder import EventData, load_event_data
from dossier.records import Event
from tests.events.event_fixtures import code_through_actors

pytestmark = pytest.mark.model

ALLIANCE = ("The Harbour Workers Alliance", None, None, "organisation")


def sides(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    """(code, source name, target name) of each event: the parties here have names and no codes."""
    return [(e.code, e.source.name, e.target.name if e.target else None) for e in events]


def test_an_unlisted_organisation_refusing_is_a_rejection_stored_under_its_name(code):
    events = code("The Harbour Workers Alliance refused to end the strike at the port.", ALLIANCE)
    assert [(e.code[:2], e.source.code) for e in events] == [("12", None)]
    assert events[0].source.name == "The Harbour Workers Alliance"


def test_an_unlisted_organisation_opening_an_inquiry_is_an_investigation(code):
    events = code(
        "The Senate Committee on Ports opened an investigation into the missing funds.",
        ("The Senate Committee on Ports", None, None, "organisation"),
    )
    assert sides(events) == [("090", "The Senate Committee on Ports", None)]


def test_two_unlisted_organisations_agreeing_are_an_agreement_between_them(code):
    events = code(
        "The Meridian Stock Exchange and the Atlantic Stock Exchange agreed to share trading data.",
        ("The Meridian Stock Exchange", None, None, "organisation"),
        ("the Atlantic Stock Exchange", None, None, "organisation"),
    )
    assert [(e.source.name, e.target.name if e.target else None) for e in events] == [
        ("The Meridian Stock Exchange", "the Atlantic Stock Exchange")
    ]
    assert events[0].code.startswith("03")


def test_an_unlisted_person_alone_acts_only_where_nothing_else_is_told(code):
    # Coverage round 10 (tests/events/test_events_cover_round10.py): a person the actors stage cannot
    # code is the last resort of a sentence that tells no other event.
    brel = ("Tomas Brel", None, None, "person")
    assert sides(code("Tomas Brel rejected the demand for a pay freeze.", brel)) == [("120", "Tomas Brel", None)]


def test_a_named_group_that_is_no_organisation_alone_is_no_event(code):
    events = code("Anglers rejected the demand for a pay freeze.", ("Anglers", None, None, "group"))
    assert events == []


def test_an_organisation_that_only_qualifies_the_subject_does_not_act(code):
    events = code(
        "Meridian Bank officials rejected the demand for a pay freeze.",
        ("Meridian Bank", None, None, "organisation"),
    )
    assert events == []


def test_an_event_noun_of_an_unlisted_organisation_alone_is_no_event(code):
    # With no role known, "strike" would be read as a state's air strike.
    alliance = ("the Harbour Workers Alliance", None, None, "organisation")
    events = code("The strike by the Harbour Workers Alliance ended on Monday.", alliance)
    assert events == []


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event_data()


@pytest.fixture(scope="module")
def through_actors(nlp: Language, data: EventData) -> Callable[[str], list[tuple[str, str | None, str | None]]]:
    return lambda text: code_through_actors(nlp, data, text)


def test_through_the_actors_stage_an_unknown_coalition_refusing_is_coded(through_actors):
    assert through_actors("The Coalition for Fair Harbours refused to end the strike at the port.") == [
        ("1246", None, None)
    ]


def test_an_unlisted_organisation_doubting_a_plan_through_an_adjective_is_a_comment(code):
    # A predicative adjective ("is skeptical", "is optimistic") acts as a verb does: the body says so.
    events = code("The Harbour Workers Alliance is skeptical of the new port levy.", ALLIANCE)
    assert sides(events) == [("012", "The Harbour Workers Alliance", None)]
    events = code("The Harbour Workers Alliance is optimistic about the wage talks.", ALLIANCE)
    assert [e.code for e in events] == ["013"]
