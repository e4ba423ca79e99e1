"""Targets of coded predicates: whom an act is aimed at, from the pattern's slot, the objects, the
complement, a condition or a place (split from `predicates`, which finds the predicates and their code)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.events.cameo import Pattern, is_reciprocal
from dossier.events.participants import (
    ATTRIBUTING_PREPS,
    LOCATIVE_TARGET_PREPS,
    TARGET_PREPS,
    MentionIndex,
    Slot,
    actors_in,
    conjuncts,
    direct_objects,
    distinct_slots,
    first_actors_below,
    in_party_relative_clause,
    is_bare_country,
    located_slots,
    place_slots,
    prepositions,
    same_actor,
    subject_tokens,
)
from dossier.events.tree import children
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dossier.events.predicates import Predication

# A source that the text does not name (GDELT's blank Actor1).
UNKNOWN_ACTOR = ActorRef(None, "", None, None)

# Prepositions on the object of a verb that name whom the act is aimed at ("sent aid to X").
RECIPIENT_PREPS = frozenset(TARGET_PREPS - {"over", "between"})
# An act that names no party is aimed at the one its condition names: "will strike if Iran ...",
# "will not lift the embargo until Cuba ...". Measured for threats and rejections alone (12, 13): no
# sentence moved, as "will not lift" is still a concession (08) when its targets are looked for.
CONDITION_MARKS = frozenset({"if", "unless", "until"})
# Public statements: what one says of one's own country ("bring change in America") is aimed at no one.
STATEMENT_ROOTS = frozenset({"01"})
# Marks of a clause that sets another act beside this one, whose parties are not this act's targets:
# "began a bombing campaign ..., just as Russia began its own" (seen on news, target round 9).
ASIDE_MARKS = frozenset({"as", "while", "whereas", "although", "though", "after", "before", "since", "once"})
# Acts on a thing in a place act on that place's country: aid, yielding, protest, force, coercion.
PLACE_ROOTS = frozenset({"07", "08", "14", "15", "16", "17", "18", "19", "20"})


def find_targets(token: Token, pattern: Pattern, predication: Predication, index: MentionIndex) -> list[Slot]:
    """The actor acted upon: the object of the pattern's preposition, the direct object, a target preposition.

    A target with no country of its own takes the one its phrase places it in
    (`participants.located_slots`: "an African Union force in Somalia")."""
    known = not any(slot.actor is UNKNOWN_ACTOR for slot in predication.sources)  # an agent is named
    return located_slots(_acted_upon(token, pattern, predication, index), token.doc, index, by_sentence=known)


def _acted_upon(token: Token, pattern: Pattern, predication: Predication, index: MentionIndex) -> list[Slot]:
    exclude = slot_starts(predication.sources)
    heads = predication.anchors()
    ordered: list[Token] = []
    for head in heads:
        ordered += [obj for prep, obj in prepositions(head) if prep.lower_ in pattern.particles]
    for head in heads:
        if head.pos_ not in ("NOUN", "PROPN"):
            ordered += [o for o in direct_objects(head) if o.i != token.i]
            ordered += [c for c in children(head) if c.dep_ in ("dative", "iobj")]
    for head in heads:
        ordered += [obj for prep, obj in prepositions(head) if prep.lower_ in TARGET_PREPS]
    for head in heads:
        ordered += infinitive_subjects(head)
    targets = exclude_sources(actors_in(ordered, index, exclude), predication.sources)
    if targets:
        targets = _less_host_venues(targets, heads, predication, index)
        return _less_their_people(_less_venues(targets, token, heads, predication, index), heads, index)
    complement = predication.complement
    if complement is not None and complement.dep_ == "xcomp" and direct_objects(token):
        return []  # "urged its citizens to ...": the addressee is named but is no actor; do not guess
    if is_reciprocal(predication.code) and len(distinct_slots(predication.sources)) > 1:
        # "A and B agreed to persuade China": A and B are the partners, China what they agreed on; a partner
        # named "with" on the thing they do together is one more ("signed a pact with C")
        return exclude_sources(actors_in(_partners_of_things(token, predication), index, exclude), predication.sources)
    for below in (predication.complement, token if token.pos_ in ("NOUN", "PROPN") else None):
        if below is not None:
            found = _aimed_place_first(below, index, exclude, predication)
            if found:
                return found
    for obj in direct_objects(token):
        found = _aimed_place_first(obj, index, exclude, predication)
        if found:
            return found
    for obj in _aimed_objects(heads):
        found = exclude_sources(first_actors_below(obj, index, exclude), predication.sources)
        if found:
            return found  # "opened an investigation into the transfer of funds from the budget of X"
    if token.pos_ not in ("NOUN", "PROPN"):
        found = exclude_sources(actors_in(_objects_recipients(token), index, exclude), predication.sources)
        if found:
            return found  # a named recipient the actors stage could not code: "returned a painting to X"
    if predication.mutual:
        return []  # "held talks in Vladivostok": the place of a meeting is its venue, not a party
    for purpose in purpose_clauses(token) + [obj for prep, obj in prepositions(token) if prep.lower_ == "for"]:
        found = exclude_sources(first_actors_below(purpose, index, exclude), predication.sources)
        if found:
            return found
    for clause in condition_clauses(token):
        found = exclude_sources(actors_in(subject_tokens(clause), index, exclude), predication.sources)
        if found:
            return found  # "will not lift the embargo until Cuba frees prisoners": aimed at Cuba
    acted_on = [t for t in ordered if all(t.i != head.i for head in heads)]
    located = predication.code[:2] in PLACE_ROOTS
    found = place_targets(heads, acted_on, index, exclude, located)
    if not found and complement is not None and (predication.complement_code or "")[:2] in PLACE_ROOTS:
        found = place_targets([complement], objects_acted_on(complement), index, exclude, located=True)
    if not found:
        holders = [complement, *direct_objects(token)] if token.pos_ not in ("NOUN", "PROPN") else [complement, token]
        found = _named_below([h for h in holders if h is not None], index, exclude)
    if not found and _codable_source(predication.sources):
        found = only_country_below(token, predication, index, exclude)
    return exclude_sources(found, predication.sources)


def _aimed_place_first(
    thing: Token, index: MentionIndex, exclude: frozenset[int], predication: Predication
) -> list[Slot]:
    """The first actor under a thing done, unless a place its own preposition aims it at comes first: "issued
    an ultimatum to Idlib province, warning of air strikes if the Turkish army stays" is aimed at Idlib
    (SYR), the place named in the thing's own slot, not at the party of a clause below it. A place the
    parser hung as a compound on that slot's object counts too ("to Aleppo warning ...").

    Measured in events-history.md ("Target round 11")."""
    found = exclude_sources(first_actors_below(thing, index, exclude), predication.sources)
    aimed = [o for p, o in prepositions(thing) if p.lower_ in AIMING_PREPS]
    aimed += [c for o in aimed for c in children(o) if c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC")]
    places = exclude_sources(place_slots(aimed, index, exclude), predication.sources)
    if places and (not found or places[0].mention.start < found[0].mention.start):
        return places[:1]
    return found


def _codable_source(sources: list[Slot]) -> bool:
    """Whether a source has a code, a role or a country: the act's event stands without a target. A guessed
    target must not make an event of an act by no one or by an uncoded name (measured: that added typed
    sentences with a wrong source, the scored source share fell 0.952 -> 0.950)."""
    return any(s.actor.code or s.actor.role or s.actor.country for s in sources)


def only_country_below(
    token: Token, predication: Predication, index: MentionIndex, exclude: frozenset[int]
) -> list[Slot]:
    """The one party with a country that the act's clauses name anywhere below it, when no step above found a
    target: "supplied most of the rifles Serbia has bought" (a relative clause), "gave its consent for an
    aide of the late Libyan leader to be sent back" (a "for ... to" clause), "is concerned about what North
    Korea is doing". Not the subject's phrase, not a clause set beside the act ("just as X began its own":
    `ASIDE_MARKS`), not "according to X" or "due to X", not a relative clause on a noun of a party ("any
    country that trades with X"); two countries name no one party. The source's own country only where a
    material act names it bare ("seized power in a coup that left Thailand without a government"), never in
    a statement (01: "confident the reforms will make Nigeria stronger") nor by its people or bodies.

    Measured in events-history.md ("Target round 9").
    """
    subject = {t.i for s in subject_tokens(token) for t in s.subtree}
    asides = {t.i for clause in token.subtree if _set_beside(clause) for t in clause.subtree}
    asides |= {t.i for prep in token.subtree if prep.lower_ in ATTRIBUTING_PREPS for t in prep.subtree}
    skipped = subject | asides | {token.i}
    below = [t for t in token.subtree if t.i not in skipped and not in_party_relative_clause(t, token)]
    own = {s.actor.country for s in predication.sources}
    material = predication.code[:2] not in STATEMENT_ROOTS
    slots = [
        s for s in exclude_sources(actors_in(below, index, exclude), predication.sources)
        if s.actor.country and s.mention.kind != "pronoun"
        and (s.actor.country not in own or (material and s.actor.code == s.actor.country))
    ]  # fmt: skip
    return slots[:1] if len({s.actor.country for s in slots}) == 1 else []


def _set_beside(clause: Token) -> bool:
    """A clause that sets another act beside this one ("..., just as Russia began its own bombing")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ASIDE_MARKS for c in children(clause))


