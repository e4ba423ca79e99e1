"""Issue 15, coverage pass: grammatical shapes and verb classes, each with written sentences (none from a dev set).

Mentions are built by hand over the parsed sentence (tests/event_fixtures),
so the assertions test the events stage's matcher and lexicon, not the
actors stage.
"""

from __future__ import annotations

import pytest

from dossier.records import Event

pytestmark = pytest.mark.model


def triples(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.code, e.source.code, e.target.code if e.target else None) for e in events]


# ------------------------------------------------------------------ nominal events and verbs of occurrence


def test_clashes_that_erupted_between_two_forces_are_their_clash(code):
    events = code(
        "Clashes erupted between Sudanese soldiers and rebel fighters near the border on Tuesday.",
        ("Sudanese soldiers", "SDNMIL", "MIL"),
        ("rebel fighters", "SDNREB", "REB"),
    )
    assert triples(events) == [("190", "SDNMIL", "SDNREB")]


def test_clashes_that_broke_out_between_police_and_a_crowd_are_a_riot(code):
    events = code(
        "Clashes broke out between Kenyan police and protesters in Nairobi.",
        ("Kenyan police", "KENCOP", "COP"),
        ("protesters", "KENCVL", "CVL"),
    )
    assert triples(events) == [("145", "KENCOP", "KENCVL")]


def test_a_verb_that_is_no_occurrence_lends_no_participants_to_its_subject(code):
    events = code(
        "Clashes worried diplomats from Sudan and Chad.",
        ("Sudan", "SDN", None),
        ("Chad", "TCD", None),
    )
    assert events == []


# ------------------------------------------------------------------ the giver of what is received


def test_aid_received_from_someone_is_their_aid(code):
    events = code("Russia received military aid from Iran.", ("Russia", "RUS", None), ("Iran", "IRN", None))
    assert triples(events) == [("072", "IRN", "RUS")]


def test_a_loan_obtained_from_a_bank_is_the_banks_aid(code):
    events = code(
        "Kenya obtained a loan from the World Bank.", ("Kenya", "KEN", None), ("the World Bank", "IGOWBK", None)
    )
    assert triples(events) == [("071", "IGOWBK", "KEN")]


def test_training_received_from_instructors_is_their_cooperation(code):
    events = code(
        "The Iraqi army received training from American instructors.",
        ("The Iraqi army", "IRQMIL", "MIL"),
        ("American instructors", "USAMIL", "MIL"),
    )
    assert triples(events) == [("062", "USAMIL", "IRQMIL")]


def test_aid_received_from_no_one_named_is_no_event(code):
    assert code("Lebanon received humanitarian aid.", ("Lebanon", "LBN", None)) == []


def test_a_visit_received_stays_a_visit_received(code):
    events = code(
        "Ukraine received a visit from the French president.",
        ("Ukraine", "UKR", None),
        ("the French president", "FRAGOV", "GOV"),
    )
    assert [e.code for e in events] == ["043"]


# ------------------------------------------------------------------ dispositions read as passives


def test_a_government_committed_to_talks_intends_to_meet(code):
    events = code(
        "The Greek government is committed to talks with Turkey.",
        ("The Greek government", "GRCGOV", "GOV"),
        ("Turkey", "TUR", None),
    )
    assert triples(events) == [("036", "GRCGOV", "TUR")]


def test_a_real_passive_still_has_no_source(code):
    events = code(
        "The Ugandan opposition leader was detained on Monday.", ("Ugandan opposition leader", "UGAOPP", "OPP")
    )
    assert triples(events) == [("173", None, "UGAOPP")]


# ------------------------------------------------------------------ rows that name the thing acted on


def test_a_raid_on_a_camp_with_no_actor_in_it_is_still_a_raid(code):
    events = code("Israeli forces raided a refugee camp near the border.", ("Israeli forces", "ISRMIL", "MIL"))
    assert triples(events) == [("190", "ISRMIL", None)]


def test_a_raid_with_no_object_still_needs_a_target(code):
    assert code("Israeli forces raided at dawn.", ("Israeli forces", "ISRMIL", "MIL")) == []


# ------------------------------------------------------------------ a subject the parser misread


def test_a_name_before_a_rare_verb_is_its_subject(code):
    events = code(
        "Pakistan censured India for human rights abuses in Kashmir.", ("Pakistan", "PAK", None), ("India", "IND", None)
    )
    assert triples(events) == [("111", "PAK", "IND")]


def test_a_date_before_the_verb_is_no_subject(code):
    events = code("Monday censured India for abuses.", ("India", "IND", None))
    assert events == []


# ------------------------------------------------------------------ conjoined objects of a light verb


def test_rejection_and_condemnation_expressed_are_two_acts(code):
    events = code(
        "The OAS expressed its rejection and condemnation of the Nicaraguan government's decision.",
        ("The OAS", "IGOOAS", None),
        ("the Nicaraguan government", "NICGOV", "GOV"),
    )
    assert sorted(e.code[:2] for e in events) == ["11", "12"]


