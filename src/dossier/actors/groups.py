"""Groups and bodies headed by a role noun, and organisations the knowledge base does not list.

"top Russian government officials", "China's foreign ministry", "Taliban
fighters", "the Trump administration": a role noun takes the country of a
nationality word, a possessive or an "of" phrase on either side. A title
noun with no name after it ("the Russian president") is handed to
`descriptions`. spaCy ORG entities and plural NORP groups the knowledge
base does not know keep their name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dossier.actors.codes import code_of, country_actor, nonstate_actor, organisation_of_country
from dossier.actors.descriptions import resolve_role_description
from dossier.actors.knowledge import PARTY_ROLE, Entry
from dossier.actors.modifiers import Modifiers, clean_name, widen_left
from dossier.actors.parties import is_party_title, party_after
from dossier.actors.people import GOVERNMENT_BODIES, HEAD_OFFICES, held_office
from dossier.actors.placed import entity_opens_with_place, leading_place_country
from dossier.actors.spans import OWNER_PREPOSITIONS, POSSESSIVES, include_determiner, is_subject
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.gazetteer import country_of_place
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Heads of a group whose country is not stated but which are domestic
# actors: their country is the one the sentence is clearly set in.
DOMESTIC_ROLES = frozenset(
    {"COP", "CVL", "OPP", "JUD", "LEG", "MED", "BUS", "LAB", "EDU", "REF", "REB", "UAF", "AGR", "HLH", "PTY"}
)
# Prepositions that set a sentence in a place: "in Kabul", "across Tigray".
SETTING_PREPS = frozenset({"in", "across", "throughout"})
# Roles of people known by the role alone in any slot ("expelled aid workers"): domestic roles and more.
GENERIC_ROLES = DOMESTIC_ROLES | {"NGO", "GOV"}
# Roles whose coordinated nationalities are one mention each: armed and police forces.
SPLIT_ROLES = frozenset({"MIL", "COP"})
# Bodies that carry a place in their name ("the Swedish Embassy in Pyongyang").
LOCATED_BODIES = frozenset({"embassy", "consulate", "mission"})

# Labels of a name that starts with a place and goes on with the role noun ("Delhi Police", read as a person).
PLACED_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "GPE", "LOC"})

# A country coordinated with an owner ("of South Korea and Japan"): its token span and code.
Coordinated = tuple[int, int, str]


def find_groups(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add a mention for every group, body or role description headed by a known role noun."""
    doc = inputs.doc
    names = inputs.names
    for hit in names.in_order:
        entries = [entry for entry in hit.entries if entry.kind in ("group", "body", "title", "means")]
        start, end = hit.start, hit.end
        if not entries or not found.is_free(start, end):
            continue
        if any(entry.kind == "title" for entry in entries) and _before_name(doc, end):
            continue  # a title before a name the people pass did not take
        head = doc[end - 1]
        if head.pos_ not in ("NOUN", "PROPN") and not inputs.texts[start][:1].isupper():
            continue
        if head.dep_ == "compound" and head.head.i >= end and names.entries_at(head.head.i, "group", "body", "means"):
            continue  # "Army" in "Army soldiers": the noun it modifies takes it in
        if _inside_organisation_name(inputs, end):
            continue  # "Students" in "the Delhi University Students Union"
        if head.ent_type_ in ("GPE", "LOC", "FAC"):
            continue  # "Bank" in "the West Bank"
        _resolve_group(inputs, found, start, end, entries)