def _partners_of_things(token: Token, predication: Predication) -> list[Token]:
    """The objects of "with" on what a joint act makes or holds: "signed a pact with C", "agreed to hold talks
    with C"."""
    things = [predication.complement, *direct_objects(token)]
    if predication.complement is not None:
        things += direct_objects(predication.complement)
    return [obj for thing in things if thing is not None for prep, obj in prepositions(thing) if prep.lower_ == "with"]


# Entity types of a name below the act that may be the party acted on (not a people, a place, a law).
PARTY_ENTITIES = frozenset({"ORG", "PERSON"})


def _named_below(tokens: list[Token], index: MentionIndex, exclude: frozenset[int]) -> list[Slot]:
    """The first party named under the complement or the object that the actors stage found and could not
    code, when no coded actor and no place is there: "refused to answer a request from <a newspaper>",
    "threatened a tax on imported <carmaker> vehicles". An ORG or PERSON name only: a title ("the mayor"), a
    people or a place is no such party (a programme the tagger calls ORG still passes). Measured in
    events-history.md, "Target country round 4"."""
    if not index.uncoded:
        return []
    for token in tokens:
        for each in token.subtree:
            mention = index.at(each)
            if mention is None or mention.start in exclude or mention.actor.code or mention.kind != "name":
                continue
            if each.ent_type_ in PARTY_ENTITIES and not _described_or_placed(each, token):
                return [Slot(mention.actor, mention)]
    return []


