"""Issue 22: the attribute ruler and the lemmatizer made cheaper (`dossier.parse.rule_pipes`) annotate as spaCy does.

The model loaded by `load_model` finds the attribute ruler's matches
through `RuleIndex` and caches every lemma; a model loaded by spaCy alone
does neither. Both must give every token the same tag, part of speech,
morphology, lemma, dependency and entity, on the seed reports and on text
written to reach the ruler's rarer patterns (two-token ones, regexes, "not
in" tests, whitespace tokens).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dossier.parse.model import load_model
from dossier.parse.rule_pipes import (
    CachedLemmas,
    RuleIndex,
    WordList,
    build_rule_index,
    index_attribute_ruler,
)
from tests.conftest import REPORT_TEXT, SEEDS

pytestmark = pytest.mark.model

# Slang, contractions, "there is", possessives and blank lines: the patterns news text seldom reaches.
RARE_PATTERNS_TEXT = (
    "Y'all ain't gonna believe it, he said.   We're gotta go, let's see.\n\n\n"
    "There is nothin' he doesn't do: I'd have done it, and she'd said so. "
    "C'mon, somethin' ol' 'em said wasn't right; it is hers, not theirs. "
    "Those who once ran can't and won't; that is what it was, if anything."
)


def stock_model() -> Language:
    """The same model with the attribute ruler and the lemmatizer as spaCy made them."""
    return load_model(cheaper_rules=False)


def texts() -> list[str]:
    seeds = sorted(SEEDS.glob("*.txt"))[:6]
    return [REPORT_TEXT, RARE_PATTERNS_TEXT, *(path.read_text(encoding="utf-8") for path in seeds)]


def annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_iob_, t.ent_type_) for t in doc
    ]


def until_attribute_ruler(nlp: Language, text: str) -> Doc:
    """The doc as the attribute ruler receives it: tokenized, tagged and parsed."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "attribute_ruler":
            return doc
        doc = component(doc)
    raise AssertionError("the model has no attribute ruler")


def test_load_model_gives_the_cheaper_components_and_spacys_on_request() -> None:
    nlp = load_model()
    assert isinstance(nlp.get_pipe("lemmatizer").lemmatize, CachedLemmas)
    assert isinstance(nlp.get_pipe("attribute_ruler").match.__self__, RuleIndex)
    stock = stock_model()
    assert not isinstance(stock.get_pipe("lemmatizer").lemmatize, CachedLemmas)
    assert not isinstance(getattr(stock.get_pipe("attribute_ruler").match, "__self__", None), RuleIndex)


@pytest.mark.parametrize("index", range(len(texts())))
def test_every_token_is_annotated_as_by_spacy_alone(index: int) -> None:
    text = texts()[index]
    stock = stock_model()
    expected = annotations(stock(stock.make_doc(text)))
    ours = load_model()
    assert annotations(ours(ours.make_doc(text))) == expected


def test_the_index_finds_the_matchers_matches_rare_patterns_included() -> None:
    stock = stock_model()
    ruler = stock.get_pipe("attribute_ruler")
    index = build_rule_index(ruler)
    assert index is not None
    for text in texts():
        doc = until_attribute_ruler(stock, text)
        assert index.match(doc) == ruler.match(doc)
    doc = until_attribute_ruler(stock, RARE_PATTERNS_TEXT)
    entries_hit = {entry for entry, *_ in ruler.match(doc)}
    # Two-token patterns ("gon na", "let 's"), a regex one ("y'all") and "not in" tests were reached.
    patterns = ruler.patterns
    assert any(len(patterns[entry]["patterns"][0]) == 2 for entry in entries_hit)
    assert any("REGEX" in str(patterns[entry]["patterns"]) for entry in entries_hit)
    assert any("NOT_IN" in str(patterns[entry]["patterns"]) for entry in entries_hit)


def test_a_ruler_with_a_pattern_it_cannot_read_is_left_to_spacy() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LENGTH": {">": 3}}]], {"TAG": "LONG"})
    assert build_rule_index(ruler) is None
    assert index_attribute_ruler(ruler) is False
    assert [t.tag_ for t in nlp("a longer word")] == ["", "LONG", "LONG"]


def test_the_lemmatizer_word_lists_answer_in_as_lists_do() -> None:
    words = WordList(["run", "walk", "talk"])
    assert "walk" in words and "wal" not in words and 3 not in words
    assert list(words) == ["run", "walk", "talk"] and words[1] == "walk"
    table = load_model().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, WordList) for words in table.values())


def test_entries_added_after_indexing_are_matched_by_spacy() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "geneva"}]], {"TAG": "NNP"})
    assert index_attribute_ruler(ruler) is True
    assert [t.tag_ for t in nlp("Talks in Geneva")] == ["", "", "NNP"]
    ruler.add([[{"LOWER": "talks"}]], {"TAG": "NNS"})
    assert [t.tag_ for t in nlp("Talks in Geneva")] == ["NNS", "", "NNP"]


def test_a_match_index_outside_its_span_fails_as_in_spacy() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "in"}, {"LOWER": "geneva"}]], {"TAG": "NNP"}, index=2)
    assert index_attribute_ruler(ruler) is True
    with pytest.raises(ValueError, match="E1001"):
        nlp("Talks in Geneva")
