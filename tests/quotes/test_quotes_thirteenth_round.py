"""Issue 16, thirteenth round: sides taken on actions and in the passive, messages and "they" as speakers.

A side may be taken on an action, a gerund (`supports raising the tariff`,
`is leaning toward supporting Okafor`). A judging or position verb in the
passive with its agent judges or backs its subject (`The plan was derided by
Okafor`, `Okafor is backed by the union`). One named person with his own
people acts as one (`Okafor and her lawyers denied ...`), where a state's
officials beside a leader still do not. A message states what it says as a
record does (`The statement calls for ...`, `The ad accuses ...`). "They"
takes a side and, as a cue's subject, speaks as a bare group does. A headline
whose comma sits inside the single marks of its last word is still bylined,
and a title-cased quote a verb of writing takes is a title. Each sentence is
written for the test.
"""

from __future__ import annotations

import pytest

from tests.quotes.test_quotes_views import said


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Emeka Okafor supports raising the tariff on imported grain.",
            "support",
            "raising the tariff on imported grain",
        ),
        ("Emeka Okafor opposed cutting the subsidies for farmers.", "oppose", "cutting the subsidies for farmers"),
        ("Emeka Okafor is leaning toward supporting Anna Lindqvist.", "lean toward", "supporting Anna Lindqvist"),
    ],
)
def test_a_side_taken_on_an_action_is_a_quote(nlp, text, cue, content):
    # "supporting Anna Lindqvist" is a side of its own too, inside the one it is the action of
    assert ("indirect", cue, "Emeka Okafor", content) in said(nlp, text)


def test_a_judgement_in_the_passive_with_its_agent_is_the_agents(nlp):
    assert said(nlp, "The new grain levy was derided by Emeka Okafor.") == [
        ("indirect", "deride", "Emeka Okafor", "The new grain levy")
    ]


def test_a_side_in_the_passive_with_its_agent_is_the_agents(nlp):
    assert said(nlp, "Anna Lindqvist is backed by the National Farmers Union.") == [
        ("indirect", "back", "the National Farmers Union", "Anna Lindqvist")
    ]


def test_a_judgement_in_the_passive_with_no_one_named_is_no_ones_quote(nlp):
    assert said(nlp, "The new grain levy was derided in the north.") == []


def test_one_person_with_her_own_people_acts_as_one(nlp):
    assert said(nlp, "Anna Lindqvist and her lawyers denied the fraud charges.") == [
        ("indirect", "deny", "Anna Lindqvist", "the fraud charges")
    ]


def test_a_leader_with_a_states_officials_is_a_states_stance(nlp):
    assert said(nlp, "He and top Ruritanian government officials have condemned the idea of new sanctions.") == []


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "The statement calls for an end to the tariff on imported grain.",
            "call for",
            "The statement",
            "an end to the tariff on imported grain",
        ),
        (
            "A campaign ad accuses Emeka Okafor of hiding the harvest figures.",
            "accuse",
            "A campaign ad",
            "Emeka Okafor of hiding the harvest figures",
        ),
    ],
)
def test_a_message_states_what_it_says(nlp, text, cue, speaker, content):
    assert said(nlp, text) == [("indirect", cue, speaker, content)]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Most of the farmers said they would vote for Anna Lindqvist.", "vote for", "Anna Lindqvist"),
        ("They urged the minister to resign before the harvest.", "urge", "the minister to resign before the harvest"),
    ],
)
def test_they_takes_a_side_and_speaks_as_a_group(nlp, text, cue, content):
    assert (cue, content) in [(quote_cue, quote_text) for _, quote_cue, _, quote_text in said(nlp, text)]


def test_a_headline_ending_on_a_quoted_word_is_still_bylined(nlp):
    text = '"Okafor is leaving \'Harvest Moon,\'" by the Ledger\'s Jane Roe: "The farmer quits the show in May."'
    assert said(nlp, text) == []


def test_a_title_cased_quote_written_is_a_title(nlp):
    assert said(nlp, 'Emeka Okafor wrote "Fields Of Plenty" in 2010.') == []
