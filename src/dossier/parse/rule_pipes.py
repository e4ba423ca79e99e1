"""The model's two rule-based components made cheaper, with the very same output.

In en_core_web_sm the `attribute_ruler` and the `lemmatizer` took 18 % of
the parse's CPU on PolNeAR reports (10 % and 8 %), for work that is mostly
lookups:

- the attribute ruler runs spaCy's `Matcher` with its 179 patterns at every
  token; almost all of them are one token long and name an exact tag or
  word, so `RuleIndex` finds the same matches by looking each token's tag,
  word and dependency up in dictionaries, and checks only the patterns
  those name (plus the few with no exact value, such as a regex). The
  component then sets its attributes from that list exactly as before
  (`AttributeRuler.set_annotations`, same matches in the same order);
- the rule lemmatizer caches only the words its rules change: a word it
  returns unchanged (the base forms, most tokens) goes through the rules
  again every time. Its result depends on the word, its part of speech and
  its morphology alone, so `cache_every_lemma` keeps every result under that key.

Either is left as spaCy made it when its patterns or its class are not ones
this module knows to give the same result for (another model, a custom
lemmatizer). tests/parse/test_rule_pipes.py checks the matches and the
lemmas against spaCy's own on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# The token attributes patterns may test here, in the columns `Doc.to_array` gives them.
_COLUMNS = ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE")
# Which column of a pattern's first token picks the patterns to check at a token (the rarest first).
_ANCHOR_ORDER = ("LOWER", "ORTH", "DEP", "TAG", "IS_SPACE")


@dataclass(frozen=True)
class _Check:
    """One test on one token: its attribute in `column` equals, is among, is not among or matches `value`."""

    column: int
    kind: str  # "eq", "in", "not_in", "regex"
    value: Any

    def passes(self, row: tuple[int, ...], strings: Any) -> bool:
        found = row[self.column]
        if self.kind == "eq":
            return bool(found == self.value)
        if self.kind == "in":
            return found in self.value
        if self.kind == "not_in":
            return found not in self.value
        return bool(self.value.search(strings[found]))


@dataclass(frozen=True)
class _Pattern:
    """One pattern of one ruler entry: the entry's sort key, its match id, its length, and every token's tests.

    `checks` pairs each test with its token's offset, a regex last (the
    costly one, run only where the rest pass).
    """

    key: int
    match_id: int
    length: int
    checks: tuple[tuple[int, _Check], ...]

    @classmethod
    def of(cls, key: int, match_id: int, tokens: list[tuple[_Check, ...]]) -> _Pattern:
        flat = [(offset, check) for offset, checks in enumerate(tokens) for check in checks]
        return cls(key, match_id, len(tokens), tuple(sorted(flat, key=lambda pair: pair[1].kind == "regex")))

    def anchor(self) -> tuple[int, _Check] | None:
        """A test naming exact values, in the column that narrows most (nearest token first); None if none does."""
        usable = [(offset, check) for offset, check in self.checks if check.kind in ("eq", "in")]
        for name in _ANCHOR_ORDER:
            column = _COLUMNS.index(name)
            for offset, check in sorted(usable, key=lambda pair: pair[0]):
                if check.column == column:
                    return offset, check
        return None

    def matches_at(self, row_at: Callable[[int], tuple[int, ...]], start: int, length: int, strings: Any) -> bool:
        """The pattern matches the doc's tokens from `start` on (`length` tokens in the doc, `row_at` reads one)."""
        if start < 0 or start + self.length > length:
            return False
        return all(check.passes(row_at(start + offset), strings) for offset, check in self.checks)


# What a token's attributes say, worked out once per distinct set of them: the one-token patterns that match
# it (entry number, match id), and the longer patterns it may be part of (with its offset in them).
_TokenHits = tuple[tuple[tuple[int, int], ...], tuple[tuple[_Pattern, int], ...]]