def _described_or_placed(each: Token, top: Token) -> bool:
    """Whether a token lies, below `top`, in a clause that describes a noun ("a painting that was stolen
    from X": the thing's past, not whom the act is aimed at), in an apposition ("a plan, a gift to X"), in a
    locative phrase ("in occupied X") or after "as" ("a run as an Independent")."""
    while each.i != top.i and each.head.i != each.i:
        if each.dep_ in ("relcl", "acl", "appos"):
            return True
        if each.dep_ in ("pobj", "pcomp") and each.head.lower_ in LOCATIVE_TARGET_PREPS | {"as"}:
            return True
        each = each.head
    return False


# "leading the field with the support of X": after "with" deep in its phrase is who helps, not whom the act is
# aimed at (measured: the deep search under "with" coded one wrong news event and no dev target more).
MEANS_PREPS = frozenset({"with"})
# The act's own target prepositions that aim it somewhere: not places, the matter or the means.
AIMING_PREPS = RECIPIENT_PREPS - LOCATIVE_TARGET_PREPS - MEANS_PREPS


def _aimed_objects(heads: list[Token]) -> list[Token]:
    """The objects of the act's own target prepositions that a deep search may look under: not places, the
    matter ("over", "between") or the means and company ("with")."""
    return [obj for head in heads for prep, obj in prepositions(head) if prep.lower_ in AIMING_PREPS]


