"""Issue 16, tenth round: markup that is no one's words, and the classes added with the room it made.

A markup attribute's value in quote marks (`<post author="@Okafor"
date="May 2, 2016">`) is part of the markup, not a quote, and the marks
inside the tag do not pair with the marks of the text after it. People
named by their trade or their part in a race (`politicians`, `doctors`,
`rivals`, `allies`, `journalists`, and by their politics or part in an
event, `conservatives`, `investors`, `protesters`; words.tsv
`person_speaker`) act and hold
views as role nouns do; a bare group (`residents`) did not until the twelfth round. A
label verb that gives no label speaks of what its to-phrase names
(`referring to the northern farms`); with a label it is the label's
(`referred to him as "a coward"`). A speech act's topic after `about`
may be a name (`talked about Lindqvist`). A line opening with at most
three proper nouns the recogniser left untyped and a colon is that name's
(`FARMWATCH: The northern harvest will fail`). Judgements and dismissals in
words of their own (`excoriated`, `vilified`, `shrugged off`; cues.tsv
`judge`) state their object as `criticized` does. What a quoting verb cites
is its subject's content when it names no one who spoke (`citing rising
fuel costs`); `citing officials`, `citing a poll` name the source. Each
sentence is written for the test; speakers are resolved through mentions
built by hand, as in test_quotes.py.
"""

from __future__ import annotations

import pytest

from dossier.quotes.marks import find_marked_spans
from tests.quotes.test_quotes_views import said


def test_marks_around_a_markup_attribute_are_no_quote():
    text = '<post author="@FarmDesk" date="May 2,\n2016">Okafor told us "the harvest is lost" today.</post>'
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == ["the harvest is lost"]


def test_an_attribute_of_a_quoted_post_is_no_ones_words(nlp):
    text = '<post author="@FarmDesk" date="May 2, 2016">Okafor told reporters the harvest was lost.</post>'
    quotes = said(nlp, text)
    assert all("May 2" not in quote_text and "@FarmDesk" not in quote_text for *_, quote_text in quotes)
    assert any(cue == "tell" and "the harvest was lost" in quote_text for _, cue, _, quote_text in quotes)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Rival politicians urged Okafor to withdraw from the race.", "urge"),
        ("Rural doctors want the ministry to reopen the clinic.", "want"),
        ("Young athletes praised the new stadium plan for the capital.", "praise"),
        ("Local investors urged the ministry to cut the port levy.", "urge"),
        ("Some conservatives think the tariff will hurt the harvest.", "think"),
    ],
)
def test_people_named_by_their_trade_or_part_in_a_race_act(nlp, text, cue):
    assert any(quote_cue == cue for _, quote_cue, _, _ in said(nlp, text))


def test_a_bare_group_as_the_subject_acts_since_the_twelfth_round(nlp):
    assert said(nlp, "Residents urged the council to close the road.") == [
        ("indirect", "urge", "Residents", "the council to close the road")
    ]


def test_a_label_verb_with_no_label_speaks_of_what_its_to_phrase_names(nlp):
    text = '"The harvest is the worst in years," Okafor said, referring to the northern farms.'
    quotes = said(nlp, text)
    assert ("indirect", "refer", "Emeka Okafor", "the northern farms") in quotes
    assert ("direct", "say", "Emeka Okafor", "The harvest is the worst in years") in quotes


def test_a_label_verb_with_its_label_keeps_the_quoted_label(nlp):
    text = 'Okafor referred to the minister as "a coward" during the debate.'
    quotes = said(nlp, text)
    assert ("direct", "refer", "Emeka Okafor", "a coward") in quotes
    assert not any(kind == "indirect" and cue == "refer" for kind, cue, _, _ in quotes)


def test_the_topic_of_speech_may_be_a_name(nlp):
    quotes = said(nlp, "At the rally in Lagos, Okafor talked about Lindqvist for almost an hour.")
    assert ("indirect", "talk", "Emeka Okafor", "Lindqvist") in quotes


def test_a_line_opening_with_an_untyped_name_and_a_colon_is_the_names(nlp):
    quotes = said(nlp, "FARMWATCH: The northern harvest will fail this year.")
    assert quotes == [("indirect", ":", "FARMWATCH", "The northern harvest will fail this year")]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Okafor excoriated the ministry's handling of the grain reserve.",
            "excoriate",
            "the ministry's handling of the grain reserve",
        ),
        (
            "Okafor shrugged off the new poll numbers from the north.",
            "shrug off",
            "the new poll numbers from the north",
        ),
    ],
)
def test_judgements_in_words_of_their_own_state_their_object(nlp, text, cue, content):
    assert ("indirect", cue, "Emeka Okafor", content) in said(nlp, text)


def test_what_is_cited_is_the_citers_content(nlp):
    text = "Okafor postponed the vote, citing rising fuel costs and a weak harvest."
    assert ("indirect", "cite", "Emeka Okafor", "rising fuel costs and a weak harvest") in said(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Ledger reported the port would close, citing two officials in the ministry.",
        "The Ledger reported the port would close, citing sources close to the talks.",
    ],
)
def test_citing_someone_names_a_source_not_content(nlp, text):
    assert not any(cue == "cite" for _, cue, _, _ in said(nlp, text))