def find_other_organisations(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Organisations and political groups the knowledge base does not list: spaCy's ORG and plural NORP entities.

    They keep their name; the country comes from a country word inside the
    name ("Bank of Korea"), the role from a role noun at its end ("... Party").
    """
    doc = inputs.doc
    texts = inputs.texts
    names = inputs.names
    for ent in inputs.entities:
        if ent.label_ not in ("ORG", "NORP"):
            continue
        start = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
        end = ent.end - 1 if texts[ent.end - 1] in ("'s", "’s") else ent.end
        if start >= end or not found.is_free(start, end) or any(t in ("'s", "’s") for t in texts[start:end]):
            continue
        if names.hit_at(start) and names.span_at(start) == (start, end):
            continue  # a known name the rules above chose not to read as an actor here
        if ent.label_ == "NORP" and not (doc[end - 1].tag_ == "NNPS" or texts[end - 1].endswith("s")):
            continue  # "Republican" the adjective is not an actor; "Republicans" are
        if names.entries_at(start, "demonym", "people") and end - start == names.span_at(start)[1] - start:
            continue
        countries = {e.code for i in range(start, end) for e in names.entries_at(i, "country", "demonym") if e.code}
        head = ent.root.i if start <= ent.root.i < end else end - 1  # "Government of Cambodia": its head noun
        roles = [e.role for e in names.entries_at(head, "body", "group") if e.role and e.role != "IGO"]
        role = roles[0] if roles else None
        seat = _seat_ending(inputs, start, end)
        if seat is not None and role is None:
            # "the Iranian Revolutionary Guard Corps": a known body of a state, named with its nationality
            role, countries = seat.role, countries | {code_of(seat)}
        if not countries and role in DOMESTIC_ROLES | {"GOV"}:
            place = leading_place_country(inputs, start, head)
            countries = {place} if place else set()
        country = next(iter(countries)) if len(countries) == 1 else None
        name = inputs.span_text(start, end)
        if country and role is None and ent.label_ == "ORG" and not names.entries_at(start, "country"):
            # "Gun Owners of America", "the American Civil Liberties Union": a country word with no role noun
            # only says whose the organisation is; it is not the state (docs/actors.md). A name that opens
            # with the country's own name ("U.S. House", "USA Today") is more often its state or a title.
            actor = organisation_of_country(inputs.kb, country, name)
        else:
            actor = country_actor(inputs.kb, country, role, name) if country else ActorRef(None, name, None, role)
        found.add(Draft(include_determiner(doc, found, start, end), end, actor, "name", group=ent.label_ == "NORP"))


def _before_name(doc: Doc, end: int) -> bool:
    """A proper noun follows the title, not a day ("deported a man Friday")."""
    return end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ not in ("DATE", "TIME")


def _seat_ending(inputs: ArticleInputs, start: int, end: int) -> Entry | None:
    """A known seat or state body whose name ends the organisation's name after other words, with a role."""
    hit = inputs.names.hit_at(end - 1)
    if hit is None or hit.end != end or hit.start <= start:
        return None
    return next((e for e in hit.entries if e.kind == "seat" and e.role), None)


def _inside_organisation_name(inputs: ArticleInputs, end: int) -> bool:
    """The role noun is part of an organisation's name that goes on after it."""
    entity = inputs.entity_holding(end)
    return entity is not None and entity.label_ == "ORG" and entity.start < end


def _resolve_group(inputs: ArticleInputs, found: FoundMentions, start: int, end: int, entries: list[Entry]) -> None:
    doc = inputs.doc
    entry = entries[0]
    if entry.kind == "group" and _add_nonstate_members(inputs, found, start, end):
        return
    modifiers = widen_left(inputs, found, start)
    owner = _person_owner(inputs, found, modifiers.start, start, body=entry.kind == "body")
    head_of_government = None if owner is not None else _government_head_before(inputs, found, modifiers.start, start)
    government_country = head_of_government.actor.country if head_of_government is not None else None
    if head_of_government is not None and government_country:
        # "Obama administration officials": people of that government, of its country; not Obama himself.
        found.remove(head_of_government)
        modifiers.start = head_of_government.start
        modifiers.countries = [government_country, *modifiers.countries]
    if owner is not None:
        modifiers.start = owner.start
    elif entry.kind == "body" and entry.role is None:
        return  # a body with no role of its own ("campaign") names an actor only through its owner
    coordinated: list[Coordinated] = []
    party = party_after(inputs, found, end) if not modifiers.countries and entry.kind != "title" else None
    if party is not None:
        # "leaders of the Workers' Party": the party's people, of its country (its role when theirs is GOV or none).
        end = party[0]
        modifiers.countries.extend(filter(None, [party[1]]))
        modifiers.roles.append(PARTY_ROLE)
    # "the United Nations envoy for Yemen" belongs to the UN, not to Yemen: an owner on the left wins.
    domestic = entry.role in DOMESTIC_ROLES | {"GOV"} and not modifiers.countries
    end, owners = _widen_right(inputs, found, end, coordinated, owner_wanted=not modifiers.countries, domestic=domestic)

    span_start = include_determiner(doc, found, modifiers.start)
    role = entry.role if entry.role != "IGO" else None
    if role == "MIL" and any(r in ("OPP", "REB") for r in modifiers.roles):
        role = next(r for r in modifiers.roles if r in ("OPP", "REB"))  # "opposition forces" fight for the opposition
    refining = [r for r in modifiers.roles if r not in ("GOV", "IGO")]
    if doc[end - 1].lower_ in GOVERNMENT_BODIES:
        refining = [r for r in refining if r != PARTY_ROLE]  # "the BJP government" governs: GOV, not the party
    if role in (None, "GOV") and refining:
        role = refining[0]  # the body says which officials: "Pentagon officials" MIL, "FBI agents" COP
    elif role is None and entry.kind == "group":
        return  # "agents" name someone only as a body's ("FBI agents"), not alone ("travel agents")
    countries = list(dict.fromkeys(modifiers.countries + owners))
    if not countries:
        # "The State Department" with no owner named: the one state whose seat of that name is listed.
        countries = [code_of(seat) for seat in _seats_named(inputs, start, end)]
    if not countries and entry.role in DOMESTIC_ROLES | {"GOV"}:
        countries = _place_countries(inputs, modifiers.start, start)
    if entry.kind == "means" and len(countries) != 1 and not _coordinated_nationalities(modifiers, entry.role):
        return  # "the air strike" alone names no one
    if owner is not None:
        found.remove(owner)
        draft = Draft(span_start, end, owner.actor, "alias")
        draft.antecedent = found.first_mention_of(owner.actor.name, span_start)
        found.add(draft)
        return
    if entry.kind == "title":
        if PARTY_ROLE in modifiers.roles and is_party_title(inputs, start, end):
            entry = replace(entry, role=PARTY_ROLE, offices=())  # "the Democratic leader" leads the party, not a state
        resolve_role_description(inputs, found, span_start, end, entry, countries, modifiers)
        return
    owned = any(child.dep_ == "poss" for child in doc[end - 1].children)  # "its parliament": owner elsewhere
    if not countries and (entry.role in DOMESTIC_ROLES or _acted_on_government(entry, doc[end - 1])) and not owned:
        setting = _sentence_country(inputs, start)
        if setting:
            countries = [setting]
    plural = entry.kind == "group"
    if _coordinated_nationalities(modifiers, entry.role) and not owners:
        _add_each_nationality(inputs, found, modifiers, span_start, end, role, plural)
        return
    name = clean_name(inputs, modifiers.start, end)
    if len(countries) == 1:
        actor = country_actor(inputs.kb, countries[0], role, name)
    elif (
        not countries
        and not (is_subject(doc[end - 1]) or _generic_people(entry, doc[end - 1], owned))
        and doc[span_start].lower_ != "the"
    ):
        return
    else:
        actor = ActorRef(None, name, None, role)
    found.add(Draft(span_start, end, actor, "role", group=plural))
    for co_start, co_end, code in coordinated:
        if found.is_free(co_start, co_end):
            found.add(Draft(co_start, co_end, country_actor(inputs.kb, code, role), "role", group=plural))


def _generic_people(entry: Entry, head: Token, owned: bool) -> bool:
    """People known by their role alone ("freed political activists", "arrested protesters"): an actor in
    any slot, coded by the role without a country, as CAMEO codes a generic agent. Not a noun that
    only qualifies another ("a police convoy"), nor one whose owner is named ("Iran's prisoners")."""
    if entry.role not in DOMESTIC_ROLES and any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in head.children):
        return False  # "diplomats from Poland", "leaders of the party": whose they are is named after them
    return entry.kind == "group" and entry.role in GENERIC_ROLES and head.dep_ != "compound" and not owned


