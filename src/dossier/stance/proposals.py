"""Issues proposed from the article when no issues file is given: the nouns stance words govern.

Over a corpus, an issue proposed from the reports stands only when it is
seen in `MIN_PROPOSED_REPORTS` reports or held by `MIN_PROPOSED_HOLDERS`
actors (`supported_proposals`): one word in one report is what a reader
happened to write, not a question actors take sides on.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.datafiles import read_lines
from dossier.stance.context import NOUN_POS, Reading
from dossier.stance.lexicon import normalise_word
from dossier.stance.matching import Occurrence

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PROPOSED_PREFIX = "proposed:"
# Named things that are actors, places or times, never issues of their own.
NON_ISSUE_ENTITIES = frozenset(
    {
        "PERSON",
        "GPE",
        "NORP",
        "LOC",
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "FAC",
        "ORG",
    }
)
# How many prepositions and "of" nouns a proposed issue may sit below its stance word.
MAX_GOVERNING_STEPS = 4
# Endings of nouns of an action a policy takes or allows ("legalization", "deportation", "protectionism").
# "-ment" and "-ance" are left out: they end as many nouns of speech ("statement", "assurance") as of
# policy; those of policy ("deployment", "disarmament") are listed in POLICY_NOUNS_FILE.
POLICY_SUFFIXES = ("tion", "sion", "ism")
POLICY_NOUNS_FILE = Path(__file__).parent / "data" / "policy_nouns.txt"
# A proposed issue is listed when this many reports mention it, or this many actors take a side on it.
MIN_PROPOSED_REPORTS = 2
MIN_PROPOSED_HOLDERS = 2


def supported_proposals(stances: Iterable[dict[str, Any]]) -> set[str]:
    """The proposed issues seen in two reports or held by two actors (code and name), of stance records.

    Example:
        >>> one = {"issue": "proposed:tariff", "article_id": "a", "actor": {"code": "CAN", "name": "Canada"}}
        >>> supported_proposals([one]), supported_proposals([one, {**one, "article_id": "b"}])
        (set(), {'proposed:tariff'})
    """
    reports: dict[str, set[str]] = {}
    holders: dict[str, set[tuple[str, str]]] = {}
    for stance in stances:
        issue = str(stance.get("issue") or "")
        if not issue.startswith(PROPOSED_PREFIX):
            continue
        actor = stance.get("actor") or {}
        reports.setdefault(issue, set()).add(str(stance.get("article_id")))
        holders.setdefault(issue, set()).add((str(actor.get("code") or ""), str(actor.get("name") or "")))
    return {
        issue
        for issue in reports
        if len(reports[issue]) >= MIN_PROPOSED_REPORTS or len(holders[issue]) >= MIN_PROPOSED_HOLDERS
    }


def propose_issues(reading: Reading, sentence: Span) -> list[Occurrence]:
    """Without an issues file: the nouns that a stance word or change governs, named `proposed:<lemma>`."""
    proposed = []
    for token in sentence:
        if not _may_be_issue(reading, token):
            continue
        if governed_by_stance(reading, token):
            modifiers = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
            words = [normalise_word(t.lemma_) for t in [*modifiers, token]]
            if not modifiers and not names_policy_question(words[-1]):
                continue
            tokens = tuple(sorted(t.i for t in [*modifiers, token]))
            proposed.append(Occurrence(tokens, "issue", 1, 1.0, PROPOSED_PREFIX + "_".join(words)))
    return proposed


def names_policy_question(lemma: str) -> bool:
    """A bare noun proposed on its own: a policy noun ("tariff", "embargo") or an abstract noun of action.

    Example:
        >>> names_policy_question("tariff"), names_policy_question("legalization"), names_policy_question("guy")
        (True, True, False)
    """
    return lemma in policy_nouns() or (len(lemma) > 6 and lemma.endswith(POLICY_SUFFIXES))


@lru_cache(maxsize=1)
def policy_nouns() -> frozenset[str]:
    return frozenset(line.strip().lower() for _number, line in read_lines(POLICY_NOUNS_FILE))


def _may_be_issue(reading: Reading, token: Token) -> bool:
    """A common noun that names no actor, place or time, no stance word and no generic word."""
    if token.pos_ not in NOUN_POS or reading.index.at(token) is not None or token.ent_type_ in NON_ISSUE_ENTITIES:
        return False
    if not token.is_alpha or is_addressee(token):
        return False
    if token.dep_ == "compound" or reading.at(token.i) or token.like_num:
        return False
    if any(reading.tables.words[kind].get(token) for kind in ("generic", "anaphor")):
        return False
    # "the intensity of sanctions": the noun after "of" is the issue
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def is_addressee(noun: Token) -> bool:
    """The object of "urged X to ...", "persuaded X to ...": whom a stance is pressed on, not an issue."""
    return noun.dep_ in ("dobj", "obj") and any(c.dep_ == "xcomp" for c in noun.head.children)


def governed_by_stance(reading: Reading, noun: Token) -> bool:
    """A stance word governs the noun directly or through prepositions and "of" nouns."""
    token = noun
    for _ in range(MAX_GOVERNING_STEPS):  # "calls for X", "the idea of tightening X", "the intensity of X"
        if token.dep_ not in ("dobj", "obj", "pobj", "nsubjpass", "pcomp", "prep"):
            return False
        head = token.head
        if reading.stance_occurrence(head) is not None:
            return True
        through_of = token.lower_ == "of" and head.pos_ in NOUN_POS
        if head.pos_ != "ADP" and not through_of:
            return False
        token = head
    return False
