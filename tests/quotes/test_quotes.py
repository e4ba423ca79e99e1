"""The quotes stage on small hand-written reports.

Speakers are resolved through mentions built by hand here, so these tests
show the stage's own behaviour whatever the actors stage finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.errors import DataFileError
from dossier.parse.model import ParsedArticle
from dossier.quotes.attribution import find_quotes
from dossier.quotes.cues import SHIPPED_CUES, load_cues, read_cue_file
from dossier.quotes.marks import MAX_UNCLOSED_CHARS, find_marked_spans
from dossier.quotes.words import read_word_file
from dossier.records import ActorRef, Article, Mention, Quote
from tests.conftest import SEEDS

LINDQVIST = ActorRef("SWEGOV", "Anna Lindqvist", "SWE", "GOV")
OKAFOR = ActorRef("NGAGOV", "Emeka Okafor", "NGA", "GOV")
MINISTRY = ActorRef("CHLGOV", "Chile", "CHL", "GOV")


def analyse(nlp, text: str, actors: dict[str, ActorRef] | None = None) -> tuple[Quote, ...]:
    """Parse `text`, mention every occurrence of each key of `actors`, and find the quotes."""
    article = Article.build(text)
    parsed = ParsedArticle(article, nlp(text))
    return find_quotes(parsed, tuple(mentions_of(article, actors or {})))


def mentions_of(article: Article, actors: dict[str, ActorRef]) -> list[Mention]:
    found = []
    for words, actor in actors.items():
        at = article.text.find(words)
        while at != -1:
            found.append(Mention(article.id, at, at + len(words), words, actor))
            at = article.text.find(words, at + len(words))
    return sorted(found, key=lambda mention: mention.start)


def only(quotes: tuple[Quote, ...], kind: str) -> list[Quote]:
    return [quote for quote in quotes if quote.kind == kind]


# ---------------------------------------------------------------- direct quotes


def test_speaker_after_the_quote_with_addressee(nlp):
    text = '"We will not reopen the border before spring," Ms. Lindqvist told Mr. Okafor on Tuesday.'
    quotes = analyse(nlp, text, {"Lindqvist": LINDQVIST, "Okafor": OKAFOR})
    [quote] = only(quotes, "direct")
    assert quote.text == "We will not reopen the border before spring"
    assert (quote.speaker, quote.addressee, quote.cue) == (LINDQVIST, OKAFOR, "tell")
    assert text[quote.start : quote.end] == quote.text
    assert quote.sentence == text


def test_speaker_before_the_quote_with_a_comma_or_a_colon(nlp):
    text = (
        'Lindqvist agreed to meet again, but said, "No one should expect a deal this month."\n\n'
        'The Swedish minister added: "Our ports stay open to aid ships."'
    )
    quotes = analyse(nlp, text, {"Lindqvist": LINDQVIST, "The Swedish minister": LINDQVIST})
    direct = only(quotes, "direct")
    assert [q.text for q in direct] == ["No one should expect a deal this month.", "Our ports stay open to aid ships."]
    assert [(q.speaker, q.cue) for q in direct] == [(LINDQVIST, "say"), (LINDQVIST, "add")]


def test_short_phrase_quoted_by_a_labelling_verb_belongs_to_the_clause_subject(nlp):
    text = 'Okafor rejected the tariff plan, dismissing the new duties as "reckless and cruel" in a radio interview.'
    quotes = analyse(nlp, text, {"Okafor": OKAFOR})
    [quote] = only(quotes, "direct")
    assert (quote.text, quote.kind, quote.cue, quote.speaker) == ("reckless and cruel", "direct", "dismiss", OKAFOR)
    # The rejection beside it is a judgement of its own (issue 16, ninth round).
    assert [(q.text, q.cue, q.speaker) for q in only(quotes, "indirect")] == [("the tariff plan", "reject", OKAFOR)]


def test_quote_carried_over_two_paragraphs(nlp):
    text = (
        '"The harvest was the worst in a decade and the granaries are half empty.\n\n'
        '"We will need help from our neighbours before the winter," Okafor said.\n\n'
        "The talks resume on Monday."
    )
    [quote] = analyse(nlp, text, {"Okafor": OKAFOR})
    assert quote.text.startswith("The harvest was the worst")
    assert quote.text.endswith("before the winter")
    assert quote.speaker == OKAFOR


def test_second_quote_in_a_paragraph_continues_the_first_speaker(nlp):
    text = '"The vote was fair," Lindqvist said. "Anyone who doubts it can read the observers\' report."'
    quotes = analyse(nlp, text, {"Lindqvist": LINDQVIST})
    assert [(q.speaker, q.cue) for q in quotes] == [(LINDQVIST, "say"), (LINDQVIST, "say")]


def test_single_quotes_inside_double_quotes_stay_in_the_outer_quote(nlp):
    text = "Okafor said: \"The minister called our offer 'a joke', and that ended the meeting.\""
    [quote] = only(analyse(nlp, text, {"Okafor": OKAFOR}), "direct")
    assert quote.text == "The minister called our offer 'a joke', and that ended the meeting."
    assert quote.speaker == OKAFOR


def test_curly_single_quotes_inside_curly_double_quotes(nlp):
    text = "Lindqvist said: “They promised a ‘fresh start’ and gave us the same old rules.”"
    quotes = only(analyse(nlp, text, {"Lindqvist": LINDQVIST}), "direct")
    assert [q.text for q in quotes] == ["They promised a ‘fresh start’ and gave us the same old rules."]


def test_quoted_sentence_with_no_cue_has_no_speaker(nlp):
    text = (
        "Okafor and Lindqvist met in Stockholm on Friday.\n\n"
        '"We have agreed to open a trade office in Lagos next year."\n\n'
        "Neither side took questions."
    )
    [quote] = analyse(nlp, text, {"Okafor": OKAFOR, "Lindqvist": LINDQVIST})
    assert quote.text == "We have agreed to open a trade office in Lagos next year."
    assert (quote.speaker, quote.cue, quote.kind) == (None, None, "direct")


def test_scare_quotes_and_titles_are_not_quotes(nlp):
    text = (
        'The so-called "green corridor" opened on Monday.\n\n'
        'Lindqvist appeared on the "Morning Report" show and later on NBC\'s "Meet the Press."\n\n'
        'Critics call the deal "a blank cheque".'
    )
    quotes = analyse(nlp, text, {"Lindqvist": LINDQVIST})
    assert [q.text for q in only(quotes, "direct")] == ["a blank cheque"]


def test_unbalanced_quote_mark_stops_at_the_paragraph(nlp):
    text = (
        'Okafor said: "We will not sign anything this week.\n\n'
        "The delegation left Abuja on Saturday.\n\n"
        'Lindqvist said the talks would go on. "There is time," she told reporters.'
    )
    quotes = analyse(nlp, text, {"Okafor": OKAFOR, "Lindqvist": LINDQVIST, "she": LINDQVIST})
    first = quotes[0]
    assert first.text == "We will not sign anything this week."
    assert first.speaker == OKAFOR
    assert all("delegation left" not in q.text for q in quotes)
    assert any(q.text == "There is time" and q.speaker == LINDQVIST for q in quotes)


def test_unclosed_quote_in_one_long_paragraph_is_capped(nlp):
    sentence = "The committee met again and nothing changed at all. "
    text = 'Okafor said: "' + sentence * 40
    quotes = analyse(nlp, text, {"Okafor": OKAFOR})
    assert quotes
    assert all(len(q.text) <= MAX_UNCLOSED_CHARS for q in quotes if q.kind == "direct")


def test_speaker_not_covered_by_a_mention_keeps_its_words(nlp):
    text = '"Prices will rise again in March," a spokeswoman for the central bank said on Monday.'
    [quote] = analyse(nlp, text)
    assert quote.speaker == ActorRef(code=None, name="a spokeswoman for the central bank")


def test_pronoun_speaker_resolves_through_its_mention(nlp):
    text = 'Okafor arrived late. He said the delay "changes nothing about our position".'
    he = ActorRef(OKAFOR.code, OKAFOR.name, OKAFOR.country, OKAFOR.role)
    quotes = analyse(nlp, text, {"Okafor": OKAFOR, "He": he})
    assert {q.speaker for q in quotes} == {OKAFOR}


# ---------------------------------------------------------------- indirect speech


def test_said_that_clause(nlp):
    text = "Lindqvist said that it was too early to judge the new rules."
    [quote] = analyse(nlp, text, {"Lindqvist": LINDQVIST})
    assert (quote.kind, quote.text, quote.speaker, quote.cue) == (
        "indirect",
        "it was too early to judge the new rules",
        LINDQVIST,
        "say",
    )


def test_says_without_that(nlp):
    text = "The Chilean government says the regional bank needs to lower its rates."
    [quote] = analyse(nlp, text, {"The Chilean government": MINISTRY})
    assert quote.text == "the regional bank needs to lower its rates"
    assert quote.speaker == MINISTRY


def test_cue_after_the_content(nlp):
    text = "Such loans should carry no interest for the poorest farmers, Okafor has said."
    [quote] = analyse(nlp, text, {"Okafor": OKAFOR})
    assert quote.text == "Such loans should carry no interest for the poorest farmers"
    assert quote.speaker == OKAFOR


def test_cue_inside_the_content(nlp):
    text = "The new budget, Lindqvist says, leaves schools short of teachers."
    [quote] = analyse(nlp, text, {"Lindqvist": LINDQVIST})
    assert quote.kind == "indirect"
    assert quote.text.startswith("The new budget") and quote.text.endswith("short of teachers")
    assert quote.speaker == LINDQVIST


def test_according_to(nlp):
    text = "The two leaders agreed to cut grain tariffs by half, according to Chilean officials."
    [quote] = analyse(nlp, text, {"Chilean officials": MINISTRY})
    assert quote.text == "The two leaders agreed to cut grain tariffs by half"
    assert (quote.speaker, quote.cue) == (MINISTRY, "according to")


def test_quoted_as_saying_names_the_quoted_person(nlp):
    text = "A local newspaper quoted Okafor as saying that the port would reopen in May."
    quotes = analyse(nlp, text, {"Okafor": OKAFOR})
    assert [(q.text, q.speaker) for q in quotes] == [("the port would reopen in May", OKAFOR)]


def test_passive_with_no_agent_has_no_speaker(nlp):
    text = "It was announced on Monday that the summit would move to Santiago."
    [quote] = analyse(nlp, text)
    assert quote.text == "the summit would move to Santiago"
    assert quote.speaker is None


def test_told_with_addressee_and_that_clause(nlp):
    text = "Lindqvist told Okafor that Sweden would double its aid."
    [quote] = analyse(nlp, text, {"Lindqvist": LINDQVIST, "Okafor": OKAFOR})
    assert (quote.speaker, quote.addressee, quote.text) == (LINDQVIST, OKAFOR, "Sweden would double its aid")


def test_partial_quote_inside_reported_speech(nlp):
    text = 'Okafor said the cuts would hurt farmers "more than any drought" this year.'
    quotes = analyse(nlp, text, {"Okafor": OKAFOR})
    assert [(q.kind, q.speaker) for q in quotes] == [("indirect", OKAFOR), ("direct", OKAFOR)]
    assert only(quotes, "direct")[0].text == "more than any drought"


def test_a_cue_under_a_passive_verb_shares_its_subject(nlp):
    text = (
        'Lindqvist was prompted to say, "Nobody here wants a trade war."\n\n'
        "Okafor was forced into a retreat and said that his words had been misread."
    )
    quotes = analyse(nlp, text, {"Lindqvist": LINDQVIST, "Okafor": OKAFOR})
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", LINDQVIST), ("indirect", OKAFOR)]


def test_a_trailing_participle_hung_on_an_inner_clause_speaks_for_the_main_subject(nlp):
    # The parser hangs "implying" on "speak", whose subject is the envoy.
    text = "Okafor questioned why the Swedish envoy did not speak at the meeting, implying that she was kept away."
    quotes = analyse(nlp, text, {"Okafor": OKAFOR})
    implied = [q for q in quotes if q.cue == "imply"]
    assert [(q.text, q.speaker) for q in implied] == [("she was kept away", OKAFOR)]


def test_belief_verbs_are_not_quotes(nlp):
    assert analyse(nlp, "Okafor believes the market will recover by June.", {"Okafor": OKAFOR}) == ()


def test_a_negated_cue_reports_no_speech(nlp):
    text = (
        "Okafor has never said he would close the border. "
        'Lindqvist said the ports stay open, but did not say "forever".'
    )
    quotes = analyse(nlp, text, {"Okafor": OKAFOR, "Lindqvist": LINDQVIST})
    assert [(q.kind, q.speaker, q.text) for q in quotes] == [("indirect", LINDQVIST, "the ports stay open")]


def test_a_quote_in_a_clause_that_only_names_a_programme_is_not_the_cue_content(nlp):
    text = "Speaking Sunday on ABC’s “This Week,” Okafor admitted that the harvest figures were wrong."
    quotes = analyse(nlp, text, {"Okafor": OKAFOR})
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "the harvest figures were wrong")]


def test_numbers_and_ids_in_quote_marks_are_not_quotes(nlp):
    text = 'Okafor accepted the <post author="okafor" time="1449075600"> tag as evidence.'
    assert only(analyse(nlp, text, {"Okafor": OKAFOR}), "direct") == []


def test_empty_article(nlp):
    assert analyse(nlp, "   ") == ()


# ---------------------------------------------------------------- quote marks, no model


def test_marked_spans_pair_straight_and_curly_marks():
    text = 'He said "yes" and then “no” twice.'
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == ["yes", "no"]


def test_marked_spans_in_treebank_style():
    text = "''We will see,'' she said, and ``that is all.''"
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == ["We will see", "that is all."]


def test_marked_span_without_a_closing_mark_ends_at_its_paragraph():
    text = 'She said: "we are leaving\n\nNext paragraph.'
    [span] = find_marked_spans(text)
    assert (text[span.start : span.end], span.close) == ("we are leaving", None)


def test_a_left_mark_glued_to_the_words_before_it_closes_the_quote():
    text = "“The reality is that we lost,“ said Okafor. “Next time we win.”"
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == [
        "The reality is that we lost",
        "Next time we win.",
    ]


def test_apostrophes_are_not_single_quotes():
    text = "The leaders’ summit ended; it’s over, Rock ’n’ roll."
    assert find_marked_spans(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,:\n\"“”‘’'")), max_size=300))
def test_marked_spans_stay_inside_the_text_and_do_not_overlap(text):
    spans = find_marked_spans(text)
    for span in spans:
        assert 0 <= span.open < span.start <= span.end <= len(text)
        assert span.end - span.start <= max(MAX_UNCLOSED_CHARS, 3000)
    for earlier, later in zip(spans, spans[1:], strict=False):
        assert earlier.end <= later.open


# ---------------------------------------------------------------- the cue lexicon


def test_shipped_lexicon_has_hundreds_of_cues():
    lexicon = load_cues((SHIPPED_CUES,))
    assert len(lexicon) >= 300
    assert lexicon.verb_cues("say")[0].type == "speech"
    assert lexicon.verb_cues("tell")[0].addressee == "object"
    assert lexicon.source_cues("according")[0].phrase == "according to"


def test_bad_cue_entry_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("# mine\ncue\ttype\taddressee\nharangue\tspeech\tto\nmumble\tshouting\t-\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"cues\.tsv:4: type 'shouting'"):
        read_cue_file(bad)


def test_user_cue_file_extends_and_switches_off(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    extra = tmp_path / "extra.tsv"
    extra.write_text("cue\ttype\taddressee\nharangue\tspeech\tobject\nsay\tnone\t-\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_CUES_PATH", str(extra))
    lexicon = load_cues()
    assert lexicon.verb_cues("harangue")[0].addressee == "object"
    assert lexicon.verb_cues("say") == ()
    quotes = analyse(nlp, "Okafor harangued the committee that its budget was a fantasy.", {"Okafor": OKAFOR})
    assert [(q.cue, q.text) for q in quotes] == [("harangue", "its budget was a fantasy")]


def test_a_folder_in_the_cue_path_gives_its_tsv_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "a_mine.tsv").write_text("cue\ttype\taddressee\nharangue\tspeech\tobject\n", encoding="utf-8")
    (tmp_path / "b_later.tsv").write_text("cue\ttype\taddressee\nharangue\tspeech\tto\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a cue file\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_CUES_PATH", str(tmp_path))
    assert load_cues().verb_cues("harangue")[0].addressee == "to"  # the later file wins


def test_a_user_word_file_adds_a_speaker_noun(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = "The plumber urged the council to replace every lead pipe in the old town."
    assert only(analyse(nlp, text), "indirect") == []  # a plumber is not among the shipped speaker nouns
    extra = tmp_path / "my_words.tsv"
    extra.write_text("# mine\nword\tkind\nplumber\tperson_speaker\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_QUOTE_WORDS_PATH", str(extra))
    assert "plumber" in load_cues().words.person_speakers and "senator" in load_cues().words.person_speakers
    quotes = only(analyse(nlp, text), "indirect")
    assert [(q.cue, q.text) for q in quotes] == [("urge", "the council to replace every lead pipe in the old town")]


def test_a_user_word_file_adds_a_title_word(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = "Supt. Maria Alvarez toured the flooded school on Monday. The superintendent said that classes would resume."
    alvarez = ActorRef(None, "Maria Alvarez")
    actors = {"Supt. Maria Alvarez": alvarez}
    [quote] = analyse(nlp, text, actors)
    assert quote.speaker == ActorRef(None, "The superintendent")  # "Supt." is not among the shipped titles
    extra = tmp_path / "my_words.tsv"
    extra.write_text("word\tkind\tmeans\nsupt\ttitle\tsuperintendent\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_QUOTE_WORDS_PATH", str(extra))
    assert (
        load_cues().words.title_words["supt"] == "superintendent" and load_cues().words.title_words["sen"] == "senator"
    )
    [quote] = analyse(nlp, text, actors)
    assert (quote.speaker, quote.text) == (alvarez, "classes would resume")


def test_a_title_row_without_its_meaning_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "words.tsv"
    bad.write_text("word\tkind\tmeans\nspokesman\tagent\nsupt\ttitle\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"words\.tsv:3: a title row needs a lower-case word in column 'means'"):
        read_word_file(bad)


def test_a_bad_word_kind_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "words.tsv"
    bad.write_text("word\tkind\nplumber\tspeaker\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"words\.tsv:2: kind 'speaker' is not one of person_speaker"):
        read_word_file(bad)


def test_a_cue_file_without_a_column_names_its_header_line(tmp_path: Path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("# mine\ncue\ttype\nharangue\tspeech\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"cues\.tsv:2: header lacks column\(s\) addressee"):
        read_cue_file(bad)


# ---------------------------------------------------------------- invariants


WORDS = ["Okafor", "said", "told", "reporters", "that", "the", "plan", "failed"]
MARKS = [",", ".", '"', "“", "”", "‘", "’", "\n\n"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(WORDS + MARKS), max_size=40))
def test_any_text_gives_quotes_whose_offsets_hold_their_text(nlp, words):
    text = " ".join(words)
    for quote in analyse(nlp, text, {"Okafor": OKAFOR}):
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind in ("direct", "indirect")


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.stem)
def test_seed_reports_give_quotes_whose_offsets_hold_their_text(nlp, path: Path):
    text = path.read_text(encoding="utf-8")
    quotes = analyse(nlp, text)
    assert quotes
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.text in quote.sentence or quote.sentence in text


def test_a_cue_lexicon_passed_in_is_used_and_no_cue_file_is_read(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    extra = tmp_path / "extra.tsv"
    extra.write_text("cue\ttype\taddressee\nharangue\tspeech\tobject\n", encoding="utf-8")
    lexicon = load_cues((SHIPPED_CUES, extra))
    # Were the environment consulted, this missing file would fail the call.
    monkeypatch.setenv("DOSSIER_CUES_PATH", str(tmp_path / "missing.tsv"))
    text = "Okafor harangued the committee that its budget was a fantasy."
    article = Article.build(text)
    parsed = ParsedArticle(article, nlp(text))
    mentions = tuple(mentions_of(article, {"Okafor": OKAFOR}))
    quotes = find_quotes(parsed, mentions, lexicon)
    assert [(q.cue, q.speaker, q.text) for q in quotes] == [("harangue", OKAFOR, "its budget was a fantasy")]
    with pytest.raises(DataFileError, match="missing"):
        find_quotes(parsed, mentions)


# ---------------------------------------------------------------- issue 16: described speakers, speech acts

CRUZ = ActorRef("USALEG", "Ted Cruz", "USA", "LEG")
DOE = ActorRef(None, "Jane Doe")


def test_the_senator_is_the_senator_introduced_before(nlp):
    text = "Sen. Ted Cruz spoke in Iowa on Tuesday. The senator said that taxes were too high."
    [quote] = analyse(nlp, text, {"Sen. Ted Cruz": CRUZ})
    assert (quote.speaker, quote.text) == (CRUZ, "taxes were too high")


def test_a_description_matches_an_apposition(nlp):
    text = "Jane Doe, a local farmer, spoke at the fair. The farmer said that prices were far too low."
    [quote] = analyse(nlp, text, {"Jane Doe": DOE})
    assert quote.speaker == DOE


def test_a_description_that_fits_no_one_keeps_its_words(nlp):
    text = "Sen. Ted Cruz spoke in Iowa on Tuesday. The farmer said that prices were far too low."
    [quote] = analyse(nlp, text, {"Sen. Ted Cruz": CRUZ})
    assert quote.speaker == ActorRef(None, "The farmer")


@pytest.mark.parametrize(
    "speaker",
    ["A spokeswoman for Lindqvist", "Aides to Lindqvist", "Lindqvist's spokesman", "Officials in Lindqvist's office"],
)
def test_someone_speaking_for_a_principal_speaks_as_the_principal(nlp, speaker):
    text = f"{speaker} said that the minister would travel to Lagos next week."
    [quote] = analyse(nlp, text, {"Lindqvist": LINDQVIST})
    assert quote.speaker == LINDQVIST


def test_his_spokesman_is_the_man_just_mentioned(nlp):
    text = "Okafor arrived in Stockholm. He met the press. His spokesman said that the talks had gone well."
    article = Article.build(text)
    parsed = ParsedArticle(article, nlp(text))
    he = text.index("He met")
    mentions = (
        Mention(article.id, 0, 6, "Okafor", OKAFOR),
        Mention(article.id, he, he + 2, "He", OKAFOR, kind="pronoun", antecedent=0),
    )
    [quote] = find_quotes(parsed, mentions)
    assert quote.speaker == OKAFOR


def test_the_campaign_is_the_campaign_named_before(nlp):
    text = "The Lindqvist campaign opened an office in Malmo. The campaign said that it had raised $2 million."
    [quote] = analyse(nlp, text, {"Lindqvist": LINDQVIST})
    assert quote.speaker == LINDQVIST


def test_addressee_of_a_letter(nlp):
    text = "Lindqvist wrote in a letter to Okafor that Sweden would double its aid."
    [quote] = analyse(nlp, text, {"Lindqvist": LINDQVIST, "Okafor": OKAFOR})
    assert (quote.speaker, quote.addressee, quote.text) == (LINDQVIST, OKAFOR, "Sweden would double its aid")


def test_urging_someone_is_an_indirect_quote_with_an_addressee(nlp):
    text = "Anna Lindqvist urged Emeka Okafor to reopen the border before the harvest."
    [quote] = analyse(nlp, text, {"Anna Lindqvist": LINDQVIST, "Emeka Okafor": OKAFOR})
    assert (quote.kind, quote.speaker, quote.addressee) == ("indirect", LINDQVIST, OKAFOR)
    assert quote.text == "Emeka Okafor to reopen the border before the harvest"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Anna Lindqvist called for a ban on cluster munitions.", "a ban on cluster munitions"),
        ("Anna Lindqvist announced her resignation on Tuesday.", "her resignation"),
        ("Anna Lindqvist accused the ministry of hiding the report.", "the ministry of hiding the report"),
        ("Anna Lindqvist called the plan a disaster for farmers.", "the plan a disaster for farmers"),
    ],
)
def test_speech_acts_by_a_person_are_indirect_quotes(nlp, text, content):
    [quote] = analyse(nlp, text, {"Anna Lindqvist": LINDQVIST})
    assert (quote.kind, quote.speaker, quote.text) == ("indirect", LINDQVIST, content)


@pytest.mark.parametrize(
    "text",
    [
        "Sweden called for a ban on cluster munitions.",  # a state's policy, not someone's words
        "Anna Lindqvist criticized the ministry.",  # a criticism with no words reported
        "Anna Lindqvist continued to trail in the polls.",  # not a speech act
        "Anna Lindqvist wrote a book about farming.",  # the thing written, not something said
    ],
)
def test_not_speech_acts(nlp, text):
    assert analyse(nlp, text, {"Anna Lindqvist": LINDQVIST, "Sweden": MINISTRY}) == ()


def test_a_short_quoted_adverbial_is_a_scare_quote(nlp):
    text = 'Okafor said he would not retaliate "for the time being" against the closure.'
    quotes = analyse(nlp, text, {"Okafor": OKAFOR})
    assert [q.kind for q in quotes] == ["indirect"]


def test_as_someone_put_it(nlp):
    text = 'As Lindqvist put it, "the border stays shut until the spring thaw."'
    [quote] = analyse(nlp, text, {"Lindqvist": LINDQVIST})
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", LINDQVIST, "put it")
