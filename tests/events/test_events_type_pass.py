"""Labelled type on weak roots (issue 15): AID, SUPPORT, ACCUSE.

Written sentences for each row kept; figures in docs/events-history.md
("Labelled type on weak roots").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, target",
    [
        ("Israel welcomed the American position on the settlements.", "USA"),
        ("The EU welcomed the Iranian response on Tuesday.", "IRN"),
        ("Kenya welcomed the Ugandan offer of help.", "UGA"),
    ],
)
def test_welcoming_a_stance_of_a_country_endorses_it(coded, text, target):
    # The actors stage reads "the American position" as a mention of the USA; welcoming it is no visit hosted.
    assert [(c, t) for c, _, t in coded(text)] == [("051", target)]


def test_welcoming_a_visitor_is_still_hosting_a_visit(coded):
    assert coded("The Kenyan president welcomed the Ethiopian prime minister to Nairobi.") == [
        ("043", "KENGOV", "ETHGOV")
    ]


def test_an_order_to_restrict_the_one_ordered_is_the_restriction(coded):
    # As "ordered the arrest of X" is the arrest (173), an order that the addressee suspend its own
    # broadcasts imposes the restriction (1721, PLOVER COERCE), not a demand (100).
    assert coded("The Egyptian government ordered the Qatari broadcaster to suspend its broadcasts.") == [
        ("1721", "EGYGOV", "QATMED")
    ]


def test_an_order_that_acts_on_someone_else_stays_a_demand_on_the_addressee(coded):
    assert coded("The Iranian judiciary ordered police to arrest the British journalist.") == [
        ("100", "IRNJUD", "IRNCOP")
    ]


def test_an_order_to_a_state_to_cut_its_own_ties_stays_a_demand(coded):
    assert coded("Beijing ordered Lithuania to withdraw its ambassador.") == [("100", "CHN", "LTU")]


@pytest.mark.parametrize(
    "text, code",
    [
        ("The Indian government agreed to investigate the killing of the Pakistani fisherman.", "091"),
        ("The Indian government will investigate the killing of the Pakistani fisherman.", "091"),
    ],
)
def test_an_investigation_pledged_is_coded_as_one_announced(coded, text, code):
    # CAMEO's intentions (03) mirror only 04-08: a pledge to investigate is the investigation announced,
    # as "will investigate" is (PLOVER ACCUSE), not an intent to cooperate (030, AGREE).
    assert coded(text) == [(code, "INDGOV", "PAKAGR")]


def test_a_promise_to_sue_is_the_lawsuit_announced(coded):
    assert [c for c, _, _ in coded("The Turkish president promised to sue the German newspaper.")] == ["115"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Japanese government pledged to support the Philippine bid.", ("051", "JPNGOV", "PHL")),
        ("Germany vowed to back Ukraine.", ("051", "DEU", "UKR")),
    ],
)
def test_a_pledge_to_back_someone_is_support_expressed(coded, text, expected):
    # CAMEO 051 is to express support for X; a pledge to back X does so now (PLOVER SUPPORT), where
    # other intentions of diplomatic cooperation stay 032 (AGREE).
    assert coded(text) == [expected]


def test_an_offer_of_air_support_is_an_intent_of_military_aid(coded):
    assert coded("Canada is ready to contribute air support to the UN mission in Mali.") == [("0332", "CAN", "IGOUNO")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Poland welcomed Ukrainian refugees on Monday.", ("075", "POL", "UKRREF")),
        ("Mali welcomed French peacekeepers in the north.", ("0861", "MLI", "FRAMIL")),
        ("Japan welcomed the Chinese premier in Tokyo.", ("043", "JPN", "CHNGOV")),
    ],
)
def test_of_two_rows_alike_in_specificity_the_one_that_names_words_is_read_first(coded, text, expected):
    # "welcome +refugee" (asylum) and "welcome actorobj" (a visit hosted) are equally specific; the row that
    # names what is welcomed says more of the sense than the shape of an actor as object.
    assert coded(text) == [expected]
