"""Countries and the known bodies that stand for them.

Countries, IGOs, armed groups and NGOs by name; seats of government ("the
Kremlin") and capitals ("Pyongyang said") as metonyms, never where they are
a place (the object of "in"/"at", a dateline, part of a longer name);
nationalities as nouns ("Russians"); "the North"/"the South" where the
article has named a country they can stand for.
"""

from __future__ import annotations

from dossier.actors.blocs import igo_description_end
from dossier.actors.codes import code_of, country_actor, nonstate_actor, organisation_of_country
from dossier.actors.knowledge import PARTY_ROLE
from dossier.actors.place_words import MOTION_VERBS
from dossier.actors.spans import OWNER_PREPOSITIONS, follows_proper_name, include_determiner, inside_larger_entity
from dossier.actors.state import ArticleInputs, Draft, FoundMentions

# Prepositions whose object is a place, not an actor ("a briefing in Beijing").
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "around",
        "across",
        "throughout",
        "within",
        "via",
        "into",
        "toward",
        "towards",
    }
)
# Entity labels of a longer name that a country, IGO or group name inside it belongs to.
NAMED_THINGS = ("ORG", "PERSON", "WORK_OF_ART", "LAW")


def find_places_and_organisations(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add a mention for every known country, IGO, non-state actor, seat or capital used as an actor."""
    doc = inputs.doc
    kb = inputs.kb
    mentioned: set[str] = {d.actor.country for d in found.drafts if d.actor.country}
    for hit in inputs.names.in_order:
        if not found.is_free(hit.start, hit.end):
            continue
        start, end = hit.start, hit.end
        with_the = include_determiner(doc, found, start, end)
        kinds = {entry.kind: entry for entry in hit.entries}
        if "seat" in kinds:
            entry = kinds["seat"]
            modifier = doc[end - 1].dep_ == "compound" and doc[end - 1].head.pos_ == "NOUN"  # "a Kremlin term"
            place = _is_place(inputs, with_the, end)  # "met at the Kremlin"
            if not modifier and not place and not inside_larger_entity(inputs, start, end, ("ORG", "FAC", "PERSON")):
                found.add(Draft(with_the, end, country_actor(kb, code_of(entry), entry.role), "metonym"))
        elif "igo" in kinds:
            end = igo_description_end(inputs, found, end)
            if not inside_larger_entity(inputs, start, end, NAMED_THINGS):
                found.add(Draft(with_the, end, country_actor(kb, code_of(kinds["igo"])), "name"))
        elif "nonstate" in kinds and kinds["nonstate"].role != PARTY_ROLE:  # parties: `parties.find_parties`
            if not inside_larger_entity(inputs, start, end, NAMED_THINGS):
                found.add(Draft(with_the, end, nonstate_actor(kinds["nonstate"]), "name"))
        elif "country" in kinds and not _modifies_next_name(inputs, end) and not follows_proper_name(inputs, start):
            code = code_of(kinds["country"])
            # Inside a larger entity ("Students For Life of America" as one), the organisations pass reads it whole.
            if not inside_larger_entity(inputs, start, end, (*NAMED_THINGS, "FAC", "EVENT")):
                named_from = _organisation_name_start(inputs, found, with_the)
                if named_from is not None:
                    actor = organisation_of_country(kb, code, inputs.span_text(named_from, end))
                    found.add(Draft(include_determiner(doc, found, named_from, end), end, actor, "name"))
                else:
                    found.add(Draft(with_the, end, country_actor(kb, code), "name"))
                    mentioned.add(code)
        elif "capital" in kinds and kinds["capital"].metonym:
            if _capital_is_actor(inputs, start, end):
                code = code_of(kinds["capital"])
                found.add(Draft(start, end, country_actor(kb, code), "metonym"))
                mentioned.add(code)
        elif "people" in kinds:
            found.add(Draft(with_the, end, country_actor(kb, code_of(kinds["people"])), "alias", group=True))
        elif "contextual" in kinds:
            entry = kinds["contextual"]
            if mentioned & set(entry.requires) and _standalone_compass_name(inputs, start, end):
                first = _widen_over_adjectives(inputs, found, start)
                found.add(Draft(first, end, country_actor(kb, code_of(entry)), "alias"))
        for entry in hit.entries:
            if entry.kind in ("country", "demonym") and entry.code:
                mentioned.add(entry.code)


def _organisation_name_start(inputs: ArticleInputs, found: FoundMentions, start: int) -> int | None:
    """ "Concerned Veterans for America": the start of capitalised words before "for"/"of" and the country.

    The entity recogniser often tags only the country in such a name; the words before it name an
    organisation the knowledge base does not list, and the country only says whose it is. Not a title,
    body or known name before it ("President of the United States", "Bank of Korea"), nor "All of France".
    """
    doc = inputs.doc
    if start < 2 or doc[start - 1].lower_ not in OWNER_PREPOSITIONS:
        return None
    first = start - 1
    while first > 0 and _plain_capitalised(inputs, found, first - 1):
        first -= 1
    words = range(first, start - 1)
    if not words or not any(doc[i].pos_ == "PROPN" for i in words):
        return None
    return first


def _plain_capitalised(inputs: ArticleInputs, found: FoundMentions, i: int) -> bool:
    """A capitalised word of a name that no earlier step took and the knowledge base does not know."""
    token = inputs.doc[i]
    return (
        token.text[:1].isupper()
        and token.pos_ in ("PROPN", "NOUN", "ADJ", "VERB")
        and not found.is_taken(i)
        and not inputs.names.entries_at(i)
    )


def _modifies_next_name(inputs: ArticleInputs, end: int) -> bool:
    """ "South Korea's" is the country; "Korea" in "Korea Herald" is not."""
    doc = inputs.doc
    return end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ == "I" and doc[end - 1].ent_type_ == "ORG"


def _capital_is_actor(inputs: ArticleInputs, start: int, end: int) -> bool:
    """A capital stands for its country unless it is a place: object of "in", a dateline, part of a name."""
    doc = inputs.doc
    head = doc[end - 1]
    if inside_larger_entity(inputs, start, end, ("ORG", "PERSON", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT")):
        return False
    if _is_place(inputs, start, end):
        return False
    if (
        end < len(doc)
        and doc[end].text in ("/", ":", "—", "-")
        and (start == 0 or doc[start - 1].text in ("\n", "\n\n") or doc[start - 1].is_space)
    ):
        return False
    if head.dep_ == "compound" and not inputs.names.entries_at(head.head.i, "group", "body", "title"):
        return False
    return True


def _is_place(inputs: ArticleInputs, start: int, end: int) -> bool:
    """The span is where something happens: object of "in"/"at", of "to" after a verb of travel, or visited."""
    doc = inputs.doc
    head = doc[end - 1]
    if start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lemma_ in MOTION_VERBS:
        return True
    return head.dep_ == "dobj" and head.head.lemma_ == "visit"


def _standalone_compass_name(inputs: ArticleInputs, start: int, end: int) -> bool:
    """ "the North" as a name: capitalised, after "the" (maybe with adjectives), not the start of a longer name."""
    doc = inputs.doc
    if not doc[start].text[:1].isupper():
        return False
    if end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN"):
        return False
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].lower_ == "the"


def _widen_over_adjectives(inputs: ArticleInputs, found: FoundMentions, start: int) -> int:
    """ "the isolated North": start the mention at a "the" before adjectives, when one is there."""
    doc = inputs.doc
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and not found.is_taken(i):
        i -= 1
    return i if i >= 0 and doc[i].lower_ == "the" and not found.is_taken(i) else start