class RuleIndex:
    """The attribute ruler's patterns, indexed by the exact values they ask of a token.

    `match(doc)` gives what `AttributeRuler.match` gives: (entry number, match
    id, start, end) for every pattern matching the doc, sorted. What the
    patterns say of a token depends on its attributes alone, so it is worked
    out once per distinct set of attributes and kept (news repeats its
    words: most tokens are found there). `set_annotations` applies the
    matches as `AttributeRuler.set_annotations` does, without a `Span` for each.
    """

    def __init__(self, ruler: Any, patterns: list[_Pattern], attrs: list[int | str]) -> None:
        self.ruler = ruler
        self.entries = len(ruler.attrs)  # entries added to the ruler later are left to spaCy's matcher
        self.attrs = attrs
        self.match_ids = {pattern.key: pattern.match_id for pattern in patterns}
        self.single = _AnchoredPatterns([pattern for pattern in patterns if pattern.length == 1])
        self.longer = _AnchoredPatterns([pattern for pattern in patterns if pattern.length > 1])
        self.known: dict[bytes, _TokenHits] = {}

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        from spacy.pipeline import AttributeRuler

        if len(self.ruler.attrs) != self.entries:
            return AttributeRuler.match(self.ruler, doc)  # type: ignore[no-any-return]
        strings = doc.vocab.strings
        array = doc.to_array(self.attrs)
        length = len(array)
        rows: dict[int, tuple[int, ...]] = {}

        def row_at(i: int) -> tuple[int, ...]:
            if i not in rows:
                rows[i] = tuple(array[i].tolist())
            return rows[i]

        if len(self.known) > MAX_KNOWN_TOKENS:
            self.known.clear()
        starts: dict[int, list[int]] = {}
        longer: list[tuple[int, int, int, int]] = []
        # Each token's attributes as one bytes key: hashed at once, no Python int made per attribute.
        for position, key in enumerate(array.view(f"V{array.itemsize * len(self.attrs)}").ravel().tolist()):
            hits = self.known.get(key)
            if hits is None:
                hits = self.known[key] = self._token_hits(row_at, position, length, strings)
            for entry, _match_id in hits[0]:
                starts.setdefault(entry, []).append(position)
            for pattern, offset in hits[1]:
                start = position - offset
                if pattern.matches_at(row_at, start, length, strings):
                    longer.append((pattern.key, pattern.match_id, start, start + pattern.length))
        found = [(entry, self.match_ids[entry], s, s + 1) for entry in sorted(starts) for s in starts[entry]]
        return sorted(set(found + longer)) if longer else found

    def _token_hits(
        self, row_at: Callable[[int], tuple[int, ...]], position: int, length: int, strings: Any
    ) -> _TokenHits:
        row = row_at(position)
        single = {
            (pattern.key, pattern.match_id)
            for pattern, _offset in self.single.candidates(row)
            if pattern.matches_at(row_at, position, length, strings)
        }
        return tuple(sorted(single)), tuple(self.longer.candidates(row))

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """Each match's attributes set on its token, in the matches' order; a token outside its match left to spaCy."""
        from spacy.pipeline import AttributeRuler
        from spacy.tokens._retokenize import set_token_attrs

        attrs, indices = self.ruler.attrs, self.ruler.indices
        targets = []
        for entry, _match_id, start, end in matches:
            index = indices[entry]
            if not -(end - start) <= index < end - start:
                return AttributeRuler.set_annotations(self.ruler, doc, matches)  # type: ignore[no-any-return]
            targets.append((start + index if index >= 0 else end + index, attrs[entry]))
        for position, values in targets:
            set_token_attrs(doc[position], values)
        return None


# Distinct token attribute sets `RuleIndex` remembers before it starts again (a few MB).
MAX_KNOWN_TOKENS = 100_000


class _AnchoredPatterns:
    """Patterns filed under an exact value they ask of one of their tokens; those asking none are always candidates.

    `candidates(row)` gives the patterns a token with these attributes may
    be part of, each with the token's offset in it.
    """

    def __init__(self, patterns: list[_Pattern]) -> None:
        self.patterns = patterns
        self.by_value: list[dict[int, list[tuple[_Pattern, int]]]] = [{} for _ in _COLUMNS]
        self.always: list[tuple[_Pattern, int]] = []
        for pattern in patterns:
            anchor = pattern.anchor()
            if anchor is None:
                self.always.append((pattern, 0))
                continue
            offset, check = anchor
            values = check.value if check.kind == "in" else (check.value,)
            for value in values:
                self.by_value[check.column].setdefault(value, []).append((pattern, offset))
        self.indexes = [(column, index) for column, index in enumerate(self.by_value) if index]

    def candidates(self, row: tuple[int, ...]) -> list[tuple[_Pattern, int]]:
        found = list(self.always)
        for column, index in self.indexes:
            named = index.get(row[column])
            if named:
                found.extend(named)
        return found


