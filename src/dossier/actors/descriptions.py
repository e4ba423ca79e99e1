"""Role descriptions: "the Russian president", "the judge", "the Secretary of State, Hillary Clinton".

A title with no name after it refers to the person holding that office: the
one named right after it, else the nearest earlier person of that country
with that office, else the one office holder the knowledge base knows on
the article's date. With none of these it is an unnamed person coded by
what the title says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.actors.codes import country_actor
from dossier.actors.knowledge import Entry
from dossier.actors.modifiers import Modifiers, clean_name
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Where a noun phrase is a participant, not a predicate or an apposition.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj"})
# "according to a senior official", "due to", "thanks to": whom the report cites or credits, no participant.
CITING_WORDS = frozenset({"according", "due", "thanks"})
# "a spokesman for X", "an official of X", "an adviser to X": described by affiliation.
AFFILIATION_PREPS = frozenset({"for", "of", "with", "at", "to"})


def resolve_role_description(
    inputs: ArticleInputs,
    found: FoundMentions,
    start: int,
    end: int,
    entry: Entry,
    countries: list[str],
    modifiers: Modifiers,
) -> None:
    """ "the Russian president": the person in that office, named earlier or known to hold it on the day."""
    doc = inputs.doc
    if doc[start].lower_ == "the":
        apposed_to = _person_before_apposition(inputs, found, start, end)
        if apposed_to is not None:  # "Rudy Giuliani, the former mayor, said": the title is his, and so is "he"
            if not apposed_to.actor.code and len(set(countries)) == 1 and entry.role != "IGO":
                # "Lynden Pindling, the former Bahamian prime minister": someone the knowledge base does not list
                # is of the country the title names (and holds its office, unless the title is past)
                role = None if modifiers.past else entry.role
                name = apposed_to.person or apposed_to.actor.name
                found.replace_actor(apposed_to, country_actor(inputs.kb, countries[0], role, name))
            offices = apposed_to.offices or (() if modifiers.past else entry.offices)
            gender = apposed_to.gender or entry.gender  # "Pat Lee, the congresswoman": the title may tell
            _add_person_reference(found, start, end, apposed_to.actor, apposed_to.person, offices, gender)
            return
    if len(set(countries)) > 1:
        return
    country = countries[0] if countries else None
    if country is not None and _someone_new(doc, start, end):
        _add_unnamed_person(inputs, found, start, end, entry, country)  # "Police arrested a Turkish man"
        return
    definite = doc[start].lower_ == "the" or (modifiers.countries and modifiers.start == start)
    if start > 0 and doc[start - 1].lower_ == "as":
        return  # "resigned as president of Indonesia": a predicate, not a reference to someone
    if not definite:
        if _indefinite_argument(doc, end):
            _add_unnamed_person(inputs, found, start, end, entry, None)  # "deported a 95-year-old man"
        return
    named = _apposed_person(inputs, found, end)
    if named is not None:  # "The Secretary of State, Hillary Clinton, said": the title is hers
        if not named.actor.code and country is not None and not modifiers.past and entry.role != "IGO":
            # "The Peruvian president, Manuel Merino, resigned": someone the knowledge base does not list
            # is what the title says, as in "Peruvian President Manuel Merino"
            named.actor = country_actor(inputs.kb, country, entry.role, named.person or named.actor.name)
        _add_person_reference(found, start, end, named.actor, named.person, named.offices, named.gender)
        return
    if modifiers.past:
        _add_unnamed_person(inputs, found, start, end, entry, country, past=True)
        return
    offices = entry.offices
    for draft in reversed([d for d in found.drafts if d.start < start and d.person]):
        if (country is None or draft.actor.country == country) and set(offices) & set(draft.offices):
            _add_person_reference(found, start, end, draft.actor, draft.person, draft.offices, draft.gender)
            return
    holders = {}
    if country is not None and offices:
        holders = {p.name: (p, office) for p, office in inputs.kb.holders(country, offices, inputs.day)}
    if len(holders) == 1:
        person, office = next(iter(holders.values()))
        actor = country_actor(inputs.kb, office.country, office.role, person.name)
        _add_person_reference(found, start, end, actor, person.name, (office.office,), person.gender)
        return
    if start > 0 and doc[start - 1].lower_ in ("a", "an"):
        return  # "a spokesman for ...": a description, not a reference to someone
    _add_unnamed_person(inputs, found, start, end, entry, country)


def _someone_new(doc: Doc, start: int, end: int) -> bool:
    """ "a senior Indian diplomat" as a subject or object: a new person of that country, not an office holder.

    "a spokesman for the ministry" (a description by affiliation) and "is an
    Israeli citizen" (a predicate) are no one new.
    """
    head = doc[end - 1]
    article = doc[start - 1] if start > 0 and doc[start].lower_ not in ("a", "an") else doc[start]
    if article.lower_ not in ("a", "an") or head.dep_ not in ARGUMENT_DEPS:
        return False
    return not any(c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPS for c in head.children)


def _indefinite_argument(doc: Doc, end: int) -> bool:
    """ "deported a 95-year-old man", "a lawyer filed", "a call from a lawyer": a title under "a" or "an" in
    a subject or object slot is someone new, unless an affiliation describes it ("a spokesman for the
    ministry"), an owner says it is a predicate ("calls her an intelligent woman", parsed as her woman), it is
    a source cited ("according to a senior official") or the subject of a modal ("a president must be
    ready": anyone who holds the title)."""
    head = doc[end - 1]
    if head.dep_ not in ARGUMENT_DEPS or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return False
    if head.dep_ == "pobj" and head.head.head.lower_ in CITING_WORDS:
        return False
    if head.dep_ == "nsubj" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.head.children):
        return False
    return not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPS) for c in head.children)


