"""Senses from the eighth hand check of real news (issue 15): promises of no act, a private move or a run
weighed, a sum paid with two objects, speaking to an outlet's show or on a channel, "blow up" an
establishment, a title-cased headline's plural object; from the sample: tax returns released over "ten
years of", "free of" something, "went on the record", a media call, "knocked out" a pillar, a comeback
begun "with X's advice", "has X to blame".

Every sentence here is written for these tests; actors come from the actors stage unless given by hand.
"""

from __future__ import annotations

import pytest

from dossier.actors import resolve as actors_stage
from dossier.events.coder import code_events, load_event_data
from dossier.parse.model import parse_article
from dossier.records import Article

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        # promises of things no act codes, and a promise to campaign
        "Governor Jane Doe promised a state of new jobs and better schools.",
        '"We will win," the senator said. "I promise."',
        "Campaign aides have promised a bigger field staff for the fall.",
        "Senator Tom Ellison promised to campaign in every county of the state.",
        # a private move or a run weighed is no policy option
        "The families of the hostages will consider moving to Canada.",
        "Former mayor John Dunn is considering running for the Senate next year.",
        "Governor Jane Doe is considering a run for president.",
        # figurative "blow up", "blow" without "up"
        "Senator Tom Ellison is going to blow up the establishment.",
        "Governor Jane Doe will blow up the system in Washington.",
        "The scandal blew up the race for the nomination.",
        "Senator Tom Ellison will blow away the expectations of the pundits.",
        "The wind blew the boats onto the rocks.",
        # speaking to an outlet's show, on a channel, to a host an outlet owns
        "Speaking to MSNBC's Morning Joe on Monday, Senator Tom Ellison said he can win the primary.",
        "Assemblywoman Jane Doe recently spoke to Breitbart News Saturday on Sirius XM about her race.",
        "Senator Tom Ellison talked to Fox News's Sean Hannity on Thursday.",
        # the eighth sample's senses
        "Senator Tom Ellison has released ten years of tax returns.",
        "Senator Tom Ellison said he would be free of any conflict of interest.",
        "Senator Tom Ellison went on the record in an interview with CNN.",
        "Democrats knocked out a central pillar of the health law.",
        "With Senator Tom Ellison's advice, Governor Jane Doe began a comeback.",
        "The president may have his own party to blame for the defeat.",
        "Governor Jane Doe has the voters of Ohio to thank for her win.",
        "Democrats hope to capture the Senate next year.",
    ],
)
def test_no_act_is_stored(stage_events, text):
    assert [e.code for e in stage_events(text) if e.predicate != "hope"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan promised aid to the flood victims in Pakistan.", ["033"]),
        ("Iran promised to build a new road to the border.", ["030"]),
        ("Governor Jane Doe promised that she would cut taxes.", ["030"]),
        ("Russia promised to withdraw its troops from the border.", ["0356"]),
        ("The ministry is considering a ban on new visas.", ["014"]),
        ("Germany is considering leaving the treaty.", ["014"]),
        ("Rebels blew up a bridge near Aleppo.", ["183"]),
        ("Iran is going to blow up the tanker.", ["1383"]),
        ("Senator Tom Ellison spoke to the Japanese prime minister on Monday.", ["040"]),
        ("Iran freed two American sailors on Monday.", ["0841"]),
        ("Senator Tom Ellison knocked the governor for his record on taxes.", ["111"]),
        ("Iran and the United States began talks in Oman.", ["040"]),
        ("The army began an offensive against the rebels.", ["190"]),
        ("China blamed Japan for the collision.", ["112"]),
        ("Rebels captured the state capital.", ["192"]),
    ],
)
def test_codes(event_codes, text, expected):
    assert event_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sum paid with two objects goes to the first, as to the object of "to"
        ("Japan paid Sri Lanka $300 million for the port.", [("071", "JPN", "LKA")]),
        ("Japan paid $300 million to Sri Lanka.", [("071", "JPN", "LKA")]),
        ("Qatar paid the Taliban $5 million.", [("071", "QAT", "AFGREB")]),
    ],
)
def test_payee_of_two_objects(coded, text, expected):
    assert coded(text) == expected


def test_a_campaign_paying_its_firms_gives_no_aid(code):
    # the parser gives two direct objects; the first is the payee, so the campaign row ("paid ... to") holds
    text = "Jane Doe has paid her golf courses and restaurants more than $260,000 since May."
    assert code(text, ("Jane Doe", "USAELI", "ELI")) == []
    assert [e.code for e in code(text, ("Jane Doe", "USAGOV", "GOV"))] == ["071"]


def test_title_cased_headline_plural_is_read_as_the_noun(nlp):
    # a title-cased headline keeps "Votes" as a name with its plural; the capture-of-votes block holds
    text = (
        "Governor Dunn Captured The Votes Of Ohio Republicans\n\n"
        "The governor won the state on Tuesday.\n\n"
        "Rebels Captured The Soldiers Near Aleppo\n\n"
        "The rebels won the town on Tuesday.\n"
    )
    parsed = parse_article(Article.build(text, name="written", published="2016-05-05"), nlp)
    events = code_events(parsed, actors_stage.resolve_actors(parsed), (), load_event_data(learned_fallback=False))
    assert [(e.code, e.sentence.split()[0]) for e in events] == [("173", "Rebels")]