def _acted_on_government(entry: Entry, head: Token) -> bool:
    """A government body named by its role alone and acted on, not acting, is the government of the country the
    sentence is set in: "the rebels shelled the government's forces in northern Mali" (MLIGOV).

    The one acting (a subject, a "by" agent) is left alone: a government or a foreign office acting abroad is
    rarely the government of the place where it acts ("the government sent food aid to flood victims in
    Mali"); measured with subjects too, three of six changed tune sentences took the wrong country.
    """
    if entry.role != "GOV" or entry.kind != "body":
        return False
    if is_subject(head) or (head.dep_ == "pobj" and (head.head.dep_ == "agent" or head.head.lower_ == "by")):
        return False
    return True


def _coordinated_nationalities(modifiers: Modifiers, role: str | None) -> bool:
    """ "Nigerian and British armed forces": two or more countries, each with its own words, owning a force.

    Forces and weapons fight for each country ("Nigerian and British forces" act as
    two militaries); other groups ("French and German officials") keep one
    mention with no country, as before.
    """
    return (
        role in SPLIT_ROLES
        and len(set(modifiers.countries)) > 1
        and len(modifiers.country_spans) == len(modifiers.countries)
    )


def _add_each_nationality(
    inputs: ArticleInputs,
    found: FoundMentions,
    modifiers: Modifiers,
    span_start: int,
    end: int,
    role: str | None,
    plural: bool,
) -> None:
    """One mention per coordinated nationality: the last takes the noun, the others their own words."""
    *others, (last_start, _) = modifiers.country_spans
    for code, (co_start, co_end) in zip(modifiers.countries, others, strict=False):
        first = span_start if co_start == modifiers.country_spans[0][0] else co_start
        if found.is_free(first, co_end):
            found.add(Draft(first, co_end, country_actor(inputs.kb, code, role), "role", group=plural))
    if found.is_free(last_start, end):
        name = clean_name(inputs, last_start, end)
        actor = country_actor(inputs.kb, modifiers.countries[-1], role, name)
        found.add(Draft(last_start, end, actor, "role", group=plural))


