"""Issue 15, coverage round 2: a parse repair for a past tense read as a participle, and verb families
of the codebook the lexicon lacked. Written sentences only (none from a dev set); actors, quotes and
events run as `dossier run` does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from dossier.events.coder import load_event_data
from tests.events.event_fixtures import code_through_actors

pytestmark = pytest.mark.model

Coded = list[tuple[str, str | None, str | None]]


@pytest.fixture(scope="module")
def coded(nlp: Language) -> Callable[[str], Coded]:
    data = load_event_data()
    return lambda text: code_through_actors(nlp, data, text)


def test_a_report_that_called_for_sanctions_is_the_subject_of_the_call(coded):
    # The parser reads "called" as a participle on "report", the sentence's root: it is the past tense.
    assert coded("A UN report called for sanctions against Belarus over the crackdown on journalists.") == [
        ("111", "IGOUNO", "BLR")
    ]


def test_a_participle_with_its_agent_stays_a_participle(coded):
    # "a report published by the ministry": the ministry published it; "accused" has its own subject.
    assert coded("A report published by the ministry accused Russia of meddling.") == [("112", "GOV", "RUS")]


def test_prolonging_sanctions_imposes_them(coded):
    assert coded("The European Union prolonged its sanctions against Belarus for another six months.") == [
        ("163", "IGOEU", "BLR")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch government passed intelligence about the smuggling network to the Belgian government.",
        "The Dutch government gave the Belgian government information about the smuggling network.",
        "The Dutch government provided the Belgian government with information about the smuggling network.",
    ],
)
def test_handing_over_information_is_sharing_it(coded, text):
    assert coded(text) == [("064", "NLDGOV", "BELGOV")]


def test_a_sum_worth_of_goods_is_coded_by_the_goods(coded):
    assert coded("Japan handed over $2 million worth of medical supplies to the Philippine government.") == [
        ("073", "JPN", "PHLGOV")
    ]
