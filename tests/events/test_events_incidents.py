"""One event per act and party: sources and targets that another slot already tells, and acts of one incident."""

from __future__ import annotations

import pytest

from dossier.events.incidents import merge_incidents
from dossier.events.participants import Slot, distinct_slots, other_parties, same_actor
from dossier.records import ActorRef, Event, Mention
from tests.events.event_fixtures import code_with_mentions

MONDAY = "2020-05-04"


def slot(code: str | None, name: str, role: str | None = None) -> Slot:
    country = code[:3] if code and not code.startswith("IGO") else None
    actor = ActorRef(code, name, country, role)
    return Slot(actor, Mention("a", 0, len(name), name, actor, "name"))


def event(source: ActorRef, target: ActorRef | None, code: str, kind: str, predicate: str) -> Event:
    return Event("a", source, target, code, code[:2], None, None, None, None, None, "s", 0, 1,
                 predicate=predicate, plover={"event_type": kind})  # fmt: skip


# ------------------------------------------------------------------ slots


def test_a_country_beside_its_own_government_s_actor_is_no_second_source():
    kept = distinct_slots([slot("PHL", "Philippines"), slot("PHLGOV", "Gloria Arroyo", "GOV")])
    assert [s.actor.code for s in kept] == ["PHLGOV"]


def test_distinct_parties_and_a_lone_country_are_kept():
    parties = [slot("RUS", "Russia"), slot("DEU", "Germany"), slot("SWE", "Sweden")]
    assert distinct_slots(parties) == parties
    assert [s.actor.code for s in distinct_slots([slot("PHL", "Philippines")])] == ["PHL"]


def test_an_uncoded_name_beside_coded_targets_adds_no_event():
    targets = [slot("NGOAMN", "Amnesty International"), slot(None, "Idil Eser"), slot("TURCVL", "activists", "CVL")]
    assert [s.actor.name for s in distinct_slots(targets, keep_countries=True)] == [
        "Amnesty International",
        "activists",
    ]


def test_the_sources_own_country_is_a_target_only_when_no_other_party_is_named():
    sources = [slot("VENGOV", "Nicolas Maduro", "GOV")]
    targets = [slot("VEN", "Venezuela"), slot("BRA", "Brazil")]
    assert [s.actor.code for s in other_parties(targets, sources)] == ["BRA"]
    assert [s.actor.code for s in other_parties(targets[:1], sources)] == ["VEN"]


def test_two_named_holders_of_one_role_code_are_two_actors():
    mbeki, zuma = ActorRef("ZAFGOV", "Thabo Mbeki", "ZAF", "GOV"), ActorRef("ZAFGOV", "Jacob Zuma", "ZAF", "GOV")
    assert not same_actor(mbeki, zuma)
    assert same_actor(mbeki, mbeki)
    assert same_actor(ActorRef("USA", "United States", "USA", None), ActorRef("USA", "US", "USA", None))


# ------------------------------------------------------------------ incidents


def test_acts_of_one_incident_without_a_target_keep_the_first():
    russia = ActorRef("RUS", "Russia", "RUS", None)
    events = [event(russia, None, "195", "ASSAULT", "bomb"), event(russia, None, "1712", "ASSAULT", "destroy")]
    assert [e.code for e in merge_incidents(events)] == ["195"]


def test_an_act_on_a_named_target_makes_the_untargeted_acts_of_its_incident_redundant():
    taliban, province = ActorRef("AFGREB", "Taliban", "AFG", "REB"), ActorRef("AFG", "Afghanistan", "AFG", None)
    police = ActorRef("COP", "officers", None, "COP")
    events = [
        event(taliban, province, "190", "ASSAULT", "attack"),
        event(taliban, None, "1823", "ASSAULT", "kill"),
        event(taliban, police, "182", "ASSAULT", "injure"),
    ]
    assert [(e.code, e.target and e.target.code) for e in merge_incidents(events)] == [("190", "AFG")]


