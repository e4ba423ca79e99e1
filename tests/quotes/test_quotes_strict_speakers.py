"""Issue 16, seventh round: speakers an outside scorer sees in the exported record.

A name after a closing quote mark that the parser took for the cue's object
('"...," recalled the farmer.') is the speaker; a possessive pronoun that
owns a noun of saying ("his plan to ...") stands for the one person named
before it in its sentence or the sentence before; a quote with no cue that
a subject and a verb frame after a comma ('"...," an angry Okafor
retaliated.') or that follows the colon of a clause with a subject that
names someone ("Lindqvist issued a statement:") is that subject's; a
message or record someone put out ("released a video that said")
speaks for them; a seat of government that stands for its state ("the
White House") speaks under its own name with the state's code; a
paragraph or sentence opening with a quote and no cue goes on with the
speech that closes the paragraph or sentence before, unless that speech is a paraphrase closed by
its source ("..., Okafor has said."); a title-cased quote right after an
owner's name ("on SVT's 'Meet the Farmers.'") is a title, however the
parser hangs it; pointing to something ("pointed to the failed harvest")
is a speech act; a source phrase over reported speech ("Okafor told
Lindqvist that ..., according to a readout") is a quote of its own beside
the speech inside it; the name opening a sentence speaks when a long
apposition hid the cue's subject from the parser. Each sentence is written for the test; speakers are
resolved through mentions built by hand, as in test_quotes.py.
"""

from __future__ import annotations

import pytest

from dossier.parse.model import ParsedArticle
from dossier.quotes.attribution import find_quotes
from dossier.records import ActorRef, Article, Mention
from tests.quotes.test_quotes import LINDQVIST, OKAFOR, analyse
from tests.quotes.test_quotes_views import said


def test_a_speaker_taken_for_the_object_after_a_closing_mark_speaks(nlp):
    text = '"The rain came late," recalled the farmer.'
    assert said(nlp, text) == [("direct", "recall", "the farmer", "The rain came late")]


def test_the_one_told_after_a_closing_mark_is_no_speaker(nlp):
    quotes = said(nlp, '"The rain came late," told the farmer.')
    assert all(speaker != "the farmer" for _, _, speaker, _ in quotes)


def quotes_with_people(nlp, text: str, people: dict[str, ActorRef]) -> list[tuple[str | None, str | None, str]]:
    """(cue, speaker name, text) of every quote, each name in `people` mentioned as a person."""
    article = Article.build(text)
    mentions = [
        Mention(article.id, at, at + len(name), name, actor, actor_kind="person")
        for name, actor in people.items()
        if (at := text.find(name)) != -1
    ]
    found = find_quotes(ParsedArticle(article, nlp(text)), tuple(sorted(mentions, key=lambda m: m.start)))
    return [(q.cue, q.speaker.name if q.speaker else None, q.text) for q in found]


def test_a_possessive_owner_is_the_one_person_named_before(nlp):
    text = "Emeka Okafor toured the valley on Monday. The farmers there were angry about his plan to build a dam."
    assert ("plan", "Emeka Okafor", "to build a dam") in quotes_with_people(nlp, text, {"Emeka Okafor": OKAFOR})


def test_a_possessive_owner_stays_unresolved_when_two_people_could_be_meant(nlp):
    text = "Emeka Okafor met Anna Lindqvist on Monday. The farmers there were angry about his plan to build a dam."
    people = {"Emeka Okafor": OKAFOR, "Anna Lindqvist": LINDQVIST}
    assert ("plan", "his", "to build a dam") in quotes_with_people(nlp, text, people)


def test_a_subject_and_verb_closing_the_sentence_after_a_quote_frame_it(nlp):
    text = '"The river will rise again," an angry Okafor retaliated. "We have seen it every spring."'
    assert said(nlp, text) == [
        ("direct", "retaliate", "Emeka Okafor", "The river will rise again"),
        ("direct", "retaliate", "Emeka Okafor", "We have seen it every spring."),
    ]


def test_a_crowd_after_a_quote_names_no_speaker(nlp):
    assert said(nlp, '"The river will rise again," the angry crowd retaliated.') == [
        ("direct", None, None, "The river will rise again")
    ]


def test_the_clause_a_colon_closes_introduces_the_quote_after_it(nlp):
    text = (
        "Anna Lindqvist issued a statement on Friday:\n\n"
        '"The harvest failed because the rain came late. We will help every farmer who lost a crop."'
    )
    [(kind, cue, speaker, _)] = said(nlp, text)
    assert (kind, cue, speaker) == ("direct", "issue", "Anna Lindqvist")


def test_a_message_someone_put_out_speaks_for_them(nlp):
    text = "Okafor released a video that said the dam would be finished by spring."
    assert said(nlp, text) == [("indirect", "say", "Emeka Okafor", "the dam would be finished by spring")]


def test_a_seat_standing_for_a_state_speaks_under_its_own_name_and_the_states_code(nlp):
    text = "The Rosenbad said the harvest festival would go ahead."
    article = Article.build(text)
    seat = Mention(article.id, 0, 12, "The Rosenbad", ActorRef("SWEGOV", "Sweden", "SWE", "GOV"), kind="metonym")
    [quote] = find_quotes(ParsedArticle(article, nlp(text)), (seat,))
    assert quote.speaker == ActorRef("SWEGOV", "Rosenbad", "SWE", "GOV")


