"""Issue 16, ninth round: judgements, charges in the passive, voiced nouns of saying, roles.

A judging verb whose object states the judgement is a quote even when a
clause of its own beside it holds a direct quote ("praised Okafor's
record, saying '...'"); a label or judging verb in the passive with its
charge ("was accused of hiding the figures", "has been criticized for the
delay") reports the charge, with the agent as speaker or none when no one
is named; an office given in the passive ("was named as chairman") is no
charge; a speech cue in the passive with its agent ("was first reported by
the Ledger") reports its subject, unless the subject is the one addressed
("was pressed by Okafor"); a noun of saying with its preposition that the
subject voices ("delivered a defense of the subsidies", words.tsv kind
`voicing`) is the subject's; people named by their role (`prosecutors`,
`police`, `economists`) speak in it, donors and delegates do not; "made the
case that ..." reports the clause, the cue's own noun is no object of it; a
judgement of a named person ("criticized Okafor") is a quote; a cue with an
object or an infinitive of its own after it does not report a clause before
it that the parser hung on it ("...; Okafor announced a new fund"); the
topic of a noun of saying voiced by the verb's subject ("raised questions
about the tariffs") is the subject's; a record (words.tsv `evidence`: an
audit, a report, an email) may state something ("the audit highlighted
..."), though it holds no views. Each
sentence is written for the test; speakers
are resolved through mentions built by hand, as in test_quotes.py.
"""

from __future__ import annotations

import pytest

from dossier.quotes.words import load_quote_words
from tests.quotes.test_quotes_views import said


def test_a_judgement_beside_a_quoted_clause_is_a_quote_of_its_own(nlp):
    text = 'Lindqvist praised the new irrigation plan for northern farms, saying it was "long overdue."'
    quotes = said(nlp, text)
    assert ("indirect", "praise", "Anna Lindqvist", "the new irrigation plan for northern farms") in quotes
    assert ("direct", "say", "Anna Lindqvist", "long overdue.") in quotes


def test_a_judgement_with_its_quoted_charge_is_the_direct_quote_alone(nlp):
    text = 'Lindqvist criticized the new tariff rules as "cruel and useless."'
    assert [kind for kind, *_ in said(nlp, text)] == ["direct"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The mayor of Lagos was accused of hiding the harvest figures from the council.",
            "accuse",
            "The mayor of Lagos was accused of hiding the harvest figures from the council",
        ),
        (
            "The grain ministry has been criticized for the long delay in paying farmers.",
            "criticize",
            "The grain ministry has been criticized for the long delay in paying farmers",
        ),
    ],
)
def test_a_charge_in_the_passive_by_no_one_named_has_no_speaker(nlp, text, cue, content):
    assert said(nlp, text) == [("indirect", cue, None, content)]


def test_a_charge_in_the_passive_by_someone_named_is_theirs(nlp):
    text = "The tariff plan was criticized by Okafor as a gift to importers."
    assert said(nlp, text) == [
        ("indirect", "criticize", "Emeka Okafor", "The tariff plan was criticized by Okafor as a gift to importers")
    ]


def test_an_office_given_in_the_passive_is_no_charge(nlp):
    assert said(nlp, "The farmer was named as chairman of the grain board.") == []
    words = load_quote_words()
    assert "accuse" in words.passive_charges and "name" not in words.passive_charges


def test_a_report_in_the_passive_with_its_agent_is_the_agents(nlp):
    text = "The sale of the grain board was first reported by the Lagos Ledger."
    assert said(nlp, text) == [("indirect", "report", "the Lagos Ledger", "The sale of the grain board")]


def test_one_pressed_in_the_passive_is_addressed_not_reported(nlp):
    text = "The farmer was pressed by Okafor about the unpaid loans."
    assert all(content != "The farmer" for _, _, _, content in said(nlp, text))


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Lindqvist delivered a spirited defense of the grain subsidies.", "defense of", "the grain subsidies"),
        ("Lindqvist made a strong case for the new irrigation canal.", "case for", "the new irrigation canal"),
        ("Lindqvist launched a sharp attack against the tariff plan.", "attack against", "the tariff plan"),
        ("Lindqvist's critique of the tariff plan surprised the farmers.", "critique of", "the tariff plan"),
    ],
)
def test_a_noun_of_saying_voiced_by_the_verbs_subject_is_theirs(nlp, text, cue, content):
    assert said(nlp, text) == [("indirect", cue, "Anna Lindqvist", content)]