def _place_countries(inputs: ArticleInputs, start: int, head: int) -> list[str]:
    """ "Delhi police", "Mumbai prosecutors": the country of a place named in front of a domestic role noun.

    The place is a GPE or LOC entity of its own, or the first words of a name the recogniser read whole
    with the role noun ("Delhi Police" as a person, "Lagos State Police" as an organisation).
    """
    entities = inputs.entities_starting_in(start, head)
    for ent in entities:
        if ent.label_ in ("GPE", "LOC") and ent.end <= head:
            country = country_of_place(ent.text, inputs.places)
            return [country] if country else []
    whole = inputs.entity_holding(start)  # "The Ogun State Government": the entity takes in "The"
    for ent in (whole, *entities) if whole is not None else entities:
        if ent.label_ in PLACED_LABELS and entity_opens_with_place(inputs, ent, start):
            country = leading_place_country(inputs, start, head)
            return [country] if country else []
    return []


def _add_nonstate_members(inputs: ArticleInputs, found: FoundMentions, start: int, end: int) -> bool:
    """ "Taliban fighters", "ISIS militants": a group noun after a non-state actor's name is that actor.

    Not after a party's: "GOP senators" are legislators (`widen_left` gives them the party's country).

    Also with the name's acronym in brackets between them ("Islamic State (IS) fighters"): the noun
    is the named group's members, not a second group of rebels with no name.
    """
    name_last = start - 1 - _bracketed_acronym_before(inputs, start)
    if name_last < 0 or not found.is_free(name_last, start):
        return False
    names = inputs.names
    nonstate = [entry for entry in names.entries_at(name_last, "nonstate") if entry.role != PARTY_ROLE]
    name_start, name_end = names.span_at(name_last)
    if not nonstate or name_end != name_last + 1 or not found.is_free(name_start, name_end):
        return False
    span_start = include_determiner(inputs.doc, found, name_start)
    found.add(Draft(span_start, end, nonstate_actor(nonstate[0]), "name", group=True))
    return True


