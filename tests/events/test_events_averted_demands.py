"""An act of force someone says must be avoided or prevented is the speaker's demand that it not
happen (CAMEO 1056), toward the party it would be done to; never the act itself with a blank source.
A medical "treat" is no mistreatment (issue 15, real-news check).

Every sentence here is written for these tests; actors come from the actors stage.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China said an invasion of Taiwan must be avoided.", [("1056", "CHN", "TWN")]),
        ("France said a military strike on Iran must be avoided at all costs.", [("1056", "FRA", "IRN")]),
        ("Russia says an attack on Syria should be prevented.", [("1056", "RUS", "SYR")]),
    ],
)
def test_a_strike_said_to_be_avoided_is_the_speakers_demand(coded, text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Germany says military intervention in Libya must be avoided.",
        "Officials said an attack on the embassy was prevented.",
    ],
)
def test_an_averted_act_is_never_done_by_no_one(stage_events, text):
    assert not [e for e in stage_events(text) if not e.source.code and "negated" not in e.flags]
    assert not [e for e in stage_events(text) if e.root_code in ("18", "19")]


@pytest.mark.parametrize(
    "text",
    [
        "Doctors treated the wounded at a hospital in Aleppo.",
        "Syrian doctors treated the wounded after the attack.",
        "Nurses in Kabul treated dozens of injured civilians after the blast.",
        "Doctors treated the injured and the wounded.",
    ],
)
def test_a_medical_treatment_is_no_assault(stage_events, text):
    assert [e.code for e in stage_events(text) if e.root_code == "18"] == []