def test_support_gathered_is_not_voiced(nlp):
    assert said(nlp, "Lindqvist built support for the new irrigation canal.") == []


def test_an_endorsement_of_ones_own_names_no_one_endorsed(nlp):
    assert said(nlp, "Lindqvist will make an endorsement of her own next week.") == []


def test_people_named_by_their_role_speak_in_it(nlp):
    text = "Prosecutors urged the court to deny bail to the grain trader."
    assert said(nlp, text) == [("indirect", "urge", "Prosecutors", "the court to deny bail to the grain trader")]


def test_donors_backing_a_candidate_take_a_side(nlp):
    # Since the eleventh round a bare group may take a side (and since the twelfth, as a speech
    # cue's subject, speak: tests/quotes/test_quotes_twelfth_round.py).
    assert said(nlp, "Donors backed the campaign of a farmer from Kano.") == [
        ("indirect", "back", "Donors", "the campaign of a farmer from Kano")
    ]


def test_making_the_case_reports_the_clause_not_the_case(nlp):
    text = "Okafor made the case that the harvest would recover by March."
    assert said(nlp, text) == [("indirect", "make case", "Emeka Okafor", "the harvest would recover by March")]


def test_a_judgement_of_a_named_person_is_a_quote(nlp):
    assert said(nlp, "Lindqvist sharply criticized Okafor on Monday.") == [
        ("indirect", "criticize", "Anna Lindqvist", "Okafor")
    ]


def test_a_judgement_of_a_bare_body_says_no_words(nlp):
    assert said(nlp, "Lindqvist criticized the ministry.") == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The harvest was the worst in years; Okafor announced a new grain fund for farmers.",
            "announce",
            "a new grain fund for farmers",
        ),
        (
            "Prices rose again in March: Lindqvist urged the ministry to cut the tariffs.",
            "urge",
            "the ministry to cut the tariffs",
        ),
    ],
)
def test_a_cue_with_its_own_object_does_not_report_the_clause_before_it(nlp, text, cue, content):
    assert [(found_cue, found) for _, found_cue, _, found in said(nlp, text)] == [(cue, content)]


def test_the_clause_before_a_cue_that_names_whom_it_told_is_still_reported(nlp):
    text = "The harvest will recover by March, Okafor told reporters."
    assert said(nlp, text) == [("indirect", "tell", "Emeka Okafor", "The harvest will recover by March")]


def test_a_phrase_after_the_speaker_of_a_direct_quote_is_not_said(nlp):
    text = '"The granaries are empty," Lindqvist said, a note of anger in her voice.'
    assert said(nlp, text) == [("direct", "say", "Anna Lindqvist", "The granaries are empty")]


def test_questions_raised_about_something_are_the_raisers(nlp):
    text = "Okafor raised questions about the new grain tariffs."
    assert said(nlp, text) == [("indirect", "question", "Emeka Okafor", "the new grain tariffs")]


def test_questions_no_one_raised_are_no_quote(nlp):
    assert said(nlp, "There are questions about the new grain tariffs.") == []


def test_a_record_may_state_what_it_holds(nlp):
    text = "The audit highlighted the heavy losses of the grain board."
    assert said(nlp, text) == [("indirect", "highlight", "The audit", "the heavy losses of the grain board")]


def test_a_record_holds_no_views(nlp):
    assert said(nlp, "The audit believes that the grain board lost money.") == []


def test_a_judgement_of_a_state_is_no_judgement_of_a_person(nlp):
    quotes = said(nlp, "Okafor rejected Sweden on Monday.")
    assert all(content != "Sweden" for _, _, _, content in quotes)


def test_a_person_named_by_what_they_do_speaks(nlp):
    text = "The billionaire urged the council to cut the grain tariffs."
    assert said(nlp, text) == [("indirect", "urge", "The billionaire", "the council to cut the grain tariffs")]
