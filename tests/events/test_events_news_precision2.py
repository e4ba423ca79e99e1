"""Senses of frequent coded verbs that political news uses for no event, or for another one (issue 15,
twentieth session): what someone considers something to be, or considers that, is an opinion, no option
weighed (014); a price, rent or fee paid is no aid (071); "called X on it" challenges what X said (111),
it appeals for nothing; speaking to an outlet or to a crowd consults no one (04); money given to a
candidate, a speech given or "gave birth to" is no yield (080); and a country's own
government, lawmakers or leaders saying the country must act state its policy, they make no demand (10)
of it. Each was found among the most frequent events on PolNeAR tune-half texts and read there; the
sentences here are written for the test. Figures in docs/events.md ("News precision, second round").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "Many Republicans consider Clinton to be a weak candidate.",
        "Governor Brown considered that the plan would be popular with farmers.",
        "The Clinton campaign paid $40,000 in rent for its office in March.",
        "The Clinton campaign paid $2 million to buy television time.",
        "The American president said the United States must act to curb gun violence.",
        "U.S. Senator Tom Harlan said America needs to secure its southern border.",
    ],
)
def test_an_opinion_a_price_or_a_country_s_own_policy_is_no_event(coded, text):
    assert coded(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The government is considering new sanctions on Iran.", ("014", "GOV", "IRN")),
        ("The Israeli cabinet is considering whether the ban on imports should be lifted.", ("014", "ISRGOV", None)),
        ("Japan paid $300 million in aid to Sri Lanka.", ("071", "JPN", "LKA")),
        ("The American president said Iran must release the sailors.", ("1053", "USAGOV", "IRN")),
        ("The French opposition said France must hold new elections.", ("100", "FRAOPP", "FRA")),
    ],
)
def test_the_senses_that_are_events_stay_coded(coded, text, expected):
    assert coded(text) == [expected]


def test_calling_someone_on_it_is_a_challenge_not_an_appeal(coded):
    assert coded("Governor Brown called the Clinton campaign on it at the debate.") == [("111", "GOV", "USAELI")]


def test_calling_on_someone_to_act_stays_an_appeal(coded):
    codes = [c[0] for c in coded("Governor Brown called on the Clinton campaign to apologize.")]
    assert codes and codes[0].startswith("02")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Clinton campaign paid $40,000 in rent to its landlord.", []),
        ("The French bank paid $30 million to Nigeria last year.", [("071", "FRABUS", "NGA")]),
    ],
)
def test_a_sum_paid_to_a_party_is_coded_unless_a_campaign_spends_it(coded, text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Speaking to NBC News on Monday, Senator Tom Harlan said the bill would fail.",
        "Senator Tom Harlan spoke to a crowd of supporters in Ohio.",
        "Governor Brown talked to voters about taxes in Iowa.",
    ],
)
def test_speaking_to_an_outlet_or_a_crowd_consults_no_one(coded, text):
    assert coded(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Senator Tom Harlan spoke to the Japanese prime minister on Monday.", ("040", "LEG", "JPNGOV")),
        ("The French foreign minister talked with his German counterpart on Tuesday.", ("040", "FRAGOV", "DEUGOV")),
    ],
)
def test_speaking_to_an_official_stays_a_consultation(coded, text, expected):
    assert coded(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Out of thousands of bankers, just 52 have given to Governor Brown.",
        "It was the most extreme speech Senator Tom Harlan gave to the Mexican parliament.",
        "Senator Tom Harlan gave a speech in Salt Lake City about Israel.",
        "The war gave birth to a Syrian insurgency.",
    ],
)
def test_a_donation_a_speech_or_a_birth_given_is_no_yield(coded, text):
    assert coded(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The government gave in to the demands of the strikers.", ("080", "GOV", "LAB")),
        ("Japan gave $5 million in aid to Jordan.", ("071", "JPN", "JOR")),
        ("Japan gave $5 million in aid.", ("071", "JPN", None)),
    ],
)
def test_yielding_and_aid_given_stay(coded, text, expected):
    assert coded(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Neither Senator Tom Harlan nor Governor Brown praised the plan of the administration.",
        "No European government backed the plan of the Russian president.",
    ],
)
def test_a_subject_denied_by_neither_or_no_makes_the_act_negated(stage_events, text):
    events = stage_events(text)
    assert events and all("negated" in e.flags for e in events)


def test_a_plain_subject_leaves_the_act_asserted(stage_events):
    events = stage_events("Senator Tom Harlan praised the plan of the administration.")
    assert events and not any("negated" in e.flags for e in events)
