"""Senses from the seventh hand check of real news (issue 15): a fight or battle "for" a cause, "give rise
to", returning a favor or returning to the campaign trail, a bid for an office, a news conference, a
candidate crushed, a frame around a complement the lexicon names as no event, a thing called something
"for" someone, "is going to" as the future; from a further set read for more classes: action taken, a
price charged, company one surrounds oneself with, a fact acknowledged.

Every sentence here is written for these tests; actors come from the actors stage.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "Governor Jane Doe has fought for the children of Ohio for twenty years.",
        "Senator Tom Ellison fought hard for the farmers of Iowa in the budget talks.",
        "The new tariffs gave rise to protests across France.",
        "The ruling did not give rise to any complaint from Germany.",
        "Senator Tom Ellison will return the favor to Governor Jane Doe.",
        "Senator Tom Ellison wants to return to the campaign trail this fall.",
        "Senator Tom Ellison's bid for the Republican presidential nomination faltered.",
        "Governor Jane Doe's bid for a second term ended in March.",
        "Governor Jane Doe's bid for the presidency ended in March.",
        "Senator Tom Ellison crushed the establishment candidate to win a seat in the Senate.",
        "Senator Tom Ellison vowed to fight for higher wages for American workers.",
        "Senator Tom Ellison vowed to continue the fight in the next primary.",
        "The governor called it a rough week for Senator Tom Ellison.",
        "Amid what two newspapers each called a rough week for Senator Tom Ellison, the polls turned.",
        "The United States will take action against China if it builds more islands.",
        "A company he owns has charged the campaign $3.7 million in travel costs.",
        "The firm charged customers a fee of $50.",
        "The senator knows he is going to surround himself with people who have experience.",
    ],
)
def test_no_act_is_stored(event_codes, text):
    assert event_codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # armed parties, ground and armed sides keep the force of a fight "for"
        ("Rebels fought for control of the town for three days.", ["190"]),
        ("Russian troops fought for the airport near Donetsk.", ["190"]),
        ("Thousands of foreigners fought for Kurdish militias in northern Syria.", ["190"]),
        ("Russia fought against Ukraine near the border.", ["190"]),
        ("The army crushed the rebels in the north.", ["175"]),
        ("Japan gave $2 million to the Red Cross.", ["071"]),
        ("Iran returned the seized tanker to Britain.", ["0842"]),
        ("Turkey's bid to join the European Union stalled.", ["020"]),
        ("Senator Tom Ellison held a news conference in Miami on Tuesday.", ["010"]),
        ("France and Germany held a conference on the crisis.", ["040"]),
        ("Iran vowed to continue its support for Syria.", ["051"]),
        ("Iran pledged to build a new road.", ["030"]),
        ("Iraq vowed to continue the attacks on the rebels.", ["1384"]),
        ("France took legal action against the company.", ["115"]),
        ("Prosecutors charged the minister with corruption.", ["1121"]),
        ("Police surrounded the protesters in the square.", ["175"]),
        ("The minister is weighing sanctions against Iran.", ["014"]),
        # acknowledging a fact is a statement; acknowledging a wrong or a responsibility stays 015
        ("Senator Tom Ellison acknowledged that it will be very hard for him to win.", ["010"]),
        ("The army acknowledged responsibility for the attack.", ["015"]),
        ("The army admitted responsibility for the attack.", ["015"]),
        ("The UN called for talks between the two sides.", ["026"]),
    ],
)
def test_codes(event_codes, text, expected):
    assert event_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "is going to": the parser makes the act the infinitive of "going"; it is future, as after "will"
        ("Iran is going to attack Israel.", [("1384", ("future",))]),
        ("Russia is going to send aid to Syria.", [("033", ("future",))]),
        ("Iran is not going to release the prisoners.", [("1243", ())]),
        ("Iran attacked Israel.", [("190", ())]),
    ],
)
def test_going_to_is_future(stage_events, text, expected):
    assert [(e.code, e.flags) for e in stage_events(text)] == expected