def _add_person_reference(
    found: FoundMentions,
    start: int,
    end: int,
    actor: ActorRef,
    person: str | None,
    offices: tuple[str, ...],
    gender: str | None,
) -> None:
    """A role description resolved to a person: it takes their actor, offices and gender."""
    resolved = Draft(start, end, actor, "role", person=person, offices=offices)
    resolved.gender = gender
    resolved.antecedent = found.first_mention_of(person, start)
    found.add(resolved)


def _apposed_person(inputs: ArticleInputs, found: FoundMentions, end: int) -> Draft | None:
    """The person named right after a title and a comma: "the Secretary of State, Hillary Clinton"."""
    doc = inputs.doc
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    return next((d for d in found.drafts if d.start == end + 1 and d.person), None)


def _person_before_apposition(inputs: ArticleInputs, found: FoundMentions, start: int, end: int) -> Draft | None:
    """The person named right before a comma and a title the parser hangs from the name as an apposition:
    "Rudy Giuliani, the former mayor"."""
    head = inputs.doc[end - 1]
    if start < 2 or inputs.texts[start - 1] != "," or head.dep_ != "appos":
        return None
    return next(
        (
            d
            for d in found.drafts
            # a name, not another description ("the president, the vice president, ...": a list)
            if d.end == start - 1 and d.person and d.kind != "role" and d.start <= head.head.i < d.end
        ),
        None,
    )


def _add_unnamed_person(
    inputs: ArticleInputs,
    found: FoundMentions,
    start: int,
    end: int,
    entry: Entry,
    country: str | None,
    past: bool = False,
) -> None:
    """ "the judge", "the Turkish ambassador": a person known by title only, coded by what the title says."""
    name = clean_name(inputs, start, end)
    role = None if past or entry.role == "IGO" else entry.role
    actor = country_actor(inputs.kb, country, role, name) if country else ActorRef(None, name, None, role)
    draft = Draft(start, end, actor, "role", person=name)
    draft.gender = entry.gender
    draft.antecedent = found.first_mention_of(name, start)
    found.add(draft)