def _bracketed_acronym_before(inputs: ArticleInputs, start: int) -> int:
    """How many tokens an acronym in brackets right before token `start` takes ("(NPA)": 3), else 0."""
    texts = inputs.texts
    if start < 4 or texts[start - 1] != ")" or texts[start - 3] != "(":
        return 0
    acronym = texts[start - 2]
    return 3 if acronym.isupper() and acronym.isalpha() else 0


def _person_owner(
    inputs: ArticleInputs, found: FoundMentions, start: int, head: int, body: bool = False
) -> Draft | None:
    """ "the Trump administration": a person's mention right before a government noun.

    With `body`, a possessive owner counts too ("Obama's administration", "Trump’s campaign");
    "Trump's spokeswoman" is someone else.
    """
    if start != head or head == 0:
        return None
    owner_end = head - 1 if body and inputs.texts[head - 1] in POSSESSIVES else head
    if owner_end == 0 or not found.is_taken(owner_end - 1):
        return None  # no mention ends there: the drafts need no search
    for draft in found.drafts:
        if draft.end == owner_end and draft.person and draft.kind in ("alias", "name", "title"):
            return draft
    return None


def _seats_named(inputs: ArticleInputs, start: int, end: int) -> list[Entry]:
    """The listed seat of government whose name is exactly tokens [start, end) ("State Department": USA's), when
    it is one state's."""
    hit = inputs.names.hit_at(start)
    if hit is None or (hit.start, hit.end) != (start, end):
        return []
    seats = [entry for entry in hit.entries if entry.kind == "seat"]
    return seats if len({code_of(seat) for seat in seats}) == 1 else []


def _government_head_before(inputs: ArticleInputs, found: FoundMentions, start: int, head: int) -> Draft | None:
    """The person before a government body that modifies a role noun, who heads that government: "Obama" in
    "Obama administration officials" (the body itself, "the Obama administration", is `_person_owner`'s)."""
    if start == head or start == 0 or not found.is_taken(start - 1):
        return None
    if inputs.doc[start].lower_ not in GOVERNMENT_BODIES:
        return None
    for draft in found.drafts:
        if draft.end == start and draft.person and draft.actor.country and _headed_a_government(inputs, draft):
            return draft
    return None


def _headed_a_government(inputs: ArticleInputs, draft: Draft) -> bool:
    """The person is a government's head now, or a known one who was ("Bush administration officials" in 2016)."""
    if draft.person in inputs.kb.people:
        return held_office(inputs, draft.person, HEAD_OFFICES)
    return draft.actor.role == "GOV"


