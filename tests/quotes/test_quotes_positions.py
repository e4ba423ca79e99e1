"""Issue 16, fourth round: aims, stances, views in the passive, nouns of a position and poll shares.

Each case is a sentence a reader would or would not call someone's stated
position; speakers are resolved through mentions built by hand, as in
test_quotes.py. (Aims with an infinitive were out of scope before this round:
"hopes to win" is now Lindqvist's stated aim.)
"""

from __future__ import annotations

import pytest

from dossier.quotes.cues import load_cues
from dossier.quotes.words import load_quote_words
from tests.quotes.test_quotes import LINDQVIST, OKAFOR, analyse
from tests.quotes.test_quotes_views import ACTORS


def said(nlp, text: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker name, cue, text) of every quote in `text`."""
    return [(q.speaker.name if q.speaker else None, q.cue, q.text) for q in analyse(nlp, text, ACTORS)]


def test_the_lexicon_holds_aims_stances_and_shares():
    lexicon = load_cues()
    assert lexicon.verb_cues("want")[0].type == "intention"
    assert lexicon.verb_cues("support")[0].type == "position"
    assert lexicon.noun_cues("support")[0].phrase == "support for"
    words = load_quote_words()
    assert "critical" in words.stance_words and "critic" in words.stance_words
    assert "expect" in words.passive_views and "think" not in words.passive_views
    assert "percent" in words.share_words


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Anna Lindqvist hopes to win the vote in March.", "hope", "to win the vote in March"),
        (
            "Anna Lindqvist wants Congress to raise the tariffs on steel.",
            "want",
            "Congress to raise the tariffs on steel",
        ),
        ("Anna Lindqvist expects 5,000 farmers to attend.", "expect", "5,000 farmers to attend"),
        ("Lindqvist declined to comment on the report.", "decline", "to comment on the report"),
        ("Anna Lindqvist wants a large cut in the steel tariffs.", "want", "a large cut in the steel tariffs"),
    ],
)
def test_an_aim_or_a_refusal_is_its_holders_quote(nlp, text, cue, content):
    assert said(nlp, text) == [("Anna Lindqvist", cue, content)]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Anna Lindqvist endorsed Okafor on Monday.", "endorse", "Okafor"),  # one name is a stance
        ("Anna Lindqvist sided with Okafor in the dispute.", "side with", "Okafor"),
        ("Anna Lindqvist is critical of the new tariffs on steel.", "critical", "the new tariffs on steel"),
        ("Anna Lindqvist is confident that the harvest will recover.", "confident", "the harvest will recover"),
        ("Anna Lindqvist is a vocal critic of the tariffs.", "critic", "the tariffs"),
        ("Anna Lindqvist sees the tariffs as a mistake.", "see", "the tariffs as a mistake"),
        ("Anna Lindqvist announced her decision to leave the government.", "decision", "to leave the government"),
    ],
)
def test_a_stance_taken_is_its_holders_quote(nlp, text, cue, content):
    assert ("Anna Lindqvist", cue, content) in said(nlp, text)


def test_an_expectation_in_the_passive_is_kept_with_no_speaker(nlp):
    [quote] = analyse(nlp, "Okafor is expected to win the vote in March.", ACTORS)
    assert (quote.speaker, quote.cue, quote.text) == (None, "expect", "Okafor is expected to win the vote in March")


@pytest.mark.parametrize(
    "text",
    [
        "The harvest is thought to be the worst in a decade.",  # a hedged fact, no one's position
        "Sweden supports the new tariffs on steel.",  # a state's stance is its policy
        "Anna Lindqvist tried to build support for the tariffs.",  # support gathered is other people's
        "Anna Lindqvist chose a new adviser.",  # a choice made, not an aim stated
    ],
)
def test_hedges_policies_and_gathered_support_are_not_quotes(nlp, text):
    assert said(nlp, text) == []


def test_a_share_of_a_poll_takes_a_side(nlp):
    assert said(nlp, "Sixty percent of farmers support Okafor.") == [("Sixty percent of farmers", "support", "Okafor")]


def test_the_possessive_on_an_object_stands_for_the_subject(nlp):
    quotes = analyse(nlp, "Okafor repeated his support for Anna Lindqvist.", ACTORS)
    assert [(q.speaker, q.cue, q.text) for q in quotes if q.cue == "support for"] == [
        (OKAFOR, "support for", "Anna Lindqvist")
    ]
    assert LINDQVIST not in [q.speaker for q in quotes]
