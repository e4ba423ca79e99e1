"""Issue 16, third round: contents missed although the cue was in the lexicon.

Each rule came from a count of the tuning half's misses by cause (docs/quotes.md);
the sentences here are written for the tests, not taken from any dev set.
"""

from __future__ import annotations

import pytest

from tests.quotes.test_quotes import LINDQVIST, OKAFOR, analyse

pytestmark = pytest.mark.model

ACTORS = {"Anna Lindqvist": LINDQVIST, "Lindqvist": LINDQVIST, "Emeka Okafor": OKAFOR, "Okafor": OKAFOR}


def texts(quotes) -> list[tuple[str | None, str]]:  # noqa: ANN001 (tuple of Quote)
    return [(quote.speaker.name if quote.speaker else None, quote.text) for quote in quotes]


@pytest.mark.parametrize(
    "text",
    [
        "Anna Lindqvist made clear on Tuesday that the border would stay closed.",
        "Anna Lindqvist made it clear that the border would stay closed.",
    ],
)
def test_a_cue_of_two_words_finds_the_clause_hung_on_its_second_word(nlp, text):
    [quote] = analyse(nlp, text, ACTORS)
    assert (quote.speaker, quote.cue, quote.text) == (LINDQVIST, "make clear", "the border would stay closed")


@pytest.mark.parametrize(
    ("text", "charge"),
    [
        ("Anna Lindqvist accused Okafor of hypocrisy.", "Okafor of hypocrisy"),
        ("Anna Lindqvist attacked the plan as a betrayal of farmers.", "the plan as a betrayal of farmers"),
        ("Anna Lindqvist blamed the drought for the poor harvest.", "the drought for the poor harvest"),
    ],
)
def test_a_label_verbs_charge_may_be_a_noun_phrase(nlp, text, charge):
    [quote] = analyse(nlp, text, ACTORS)
    assert (quote.kind, quote.speaker, quote.text) == ("indirect", LINDQVIST, charge)


def test_a_label_verb_with_no_charge_reports_nothing(nlp):
    assert analyse(nlp, "Anna Lindqvist named Okafor to the committee on Monday.", ACTORS) == ()


def test_a_call_for_someone_to_act_is_a_call_for(nlp):
    [quote] = analyse(nlp, "Anna Lindqvist called for the ministry to release the files.", ACTORS)
    assert (quote.speaker, quote.cue) == (LINDQVIST, "call for")
    assert quote.text.endswith("the ministry to release the files")


def test_named_people_acting_together_perform_a_speech_act(nlp):
    quotes = analyse(nlp, "Anna Lindqvist and Emeka Okafor criticized the ministry's handling of the floods.", ACTORS)
    assert texts(quotes) == [("Anna Lindqvist", "the ministry's handling of the floods")]


def test_a_campaign_performs_a_speech_act(nlp):
    [quote] = analyse(nlp, "The Okafor campaign denied any wrongdoing.", ACTORS)
    assert (quote.speaker, quote.text) == (OKAFOR, "any wrongdoing")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "A new poll shows Lindqvist with a ten-point lead in the north.",
            "Lindqvist with a ten-point lead in the north",
        ),
        ("Several studies have found little evidence of fraud.", "little evidence of fraud"),
    ],
)
def test_what_a_poll_or_a_study_shows_is_reported(nlp, text, finding):
    [quote] = analyse(nlp, text, ACTORS)
    assert (quote.kind, quote.text) == ("indirect", finding)


@pytest.mark.parametrize(
    "text",
    [
        "Okafor showed little interest in the plan.",  # a person showing something is no finding
        "The poll showed Lindqvist.",  # a name alone says nothing found
    ],
)
def test_what_a_person_shows_is_no_finding(nlp, text):
    assert analyse(nlp, text, ACTORS) == ()


def test_a_name_the_entity_recogniser_left_untyped_performs_a_speech_act(nlp):
    doc = nlp("Brexitwatch then discussed the proposed border wall.")
    assert (doc[0].tag_, doc[0].ent_type_) == ("NNP", "")  # the case the rule is for
    quotes = analyse(nlp, "Brexitwatch then discussed the proposed border wall.", {})
    assert texts(quotes) == [("Brexitwatch", "the proposed border wall")]
