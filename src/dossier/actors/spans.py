"""Reading the parsed text around a span: sentences, subjects, determiners, larger names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dossier.actors.state import ArticleInputs, FoundMentions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Prepositions before a name's owner: "the government of Japan", "Concerned Veterans for America".
OWNER_PREPOSITIONS = frozenset({"of", "for"})


def is_subject(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass")


def include_determiner(doc: Doc, found: FoundMentions, start: int, end: int | None = None) -> int:
    """Take in a "the" that belongs to the mention ("the US"), not one of a noun it modifies ("the Syria crisis")."""
    if start > 0 and doc[start - 1].lower_ == "the" and not found.is_taken(start - 1):
        if end is None or start <= doc[start - 1].head.i < end:
            return start - 1
    return start


def part_of_longer_name(inputs: ArticleInputs, start: int, end: int) -> bool:
    """A place name inside a longer proper name: "Wales" in "New South Wales", "Mexico" in "New Mexico"."""
    if follows_proper_name(inputs, start):
        return True
    return inside_larger_entity(inputs, start, end, ("GPE", "LOC", "FAC", "PERSON"))


def follows_proper_name(inputs: ArticleInputs, start: int) -> bool:
    doc = inputs.doc
    before = doc[start - 1] if start > 0 else None
    if before is None or before.pos_ != "PROPN" or not before.text[:1].isupper():
        return False
    if any(entry.kind != "contextual" for entry in inputs.names.entries_at(start - 1)):
        return False
    return before.dep_ == "compound" or (before.ent_iob_ != "O" and before.ent_type_ == doc[start].ent_type_)


def inside_larger_entity(inputs: ArticleInputs, start: int, end: int, labels: Iterable[str]) -> bool:
    """True when a spaCy entity of these labels strictly contains the span ("Bank of Korea")."""
    entity = inputs.doc[start].ent_type_
    if not entity or entity not in labels:
        return False
    ent = inputs.entity_holding(start)
    if ent is not None and end <= ent.end:
        words = [t.text for t in ent if not (t.i == ent.start and t.lower_ == "the") and t.text not in ("'s", "’s")]
        return len(words) > (end - start) and not inputs.kb.lookup(tuple(words))
    return False