def test_acts_of_other_types_and_of_other_sources_are_other_incidents():
    turkey, syria = ActorRef("TURGOV", "Erdogan", "TUR", "GOV"), ActorRef("SYRGOV", "Assad", "SYR", "GOV")
    events = [event(turkey, syria, "139", "THREATEN", "issue"), event(syria, None, "087", "YIELD", "withdraw")]
    assert merge_incidents(events) == events


# ------------------------------------------------------------------ sentences


def pairs(events: list[Event]) -> set[tuple[str | None, str | None]]:
    return {(e.source.code, e.target.code if e.target else None) for e in events}


@pytest.mark.model
def test_closing_ones_own_borders_with_two_countries_acts_on_those_countries(nlp):
    text = "Maduro closed Venezuela's borders with Brazil and Colombia."
    actors = [
        ("Maduro", "VENGOV", "GOV"),
        ("Venezuela", "VEN", None),
        ("Brazil", "BRA", None),
        ("Colombia", "COL", None),
    ]
    assert pairs(code_with_mentions(nlp, text, actors, MONDAY)) == {("VENGOV", "BRA"), ("VENGOV", "COL")}


@pytest.mark.model
def test_a_bombing_and_the_destruction_it_caused_are_one_event(nlp):
    events = code_with_mentions(
        nlp, "Russia bombed Odesa on Sunday, destroying a grain terminal.", [("Russia", "RUS", None)], MONDAY
    )
    assert [e.code[:2] for e in events] == ["19"]


@pytest.mark.model
def test_a_killing_by_no_one_named_is_the_assault_the_sentence_names(nlp):
    text = "Two soldiers were killed on Sunday as rebels attacked an army base."
    events = code_with_mentions(nlp, text, [("soldiers", "MLIMIL", "MIL"), ("rebels", "MLIREB", "REB")], MONDAY)
    assert [(e.code, e.source.code) for e in events] == [("190", "MLIREB")]


@pytest.mark.model
def test_a_deputy_released_by_the_president_is_a_target_of_the_same_government(nlp):
    text = "South African President Thabo Mbeki released his deputy Jacob Zuma from his duties."
    actors = [("South African President Thabo Mbeki", "ZAFGOV", "GOV"), ("Jacob Zuma", "ZAFGOV", "GOV")]
    events = code_with_mentions(nlp, text, actors, MONDAY)
    assert [(e.source.code, e.target and e.target.name) for e in events] == [("ZAFGOV", "Jacob Zuma")]


@pytest.mark.model
def test_the_place_of_a_meeting_s_venue_is_no_party_to_it(nlp):
    text = "Taliban leaders met the U.S. envoy at their headquarters in Qatar."
    actors = [("Taliban leaders", "AFGREB", "REB"), ("U.S. envoy", "USAGOV", "GOV"), ("Qatar", "QAT", None)]
    assert pairs(code_with_mentions(nlp, text, actors, MONDAY)) == {("AFGREB", "USAGOV")}


@pytest.mark.model
def test_a_warning_that_follows_the_act_of_its_speaker_is_the_act_s_wording(nlp):
    text = "The Indian army shelled Pakistani posts, warning that it would respond to any provocation."
    actors = [("Indian army", "INDMIL", "MIL"), ("Pakistani posts", "PAK", None)]
    assert [(e.code, e.source.code) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("190", "INDMIL")]


@pytest.mark.model
def test_a_statement_before_another_act_or_by_another_speaker_stays(nlp):
    text = "Brazil warned on Monday that Argentina would pay, and later imposed tariffs on Argentina."
    actors = [("Brazil", "BRA", None), ("Argentina", "ARG", None)]
    assert [e.code[:2] for e in code_with_mentions(nlp, text, actors, MONDAY)][:1] == ["01"]
    text = "Chile imposed tariffs on Peru, as Bolivia warned that the dispute could spread."
    actors = [("Chile", "CHL", None), ("Peru", "PER", None), ("Bolivia", "BOL", None)]
    events = code_with_mentions(nlp, text, actors, MONDAY)
    assert ("01", "BOL") in [(e.code[:2], e.source.code) for e in events]


