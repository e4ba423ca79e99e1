"""Issue 22: the stance stage's lookup tables keep what they found per (text, lemma), with the same answers.

`WordTable.get` and `PhraseTable.starting_at` used to normalise and stem a
token's forms at every lookup; they now keep the answer for each (text,
lemma) seen. These tests check the kept answers against the lookups made
afresh on real text, and that the tables forget past their bound.
"""

from __future__ import annotations

import pytest

from dossier.parse.model import load_model
from dossier.stance import matching
from dossier.stance.lexicon import stance_lexicon
from dossier.stance.matching import PhraseTable, WordTable, _keys_of, lexicon_tables

pytestmark = pytest.mark.model

TEXT = (
    "Germany strongly opposed the new tariffs on steel, officials said. "
    "France did not support such a call and urged Ottawa to reconsider the sanctions. "
    "The minister called for an end to the embargo, but Brazil rejected it outright."
)


def fresh_phrases(table: PhraseTable, text: str, lemma: str) -> tuple[object, ...]:
    """The phrases starting at a token, found as before the tables kept them."""
    candidates: dict[int, object] = {}
    for key in _keys_of(text, lemma):
        for entry in table.by_first.get(key, []):
            candidates[id(entry)] = entry
    return tuple(candidates.values())


def test_kept_answers_are_the_fresh_lookups() -> None:
    tables = lexicon_tables(stance_lexicon())
    doc = load_model()(TEXT)
    found = 0
    for token in doc:
        for table in [*tables.words.values(), tables.modals]:
            expected = table._lookup(token.text, token.lemma_)
            assert table.get(token) is expected
            assert table.get(token) is expected  # the kept answer, asked again
            found += expected is not None
        phrases = tables.phrases.starting_at(token)
        assert phrases == fresh_phrases(tables.phrases, token.text, token.lemma_)
        found += len(phrases)
    assert found >= 5  # negators, intensifiers, cues and anaphors of the text were found


def test_tables_forget_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_KNOWN_WORDS", 3)
    table = WordTable(stance_lexicon().of_kind("negator"))
    doc = load_model()("Not one of them would ever agree, never.")
    answers = [table.get(token) for token in doc]
    assert len(table.known) <= 3
    assert [table.get(token) for token in doc] == answers
    assert any(answer is not None for answer in answers)
