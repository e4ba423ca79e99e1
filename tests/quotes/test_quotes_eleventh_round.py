"""Issue 16, eleventh round: room made by sides that only describe, spent on groups' stances and polls.

A side named in a clause that describes a noun (`Kofi Mensah, who supports
Okafor, runs a farm`) says who is meant, not a stance declared, and is no
quote. A group named by a bare plural (`voters`, `farmers`) may now hold a
view, an aim or a side, as polls report them; it still performs no speech
act (`Residents urged the council ...` stayed out until the twelfth round). A poll, singular, that
frames its sentence's clause with "in" (`In a Ledger poll released on
Monday, Okafor led ...`) reports that clause (cue `in`); `trails in the
polls` is a standing. `underscore` and `underline` state their object as
`stress` does, and `agree` states the commitment of its infinitive as
`promise` does. An owned noun of saying reports its topic after `of` too
(`Okafor's assessment of the harvest`). Each sentence is written for the test.
"""

from __future__ import annotations

import pytest

from tests.quotes.test_quotes_views import said


def test_a_poll_framing_its_sentence_reports_the_clause(nlp):
    text = "In a Ledger poll released on Monday, Okafor led Lindqvist by eight points."
    assert [(kind, cue, quote_text) for kind, cue, _, quote_text in said(nlp, text)] == [
        ("indirect", "in", "Okafor led Lindqvist by eight points")
    ]


def test_a_standing_in_the_polls_is_no_polls_finding(nlp):
    assert said(nlp, "Okafor trails Lindqvist in the polls.") == []


def test_a_clause_with_a_cue_of_its_own_is_that_cues_not_the_polls(nlp):
    text = "In the poll, Okafor said the harvest would recover."
    assert [(cue, quote_text) for _, cue, _, quote_text in said(nlp, text)] == [("say", "the harvest would recover")]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Lindqvist underscored the urgency of repairing the northern dams.",
            "underscore",
            "the urgency of repairing the northern dams",
        ),
        ("Okafor underlined the need for a new grain reserve.", "underline", "the need for a new grain reserve"),
        ("Okafor agreed to debate Lindqvist in March.", "agree", "to debate Lindqvist in March"),
    ],
)
def test_emphasis_and_agreement_state_what_follows(nlp, text, cue, content):
    assert [(quote_cue, quote_text) for _, quote_cue, _, quote_text in said(nlp, text)] == [(cue, content)]


def test_a_side_in_a_clause_describing_someone_is_no_quote(nlp):
    assert said(nlp, "Kofi Mensah, who supports Okafor, runs a farm near Kano.") == []
    assert said(nlp, "Kofi Mensah supports Okafor.") == [("indirect", "support", "Kofi Mensah", "Okafor")]


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("Voters support the new tariff on steel.", "support", "Voters", "the new tariff on steel"),
        ("Most voters backed Okafor in the vote.", "back", "Most voters", "Okafor"),
        ("Farmers want lower tariffs on steel.", "want", "Farmers", "lower tariffs on steel"),
        (
            "Young voters think that Lindqvist is the stronger candidate.",
            "think",
            "Young voters",
            "Lindqvist is the stronger candidate",
        ),
    ],
)
def test_a_bare_group_holds_a_view_or_takes_a_side(nlp, text, cue, speaker, content):
    assert said(nlp, text) == [("indirect", cue, speaker, content)]


def test_a_states_organs_hold_no_view(nlp):
    # Since the twelfth round a bare group the parse makes the subject of a speech cue speaks
    # (tests/quotes/test_quotes_twelfth_round.py); a state's organs still hold its policy.
    assert said(nlp, "Leaders of Sweden support the tariff.") == []


def test_an_owned_noun_of_saying_reports_its_topic_after_of(nlp):
    assert said(nlp, "Okafor's assessment of the northern harvest was grim.") == [
        ("indirect", "assessment", "Emeka Okafor", "the northern harvest")
    ]
    assert said(nlp, "The assessment of the harvest was grim.") == []  # no one's words in particular
