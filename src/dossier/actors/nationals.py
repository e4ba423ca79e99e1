"""Things of a nation: "a Turkish ship", "Chinese goods", "a Yemeni school bus".

CAMEO codes a noun phrase whose only actor word is a nationality adjective as
that country: "seized a Turkish vessel" is an act on TUR, "tariffs on Chinese
goods" are tariffs on CHN. The earlier steps take every nationality that
belongs to a person, a role noun or a named body; one still free here
modifies a thing, and the thing stands for its country. Only where the noun
phrase is a participant (a subject, an object, the object of a preposition
that is not a place: "in Turkish waters" is where something happens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.actors.codes import code_of, country_actor
from dossier.actors.countries import PLACE_PREPOSITIONS
from dossier.actors.state import ArticleInputs, Draft, FoundMentions

if TYPE_CHECKING:
    from spacy.tokens import Token

# Where a noun phrase is a participant in what the sentence tells.
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos"})
# Prepositions whose object is when something happens ("during the Turkish operation").
TIME_PREPOSITIONS = frozenset({"during", "after", "before", "amid", "since", "until", "following"})
# Words inside the noun phrase between the nationality and its noun ("a Yemeni school bus").
NOUN_PHRASE_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "punct", "hmod", "hyph"})
# Nouns for a state: "a former Soviet republic", "a former French colony" is another state than the adjective's.
STATE_NOUNS = frozenset(
    {"republic", "state", "country", "nation", "colony", "territory", "satellite", "bloc", "protectorate", "space"}
)
# What a hyphen joins after a nationality to make a time or a manner of it ("Soviet-era tanks", "Soviet-style").
NOT_OWNER_SUFFIXES = frozenset({"era", "style"})


def find_national_things(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add a country mention for every free nationality adjective that modifies a participating thing."""
    for hit in inputs.names.in_order:
        demonyms = [e for e in hit.entries if e.kind == "demonym" and e.code]
        if not demonyms:
            continue
        start, end = hit.start, hit.end
        if _inside_region_name(inputs, start):
            continue  # "South American countries" are no country's
        if _of_another_time(inputs, start, end):
            continue  # "post-Soviet states", "Soviet-era tanks": no act of the country
        head = _modified_noun(inputs.doc[end - 1], end)
        if head is None or not found.is_free(start, head.i + 1) or not _participates(head):
            continue
        if _owned_by_actor(found, head):
            continue  # "the Egyptian affiliate of the Islamic State" is the group's
        if head.lemma_.lower() in STATE_NOUNS and start > 0 and inputs.texts[start - 1].lower() == "former":
            continue  # "a former Soviet republic" is another state
        found.add(Draft(start, head.i + 1, country_actor(inputs.kb, code_of(demonyms[0])), "metonym"))


def _inside_region_name(inputs: ArticleInputs, start: int) -> bool:
    """ "South American", "Latin American": a capitalised word that modifies the nationality itself."""
    if start == 0:
        return False
    before = inputs.doc[start - 1]
    return before.text[:1].isupper() and before.head.i == start and before.dep_ in ("amod", "compound", "nmod")


def _of_another_time(inputs: ArticleInputs, start: int, end: int) -> bool:
    """ "post-Soviet", "ex-Soviet", "Soviet-era", "Soviet-style": the nationality dates or styles a thing."""
    texts, doc = inputs.texts, inputs.doc
    joined_before = start >= 2 and texts[start - 1] == "-" and not doc[start - 2].whitespace_
    if joined_before and texts[start - 2].lower() in ("post", "ex"):
        return True
    joined_after = end + 1 < len(texts) and texts[end] == "-" and not doc[end - 1].whitespace_
    return joined_after and texts[end + 1].lower() in NOT_OWNER_SUFFIXES


def _owned_by_actor(found: FoundMentions, head: Token) -> bool:
    """The thing belongs to an actor named in its "of" phrase ("the Russian branch of the church")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            if any(found.is_taken(t.i) for t in prep.subtree if t.i != prep.i):
                return True
    return False


def _modified_noun(adjective: Token, end: int) -> Token | None:
    """The common noun a nationality adjective modifies, across the other modifiers of the phrase."""
    if adjective.dep_ not in ("amod", "compound", "nmod") or adjective.head.i < end:
        return None
    head = adjective.head
    while head.dep_ in ("compound", "nmod") and head.head.i > head.i:
        head = head.head  # "Yemeni school bus": the bus, not the school
    if head.pos_ != "NOUN":
        return None
    between = head.doc[end : head.i]
    return head if all(t.dep_ in NOUN_PHRASE_DEPS or t.pos_ == "ADJ" for t in between) else None


def _participates(head: Token) -> bool:
    """The noun phrase is a subject or an object, not the place or time of the act."""
    if head.dep_ not in PARTICIPANT_DEPS:
        return False
    if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS | TIME_PREPOSITIONS:
        return False  # "in Turkish waters", "during the Turkish operation"
    return head.ent_type_ not in ("DATE", "TIME", "LANGUAGE")
