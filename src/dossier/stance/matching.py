"""Finding lexicon phrases and issue terms in a sentence.

A phrase word matches a token in any inflected form (`stem`); within a group
of words a few adverbs or determiners may come between two words, and a
"..." between groups stands for up to MAX_GAP words of the same phrase.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.stance.lexicon import Issue, LexiconEntry, Phrase, StanceLexicon, normalise_word
from dossier.stance.lexicon import stem as stem_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Words a "..." in an issue term may stand for; adverbs and determiners
# skipped inside a lexicon phrase ("pushed hard for", "make no sense").
MAX_GAP = 8
MAX_SKIP = 2

# Distinct (text, lemma) pairs a WordTable remembers before it starts again.
MAX_KNOWN_WORDS = 65536

# Lexicon kinds looked up one token at a time.
WORD_KINDS = ("negator", "intensifier", "report", "light", "transparent", "anaphor", "generic", "hypothetical")
# Lexicon kinds that take a side and may span several words.
PHRASE_KINDS = ("cue", "direction", "evaluation")


@dataclass(frozen=True)
class Occurrence:
    """A lexicon phrase or issue term found in a sentence."""

    tokens: tuple[int, ...]
    kind: str  # a lexicon kind, or "issue"
    polarity: int
    strength: float
    issue: str | None = None

    @property
    def size(self) -> int:
        return len(self.tokens)


class WordTable:
    """Single words of one lexicon kind, looked up by any form of a token."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self.exact: dict[str, LexiconEntry] = {}
        self.stems: dict[str, LexiconEntry] = {}
        for entry in entries:
            word = entry.phrase.first
            self.exact[word] = entry
            self.stems[stem_word(word)] = entry
        # The entry for each (text, lemma) seen: every token of every sentence is looked up, in several tables.
        self.known: dict[tuple[str, str], LexiconEntry | None] = {}

    def get(self, token: Token) -> LexiconEntry | None:
        key = (token.text, token.lemma_)
        if key not in self.known:
            if len(self.known) >= MAX_KNOWN_WORDS:
                self.known.clear()
            self.known[key] = self._lookup(*key)
        return self.known[key]

    def _lookup(self, text: str, lemma_text: str) -> LexiconEntry | None:
        lower, lemma = normalise_word(text), normalise_word(lemma_text)
        for key in (lower, lemma):
            if key in self.exact:
                return self.exact[key]
        for key in (lower, lemma):
            if stem_word(key) in self.stems:
                return self.stems[stem_word(key)]
        return None


class PhraseTable:
    """Lexicon phrases indexed by their first word."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self.by_first: dict[str, list[LexiconEntry]] = {}
        for entry in entries:
            for key in {entry.phrase.first, stem_word(entry.phrase.first)}:
                self.by_first.setdefault(key, []).append(entry)
        # The phrases that may start at a token, for each (text, lemma) seen.
        self.known: dict[tuple[str, str], tuple[LexiconEntry, ...]] = {}

    def find(self, sentence: Span) -> list[Occurrence]:
        found: list[Occurrence] = []
        for token in sentence:
            for entry in self.starting_at(token):
                tokens = match_phrase(sentence, token.i - sentence.start, entry.phrase, skip=MAX_SKIP)
                if tokens:
                    found.append(Occurrence(tokens, entry.kind, entry.polarity, entry.strength))
        return found

    def starting_at(self, token: Token) -> tuple[LexiconEntry, ...]:
        """The phrases whose first word matches the token by one of its forms, each once."""
        key = (token.text, token.lemma_)
        if key not in self.known:
            if len(self.known) >= MAX_KNOWN_WORDS:
                self.known.clear()
            candidates: dict[int, LexiconEntry] = {}
            for form in _keys_of(*key):
                for entry in self.by_first.get(form, []):
                    candidates[id(entry)] = entry
            self.known[key] = tuple(candidates.values())
        return self.known[key]


@dataclass(frozen=True)
class LexiconTables:
    """A stance lexicon arranged for lookups: single words by kind, modals, and side-taking phrases."""

    words: dict[str, WordTable]
    modals: WordTable
    phrases: PhraseTable


@lru_cache(maxsize=4)
def lexicon_tables(lexicon: StanceLexicon) -> LexiconTables:
    """Lookup tables of a lexicon, built once per lexicon rather than once per article."""
    words = {kind: WordTable(lexicon.of_kind(kind)) for kind in WORD_KINDS}
    phrases = PhraseTable(e for e in lexicon.entries if e.kind in PHRASE_KINDS)
    return LexiconTables(words, WordTable(lexicon.of_kind("modal")), phrases)


def token_keys(token: Token) -> set[str]:
    """The forms a lexicon row's first word may match this token by (a shared set: never change it)."""
    return _keys_of(token.text, token.lemma_)


