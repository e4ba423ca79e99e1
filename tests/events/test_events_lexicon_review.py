"""The lexicon review of issue 15: verbs and phrases of the CAMEO definitions that were missing.

One hand-written sentence per newly covered pattern (none taken from a dev
set). Mentions are built by hand over the parsed sentence, as in
test_events.py, so the assertions test the lexicon and its matcher, not the
actors stage: each actor is (surface text, CAMEO code, role).
"""

from __future__ import annotations

import pytest

from dossier.records import Event

pytestmark = pytest.mark.model


def codes(events: list[Event]) -> list[str]:
    return [e.code for e in events]


# (expected code, sentence, actors): the first actor is the source.
NEWLY_COVERED = [
    # 04 consult
    ("040", "The Chinese minister sat down with the American envoy.", [("Chinese minister", "CHNGOV", "GOV"),
                                                                      ("American envoy", "USAGOV", "GOV")]),
    ("040", "Modi reached out to Pakistan after the floods.", [("Modi", "INDGOV", "GOV"), ("Pakistan", "PAK", None)]),
    # 05 diplomatic cooperation
    ("051", "Germany welcomed Poland's decision to join the coalition.", [("Germany", "DEU", None),
                                                                         ("Poland", "POL", None)]),
    ("051", "Hungary sided with Serbia in the dispute.", [("Hungary", "HUN", None), ("Serbia", "SRB", None)]),
    ("051", "France voted for the resolution on Ukraine.", [("France", "FRA", None)]),
    ("057", "Japan and Australia agreed a free trade deal.", [("Japan", "JPN", None), ("Australia", "AUS", None)]),
    # 06 material cooperation
    ("060", "Colombia coordinated with Venezuela on the border.", [("Colombia", "COL", None),
                                                                  ("Venezuela", "VEN", None)]),
    # 07 aid
    ("071", "China wrote off Zambia's loans.", [("China", "CHN", None), ("Zambia", "ZMB", None)]),
    ("071", "The IMF bailed out Sri Lanka.", [("IMF", "IGOIMF", "IGO"), ("Sri Lanka", "LKA", None)]),
    ("073", "Jordan vaccinated Syrian refugees.", [("Jordan", "JOR", None), ("Syrian refugees", "SYRREF", "REF")]),
    # 08 yield
    ("0842", "Armenia ceded territory to Azerbaijan.", [("Armenia", "ARM", None), ("Azerbaijan", "AZE", None)]),
    ("0831", "The junta relinquished power to a civilian cabinet.", [("junta", "SDNMIL", "MIL"),
                                                                    ("civilian cabinet", "SDNGOV", "GOV")]),
    ("0841", "A Kenyan court ordered the release of the opposition leader.", [("Kenyan court", "KENJUD", "JUD"),
                                                                             ("opposition leader", "KENOPP", "OPP")]),
    ("0841", "Cuba set the dissidents free.", [("Cuba", "CUB", None), ("dissidents", "CUBOPP", "OPP")]),
    ("0874", "Russian troops withdrew from the town.", [("Russian troops", "RUSMIL", "MIL")]),
    ("087", "The United States drew down its troops in Iraq.", [("United States", "USA", None)]),
    ("081", "Pakistan rolled back restrictions on traders.", [("Pakistan", "PAK", None)]),
    ("080", "The Taliban climbed down from their demands.", [("Taliban", "AFGREB", "REB")]),
    # 09 investigate
    ("090", "Kenyan police questioned the Somali diplomat.", [("Kenyan police", "KENCOP", "COP"),
                                                             ("Somali diplomat", "SOMGOV", "GOV")]),
    # 11 disapprove
    ("116", "A French court found the former president guilty of fraud.", [("French court", "FRAJUD", "JUD"),
                                                                          ("former president", "FRAGOV", "GOV")]),
    ("111", "The Iranian president railed against the sanctions.", [("Iranian president", "IRNGOV", "GOV")]),
    ("111", "Turkey's president took aim at France.", [("Turkey's president", "TURGOV", "GOV"),
                                                       ("France", "FRA", None)]),
    ("115", "The parliament impeached the president.", [("parliament", "UKRLEG", "LEG"),
                                                        ("president", "UKRGOV", "GOV")]),
    # 12 reject
    ("120", "Germany balked at the French proposal.", [("Germany", "DEU", None)]),
    ("120", "Italy voted against the new sanctions.", [("Italy", "ITA", None)]),
    ("125", "The Mexican president cancelled a visit to Washington.", [("Mexican president", "MEXGOV", "GOV"),
                                                                      ("Washington", "USA", None)]),
    # 14 protest
    ("141", "Thousands of Georgians took to the streets of Tbilisi.", [("Georgians", "GEOCVL", "CVL")]),
    ("143", "The teachers' union called a nationwide strike.", [("teachers' union", "KENLAB", "LAB")]),
    ("143", "Dock workers stopped work to demand higher wages.", [("Dock workers", "BGDLAB", "LAB")]),
    ("143", "The opposition boycotted the election.", [("opposition", "DZAOPP", "OPP")]),
    ("145", "Protesters stormed the presidential palace.", [("Protesters", "LKACVL", "CVL")]),
    # 15 mobilize
    ("152", "Israel called up reservists for the operation.", [("Israel", "ISR", None)]),
    # 17 coerce
    ("173", "A court issued an arrest warrant for the former minister.", [("court", "PAKJUD", "JUD"),
                                                                         ("former minister", "PAKGOV", "GOV")]),
    ("173", "Police locked up the activists.", [("Police", "CHNCOP", "COP"), ("activists", "CHNCVL", "CVL")]),
    ("1721", "Turkey blocked access to the encyclopedia.", [("Turkey", "TUR", None)]),
    # 18-20 assault, fight, mass violence
    ("182", "Police beat up the protesters.", [("Police", "INDCOP", "COP"), ("protesters", "INDCVL", "CVL")]),
    ("1823", "Gunmen mowed down the villagers.", [("Gunmen", "KENUAF", "UAF"), ("villagers", "KENCVL", "CVL")]),
    ("190", "Iran shot down the American drone.", [("Iran", "IRN", None)]),
    ("190", "Ukraine sank the Russian warship.", [("Ukraine", "UKR", None)]),
    ("202", "The militias carried out mass killings in the region.", [("militias", "SDNREB", "REB")]),
]  # fmt: skip


