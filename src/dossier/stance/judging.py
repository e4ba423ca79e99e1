"""Evaluations: what judges an issue rather than taking a side on it by a stance word.

"sanctions are useless", "called the plan dangerous", "described X as
useless", and the stance noun a light verb carries ("showed little
enthusiasm to ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.events.participants import conjuncts
from dossier.stance.context import Reading
from dossier.stance.matching import Occurrence

if TYPE_CHECKING:
    from spacy.tokens import Token


def judges_subject(reading: Reading, head: Token) -> bool:
    """The issue is the subject of an evaluation: "sanctions are useless", "the plan does not help"."""
    if reading.occurrence(head, "evaluation") is not None:
        return True
    return reading.is_word(head, "transparent") and predicate_evaluation(reading, head) is not None


def predicate_evaluation(reading: Reading, copula: Token) -> Occurrence | None:
    """The evaluation a copula predicates of its subject ("are useless")."""
    for child in copula.children:
        if child.dep_ in ("acomp", "attr", "oprd"):
            for each in conjuncts(child):
                found = reading.occurrence(each, "evaluation")
                if found is not None:
                    return found
    return None


def described_as(reading: Reading, verb: Token, obj: Token | None = None) -> Occurrence | None:
    """An evaluation of a verb's object: "called the plan dangerous", "described X as useless"."""
    # "X as useless" and a predicative adjective after the object ("called the plan
    # dangerous") hang on the object in the parse as often as on the verb.
    on_object = [] if obj is None else [c for c in obj.children if _judges_object(c, obj)]
    for child in [*verb.children, *on_object]:
        candidates: list[Token] = []
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):
            candidates = conjuncts(child)
        elif child.dep_ == "prep" and child.lower_ == "as":
            candidates = [g for c in child.children for g in [c, *conjuncts(c)]]
        elif child.dep_ == "amod":
            candidates = conjuncts(child)
        for each in candidates:
            found = reading.occurrence(each, "evaluation")
            if found is not None:
                return found
    return None


def _judges_object(child: Token, obj: Token) -> bool:
    """ "as useless" on the object, or an adjective after it."""
    return (child.dep_ == "prep" and child.lower_ == "as") or (child.dep_ == "amod" and child.i > obj.i)


def light_object(reading: Reading, verb: Token) -> Occurrence | None:
    """The stance noun carried by a light verb: "showed little enthusiasm to ..."."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            found = reading.occurrence(child, "cue")
            if found is not None:
                return found
    return None