def objects_acted_on(token: Token) -> list[Token]:
    """What a verb acts on: its direct objects and the objects of its target prepositions."""
    return direct_objects(token) + [obj for prep, obj in prepositions(token) if prep.lower_ in TARGET_PREPS]


# "lodged a complaint against X at the UN": the body "at" which an act is done is its venue.
VENUE_PREPS = frozenset({"at"})
# Prepositions on the thing done that name the party it is aimed at: "a complaint against X", "the issue with X".
AIMED_PREPS = frozenset({"against", "with", "on", "upon", "to", "toward", "towards"})


def _less_venues(
    targets: list[Slot], token: Token, heads: list[Token], predication: Predication, index: MentionIndex
) -> list[Slot]:
    """ "filed a case against X at the ICJ", "raised the issue with X at the Security Council": the object
    of the verb's "at" is the venue, not the target, when another party is named, beside it or on the thing
    done; with none, "at X" stays the target ("fired at X", "lashed out at X")."""
    venues = {
        s.mention.start
        for s in actors_in([o for h in heads for p, o in prepositions(h) if p.lower_ in VENUE_PREPS], index)
    }
    if not any(t.mention.start in venues for t in targets):
        return targets
    others = [t for t in targets if t.mention.start not in venues]
    if others:
        return others
    things = [predication.complement, *direct_objects(token)] if token.pos_ not in ("NOUN", "PROPN") else [token]
    aimed = [o for t in things if t is not None for p, o in prepositions(t) if p.lower_ in AIMED_PREPS]
    parties = exclude_sources(actors_in(aimed, index, slot_starts(predication.sources)), predication.sources)
    return [p for p in parties if p.mention.start not in venues] or targets


# Hosting a visit (043): the guests are received "to" a place.
HOSTING_CODE = "043"


def _less_host_venues(
    targets: list[Slot], heads: list[Token], predication: Predication, index: MentionIndex
) -> list[Slot]:
    """ "welcomed the prime minister to the White House", "to Riyadh": the guest is the one hosted; a place
    named "to" (a capital or a seat standing for its government) is where, not a second guest."""
    if not predication.code.startswith(HOSTING_CODE):
        return targets
    guests = {s.mention.start for s in actors_in([o for h in heads for o in direct_objects(h)], index)}
    if not any(t.mention.start in guests for t in targets):
        return targets
    places = [o for h in heads for p, o in prepositions(h) if p.lower_ == "to"]
    venues = {s.mention.start for s in actors_in(places, index) if s.mention.kind == "metonym"}
    return [t for t in targets if t.mention.start not in venues]


def _less_their_people(targets: list[Slot], heads: list[Token], index: MentionIndex) -> list[Slot]:
    """ "expelled diplomats from Poland and Sweden": people of no stated country beside the countries they
    come from are those countries' people; the countries tell whom the act is aimed at."""
    origins = [obj for head in heads for prep, obj in prepositions(head) if prep.lower_ == "from"]
    if not any(is_bare_country(slot.actor) for slot in actors_in(origins, index)):
        return targets
    kept = [t for t in targets if not (t.actor.code is None and t.actor.role and t.actor.country is None)]
    return kept or targets