def test_a_paragraph_opening_with_a_bare_quote_goes_on_with_the_speech_closing_the_one_before(nlp):
    text = (
        "Okafor said that the river would not rise again this year.\n\n"
        '"We have built the walls higher than ever. No farm will flood."'
    )
    assert ("direct", "say", "Emeka Okafor", "We have built the walls higher than ever. No farm will flood.") in said(
        nlp, text
    )


def test_a_bare_quote_opening_a_sentence_goes_on_with_the_speech_of_the_sentence_before(nlp):
    text = (
        "Okafor argued that the river would not rise again this year. "
        '"We have built the walls higher than ever, and no farm will flood."'
    )
    assert (
        "direct",
        "argue",
        "Emeka Okafor",
        "We have built the walls higher than ever, and no farm will flood.",
    ) in said(nlp, text)


def test_a_bare_quote_after_a_cue_with_no_words_of_its_own_is_that_cues(nlp):
    text = (
        "Col. Okafor, a military spokesman in Lagos, said in an interview. "
        '"I mean, a raid is a combat operation. There is no way around that."'
    )
    assert said(nlp, text) == [
        ("direct", "say", "Emeka Okafor", "I mean, a raid is a combat operation. There is no way around that.")
    ]


def test_a_bare_quote_after_a_sentence_of_no_speech_has_no_speaker(nlp):
    text = 'The river rose on Monday. "We have built the walls higher than ever, and no farm will flood."'
    assert said(nlp, text) == [
        ("direct", None, None, "We have built the walls higher than ever, and no farm will flood.")
    ]


def test_a_bare_quote_after_a_paragraph_of_no_speech_has_no_speaker(nlp):
    text = 'The river rose on Monday.\n\n"We have built the walls higher than ever. No farm will flood."'
    assert said(nlp, text) == [("direct", None, None, "We have built the walls higher than ever. No farm will flood.")]


def test_a_paraphrase_closed_by_its_source_hands_on_no_speaker(nlp):
    text = (
        "The walls should be raised before the spring floods, Okafor has said.\n\n"
        '"We have also agreed to share the cost of the new pumps."'
    )
    assert ("direct", None, None, "We have also agreed to share the cost of the new pumps.") in said(nlp, text)


def test_a_title_after_an_owners_name_is_no_quote_however_the_parse_hangs_it(nlp):
    text = "''It is nonsense,'' Ms. Lindqvist said by telephone on SVT's ''Meet the Farmers.'' ''The rain will come.''"
    assert [quoted for *_, quoted in said(nlp, text)] == ["It is nonsense", "The rain will come."]


def test_pointing_to_evidence_is_a_speech_act(nlp):
    text = "Okafor pointed to the failed harvest in the north as the reason for the new dam."
    assert [(cue, speaker) for _, cue, speaker, _ in said(nlp, text)] == [("point to", "Emeka Okafor")]


def test_a_source_phrase_over_reported_speech_is_a_quote_of_its_own(nlp):
    text = "Okafor told Lindqvist that the dam would hold, according to a readout of the call."
    assert said(nlp, text) == [
        ("indirect", "according to", "a readout of the call", "Okafor told Lindqvist that the dam would hold"),
        ("indirect", "tell", "Emeka Okafor", "the dam would hold"),
    ]


def test_a_source_phrase_over_a_quote_and_its_speaker_is_a_quote_of_its_own(nlp):
    text = '"The dam will hold," Okafor said, according to the Farm Ledger.'
    assert said(nlp, text) == [
        ("indirect", "according to", "the Farm Ledger", '"The dam will hold," Okafor said'),
        ("direct", "say", "Emeka Okafor", "The dam will hold"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Emeka Okafor, a Lagos, Nigeria, farmer helping to run the market, said the rains came late.",
        "Emeka Okafor, now 81 and retired in Kano, Nigeria, said by telephone that the rains came late.",
    ],
)
def test_the_name_opening_the_sentence_speaks_when_a_long_apposition_hides_the_subject(nlp, text):
    assert ("say", "Emeka Okafor", "the rains came late") in quotes_with_people(nlp, text, {"Emeka Okafor": OKAFOR})


def test_a_dateline_in_capitals_is_no_speaker(nlp):
    text = "LONDON (Reuters) - Emeka Okafor said on Monday he would not sign the treaty."
    [(kind, cue, speaker, _)] = said(nlp, text)
    assert (kind, cue, speaker) == ("indirect", "say", "Emeka Okafor")


def test_the_owner_of_a_message_that_a_colon_closes_speaks(nlp):
    text = 'Okafor\'s letter makes a plain case:\n\n"The dam will hold, and the farms will not flood again this year."'
    assert said(nlp, text) == [
        ("direct", "make case", "Emeka Okafor", "The dam will hold, and the farms will not flood again this year.")
    ]


def test_a_message_put_out_by_someone_speaks_for_them(nlp):
    text = "A statement released by Okafor on Monday said the dam would be finished by spring."
    assert said(nlp, text) == [("indirect", "say", "Emeka Okafor", "the dam would be finished by spring")]


def test_of_two_subjects_set_off_by_a_comma_the_one_next_to_the_cue_speaks(nlp):
    # The parser hangs both "Anna Lindqvist" and "Okafor" on "argued"; the one next to the verb argued it.
    text = "Anna Lindqvist, Emeka Okafor argued, misread the mood of the valley."
    quotes = analyse(nlp, text, {"Emeka Okafor": OKAFOR, "Anna Lindqvist": LINDQVIST})
    assert [q.speaker.name if q.speaker else None for q in quotes if q.cue == "argue"] == ["Emeka Okafor"]
