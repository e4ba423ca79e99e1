"""Senses, modality and parties from the fifth hand check of real news (issue 15): a transitive
"demonstrate", opinions held, illnesses fought, idioms of firing and rescuing, the release of a
publication, income made; an infinitive relative ("a reason for X to back Y"), a series after a
predicative adjective, a danger guarded against; a candidate's pitch to voters, a race announced as
a battle; a guest received "to" a place; a pronoun read as the name its own clause governs.

Every sentence here is written for these tests; actors come from the actors stage.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "Japan and South Korea demonstrated their unity in their commitment to peace.",
        "Farmers hold favourable views of the governor.",
        "Most nurses hold strong opinions about the hospital board.",
        "Nurses at the clinic help people fighting addiction.",
        "The charity supports families battling cancer.",
        "The French economy is firing on all cylinders.",
        "The senator said he will rescue the nation from this disaster.",
        "A court ordered the release of emails from Senator Tom Ellison.",
        "The agency released 5,500 more pages of emails.",
        "The billionaire contributed $2 million to the super PAC Forward America.",
        "The billionaire donated $1 million to Senator Tom Ellison's presidential campaign.",
        "Nurses making less than $40,000 a year cannot get the benefit.",
        "There is one good reason for the governor to support the senator.",
        "The mayor said the governor is ready to secure the border, strengthen the army and improve roads.",
        "The alliance promised to deter and defend against Russian aggression.",
        "Senator Tom Ellison said voters should go with him because he has the better record.",
        "Her campaign is preparing to battle the Texas senator, Ted Cruz.",
        "Senator Tom Ellison should be pessimistic about the vote.",
        "Senator Tom Ellison campaigned hard in Arizona, hoping to score an upset.",
        'In a video, the mayor said his ally is ready to "take on the cartel," secure the border, strengthen the army.',
    ],
)
def test_no_act_is_stored(event_codes, text):
    assert event_codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands of students demonstrated outside the embassy.", ["141"]),
        ("The court ordered the release of the detained journalists.", ["0841"]),
        ("Rebels are fighting the army in the north.", ["190"]),
        ("The donors made a $5 million donation to the refugee agency.", ["071"]),
        ("Japan gave $3 million to the World Food Programme's campaign against hunger.", ["071"]),
        ("He was the first president to visit Cuba.", ["042"]),
        ("The army defended the town against the attack by the rebels.", ["190"]),
        ("Senator Tom Ellison said residents should leave the town.", ["100"]),
        ("The rebels are preparing to battle the army.", ["1384"]),
        ("Senator Tom Ellison is pessimistic about the vote.", ["012"]),
        ("The minister hoped to resume flights to Cairo.", ["013"]),
    ],
)
def test_the_act_stays(event_codes, text, expected):
    assert event_codes(text) == expected


def test_a_guest_received_to_a_capital_is_the_only_target(stage_events):
    found = [
        (e.code, e.target and e.target.country)
        for e in stage_events("The king welcomed the French president to Riyadh.")
    ]
    assert found == [("043", "FRA")]


def test_a_pronoun_is_not_the_name_its_own_clause_governs(stage_events):
    text = "Ted Cruz spoke in Ohio on Monday. Only one of the delegates has signaled he might back Cruz."
    assert [e.code for e in stage_events(text) if e.code.startswith("05")] == []


def test_officials_from_a_country_are_its_officials(stage_events):
    found = stage_events("The president held meetings with the top officials from Japan, South Korea and China.")
    assert [(e.code, e.target and e.target.code) for e in found] == [("040", "JPNGOV")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 1968 strike by sanitation workers shut the city.", ("1968", ("reported",))),
        ("Last year's strike by sanitation workers hurt the city.", ("2020", ("reported",))),
        ("The sanitation workers' strike of this week hurt the city.", ("2021-03-01", ())),
    ],
)
def test_a_year_before_publication_on_the_act_is_history(code, text, expected):
    found = code(text, ("sanitation workers", "USALAB", "LAB"))
    assert [(e.date, e.flags) for e in found] == [expected]
