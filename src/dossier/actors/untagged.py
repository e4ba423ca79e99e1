"""Names the entity tagger missed: a capitalised proper noun in an argument slot is someone.

The small English model leaves some names untagged ("an investigation
against Oommen Chandy", "found Barbarin guilty"): no PERSON or ORG entity,
so no earlier step reads them. A chain of capitalised proper nouns that is
the object, the object of a preposition that names a party or the subject
of an adjective small clause,
and that no other step, list or gazetteer place claims, is a named actor
with no code, like an organisation the knowledge base does not list. The
events stage pairs such a name only with a coded actor.

A verb's subject is read only when an apposition describes it as a person
(coverage round 11: "Agnes Callamard, the special rapporteur for X,
conducted ..."); a bare name there was measured and left out (on news it
took "God", a region on a sign, a firm for people). Such a person, with
no code, carries an event alone only where its sentence tells nothing
else (the events stage's last resort).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
from spacy.attrs import DEP, ENT_TYPE, POS
from spacy.symbols import PROPN

from dossier.actors.modifiers import clean_name
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Slots of a name that is acted upon: an object, or the subject of a small clause ("found X guilty").
ARGUMENT_DEPS = frozenset({"nsubj", "dobj", "pobj"})
# Prepositions whose object is a party ("against X", "with X"), not a place or a time ("in X", "on Monday").
PARTY_PREPOSITIONS = frozenset({"against", "with", "to", "toward", "towards", "from", "by", "for", "into"})
MAX_NAME_TOKENS = 3


def find_untagged_names(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add an uncoded name mention for each untagged proper-noun chain in an argument slot."""
    doc = inputs.doc
    for i in _untagged_proper_nouns_in_argument_slots(doc):
        head = doc[i]
        if not _is_untagged_name(head) or head.dep_ not in ARGUMENT_DEPS:
            continue
        if head.dep_ == "pobj" and head.head.lower_ not in PARTY_PREPOSITIONS:
            continue
        described = _described_person(head, found)
        if head.dep_ == "nsubj" and head.head.pos_ != "ADJ" and not described:
            continue  # subjects are sources: the steps before read those, an untagged one is too loose
        start = head.i
        while start > 0 and doc[start - 1].dep_ == "compound" and _is_untagged_name(doc[start - 1]):
            start -= 1
        end = head.i + 1
        opens_sentence = start == inputs.sentence_bounds(i)[0] and not described
        if end - start > MAX_NAME_TOKENS or opens_sentence or not found.is_free(start, end):
            continue  # a sentence's first word is capitalised whatever it is
        if any(inputs.names.hit_at(k) for k in range(start, end)):
            continue  # a word the lists know, read (or left) by the steps before
        name = clean_name(inputs, start, end)
        if inputs.places.places.get(name.lower()):
            continue  # a place, not a party
        found.add(Draft(start, end, ActorRef(None, name, None, None), "name", person=name if described else None))


def _described_person(head: Token, found: FoundMentions) -> bool:
    """A verb's subject that an apposition headed by a singular common noun describes ("Agnes Callamard,
    the special rapporteur for X, conducted ..."): a person the text names, whatever the tagger made of
    the name, even opening the sentence. As a person with no code it acts only where its sentence tells
    nothing else (the events stage's last resort). Coverage round 11 (issue 15).

    An apposition the earlier steps read as an actor ("X, the spokesman of the army,") already stands
    for the subject, as it does when no name is found: the name is left to it."""
    if head.dep_ != "nsubj" or head.head.pos_ not in ("VERB", "AUX"):
        return False
    return any(child.dep_ == "appos" and child.tag_ == "NN" and not found.is_taken(child.i) for child in head.children)


def _untagged_proper_nouns_in_argument_slots(doc: Doc) -> list[int]:
    """Indexes of the proper nouns outside any entity that are a subject or an object: the words the step
    reads further, found from the doc's tag arrays in one pass instead of a Token for every word."""
    pos, entity, dep = doc.to_array([POS, ENT_TYPE, DEP]).T
    in_slot = numpy.zeros(len(doc), dtype=bool)
    for name in ARGUMENT_DEPS:  # three comparisons cost less than numpy.isin on arrays this size
        in_slot |= dep == doc.vocab.strings[name]
    found: list[int] = numpy.flatnonzero((pos == PROPN) & (entity == 0) & in_slot).tolist()
    return found


def _is_untagged_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and not token.ent_type_ and _is_capitalised_word(token.text)


def _is_capitalised_word(text: str) -> bool:
    return text[:1].isupper() and text.isalpha()