def speed_up_rule_pipes(nlp: Language) -> None:
    """Give the model's attribute ruler and rule lemmatizer the cheaper, identical ways of this module."""
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        cache_every_lemma(nlp.get_pipe("lemmatizer"))


def index_attribute_ruler(ruler: Any) -> bool:
    """Have `ruler` find its matches through a `RuleIndex`; False (and left alone) if a pattern is not one it reads."""
    from spacy.pipeline import AttributeRuler

    if type(ruler) is not AttributeRuler or type(ruler).match is not AttributeRuler.match:
        return False
    index = build_rule_index(ruler)
    if index is None:
        return False
    # This instance's matching and setting, the class untouched.
    ruler.match = index.match  # type: ignore[method-assign]
    ruler.set_annotations = index.set_annotations  # type: ignore[method-assign]
    return True


def build_rule_index(ruler: Any) -> RuleIndex | None:
    """The ruler's patterns as a `RuleIndex`, or None when one uses an operator or attribute not handled here."""
    from spacy.attrs import IDS
    from spacy.strings import get_string_id

    vocab = ruler.vocab
    patterns: list[_Pattern] = []
    for number, entry in enumerate(ruler.patterns):
        match_id = vocab.strings.add(str(number))
        for tokens in entry["patterns"]:
            checks = [_token_checks(spec, vocab, get_string_id) for spec in tokens]
            if not checks or None in checks:
                return None
            patterns.append(_Pattern.of(number, match_id, [c for c in checks if c is not None]))
    return RuleIndex(ruler, patterns, [IDS[name] for name in _COLUMNS])


def _token_checks(spec: dict[str, Any], vocab: Any, string_id: Callable[[str], int]) -> tuple[_Check, ...] | None:
    """The tests of one token spec of a Matcher pattern, as the Matcher reads them; None if one is not handled."""
    checks = []
    for name, value in spec.items():
        name = "ORTH" if name.upper() == "TEXT" else name.upper()
        if name not in _COLUMNS:
            return None
        column = _COLUMNS.index(name)
        if isinstance(value, bool):
            checks.append(_Check(column, "eq", int(value)))
        elif isinstance(value, str):
            checks.append(_Check(column, "eq", vocab.strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            check = _operator_check(column, *next(iter(value.items())), string_id)
            if check is None:
                return None
            checks.append(check)
        else:
            return None
    return tuple(checks)


def _operator_check(column: int, operator: str, value: Any, string_id: Callable[[str], int]) -> _Check | None:
    if operator in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return _Check(column, operator.lower(), frozenset(string_id(v) for v in value))
    if operator == "REGEX" and isinstance(value, str):
        return _Check(column, "regex", re.compile(value))
    return None


def cache_every_lemma(lemmatizer: Any) -> bool:
    """Cache the rule lemmatizer's result for every (word, part of speech, morphology); False if not that lemmatizer.

    spaCy's `rule_lemmatize` reads only the token's text, `pos_` and
    `morph` (and `is_base_form`, English's or the default, the same two), so
    the cached result is the one it would compute again.
    """
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    kind = type(lemmatizer)
    if kind not in (Lemmatizer, EnglishLemmatizer) or getattr(lemmatizer, "mode", None) != "rule":
        return False
    _index_words_as_sets(lemmatizer.lookups)
    lemmatizer.lemmatize = CachedLemmas(lemmatizer.rule_lemmatize)
    return True


def _index_words_as_sets(lookups: Any) -> None:
    """Let `form in index` (spaCy's test of a candidate lemma) look the form up instead of scanning a list.

    The "lemma_index" table holds a list of known words per part of speech
    (57,528 nouns): each new word the rules try scanned them. The lists are
    kept (same items, same order, serialised alike) with a set beside them.
    """
    if "lemma_index" not in lookups.tables:
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if type(words) is list and all(isinstance(word, str) for word in words):
            table[key] = WordList(words)


class WordList(list[str]):
    """A list of words whose `in` is a set lookup (the same answer for strings, without the scan)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self.members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self.members


class CachedLemmas:
    """A rule lemmatizer's `rule_lemmatize` with every result kept by (word, part of speech, morphology)."""

    def __init__(self, rules: Callable[[Token], list[str]]) -> None:
        self.rules = rules
        self.known: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # as spaCy's own cache key
        found = self.known.get(key)
        if found is None:
            if len(self.known) > MAX_KNOWN_TOKENS:
                self.known.clear()
            found = self.known[key] = self.rules(token)
        return found
