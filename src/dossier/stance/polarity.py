"""Signs along a walk: stance words, negators, obligations and intensifiers.

Each function reads one token's contribution and multiplies it into the
walk's `Path`: the sign of a stance word, a flip for each negator, the
speaker's mode for an obligation ("must", "needs to"), a boost for "strongly".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.stance.context import VERB_POS, Path, Reading
from dossier.stance.lexicon import LexiconEntry
from dossier.stance.matching import Occurrence

if TYPE_CHECKING:
    from spacy.tokens import Token

# A negated stance word is weaker evidence than a plain one: "did not oppose"
# is less than "supported". Set so that a negated strong cue (0.8) lands near
# a hedge (0.5).
NEGATION_FACTOR = 0.6
NEGATOR_DEPS = frozenset({"neg", "det", "advmod", "amod", "npadvmod"})


def apply_occurrence(reading: Reading, occurrence: Occurrence | None, path: Path, mode: str | None = None) -> None:
    """Multiply in a stance word, change or evaluation (once), with the negators on its words."""
    if occurrence is None or occurrence.tokens in path.applied:
        return
    path.applied.add(occurrence.tokens)
    path.tokens.extend(occurrence.tokens)
    path.polarity *= occurrence.polarity
    for i in occurrence.tokens:
        apply_negation(reading, reading.doc[i], path)
    if occurrence.kind == "direction":
        path.changed = True
        return
    path.strength = occurrence.strength + intensity(reading, occurrence)
    path.mode = mode or ("holder" if occurrence.kind == "cue" else "speaker")
    if path.mode == "holder" and modal_of(reading, reading.doc[occurrence.tokens[0]]) is not None:
        path.mode = "speaker"  # "the US should refuse X": a stance of whoever says so


def apply_denial(reading: Reading, clause: Token, path: Path) -> None:
    """ "Tokyo denied that Japan backed X": the clause's stance is negated."""
    if clause.dep_ == "ccomp" and clause.head.pos_ in VERB_POS and reading.is_word(clause.head, "negator"):
        flip(path, clause.head)


def flip(path: Path, negator: Token) -> None:
    key = (-1 - negator.i,)  # each negator counts once, however it is reached
    if key in path.applied:
        return
    path.applied.add(key)
    path.polarity *= -1
    path.factor *= NEGATION_FACTOR
    path.tokens.append(negator.i)


def apply_negation(reading: Reading, token: Token, path: Path) -> None:
    """Flip the sign for each negator attached to the token ("not", "no", "little")."""
    heads = [token]
    if token.dep_ in ("acomp", "attr", "xcomp") and reading.is_word(token.head, "transparent"):
        heads.append(token.head)  # "is not opposed to": the negator hangs on the copula
    for each in heads:
        for child in each.children:
            if child.dep_ in NEGATOR_DEPS and reading.is_word(child, "negator"):
                flip(path, child)


def apply_obligation(reading: Reading, verb: Token, path: Path) -> None:
    """A modal of obligation over a change, or over the issue itself, is a stance of whoever says it."""
    if path.mode == "holder" or verb.pos_ not in VERB_POS:
        return
    if not (path.changed or reading.has_issue_at(verb.i)):
        return
    modal = modal_of(reading, verb)
    if modal is None:
        return
    path.mode = "speaker"
    path.strength = max(path.strength, modal.strength)
    path.tokens.append(verb.i)


def modal_of(reading: Reading, verb: Token) -> LexiconEntry | None:
    """The modal that governs a verb: its auxiliary ("must"), or "need to" above it."""
    modals = reading.tables.modals
    for child in verb.children:
        if child.dep_ == "aux":
            entry = modals.get(child)
            if entry is not None and (entry.phrase.size == 1 or _next_word(child) == "to"):
                return entry  # "must", "ought to"; not the "has" of "has never supported"
    if verb.dep_ == "xcomp" and is_modal_head(reading, verb.head):
        return modals.get(verb.head)
    return None


def is_modal_head(reading: Reading, token: Token) -> bool:
    """ "need" or "have" with an infinitive: "needs to tighten"."""
    entry = reading.tables.modals.get(token)
    return entry is not None and entry.phrase.size > 1 and any(c.dep_ == "xcomp" for c in token.children)


def intensity(reading: Reading, occurrence: Occurrence) -> float:
    """What intensifiers on a stance word add to its strength ("strongly opposes")."""
    intensifiers = reading.tables.words["intensifier"]
    boost = 0.0
    for i in occurrence.tokens:
        token = reading.doc[i]
        heads = [token, token.head] if token.dep_ in ("acomp", "xcomp") else [token]
        for each in heads:
            for child in each.children:
                entry = intensifiers.get(child)
                if entry is not None and child.dep_ in ("advmod", "amod"):
                    boost += entry.strength
    return boost


def _next_word(token: Token) -> str:
    return token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
