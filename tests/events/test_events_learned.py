"""The learned fallback's no-event class and shape gates (dossier.events.learned)."""

from __future__ import annotations

import pytest

from dossier.events.learned import (
    NO_EVENT,
    SHAPE_FEATURES,
    code_sentence,
    load_learned_coder,
    predicate_parts,
    predicate_text,
    sentence_shape,
)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def coder():
    return load_learned_coder()


def parsed_sentence(nlp, text):
    return max(nlp(text).sents, key=len)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts believe the sanctions against Venezuela will not work.",
        "The Chilean army has been the strongest in the region for decades.",
        "Prime Minister Trudeau with the Mexican president at a summit in Ottawa last spring.",
        "The consulate issues visas to Peruvian students every summer.",
        # political news that reports no event: an interviewer's question, a successor named
        "The interviewer asked the governor whether he planned to run again.",
        "The former governor named his deputy as his successor.",
    ],
)
def test_sentences_that_report_no_event_get_no_code(nlp, coder, text):
    assert code_sentence(coder, parsed_sentence(nlp, text)) is None


def test_an_opinion_is_classed_as_no_event_even_without_the_shape_gates(nlp, coder):
    sentence = parsed_sentence(nlp, "Many economists in Brazil think the central bank was wrong.")
    assert coder.guess(sentence.text, "think", sentence_shape(sentence)).label == NO_EVENT


@pytest.mark.parametrize(
    ("text", "roots"),
    [
        ("Rebels shelled the town and killed dozens of civilians.", ("18", "19", "20")),
        ("Thousands of farmers marched on the capital over the price of fuel.", ("14",)),
        ("Ugandan police detained four opposition organisers outside Kampala.", ("17",)),
        ("The Peruvian government freed eleven jailed union leaders on Friday.", ("08",)),
    ],
)
def test_a_reported_act_still_gets_its_class(nlp, coder, text, roots):
    guess = code_sentence(coder, parsed_sentence(nlp, text))
    assert guess is not None and guess.code[:2] in roots


def test_the_shape_reads_tense_copula_and_missing_verbs(nlp):
    def shape(text):
        values = sentence_shape(parsed_sentence(nlp, text))
        return {name for name, value in zip(SHAPE_FEATURES, values, strict=True) if value}

    assert "past" in shape("Police arrested the mayor.")
    assert "present" in shape("The ministry runs three hospitals.")
    assert "copula" in shape("The minister is a former general.")
    assert "no-verb" in shape("The mayor with his wife in Lima on Friday.")


def test_the_predicate_is_read_as_lemmas_without_its_dates(nlp):
    sentence = parsed_sentence(nlp, "On Tuesday the Kenyan police arrested three Somali traders in Mombasa in March.")
    words = predicate_text(sentence).lower().split()
    assert words[0] == "arrest"
    assert "trader" in words
    assert "tuesday" not in words and "march" not in words


def test_the_predicate_splits_into_its_verb_and_what_completes_it():
    assert predicate_parts("arrest trader in mombasa") == ("arrest", "trader in mombasa")
    assert predicate_parts("torture") == ("torture", "")


def test_the_classifier_reads_sentence_predicate_verb_and_completions_apart(coder):
    features = coder.features("Police arrested the mayor.", "arrest mayor")
    assert features.shape == (4 * coder.embedder.dimensions + len(SHAPE_FEATURES),)
    assert coder.five_weights.shape[0] == features.shape[0]


def test_a_sentence_holding_a_quote_is_coded_only_by_a_sure_guess(nlp, coder, monkeypatch):
    from dossier.events import coder as events_coder
    from dossier.events.participants import MentionIndex
    from dossier.records import ActorRef, Article, Mention, Quote

    text = "Chilean troops entered the rebel stronghold under heavy gunfire at dawn."
    article = Article.build(text)
    army = ActorRef("CHLMIL", "Chilean troops", "CHL", "MIL")
    mention = Mention(article.id, 0, len("Chilean troops"), "Chilean troops", army)
    quote = Quote(article.id, army, None, "under heavy gunfire", "direct", None, text.index("under"), len(text), text)
    doc = nlp(text)
    sentence = next(iter(doc.sents))
    plain = MentionIndex(doc, (mention,), (), uncoded=True)
    quoted = MentionIndex(doc, (mention,), (quote,), uncoded=True)
    guess = code_sentence(coder, sentence)
    assert guess is not None and guess.confidence < events_coder.QUOTED_CONFIDENCE
    assert events_coder.learned_predications(sentence, plain, coder)
    assert events_coder.learned_predications(sentence, quoted, coder) == []
    monkeypatch.setattr(events_coder, "QUOTED_CONFIDENCE", guess.confidence)
    assert events_coder.learned_predications(sentence, quoted, coder)


def _events(nlp, text, data):
    from dossier.actors.resolve import resolve_actors
    from dossier.events.coder import code_events
    from dossier.parse.model import ParsedArticle
    from dossier.records import Article

    parsed = ParsedArticle(Article.build(text, published="2021-05-03"), nlp(text))
    return code_events(parsed, resolve_actors(parsed), (), data)


@pytest.fixture(scope="module")
def with_fallback():
    from dossier.events.coder import load_event_data

    return load_event_data(learned_fallback=True)


def test_the_fallback_codes_a_told_act_but_not_the_same_act_asked_about(nlp, with_fallback):
    (told,) = _events(nlp, "The Indian navy rammed the Pakistani boat.", with_fallback)
    assert (told.coder, told.source.code, told.target.code) == ("learned", "INDMIL", "PAK")
    assert _events(nlp, "Did the Indian navy ram the Pakistani boat?", with_fallback) == ()


def test_a_yes_no_question_asserts_nothing_but_a_why_question_takes_the_act_as_given(nlp, with_fallback):
    (asked,) = _events(nlp, "Did Russian jets strafe the Turkish convoy?", with_fallback)
    (given,) = _events(nlp, "Why did Russian jets strafe the Turkish convoy?", with_fallback)
    assert asked.code == given.code == "195"
    assert "hypothetical" in asked.flags and "hypothetical" not in given.flags


@pytest.mark.parametrize(
    "fragment",
    ["Shelling the border towns held by Armenian forces.", "Ramming the Pakistani boat with an Indian navy ship."],
)
def test_the_fallback_does_not_make_a_doer_of_an_actor_named_in_a_fragment_without_a_subject(
    nlp, with_fallback, fragment
):
    assert _events(nlp, fragment, with_fallback) == ()


@pytest.mark.parametrize(
    "text",
    [
        "The Peruvian senator then spoke in a calm voice to the protesters.",
        "Senator Ortiz spoke in a stern voice to the crowd of farmers in Cusco.",
    ],
)
def test_the_fallback_makes_no_consultation_of_speaking_to_the_public(nlp, with_fallback, text):
    assert _events(nlp, text, with_fallback) == ()


def test_speaking_to_a_foreign_minister_is_still_a_consultation(nlp, with_fallback):
    (event,) = _events(
        nlp, "The Peruvian senator spoke in a calm voice to the Chilean foreign minister.", with_fallback
    )
    assert (event.code, event.source.code, event.target.code) == ("040", "PERLEG", "CHLGOV")