@pytest.mark.parametrize(("expected", "text", "actors"), NEWLY_COVERED, ids=[t for _, t, _ in NEWLY_COVERED])
def test_a_pattern_of_the_cameo_definitions_is_coded(code, expected, text, actors):
    events = code(text, *actors)
    assert expected in codes(events), [(e.code, e.predicate) for e in events]
    event = next(e for e in events if e.code == expected)
    assert event.source.code == actors[0][1]
    assert event.flags == ()


def test_the_particle_form_picks_the_sense(code):
    """'take to the streets' is a protest, 'take exception to' a criticism; 'call off' yields, 'call' does not."""
    streets = code("Students took to the streets.", ("Students", "SRBEDU", "EDU"))
    assert codes(streets) == ["141"]
    exception = code("Iran took exception to the remarks.", ("Iran", "IRN", None))
    assert codes(exception) == ["110"]
    off = code("The union called off the strike.", ("union", "NGALAB", "LAB"))
    assert codes(off) == ["082"]
    called = code("The union called a general strike.", ("union", "NGALAB", "LAB"))
    assert codes(called) == ["143"]


def test_giving_a_deal_its_text_is_signing_but_agreeing_to_meet_is_intent(code):
    deal = code("Chile and Peru agreed on the text of a treaty.", ("Chile", "CHL", None), ("Peru", "PER", None))
    assert "057" in codes(deal)
    meet = code("Chile agreed to meet Peru.", ("Chile", "CHL", None), ("Peru", "PER", None))
    assert codes(meet) == ["036"]


def test_negated_and_hypothetical_uses_of_new_rows_stay_flagged(code):
    negated = code("Cuba did not set the dissidents free.", ("Cuba", "CUB", None), ("dissidents", "CUBOPP", "OPP"))
    assert [(e.code, e.flags) for e in negated] == [("0841", ("negated",))]
    could = code("The junta could relinquish power.", ("junta", "SDNMIL", "MIL"))
    assert [(e.code, e.flags) for e in could] == [("0831", ("hypothetical",))]
    condition = code("If Armenia cedes territory, the war ends.", ("Armenia", "ARM", None))
    assert [(e.code, e.flags) for e in condition] == [("0842", ("hypothetical",))]


def test_a_cancelled_exercise_is_still_a_cut_in_relations(code):
    events = code("South Korea cancelled the joint exercise with Japan.", ("South Korea", "KOR", None),
                  ("Japan", "JPN", None))  # fmt: skip
    assert codes(events) == ["160"]


def test_revoking_visas_and_press_licences_are_sanctions(code):
    visas = code("Canada revoked the visas of the officials.", ("Canada", "CAN", None))
    assert codes(visas) == ["163"]
    licence = code("The government revoked the licence of the newspaper.", ("government", "NICGOV", "GOV"))
    assert codes(licence) == ["1721"]
