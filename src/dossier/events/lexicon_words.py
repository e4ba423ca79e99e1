"""Which tokens of a document the events lexicon may code, read from its attribute arrays in one pass.

`coder.code_sentence` tries only these against the lexicon's patterns
(`predicates`); `repair_verb_lemma` undoes a tagger's wrong lemma of a
regular verb form.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from dossier.events import cameo

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc


class LexiconWords:
    """The tokens of a document the lexicon may code, found from its attribute arrays in one pass.

    `code_sentence` tries each verb, adjective and noun of a sentence against
    the lexicon, and most are in neither list: making a spaCy Token for each
    (and reading its strings) cost more than the test. Read here as integers,
    a token is kept when its lemma (or for a verb its repaired lemma, for a
    noun a sum of money or a hyphenated form, as `noun_lemma` reads it) may be
    a lexicon key: a superset of the tokens coded, so skipping the others
    changes no result.
    """

    def __init__(self, doc: Doc, lexicon: cameo.Lexicon) -> None:
        # Imported here: the main process of a run reads this module (the event merge) but never a Doc,
        # and importing spaCy there would cost it half a second and 20 MB.
        from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH, POS
        from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB

        strings = doc.vocab.strings
        money, hyphen = strings["MONEY"], strings["-"]  # their ids, as the arrays hold them
        pos, lemmas, forms, entities, texts = doc.to_array([POS, LEMMA, LOWER, ENT_TYPE, ORTH]).T

        def lemma_kind(lemma: str) -> int:
            lowered = lemma.lower()
            noun = lowered in lexicon.nouns or lowered in lexicon.agents
            return (VERB_KEY if lowered in lexicon.verbs else 0) | (NOUN_KEY if noun else 0)

        def form_kind(form: str) -> int:
            return VERB_KEY if repair_verb_lemma(form, lexicon.verbs) is not None else 0

        kinds = _string_kinds(lemmas, strings, lexicon.lemma_kinds, lemma_kind)
        verb_key, noun_key = (kinds & VERB_KEY) > 0, (kinds & NOUN_KEY) > 0
        verbal = (pos == VERB) | (pos == AUX)
        repairable = np.zeros(len(pos), dtype=bool)
        unknown_verbs = verbal & ~verb_key
        repairable[unknown_verbs] = (
            _string_kinds(forms[unknown_verbs], strings, lexicon.repairable_forms, form_kind) > 0
        )
        after_hyphen = np.zeros(len(pos), dtype=bool)
        after_hyphen[2:] = texts[1:-1] == hyphen  # "cease-fire": `noun_lemma` may join the two words
        nominal = ((pos == NOUN) | (pos == PROPN)) & (noun_key | (entities == money) | after_hyphen)
        # A noun with a verb's key: "hand" in "Germany and UNICEF hand over 30 vehicles", tagged a noun.
        known = (verbal & (verb_key | repairable)) | ((pos == ADJ) & verb_key) | nominal | ((pos == NOUN) & verb_key)
        self.indices: list[int] = np.flatnonzero(known).tolist()

    def between(self, start: int, end: int) -> list[int]:
        """The indices of the tokens the lexicon may code from `start` to `end` (exclusive), in order."""
        return self.indices[bisect_left(self.indices, start) : bisect_left(self.indices, end)]


# What a string is to the lexicon (`LexiconWords`), as bits: a verb key, a noun key.
VERB_KEY, NOUN_KEY = 1, 2

# A memo of `_string_kinds` is emptied past this many strings: a long run meets new names and misspellings
# without end, and the memo only saves work.
MAX_KNOWN_STRINGS = 100_000


def _string_kinds(
    keys: np.ndarray, strings: StringStore, memo: dict[int, int], kind_of: Callable[[str], int]
) -> np.ndarray:
    """`kind_of` the string of each id in `keys`, from `memo` where it was read before (then kept there)."""
    distinct, where = np.unique(keys, return_inverse=True)
    kinds: list[int] = []
    for key in distinct.tolist():
        kind = memo.get(key)
        if kind is None:
            if len(memo) >= MAX_KNOWN_STRINGS:
                memo.clear()
            kind = memo[key] = kind_of(strings[key])
        kinds.append(kind)
    return np.array(kinds, dtype=np.uint8)[where.reshape(-1)]


def repair_verb_lemma(form: str, verbs: Mapping[str, object]) -> str | None:
    """The lexicon lemma of an inflected verb whose lemma the tagger got wrong ("hoped" -> "hop", "staged" -> "stag").

    Only regular endings are undone, and only a form the lexicon knows is
    returned, so a verb outside the lexicon stays outside it.

    Example:
        >>> repair_verb_lemma("hoped", {"hope": ()}), repair_verb_lemma("hopped", {"hope": ()})
        ('hope', None)
    """
    candidates: list[str] = []
    if form.endswith("ied"):
        candidates.append(form[:-3] + "y")
    if form.endswith("ed"):
        candidates += [form[:-1], form[:-2]]
        if len(form) > 4 and form[-3] == form[-4]:
            candidates.append(form[:-3])  # "planned" -> "plan"
    if form.endswith("ing"):
        candidates += [form[:-3], form[:-3] + "e"]
    if form.endswith("ies"):
        candidates.append(form[:-3] + "y")
    if form.endswith("es"):
        candidates.append(form[:-2])
    if form.endswith("s"):
        candidates.append(form[:-1])
    return next((c for c in candidates if c in verbs), None)