def _widen_right(
    inputs: ArticleInputs,
    found: FoundMentions,
    end: int,
    coordinated: list[Coordinated],
    owner_wanted: bool = True,
    domestic: bool = False,
) -> tuple[int, list[str]]:
    """ "of South Korea (and Japan)" and "in Pyongyang" after a role noun: the new end and the owners' codes.

    With `domestic` (police, protesters, judges: actors of the place they are
    in), "in <country or capital>" names the owner: "police in Kabul" are AFGCOP.
    """
    doc = inputs.doc
    names = inputs.names
    sentence_end = inputs.sentence_bounds(end - 1)[1]
    if end + 1 >= sentence_end:
        return end, []
    preposition = doc[end].lower_
    if preposition in OWNER_PREPOSITIONS and owner_wanted:
        target = end + 1
        if doc[target].lower_ == "the" and target + 1 < sentence_end:
            target += 1
        owner = names.entries_at(target, "country", "igo")
        if owner and names.span_at(target)[0] == target and found.is_free(*names.span_at(target)):
            new_end = names.span_at(target)[1]
            if new_end < sentence_end and doc[new_end].text in ("'s", "’s"):
                return end, []  # "for China's foreign ministry": the owner is the ministry, a mention of its own
            if new_end + 1 < sentence_end and doc[new_end].lower_ == "and":
                other = names.entries_at(new_end + 1, "country", "igo")
                if other and names.span_at(new_end + 1)[0] == new_end + 1:
                    coordinated.append((*names.span_at(new_end + 1), code_of(other[0])))
            return new_end, [code_of(owner[0])]
    if preposition == "in" and (doc[end - 1].lower_ in LOCATED_BODIES or domestic):
        target = end + 2 if doc[end + 1].lower_ == "the" and end + 2 < sentence_end else end + 1
        place = names.entries_at(target, "capital", "country")
        if place and names.span_at(target)[0] == target and found.is_free(*names.span_at(target)):
            owners = [code_of(place[0])] if domestic and doc[end - 1].lower_ not in LOCATED_BODIES else []
            return names.span_at(target)[1], owners
        if domestic and doc[end - 1].lower_ not in LOCATED_BODIES:
            return _widen_to_place(inputs, found, end, target)
    return end, []


def _widen_to_place(inputs: ArticleInputs, found: FoundMentions, end: int, target: int) -> tuple[int, list[str]]:
    """ "police in Mumbai": a city or region the gazetteer places clearly in one country."""
    for ent in inputs.entities_starting_in(target, target + 1):
        if ent.label_ in ("GPE", "LOC") and found.is_free(ent.start, ent.end):
            country = country_of_place(ent.text, inputs.places)
            if country:
                return ent.end, [country]
    return end, []


def _sentence_country(inputs: ArticleInputs, at: int) -> str | None:
    """The country a sentence is clearly set in: one country named "in X", or one country of its groups."""
    doc = inputs.doc
    start, end = inputs.sentence_bounds(at)
    countries: set[str] = set()
    for hit in inputs.names.starting_in(start, end):
        i = hit.start
        for entry in hit.entries:
            if (
                entry.kind in ("country", "capital")
                and i > start
                and doc[i - 1].lower_ in ("in", "across", "throughout")
            ):
                countries.add(code_of(entry))
            if entry.kind in ("demonym", "country") and _owns_group(inputs, hit.end - 1):
                countries.add(code_of(entry))
    countries.update(_located_places(inputs, start, end))
    return next(iter(countries)) if len(countries) == 1 else None


def _located_places(inputs: ArticleInputs, start: int, end: int) -> set[str]:
    """The countries of the towns and regions a sentence is set "in" ("in Tigray", "in a village in Borno")."""
    doc = inputs.doc
    found: set[str] = set()
    for ent in inputs.entities_starting_in(start + 1, end):
        if ent.label_ in ("GPE", "LOC") and doc[ent.start - 1].lower_ in SETTING_PREPS:
            country = country_of_place(ent.text, inputs.places)
            if country:
                found.add(country)
    return found


def _owns_group(inputs: ArticleInputs, i: int) -> bool:
    """The nationality word at token i modifies a role noun, directly or through a coordination."""
    token = inputs.doc[i]
    return any(inputs.names.entries_at(step.i, "group", "body") for step in (token.head, token.head.head))
