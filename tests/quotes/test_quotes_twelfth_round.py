"""Issue 16, twelfth round: room made by races and efforts, spent on groups' speech, answers and claims.

A person challenged is an opponent in a race (`Okafor is challenging Senator
Lindqvist in the primary`), not something judged; `challenged the ministry's
figures` still judges them, and `challenged Lindqvist to a debate` dares her.
A group the parse makes the subject of a speech cue now speaks as its people
are quoted (`Insiders say ...`, `Donors urged the council ...`). An answer is
a speech cue's content: `said yes`, `said no`, and the pro-forms `said so`,
`said the same`. Seeking or planning a thing (`seeks the nomination`, `planned a
rally`) is an effort, no aim stated (words.tsv `object_not_words`); `seeks to win` still is one.
A noun of saying or of a view whose that-clause no one is named for
(`allegations that the ministry hid the figures`) is kept with no speaker,
as `It was announced that ...` is. Each sentence is written for the test.
"""

from __future__ import annotations

import pytest

from tests.quotes.test_quotes_views import said


def test_a_person_challenged_in_a_race_is_no_judgement(nlp):
    assert said(nlp, "Okafor is challenging Senator Anna Lindqvist in the September primary.") == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Okafor challenged the ministry's figures on grain exports.", "the ministry's figures on grain exports"),
        ("Okafor challenged Lindqvist to a debate on the tariff.", "Lindqvist"),  # a dare, said to her
    ],
)
def test_a_challenge_to_a_claim_or_a_dare_is_still_a_quote(nlp, text, content):
    assert [(cue, quote_text) for _, cue, _, quote_text in said(nlp, text)] == [("challenge", content)]


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Insiders say the minister will resign before March.",
            "say",
            "Insiders",
            "the minister will resign before March",
        ),
        (
            "Other defenders pointed to the record harvest of 2014.",
            "point to",
            "Other defenders",
            "the record harvest of 2014",
        ),
        ("Donors urged the council to cut the levy.", "urge", "Donors", "the council to cut the levy"),
    ],
)
def test_a_group_as_the_subject_of_a_speech_cue_speaks(nlp, text, cue, speaker, content):
    assert said(nlp, text) == [("indirect", cue, speaker, content)]


@pytest.mark.parametrize(
    ("text", "speaker", "answer"),
    [
        ("Asked whether the harvest would recover, 46 percent of farmers said yes.", "46 percent of farmers", "yes"),
        ("Emeka Okafor said no to the new levy.", "Emeka Okafor", "no"),
        ("In May, 30 percent of farmers said so.", "30 percent of farmers", "so"),
    ],
)
def test_an_answer_is_what_the_speech_cue_reports(nlp, text, speaker, answer):
    assert ("indirect", "say", speaker, answer) in said(nlp, text)


def test_seeking_or_planning_a_thing_is_an_effort_and_seeking_to_act_an_aim(nlp):
    assert said(nlp, "Anna Lindqvist is seeking the party's nomination for governor.") == []
    assert said(nlp, "Anna Lindqvist planned a large rally in the capital.") == []
    assert said(nlp, "Anna Lindqvist is seeking to win the party's nomination for governor.") == [
        ("indirect", "seek", "Anna Lindqvist", "to win the party's nomination for governor")
    ]


def test_a_claim_in_a_that_clause_no_one_is_named_for_is_kept_without_a_speaker(nlp):
    assert said(nlp, "There were allegations that the ministry hid the harvest figures.") == [
        ("indirect", "allegation", None, "the ministry hid the harvest figures")
    ]
