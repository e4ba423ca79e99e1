"""Issue 16: held views, nouns of saying, named lines, judgements and who may perform a speech act.

Each case is a sentence a reader would or would not call someone's quote;
speakers are resolved through mentions built by hand, as in test_quotes.py.
"""

from __future__ import annotations

import pytest

from dossier.quotes.cues import load_cues
from tests.quotes.test_quotes import LINDQVIST, MINISTRY, OKAFOR, analyse

ACTORS = {"Anna Lindqvist": LINDQVIST, "Lindqvist": LINDQVIST, "Okafor": OKAFOR, "Sweden": MINISTRY}


def said(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(kind, cue, speaker name, text) of every quote in `text`."""
    return [(q.kind, q.cue, q.speaker.name if q.speaker else None, q.text) for q in analyse(nlp, text, ACTORS)]


def test_the_lexicon_holds_views_nouns_and_judgements_apart():
    lexicon = load_cues()
    assert lexicon.verb_cues("believe")[0].type == "belief"
    assert lexicon.noun_cues("claim")[0].type == "noun"
    assert lexicon.verb_cues("claim")[0].type == "speech"  # the verb and the noun are two entries
    assert lexicon.verb_cues("criticize")[0].type == "judge"
    assert lexicon.noun_cues("say") == ()


def test_a_view_held_in_a_that_clause_is_a_quote(nlp):
    [quote] = analyse(nlp, "Anna Lindqvist believes that the harvest will fail this year.", ACTORS)
    assert (quote.kind, quote.speaker, quote.cue, quote.text) == (
        "indirect",
        LINDQVIST,
        "believe",
        "the harvest will fail this year",
    )


def test_a_states_view_is_its_policy_not_a_quote(nlp):
    assert analyse(nlp, "Sweden believes that the harvest will fail this year.", ACTORS) == ()


def test_a_noun_of_saying_with_a_that_clause_is_its_owners_quote(nlp):
    text = "Lindqvist's claim that the election was rigged drew sharp criticism."
    [quote] = analyse(nlp, text, ACTORS)
    assert (quote.kind, quote.speaker, quote.cue, quote.text) == (
        "indirect",
        LINDQVIST,
        "claim",
        "the election was rigged",
    )


def test_a_relative_clause_on_a_noun_of_saying_is_no_content(nlp):
    assert analyse(nlp, "Okafor repeated the claim that he had made in May.", ACTORS) == ()


def test_a_line_opening_with_a_name_and_a_colon_is_that_persons_quote(nlp):
    text = "Anna Lindqvist: Sweden will double its aid to farmers.\n\nThe minister spoke in Malmo on Monday."
    [quote] = analyse(nlp, text, ACTORS)
    assert (quote.kind, quote.speaker, quote.cue, quote.text) == (
        "indirect",
        LINDQVIST,
        ":",
        "Sweden will double its aid to farmers",
    )


def test_a_line_opening_with_a_poll_names_no_speaker(nlp):
    text = "Poll: Okafor leads the race in the north.\n\nThe survey was taken in May."
    assert analyse(nlp, text, ACTORS) == ()


def test_a_judgement_on_something_is_a_quote(nlp):
    [quote] = analyse(nlp, "Anna Lindqvist criticized the ministry's handling of the floods.", ACTORS)
    assert (quote.kind, quote.speaker, quote.cue, quote.text) == (
        "indirect",
        LINDQVIST,
        "criticize",
        "the ministry's handling of the floods",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Anna Lindqvist dismissed such a call.",  # words said before, pointed back to
        "Anna Lindqvist and her ministers called for a ban on cluster munitions.",  # a joint stance
    ],
)
def test_speech_acts_that_report_no_ones_own_words(nlp, text):
    assert analyse(nlp, text, ACTORS) == ()


def test_a_named_group_performs_a_speech_act(nlp):
    [quote] = analyse(nlp, "Greenpeace activists called for a ban on cluster munitions.", {})
    assert (quote.kind, quote.speaker.name, quote.text) == (
        "indirect",
        "Greenpeace activists",
        "a ban on cluster munitions",
    )


def test_a_gerund_is_what_a_speech_act_proposes(nlp):
    [quote] = analyse(nlp, "Anna Lindqvist proposed closing the border for a month.", ACTORS)
    assert (quote.speaker, quote.text) == (LINDQVIST, "closing the border for a month")


def test_a_partial_quote_under_a_cue_with_no_speaker_goes_to_the_speech_around_it(nlp):
    text = 'Okafor said he looked forward to discussing the issues that "we think are concerning".'
    direct = [quote for quote in analyse(nlp, text, ACTORS) if quote.kind == "direct"]
    assert [(quote.speaker, quote.text) for quote in direct] == [(OKAFOR, "we think are concerning")]


def test_an_endorsement_declares_a_position_even_on_a_name(nlp):
    [quote] = analyse(
        nlp, "Anna Lindqvist endorsed Emeka Okafor for president on Friday.", {"Anna Lindqvist": LINDQVIST}
    )
    assert (quote.kind, quote.speaker, quote.cue, quote.text) == (
        "indirect",
        LINDQVIST,
        "endorse",
        "Emeka Okafor for president",
    )
