"""Coverage round 3 (issue 15): the one called in a telephone call that the parser read as an object
predicate ("called Ethiopian Prime Minister Abiy Ahmed on Tuesday to ...") is the call's object; an act
of force or a weapon as a verb's subject names no agent, whatever actors it holds ("an air strike on a
market in Yemen killed ...": a blank source, one known side).

Written sentences; figures in docs/events-history.md ("Coverage round 3").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kenyan President William Ruto called Ethiopian Prime Minister Abiy Ahmed on Tuesday to express "
            "his support for the peace talks.",
            [("051", "KENGOV", "ETHGOV")],
        ),
        (
            "Ghanaian President Nana Akufo-Addo called Nigerian President Muhammadu Buhari on Sunday to "
            "express his solidarity.",
            [("041", "GHAGOV", "NGAGOV")],
        ),
    ],
)
def test_a_named_object_read_as_an_object_predicate_is_the_one_called(coded, text, expected):
    assert coded(text) == expected


def test_calling_someone_names_is_still_no_call(coded):
    assert coded("Senator Smith called Governor Jones a liar on Tuesday.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # Real errors fixed (no dev figure moved): the noun alone was coded as done, a killing or an expulsion
        # with a blank source.
        ("The Iranian court postponed the execution of the French-Iranian academic.", [("080", "IRNJUD", "IRN")]),
        (
            "The British government suspended the deportation of the Jamaican nationals.",
            [("080", "GBRGOV", "JAMCVL")],
        ),
    ],
)
def test_an_execution_or_deportation_put_off_is_leniency_not_the_act(coded, text, expected):
    assert coded(text) == expected


def test_hitting_back_at_criticism_is_criticism_not_force(coded):
    assert coded("The Chinese foreign ministry hit back at the American criticism.") == [("111", "CHNGOV", None)]


def test_hitting_back_at_positions_is_still_force(coded):
    assert coded("The Israeli army hit back at Hamas positions in Gaza.") == [("190", "ISRMIL", "PSEREB")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("An air strike on a market in northern Yemen killed 30 Yemeni civilians.", [("1823", None, "YEMCVL")]),
        (
            "A suicide attack on a convoy belonging to the Nato mission in Afghanistan has killed at least "
            "eight people in Kabul.",
            [("1823", None, "AFGCVL")],
        ),
    ],
)
def test_an_act_of_force_as_the_subject_leaves_the_source_blank(coded, text, expected):
    assert coded(text) == expected


def test_the_owner_of_the_act_is_still_its_agent(coded):
    assert coded("The Malian army's offensive killed 30 rebels.") == [("1823", "MLIMIL", "MLIREB")]
