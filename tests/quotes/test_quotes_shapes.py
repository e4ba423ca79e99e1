"""Issue 16, fifth round: grammatical shapes of reported speech and views, and what they leave out.

Indirect questions, the clause an "as reported by" aside belongs to, the
speaker of a gerund after a preposition, a passive speech act with no one
named, the topic after "of", a charge through the cue's own preposition,
knowledge held, arguing for a side; and the speaker's phrase, adverbial
clauses, "That said" and a quoted headline with its byline kept out. Each
sentence is written for the test; speakers are resolved through mentions
built by hand, as in test_quotes.py.
"""

from __future__ import annotations

import pytest

from dossier.quotes.cues import load_cues
from dossier.quotes.speakers import Speakers
from dossier.records import Article, Mention
from tests.quotes.test_quotes import LINDQVIST, OKAFOR, analyse
from tests.quotes.test_quotes_views import ACTORS, said


def test_the_lexicon_holds_the_fifth_rounds_classes():
    lexicon = load_cues()
    assert lexicon.verb_cues("know")[0].type == "belief"
    assert lexicon.verb_cues("push")[0].phrase == "push for"
    assert lexicon.verb_cues("identify")[0].type == "label"
    assert lexicon.verb_cues("blame")[0].phrase == "blame on"  # the longer phrase is tried first
    assert {cue.phrase for cue in lexicon.noun_cues("endorsement")} == {"endorsement of"}
    assert lexicon.noun_cues("assumption")[0].type == "noun"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Anna Lindqvist asked Okafor if the harvest would recover before winter.", "ask", "if the harvest would"),
        ("Lindqvist wondered whether the harvest would recover before winter.", "wonder", "whether the harvest"),
    ],
)
def test_an_indirect_question_is_what_was_asked(nlp, text, cue, content):
    [(kind, found_cue, speaker, quoted)] = said(nlp, text)
    assert (kind, found_cue, speaker) == ("indirect", cue, "Anna Lindqvist")
    assert quoted.startswith(content)


def test_an_as_reported_by_aside_reports_the_main_clause(nlp):
    text = "As reported by the Daily Ledger, the minister resigned on Friday after the vote."
    [(kind, cue, speaker, quoted)] = said(nlp, text)
    assert (kind, cue, quoted) == ("indirect", "as reported by", "the minister resigned on Friday after the vote")
    assert speaker == "the Daily Ledger"


def test_an_aim_is_its_own_infinitive_not_the_clause_before_a_semicolon(nlp):
    text = "Storms battered the coast; Lindqvist refused to let the weather stop the vote."
    assert said(nlp, text) == [("indirect", "refuse", "Anna Lindqvist", "to let the weather stop the vote")]


def test_an_inverted_speaker_after_the_quote_is_the_speaker_not_the_content(nlp):
    text = '"The vote was fair," said Emeka Okafor, a farmer who leads the Harvest Union.'
    assert said(nlp, text) == [("direct", "say", "Emeka Okafor", "The vote was fair")]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"We will not back down," Lindqvist said as the crowd cheered loudly.', ["We will not back down"]),
        ("That said, Okafor cannot realistically win the vote in March.", []),  # a set phrase, no speaker
        ('—"Farmers brace for a long drought," by the Daily Ledger\'s Jane Roe: http://example.com/drought.', []),
        ('Lindqvist said on NBC\'s "Today" that the vote was fair.', ["the vote was fair"]),  # a show's name
    ],
)
def test_adverbial_clauses_set_phrases_headlines_and_show_names_are_not_quotes(nlp, text, quoted):
    assert [found for _, _, _, found in said(nlp, text)] == quoted


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("Okafor broke his silence by criticizing the new tariff on steel imports.", "criticize", "Emeka Okafor",
         "the new tariff on steel imports"),
        ("Lindqvist stopped short of calling for a ban on imports.", "call for", "Anna Lindqvist", "a ban on imports"),
        ("Lindqvist complained of the economic imbalance in the country.", "complain", "Anna Lindqvist",
         "the economic imbalance in the country"),
        ("Okafor describes himself as a cautious reformer.", "describe", "Emeka Okafor",
         "himself as a cautious reformer"),
        ("Lindqvist lashed out at the new tariff regime on Monday.", "lash out at", "Anna Lindqvist",
         "the new tariff regime"),
        ("Anna Lindqvist knows that the harvest will fail this year.", "know", "Anna Lindqvist",
         "the harvest will fail this year"),
        ("Okafor pushed for a single national health plan.", "push for", "Emeka Okafor",
         "a single national health plan"),
        ("Okafor identified the drought as the main threat to farmers.", "identify", "Emeka Okafor",
         "the drought as the main threat to farmers"),
        ("Lindqvist's assumption that prices would fall proved wrong.", "assumption", "Anna Lindqvist",
         "prices would fall"),
        ("Lindqvist blamed the outage on foreign hackers.", "blame on", "Anna Lindqvist",
         "the outage on foreign hackers"),
    ],
)  # fmt: skip
def test_shapes_of_speech_and_views_report_their_content(nlp, text, cue, speaker, content):
    assert said(nlp, text) == [("indirect", cue, speaker, content)]


def test_a_noun_of_saying_reports_its_topic_only_for_its_owner(nlp):
    owned = "Okafor's questions about the new tariff went unanswered."
    assert said(nlp, owned) == [("indirect", "question", "Emeka Okafor", "the new tariff")]
    shown = "Lindqvist and Okafor showed very different views about the new tariff."
    assert said(nlp, shown) == []  # views shown, no one's words in particular


def test_a_passive_speech_act_with_no_agent_names_no_speaker(nlp):
    text = "Okafor has been asked to release the transcripts of his speeches."
    assert said(nlp, text) == [("indirect", "ask", None, "to release the transcripts of his speeches")]


def test_a_passive_speech_act_with_an_agent_is_not_left_speakerless(nlp):
    text = "Okafor was asked by Lindqvist to release the transcripts of his speeches."
    assert all(speaker is not None for _, _, speaker, _ in said(nlp, text))


def test_a_direct_quote_under_a_gerund_goes_to_the_speech_around_it(nlp):
    text = 'Okafor said he looked forward to discussing the issues that "we think are concerning".'
    direct = [quote for quote in analyse(nlp, text, ACTORS) if quote.kind == "direct"]
    assert [(quote.speaker, quote.text) for quote in direct] == [(OKAFOR, "we think are concerning")]


def test_a_surname_the_article_gave_a_person_acts_wherever_it_recurs(nlp):
    text = "Anna Lindqvist spoke first. Later, lindqvist and Lindqvist again."
    article = Article.build(text)
    doc = nlp(text)
    mention = Mention(article.id, 0, len("Anna Lindqvist"), "Anna Lindqvist", LINDQVIST, actor_kind="person")
    people = Speakers.of(text, doc, (mention,), load_cues().words).people
    capitalised = [token.i for token in doc if token.text == "Lindqvist"]
    lower = [token.i for token in doc if token.text == "lindqvist"]
    assert set(capitalised) <= people  # the mention's own word and the later "Lindqvist"
    assert not set(lower) & people  # a lower-case word is not the name