@pytest.mark.model
def test_an_act_by_no_one_named_after_a_coded_actor_s_act_is_its_background(nlp):
    text = "Britain expelled two Russian diplomats after two British journalists were detained in Moscow."
    actors = [
        ("Britain", "GBR", None),
        ("Russian diplomats", "RUSGOV", "GOV"),
        ("British journalists", "GBRMED", "MED"),
    ]
    assert [(e.code, e.source.code) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("161", "GBR")]


@pytest.mark.model
def test_an_act_by_no_one_named_told_first_or_alone_stays(nlp):
    text = "Two British journalists were detained in Moscow, and Britain expelled two Russian diplomats."
    actors = [
        ("British journalists", "GBRMED", "MED"),
        ("Britain", "GBR", None),
        ("Russian diplomats", "RUSGOV", "GOV"),
    ]
    assert [e.code for e in code_with_mentions(nlp, text, actors, MONDAY)] == ["173", "161"]
    alone = code_with_mentions(
        nlp, "Two Kenyan aid workers were abducted on Sunday.", [("Kenyan aid workers", "KENNGO", "NGO")], MONDAY
    )
    assert [(e.code, e.source.code, e.target.code) for e in alone] == [("181", None, "KENNGO")]


@pytest.mark.model
def test_the_condition_of_a_threat_is_no_event_of_its_own(nlp):
    text = "Rebel commanders threatened to shell the Nigerian army base if Nigerian troops attacked their villages."
    actors = [
        ("Rebel commanders", "NGAREB", "REB"),
        ("Nigerian army", "NGAMIL", "MIL"),
        ("Nigerian troops", "NGAMIL", "MIL"),
    ]
    assert [e.code[:2] for e in code_with_mentions(nlp, text, actors, MONDAY)] == ["13"]


@pytest.mark.model
def test_what_a_vetoed_resolution_would_have_done_is_its_content_and_a_lone_possibility_stays(nlp):
    text = "China vetoed a draft resolution that would have imposed sanctions on Myanmar."
    events = code_with_mentions(nlp, text, [("China", "CHN", None), ("Myanmar", "MMR", None)], MONDAY)
    assert [(e.code, e.flags) for e in events] == [("129", ())]
    alone = code_with_mentions(
        nlp, "Israel could strike Iran, the minister said.", [("Israel", "ISR", None), ("Iran", "IRN", None)], MONDAY
    )
    assert [(e.code[:2], e.flags) for e in alone] == [("19", ("hypothetical",))]


@pytest.mark.model
def test_a_relative_clause_on_what_an_act_acted_on_describes_it(nlp):
    text = "The Libyan army released a Greek tanker it had seized in March."
    actors = [("Libyan army", "LBYMIL", "MIL"), ("Greek tanker", "GRC", None), ("it", "LBYMIL", "MIL")]
    assert [e.code for e in code_with_mentions(nlp, text, actors, MONDAY)] == ["0842"]
    text = "A Turkish court freed a German journalist who had been arrested by Turkish police in May."
    actors = [
        ("Turkish court", "TURJUD", "JUD"),
        ("German journalist", "DEUMED", "MED"),
        ("Turkish police", "TURCOP", "COP"),
    ]
    assert [(e.code, e.source.code) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("0841", "TURJUD")]


@pytest.mark.model
def test_a_relative_clause_told_before_the_main_act_stays(nlp):
    text = "The Kenyan army, which attacked rebel camps last year, agreed to hold talks with the rebels."
    actors = [("Kenyan army", "KENMIL", "MIL"), ("the rebels", "KENREB", "REB")]
    assert [e.code[:2] for e in code_with_mentions(nlp, text, actors, MONDAY)] == ["19", "03"]


@pytest.mark.model
def test_a_clause_of_sequence_after_a_coded_actor_s_act_is_its_background(nlp):
    text = "Britain expelled two Russian diplomats after Moscow detained a British journalist."
    actors = [("Britain", "GBR", None), ("Russian diplomats", "RUSGOV", "GOV"), ("Moscow", "RUS", None),
              ("British journalist", "GBRMED", "MED")]  # fmt: skip
    assert [(e.code, e.source.code) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("161", "GBR")]


