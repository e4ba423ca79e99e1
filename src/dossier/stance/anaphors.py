"""Stances on what an earlier stance asked for: "Y dismissed such a call", "China opposes it"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.stance.context import NOUN_POS, Path, Reading
from dossier.stance.findings import Finding
from dossier.stance.walk import walk

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A stance read through "such a call" rests on resolving the noun; slightly weaker.
ANAPHOR_FACTOR = 0.9
ANAPHOR_DETERMINERS = frozenset({"such", "this", "that", "these", "those", "the"})


def read_anaphors(reading: Reading, sentence: Span, found: list[Finding], previous: list[Finding]) -> list[Finding]:
    """ "Y dismissed such a call": Y's stance on what the earlier call asked for."""
    results: list[Finding] = []
    anaphors = reading.tables.words["anaphor"]
    for token in sentence:
        issue = issue_pronoun(reading, token, sentence)
        if issue is not None:  # "Japan wants an embargo, but China opposes it"
            results.extend(walk(reading, token, Path(issue, tokens=[token.i])))
            continue
        entry = anaphors.get(token)
        if entry is None or token.pos_ not in NOUN_POS or not points_back(token):
            continue
        if any(reading.has_issue_at(t.i) for t in token.subtree):
            continue
        antecedent = find_antecedent(token, entry.polarity, found, previous)
        if antecedent is None:
            continue
        path = Path(antecedent.issue, polarity=antecedent.polarity, factor=ANAPHOR_FACTOR, tokens=[token.i])
        for finding in walk(reading, token, path):
            if finding.actor != antecedent.actor:  # "X pushed for A, and X repeated the call" adds nothing
                results.append(finding)
    return results


def issue_pronoun(reading: Reading, token: Token, sentence: Span) -> str | None:
    """The issue an object "it" stands for: the last issue named before it in the sentence."""
    if token.lower_ != "it" or token.dep_ not in ("dobj", "pobj") or reading.index.at(token) is not None:
        return None
    before = [occ for t in sentence if t.i < token.i for occ in reading.at(t.i) if occ.kind == "issue"]
    return before[-1].issue if before else None


def points_back(noun: Token) -> bool:
    """ "such a call", "the idea", "this proposal" with nothing that says what it asks for."""
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "amod")}
    if not determiners & ANAPHOR_DETERMINERS:
        return False
    return not any(c.dep_ in ("prep", "acl", "relcl", "poss") for c in noun.children)


def find_antecedent(noun: Token, polarity: int, found: list[Finding], previous: list[Finding]) -> Finding | None:
    """The nearest earlier stance of the anaphor's side: first in the sentence, then in the last one."""
    before = [f for f in found if f.tokens and max(f.tokens) < noun.i and f.polarity == polarity]
    if before:
        return max(before, key=lambda f: max(f.tokens))
    earlier = [f for f in previous if f.polarity == polarity]
    return max(earlier, key=lambda f: max(f.tokens)) if earlier else None
