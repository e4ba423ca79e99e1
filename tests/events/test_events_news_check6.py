"""Senses from the sixth hand check of real news (issue 15): "insist on" a medium, a donation made to a
PAC or a campaign or given to a group backing a candidate, support measured in a poll's score, force
done "for" something said, an opportunity's "for" event, an opportunity seized.

Every sentence here is written for these tests; actors come from the actors stage.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "The governor insisted on Fox News that there was no deal.",
        "The firm made a $10,000 donation to the Forward America PAC.",
        "The banker made a large donation to Senator Tom Ellison's presidential campaign.",
        "Foreign companies may not make campaign donations.",
        "Older voters backed Smith, 60 percent to 30 percent.",
        "Older voters backed Senator Tom Ellison, 57 percent to 22 percent.",
        "Rural voters supported the governor by ten points.",
        "Women preferred Senator Tom Ellison 51 percent to 24 percent,"
        " while men backed Governor Jane Doe, 57 percent to 22 percent.",
        "Mark Hollis also contributed $300,000 to an independent group backing Governor Jane Doe of Ohio.",
        "Mark Hollis gave $2 million to a committee that supports Senator Tom Ellison.",
        "Mark Hollis made a $50,000 donation to a group backing Senator Tom Ellison.",
        '"It is going to provide a real opportunity for EPA bashing," the senator said.',
        "The summit is an opportunity for talks between France and Germany.",
        "France seized the opportunity to attack Germany.",
    ],
)
def test_no_act_is_stored(event_codes, text):
    assert event_codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The governor insisted on the radio that the army should leave the town.", ["100"]),
        ("The opposition insisted on talks with the government.", ["106"]),
        ("The donors made a $5 million donation to the refugee agency.", ["071"]),
        ("Japan made a donation of $3 million to the World Food Programme.", ["071"]),
        ("The senator backed the governor last week.", ["051"]),
        ("France attacked Germany for saying the treaty was over.", ["111"]),
        ("Police attacked the protesters for calling the election a fraud, injuring dozens.", ["190"]),
        ("The army attacked the rebels for hiding in the village.", ["190"]),
        ("Japan gave $1 million to a group supporting Syrian refugees.", ["071"]),
        ("The talks between France and Germany were an opportunity.", ["040"]),
        ("Police seized the property of the opposition leader.", ["163"]),
    ],
)
def test_codes(event_codes, text, expected):
    assert event_codes(text) == expected