@pytest.mark.model
def test_a_clause_of_sequence_under_an_act_with_no_agent_named_stays(nlp):
    text = "Twenty people were killed after Taliban fighters attacked a bus in Kabul."
    actors = [("people", "AFGCVL", "CVL"), ("Taliban fighters", "AFGREB", "REB")]
    assert [(e.code, e.source.code) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("190", "AFGREB")]


@pytest.mark.model
def test_a_participle_on_what_an_act_acted_on_describes_it(nlp):
    text = "Kenya rejected a Somali proposal demanding the withdrawal of Kenyan troops."
    actors = [("Kenya", "KEN", None), ("Somali proposal", "SOM", None), ("Kenyan troops", "KENMIL", "MIL")]
    assert [(e.code, e.target.code) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("120", "SOM")]


@pytest.mark.model
def test_what_a_repeated_demand_asks_is_its_content_not_an_act(nlp):
    text = "Iran repeated its demand that Washington lift sanctions."
    events = code_with_mentions(nlp, text, [("Iran", "IRN", None), ("Washington", "USA", None)], MONDAY)
    assert [(e.code[:2], e.source.code, e.target.code) for e in events] == [("10", "IRN", "USA")]


@pytest.mark.model
def test_verbs_conjoined_inside_a_describing_clause_describe_too(nlp):
    text = "The Libyan army released a Greek tanker that it had seized in March and detained for weeks."
    actors = [("Libyan army", "LBYMIL", "MIL"), ("Greek tanker", "GRC", None), ("it", "LBYMIL", "MIL")]
    assert [e.code for e in code_with_mentions(nlp, text, actors, MONDAY)] == ["0842"]


@pytest.mark.model
def test_verbs_conjoined_with_the_main_act_stay_acts_of_their_own(nlp):
    text = "Venezuela closed its border with Colombia and expelled the Colombian ambassador."
    actors = [("Venezuela", "VEN", None), ("Colombia", "COL", None), ("Colombian ambassador", "COLGOV", "GOV")]
    assert [e.code[:2] for e in code_with_mentions(nlp, text, actors, MONDAY)] == ["19", "16"]


@pytest.mark.model
def test_a_gerund_after_a_preposition_of_sequence_is_the_main_act_s_background(nlp):
    text = "The Kenyan president condemned the Somali attack after meeting the British ambassador in Nairobi."
    actors = [
        ("Kenyan president", "KENGOV", "GOV"),
        ("Somali attack", "SOM", None),
        ("British ambassador", "GBRGOV", "GOV"),
    ]
    assert [(e.code, e.target.code) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("111", "SOM")]


@pytest.mark.model
def test_an_event_noun_after_over_is_the_matter_of_the_act_not_an_event(nlp):
    text = "The Dutch government summoned the Belarusian ambassador over Russia's attack on a Ukrainian port."
    actors = [("Dutch government", "NLDGOV", "GOV"), ("Belarusian ambassador", "BLRGOV", "GOV"),
              ("Russia", "RUS", None), ("Ukrainian port", "UKR", None)]  # fmt: skip
    assert [e.code for e in code_with_mentions(nlp, text, actors, MONDAY)] == ["114"]


@pytest.mark.model
def test_an_act_said_not_to_happen_after_one_that_did_is_a_contrast_and_alone_it_stays(nlp):
    actors = [("Kenya", "KEN", None), ("Somali ambassador", "SOMGOV", "GOV"), ("Somalia", "SOM", None)]
    text = "Kenya expelled the Somali ambassador but did not sever diplomatic ties with Somalia."
    assert [(e.code, e.flags) for e in code_with_mentions(nlp, text, actors, MONDAY)] == [("161", ())]
    alone = code_with_mentions(nlp, "Kenya did not sever diplomatic ties with Somalia.", [actors[0], actors[2]], MONDAY)
    assert [(e.code, e.flags) for e in alone] == [("161", ("negated",))]