def test_two_nouns_of_one_root_stay_one_act(code):
    events = code(
        "The Indonesian government expressed its regret and deep concern over the decision.",
        ("The Indonesian government", "IDNGOV", "GOV"),
    )
    assert len(events) == 1


# ------------------------------------------------------------------ verb classes from the codebook


def test_troops_massing_mobilize(code):
    events = code("Russian troops massed near the Ukrainian border.", ("Russian troops", "RUSMIL", "MIL"))
    assert triples(events) == [("154", "RUSMIL", None)]


def test_returning_fire_is_force_and_returning_people_releases_them(code):
    fire = code("The Kenyan army returned fire after the attack.", ("The Kenyan army", "KENMIL", "MIL"))
    people = code(
        "Russia returned 30 Ukrainian children.", ("Russia", "RUS", None), ("Ukrainian children", "UKRCVL", "CVL")
    )
    assert triples(fire) == [("190", "KENMIL", None)]
    assert triples(people) == [("0841", "RUS", "UKRCVL")]


def test_taking_a_party_to_court_is_a_lawsuit(code):
    events = code("Ethiopia took Egypt to court over the dam.", ("Ethiopia", "ETH", None), ("Egypt", "EGY", None))
    assert triples(events) == [("115", "ETH", "EGY")]


def test_branding_a_government_is_criticism(code):
    events = code(
        "The Kremlin branded the Ukrainian government as fascist.",
        ("The Kremlin", "RUSGOV", "GOV"),
        ("the Ukrainian government", "UKRGOV", "GOV"),
    )
    assert triples(events) == [("111", "RUSGOV", "UKRGOV")]


def test_trading_fire_is_force_between_both(code):
    events = code(
        "Chilean troops traded fire with the rebels at dawn.",
        ("Chilean troops", "CHLMIL", "MIL"),
        ("the rebels", "CHLREB", "REB"),
    )
    assert triples(events) == [("190", "CHLMIL", "CHLREB")]


def test_money_deposited_in_a_central_bank_is_economic_aid(code):
    events = code(
        "Saudi Arabia deposited $3 billion in Pakistan's central bank.",
        ("Saudi Arabia", "SAU", None),
        ("Pakistan's central bank", "PAKBUS", "BUS"),
    )
    assert triples(events) == [("071", "SAU", "PAKBUS")]


# ------------------------------------------------------------------ crowds


def test_thousands_of_a_nations_people_protesting_demonstrate(code):
    crowd = code("Thousands of Israelis protested against the judicial overhaul.", ("Israelis", "ISR", None))
    state = code("Israel protested to Egypt over the incident.", ("Israel", "ISR", None), ("Egypt", "EGY", None))
    assert [e.code[:2] for e in crowd] == ["14"]
    assert [e.code for e in state] == ["114"]


def test_an_attack_that_left_people_dead_killed_them_and_withdrew_from_nothing(code):
    events = code("Gunmen left two police officers dead.", ("Gunmen", "UAF", "UAF"), ("police officers", "COP", "COP"))
    withdrawal = code("Kenyan troops left Somalia.", ("Kenyan troops", "KENMIL", "MIL"), ("Somalia", "SOM", None))
    assert triples(events) == [("1823", "UAF", "COP")]
    assert [e.code for e in withdrawal] == ["087"]


def test_stripping_someone_of_citizenship_is_an_administrative_sanction(code):
    events = code(
        "The Nicaraguan government stripped him of his citizenship.", ("The Nicaraguan government", "NICGOV", "GOV")
    )
    assert [e.code for e in events] == ["172"]


def test_a_participle_heading_the_sentence_takes_the_name_before_it(code):
    events = code("Armenia mobilised reservists.", ("Armenia", "ARM", None))
    assert triples(events) == [("154", "ARM", None)]


def test_house_arrest_and_a_forced_landing_are_coercion(code):
    arrest = code(
        "The Chinese government placed the activist under house arrest.",
        ("The Chinese government", "CHNGOV", "GOV"),
        ("the activist", "CVL", "CVL"),
    )
    landing = code("Belarus forced a passenger plane to land in Minsk.", ("Belarus", "BLR", None))
    assert triples(arrest) == [("173", "CHNGOV", "CVL")]
    assert [e.code for e in landing] == ["170"]


def test_weapon_systems_given_to_a_named_recipient_are_military_aid(code):
    events = code("Germany gave Ukraine air defence systems.", ("Germany", "DEU", None), ("Ukraine", "UKR", None))
    assert triples(events) == [("072", "DEU", "UKR")]


def test_sanctions_a_country_was_hit_with_by_a_bloc_are_the_blocs(code):
    events = code(
        "Russia has been hit with new sanctions by the European Union.",
        ("Russia", "RUS", None),
        ("the European Union", "IGOEU", None),
    )
    assert triples(events) == [("163", "IGOEU", "RUS")]