@lru_cache(maxsize=65536)
def _keys_of(text: str, lemma: str) -> set[str]:
    # Every token of every sentence is looked up, and news repeats its words.
    lower, lemma = normalise_word(text), normalise_word(lemma)
    return {lower, lemma, stem_word(lower), stem_word(lemma)}


def word_matches(word: str, token: Token) -> bool:
    """A phrase word matches a token in any inflected form.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> word_matches("sanction", nlp("Sanctions")[0]), word_matches("sanction", nlp("sanctuary")[0])
        (True, False)
    """
    lower, lemma = normalise_word(token.text), normalise_word(token.lemma_)
    return word in (lower, lemma) or stem_word(word) in (stem_word(lower), stem_word(lemma))


def match_phrase(sentence: Span, at: int, phrase: Phrase, skip: int = 0) -> tuple[int, ...] | None:
    """Token indices of the phrase starting at sentence position `at`, or None.

    Within a group of words, up to `skip` adverbs or determiners may come
    between two words, and punctuation is passed over ("anti-missile"); a
    "..." between groups may stand for up to MAX_GAP words that belong to
    the phrase begun by the first group.
    """
    tokens: list[int] = []
    position = at
    for number, segment in enumerate(phrase.segments):
        if number == 0:
            matched = _match_segment(sentence, position, segment, skip)
        else:
            matched = None
            root = highest_token(sentence.doc, tuple(tokens))
            for start in range(position, min(len(sentence), position + MAX_GAP + 1)):
                if not root.is_ancestor(sentence[start]):
                    continue  # the words after "..." belong to the phrase begun before it
                matched = _match_segment(sentence, start, segment, skip)
                if matched:
                    break
        if not matched:
            return None
        tokens.extend(matched)
        position = matched[-1] - sentence.start + 1
    return tuple(tokens)


def _match_segment(sentence: Span, position: int, words: tuple[str, ...], skip: int) -> list[int] | None:
    matched: list[int] = []
    skipped = 0
    for word in words:
        while position < len(sentence) and not word_matches(word, sentence[position]):
            token = sentence[position]
            if not matched or not (token.is_punct or (token.pos_ in ("ADV", "DET") and skipped < skip)):
                return None
            if not token.is_punct:
                skipped += 1
            position += 1
        if position >= len(sentence):
            return None
        matched.append(sentence[position].i)
        position += 1
    return matched


def find_issue_terms(sentence: Span, issues: tuple[Issue, ...]) -> list[Occurrence]:
    """Terms of the issues in a sentence; of overlapping matches the longest wins, then the earlier issue."""
    table = _term_table(issues)
    candidates: list[tuple[int, int, int, Occurrence]] = []
    for position, token in enumerate(sentence):
        seen: set[tuple[int, int]] = set()
        for key in token_keys(token):
            for rank, number, term, issue_id in table.get(key, ()):
                if (rank, number) in seen:
                    continue
                seen.add((rank, number))
                tokens = match_phrase(sentence, position, term)
                if tokens:
                    candidates.append((-len(tokens), rank, tokens[0], Occurrence(tokens, "issue", 1, 1.0, issue_id)))
    chosen: list[Occurrence] = []
    taken: set[int] = set()
    for _size, _rank, _first, occurrence in sorted(candidates, key=lambda c: c[:3]):
        if taken.isdisjoint(occurrence.tokens):
            chosen.append(occurrence)
            taken.update(occurrence.tokens)
    return sorted(chosen, key=lambda occ: occ.tokens[0])


@lru_cache(maxsize=8)
def _term_table(issues: tuple[Issue, ...]) -> dict[str, list[tuple[int, int, Phrase, str]]]:
    """Issue terms by every key of their first word: (issue rank, term number, term, issue id)."""
    table: dict[str, list[tuple[int, int, Phrase, str]]] = {}
    for rank, issue in enumerate(issues):
        for number, term in enumerate(issue.terms):
            for key in {term.first, stem_word(term.first)}:
                table.setdefault(key, []).append((rank, number, term, issue.id))
    return table


def highest_token(doc: Doc, indices: tuple[int, ...]) -> Token:
    """The token of a set that the others hang from (the one with the fewest ancestors)."""
    tokens = [doc[i] for i in indices]
    return min(tokens, key=lambda t: (sum(1 for _ in t.ancestors), t.i))