def _objects_recipients(verb: Token) -> list[Token]:
    """ "returned a painting to X", "sent aid to X": the parser hangs the recipient on the thing given.

    The object's own target preposition names whom the act is aimed at, as the
    verb's would; "over" (the cause) and "between" (a relation) do not.
    """
    return [
        obj for thing in direct_objects(verb) for prep, obj in prepositions(thing) if prep.lower_ in RECIPIENT_PREPS
    ]


def infinitive_subjects(verb: Token) -> list[Token]:
    """ "ordered X to leave", "rejected X to delay", "found X guilty", "allowed X access": the subject the
    parser gave an infinitive, an adjective small clause or a verbless one is the verb's object."""
    found: list[Token] = []
    for clause in (c for c in children(verb) if c.dep_ in ("ccomp", "xcomp")):
        if clause.pos_ in ("ADJ", "NOUN") or any(c.dep_ == "aux" and c.lower_ == "to" for c in children(clause)):
            found += [t for s in children(clause) if s.dep_ == "nsubj" for t in conjuncts(s)]
    return found


def purpose_clauses(verb: Token) -> list[Token]:
    """ "gave $20 million to promote investment in Ghana": the infinitive that says what the act is for.

    Its actors are those the act is meant for when the act itself names none;
    a clause with a subject of its own ("... for Iran to talk") is another act.
    """
    return [
        clause
        for clause in children(verb)
        if clause.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(clause))
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(clause))
    ]


def condition_clauses(verb: Token) -> list[Token]:
    """ "will not lift the ban until X ...", "will strike if X ...": the clauses that set a condition."""
    return [
        clause
        for clause in children(verb)
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children(clause))
    ]


def place_targets(
    heads: list[Token], slots: list[Token], index: MentionIndex, exclude: frozenset[int], located: bool
) -> list[Slot]:
    """A place acted on stands for its country when no actor is: "an ultimatum to Damascus"; with
    `located`, also the place of a thing acted on ("attacked an army camp in Mali" acts on Mali), the
    place that thing is aimed at ("closed its border with Idlib province"), the place of the act itself
    ("protesters rallied in Kabul") and else the one country its clauses are set in (`setting_country`)."""
    found = place_slots(slots, index, exclude)
    if found or not located:
        return found
    places: list[Token] = []
    for holder in [*slots, *heads]:
        places += [obj for prep, obj in prepositions(holder) if prep.lower_ in LOCATIVE_TARGET_PREPS]
    places += [obj for slot in slots for prep, obj in prepositions(slot) if prep.lower_ in RECIPIENT_PREPS]
    return place_slots(places, index, exclude)[:1] or setting_country(heads, index, exclude)


def setting_country(heads: list[Token], index: MentionIndex, exclude: frozenset[int]) -> list[Slot]:
    """The one country that the locative phrases under an act name, when it names no party and no place of
    its own: "the finance minister resigned after weeks of strikes over fuel prices in Chile" -> CHL,
    "soldiers mobilized along the frontier as riots spread through towns in Venezuela" -> VEN.

    Only countries the actors stage found stand in, not the gazetteer's towns (small towns share their names
    with places abroad); two countries name no one setting. Measured (events-history.md, "Target country
    round 3"): the gazetteer's towns and leaving out places inside the subject's phrase did not do better.
    """
    places: list[Token] = []
    for head in heads:
        for each in head.subtree:
            if each.dep_ == "prep" and each.lower_ in LOCATIVE_TARGET_PREPS:
                for obj in (g for c in children(each) if c.dep_ == "pobj" for g in conjuncts(c)):
                    places += [obj, *(c for c in children(obj) if c.dep_ == "compound")]
    found = [slot for slot in place_slots(places, index, exclude) if slot.mention.kind != "metonym"]
    return found[:1] if len({slot.actor.country for slot in found}) == 1 else []


def slot_starts(slots: list[Slot]) -> frozenset[int]:
    return frozenset(slot.mention.start for slot in slots)


def exclude_sources(targets: list[Slot], sources: list[Slot]) -> list[Slot]:
    return [t for t in targets if not any(same_actor(t.actor, s.actor) for s in sources)]
