"""Predicates of the events stage: which lexicon row a verb or noun fits, its code, its actors.

A predicate is coded from the lexicon (`dossier.events.cameo`): the most specific
row whose dependency pattern fits, then, for derived codes, the complement
through a frame or the object noun of a light verb. Sources and targets are
the actor mentions in its slots (`dossier.events.participants`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from dossier.events import cameo, talk
from dossier.events.cameo import LexiconEntry, Pattern
from dossier.events.event_nouns import (
    event_noun,
    names_personnel,
    noun_lemma,
    recipient_and_sum,
    through_partitive,
    title_cased_singular,
)
from dossier.events.modality import modality
from dossier.events.participants import (
    TARGET_PREPS,
    MentionIndex,
    Slot,
    actors_in,
    bound_by_own_object,
    conjuncts,
    culpable_subjects,
    direct_objects,
    first_actors_below,
    is_first_person,
    is_passive,
    predicative_participants,
    prepositions,
    same_actor,
    subject_tokens,
)
from dossier.events.targets import (
    UNKNOWN_ACTOR,
    exclude_sources,
    find_targets,
    infinitive_subjects,
    objects_acted_on,
    slot_starts,
)
from dossier.events.tree import children
from dossier.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

# Roots coded with a blank source when the target is known: acts done to someone.
ONE_SIDED_ROOTS = frozenset({"06", "07", "08", "09", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})
# How deep a chain of complements is followed ("agreed to ask X to lift ...").
MAX_COMPLEMENT_DEPTH = 3
# An appeal for these against someone is pressure on that someone (a demand).
HOSTILE_ROOTS = frozenset({"13", "14", "15", "16", "17", "18", "19", "20"})
# An appeal for those against a party that is not asked to act ("called for sanctions against X",
# "urged strikes on Y") denounces that party: CAMEO 111 (criticize or denounce), PLOVER ACCUSE.
HOSTILE_APPEAL_CODE = "111"
# An appeal for an investigation (09) or for legal action (11: charges, prosecution, a lawsuit) of a
# party not asked to act accuses that party, as an appeal for force against it does.
ACCUSING_ROOTS = frozenset({"09", "11"})
FRAME_CODES = tuple(f"@{frame}" for frame in cameo.FRAMES)
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
OBLIGATION_VERBS = frozenset({"need", "have"})
PARTICLE_DEPS = frozenset({"prt", "prep", "agent", "advmod", "oprd", "acomp", "dative", "dobj", "npadvmod", "xcomp"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod", "advmod"})
# Public statements (CAMEO 01): what a verb of decision never carries ("adopted a position").
STATEMENT_ROOT = "01"
# Prepositions after a light verb that may hold the event noun: "provided X with aid", "gathered for talks".
OBJECT_PREPS = frozenset({"with", "for", "in"})
# The preposition that names a counterpart ("discussed X with Y"): the object of a talk verb is its topic.
COUNTERPART_PREPS = frozenset({"with"})
# A noun after these sets the scene of another clause ("at a summit", "after the attack") or is its matter
# ("summoned the envoy over Russia's attack": the summons is the news).
BACKGROUND_PREPS = frozenset(
    {"at", "during", "after", "before", "amid", "following", "since", "despite", "ahead", "until", "throughout", "over"}
)


@dataclass
class Predication:
    """One coded predicate before it is split into events, one per source and target."""

    token: Token  # the event word: verb, adjective or noun
    code: str
    sources: list[Slot]
    targets: list[Slot] = field(default_factory=list)
    governor: Token | None = None  # the light verb of a nominal event ("carried out" a test)
    complement: Token | None = None
    mutual: bool = False
    framed: bool = False  # the code came through a frame: no further intent recoding
    frame: str | None = None  # which frame, for the hostile-appeal rule
    complement_code: str | None = None
    flags: set[str] = field(default_factory=set)
    coder: str = "pattern"  # "learned": the fallback classifier gave the code

    def anchors(self) -> list[Token]:
        return [t for t in (self.token, self.governor) if t is not None]


# ------------------------------------------------------------------ verbs


def code_predicate(
    token: Token, entries: tuple[LexiconEntry, ...], index: MentionIndex, consumed: set[int]
) -> Predication | None:
    """Code a verb (or a predicative adjective) whose lemma is in the lexicon."""
    if token.pos_ == "ADJ" and token.dep_ not in ("acomp", "ROOT", "conj", "ccomp"):
        return None  # only predicative adjectives: "X is skeptical", "ready to talk"
    if token.pos_ == "AUX" and token.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    if token.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children(token)):
        return None  # "as opposed to X", "as agreed": a connective or a reference, no act
    if talk.credits_a_cause(token):
        return None  # "may have his own party to blame for it": who caused it, said by the writer
    sources = actors_in(subject_tokens(token), index) or _subject_of_nearer_conjunct(token, index)
    if any(bound_by_own_object(s, token, index) for s in sources):
        return None  # "signaled he might back Trump" with "he" read as Trump: the subject is someone else
    unknown = not sources
    if unknown:
        sources = unknown_source(token, index)
    if not sources:
        return None
    roles = crowd_roles(token, _roles(sources))
    # The most specific row that yields a code wins: "hoped to resume flights" (hope + an
    # uncoded complement) falls back to the plain row (hope: 013). A row that needs a target
    # and finds none gives way only to rows that name the thing acted on: "raided a camp" with
    # no target actor is the row for raids on camps and bases (190).
    lacked_target = lacked_complement = False
    dependents = Dependents(token, index)
    for entry in (e for e in entries if fits(e.pattern, token, roles, index, dependents)):
        if entry.code == "-":
            return None
        if lacked_target and not entry.pattern.objects:
            continue
        if lacked_complement and _told_in_passing(token):
            return None  # "campaigned in Arizona, hoping to score upsets": an aim told, no comment made
        tried = set(consumed)
        predication = _code_with_entry(entry, token, sources, index, tried)
        if predication is not None:
            consumed.update(tried)
            break
        lacked_target = lacked_target or "target" in entry.flags or "counterpart" in entry.flags
        lacked_complement = lacked_complement or (entry.code in FRAME_CODES and "complement" in entry.flags)
    else:
        return None
    if talk.funds_a_campaign(predication.code, token, index):
        return None  # "contributed $300,000 to a group backing Smith": political money, no aid (nor any lesser row)
    if unknown:
        if not _known_side(predication):
            return None
        predication.targets = predication.targets[:1]  # one known side: the one acted on
    return predication


def _told_in_passing(verb: Token) -> bool:
    """A participle adjunct ("..., hoping to score upsets") or a relative clause ("the voters the campaign
    hopes to register"): the writer tells an aim in passing; the plain row of a frame verb (hope: 013) is a
    comment someone makes, which such a clause is not."""
    return verb.dep_ == "relcl" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")


def _code_with_entry(
    entry: LexiconEntry, token: Token, sources: list[Slot], index: MentionIndex, consumed: set[int]
) -> Predication | None:
    """The predication one lexicon row gives, or None when it yields no code or lacks the target it needs."""
    predication = Predication(token, "", sources, mutual="mutual" in entry.flags)
    code = _derive_code(entry, token, predication, index, consumed, depth=0)
    if code is None:
        return None
    predication.code = code
    if "asking" in entry.flags and not talk.asks_something(
        token, predication.complement, predication.complement_code, index
    ):
        return None  # "appeals to the fears of voters": a pitch, no request
    if talk.praises_its_own(predication.code, token, bool(entry.pattern.objects), index):
        return None  # "embracing her heritage": no one endorsed
    if "giver" in entry.flags:
        return from_giver(predication, index)
    if not predication.targets:
        predication.targets = find_targets(token, entry.pattern, predication, index)
        if _is_hostile_appeal(predication) and not _addressed(token, entry.pattern, index):
            # "called for sanctions against X": not a request to X but a denunciation of X.
            predication.code = HOSTILE_APPEAL_CODE
    if _acts_on_no_party(predication.code, token) or talk.measured_as_contest(predication.code, token):
        return None
    if talk.speaks_to_an_audience(predication.code, token, predication.targets, index):
        return None  # "speaking to CBS", "spoke to a crowd of supporters": an interview or a speech
    if talk.measured_as_share(predication.code, token):
        return None  # "men backed Smith, 57 percent to 22 percent": a poll share
    if talk.attacked_for_words(predication.code, token):
        predication.code = talk.VERBAL_ATTACK  # "attacked by Clinton for suggesting ...": criticism
    if predication.code[:2] == "15" and _peacekeepers_move(token):
        predication.code = PEACEKEEPING_CODE
    if predication.code == VISIT_CODE:
        things = _things_travelling(token, index)
        if things:
            carried = [*things, *(obj for t in things for prep, obj in prepositions(t) if prep.lower_ == "of")]
            aid = next((c for c in (code_complement(t, index, 1) for t in carried) if c and c[:2] == "07"), None)
            if aid is None:
                return None  # "the plane landed in Cyprus": a thing that arrives pays no visit
            predication.code = aid  # "Russian aid arrived in Syria": the aid is delivered, 07x
    if "counterpart" in entry.flags:
        predication.targets = counterparts(token, predication, index)
    if "target" in entry.flags and not predication.targets and not (predication.mutual and len(sources) > 1):
        return None
    return predication


PEACEKEEPING_CODE = "074"

# The roots of a material act done to a party (CAMEO 07 aid, 08 de-escalation, 15 force posture, 18-20
# assault and mass violence): it needs someone or somewhere acted on. 085 (easing economic sanctions)
# acts on a tax or an embargo by definition, so it is left out; 14 (protest), 16 and 17 act on
# policies and trade by definition too.
MATERIAL_ROOTS = frozenset({"07", "08", "15", "18", "19", "20"})
ABSTRACT_OBJECT_EXEMPT = frozenset({"085"})
# Abstract and economic things, which no one can be assaulted, aided or de-escalated towards: measures
# of standing (ratings, polls), the economy and its flows (investment, taxes), and political contests.
MEASURE_NOUNS = frozenset(
    "rating ratings poll polls polling survey viewer viewership audience readership ranking standing popularity".split()
)
# Dues: money paid "in taxes" is no aid to the state that levies them.
DUES_NOUNS = frozenset("tax taxes levy levies duty duties fee fees fine fines royalty royalties".split())
ECONOMIC_NOUNS = DUES_NOUNS | frozenset(
    "investment economy market markets growth price prices profit profits revenue revenues sale sales "
    "stock stocks earnings income wage wages inflation currency".split()
)
CONTEST_NOUNS = frozenset(
    "campaign race candidacy bid debate election primary primaries caucus nomination contest "
    "chance chances prospect prospects".split()
)
ABSTRACT_NOUNS = MEASURE_NOUNS | ECONOMIC_NOUNS | CONTEST_NOUNS
# "a bombing campaign", "a military campaign": a contest noun a word of force qualifies is an operation.
FORCE_QUALIFIERS = frozenset("military air aerial armed bombing terror ground naval offensive".split())


def _acts_on_no_party(code: str, verb: Token) -> bool:
    """ "beat its rivals in the ratings", "could hurt investment", "pay carbon taxes", "suspended his
    campaign": a material act (aid, de-escalation, force) whose direct object, or the thing it is
    measured in ("in the polls"), is an abstract or economic thing is no act on a party."""
    if code[:2] not in MATERIAL_ROOTS or code in ABSTRACT_OBJECT_EXEMPT:
        return False
    objects = direct_objects(verb)
    # "beat them in the polls", "paid $5 million in taxes"; not "in a market", a place
    measured_in = [obj for head in (verb, *objects) for prep, obj in prepositions(head) if prep.lower_ == "in"]
    return any(_abstract_thing(t, ABSTRACT_NOUNS) for t in objects) or any(
        _abstract_thing(t, MEASURE_NOUNS | DUES_NOUNS) for t in measured_in
    )


def _abstract_thing(noun: Token, words: frozenset[str]) -> bool:
    if noun.pos_ != "NOUN" or (noun.lemma_.lower() not in words and noun.lower_ not in words):
        return False
    qualifiers = [c for c in children(noun) if c.dep_ in ("compound", "amod")]
    return not any(q.lemma_.lower() in FORCE_QUALIFIERS or q.lower_ in FORCE_QUALIFIERS for q in qualifiers)


def _peacekeepers_move(verb: Token) -> bool:
    """ "Bangladeshi peacekeepers arrived in X", "dozens of peacekeepers began deploying": forces that
    move as peacekeepers (a noun whose plain row in nouns.tsv is 074: peacekeeper, peacekeeping) are
    peacekeeping aid, CAMEO 074, not a mobilisation (154). A row that needs a modifier ("a peacekeeping
    operation") is no peacekeeper: "special operations forces arrived" are troops."""
    nouns = cameo.lexicon().nouns
    for subject in subject_tokens(verb):
        head = event_noun(subject)
        words = [head, *(c for c in children(head) if c.dep_ in ("compound", "amod"))]
        rows = [e for w in words for e in nouns.get(noun_lemma(w), ()) if e.pattern.specificity == 0]
        if any(e.code == PEACEKEEPING_CODE for e in rows):
            return True
    return False


VISIT_CODE = "042"


def _things_travelling(verb: Token, index: MentionIndex) -> list[Token]:
    """ "Russian aid arrived in Syria", "the Iranian tanker headed to Venezuela": the subjects of a verb
    of travel that are things, common nouns that no actor mention covers or that the actors stage reads
    as their country's (the country is their owner, no traveller), seen through partitives ("a shipment
    of vaccines" is vaccines). Empty when any subject is an actor."""
    things = [event_noun(s) for s in subject_tokens(verb)]
    if not things or any(t.pos_ != "NOUN" or not _a_thing(index.at(t)) for t in things):
        return []
    return things


def _a_thing(mention: Mention | None) -> bool:
    """No actor mention, or a country's thing the actors stage reads as the country ("Russian aid")."""
    return mention is None or mention.kind == "metonym"


def from_giver(predication: Predication, index: MentionIndex) -> Predication | None:
    """ "Kenya received military aid from Japan": the giver (the object of "from", on the verb or on
    the thing given) is the source, the receiver the target; with no giver named there is no event."""
    receivers = [s for s in predication.sources if s.actor.code or s.actor.name]
    givers = [obj for head in predication.anchors() for prep, obj in prepositions(head) if prep.lower_ == "from"]
    if predication.governor is not None:  # "received the backing of the AU": the owner of the thing given gives it
        givers += [obj for prep, obj in prepositions(predication.token) if prep.lower_ == "of"]
    sources = exclude_sources(actors_in(givers, index, slot_starts(receivers)), receivers)
    if not sources:
        return None
    predication.sources, predication.targets = sources, receivers
    return predication


def counterparts(token: Token, predication: Predication, index: MentionIndex) -> list[Slot]:
    """Who a talk verb's source talks with: "discussed Syria with Erdogan" is Erdogan; the topic
    ("discussed a Mali hotel attack on the radio") is no party to a meeting."""
    topics = [c for c in children(token) if c.dep_ == "dobj"]
    slots = [obj for head in (token, *topics) for prep, obj in prepositions(head) if prep.lower_ in COUNTERPART_PREPS]
    return exclude_sources(actors_in(slots, index, slot_starts(predication.sources)), predication.sources)


def unknown_source(token: Token, index: MentionIndex) -> list[Slot]:
    """The source of a verb whose agent the text does not name: "Arafat was criticized", "the hostages were released".

    CAMEO and GDELT code an act whose target is known and whose source is
    not, with the source left blank. The slot stands for that blank: no
    code, no name. It is given only when the subject slot holds no actor
    mention at all (an unresolved pronoun, or a name the actors stage could
    not code, never becomes "unknown") and the verb is finite or a
    participle heading its own clause.
    """
    if not index.mentions or token.pos_ != "VERB" or token.dep_ in ("amod", "compound", "acl", "relcl", "xcomp"):
        return []
    # Only a clause with a subject of its own: an infinitive or a gerund ("suspected of
    # shooting", "reports of withdrawing") borrows an agent the text may name elsewhere.
    # In a passive the subject is the one acted on, and "by" would name the agent.
    passive = is_passive(token)
    subjects = [c for c in children(token) if c.dep_ == ("nsubjpass" if passive else "nsubj")]
    if not subjects or any(t.pos_ == "PRON" for t in subjects):
        return []
    if not passive and any(_holds_mention(t, index) and not _an_act_or_weapon(t, index) for t in subjects):
        return []
    if not passive and any(modality().has("medium", t.lemma_.lower()) for t in subjects):
        return []  # "the report provided details of X": a document informs, no one unnamed acts
    article = index.mentions[0].article_id
    mention = Mention(article, token.idx, token.idx, "", UNKNOWN_ACTOR, "role")
    return [Slot(UNKNOWN_ACTOR, mention)]


# Weapons that "kill", "hit" or "destroy" as a sentence's subject: the means of an act whose agent the text
# does not name. Blasts, explosions and fires are left out: as often as not they are accidents.
WEAPON_SUBJECTS = frozenset(
    {"bomb", "explosive", "missile", "rocket", "shell", "mortar", "grenade", "landmine", "drone", "bullet", "gunfire",
     "barrage", "projectile", "artillery"}
)  # fmt: skip
# Assault, fight and mass violence (CAMEO 18-20): the acts a subject that is no actor may name.
VIOLENCE_ROOTS = frozenset({"18", "19", "20"})


def _an_act_or_weapon(subject: Token, index: MentionIndex) -> bool:
    """ "An air strike on a market in Yemen killed 30 civilians", "a roadside bomb targeting a Malian army
    convoy killed four soldiers": a subject that is an act of force or a weapon, not an actor, names
    no agent; the actors inside it are what it hit or where."""
    head = through_partitive(subject)
    if head.pos_ not in ("NOUN", "PROPN") or index.at(head) is not None:
        return False
    lemma = noun_lemma(head)
    if lemma in WEAPON_SUBJECTS:
        return True
    return any(e.code[:2] in VIOLENCE_ROOTS for e in cameo.lexicon().nouns.get(lemma, ()))


def has_blank_source(predication: Predication) -> bool:
    return all(not s.actor.code and not s.actor.name for s in predication.sources)


def _holds_mention(token: Token, index: MentionIndex) -> bool:
    return any(index.at(t) is not None for t in token.subtree)


def _known_side(predication: Predication) -> bool:
    """An act with a blank source is coded only with a known target and a root that acts on someone.

    The target is known when the actors stage coded it, or by its role alone ("soldiers", "protesters":
    coded by the role, as `coder.generic_agent` does) in a clause told in the past ("were arrested",
    "have been killed"); "people are being killed", "journalists are attacked" describe a state of
    things, they report no act."""
    verb = predication.governor or predication.token
    return predication.code[:2] in ONE_SIDED_ROOTS and any(_known_target(t, verb) for t in predication.targets)


def _known_target(target: Slot, verb: Token) -> bool:
    if target.actor.code:
        return True
    return bool(target.actor.role) and target.actor.role != "IGO" and told_as_past(verb)


def told_as_past(verb: Token) -> bool:
    """A past tense, a perfect or a past passive: "arrested", "has arrested", "were arrested", "had been"."""
    auxiliaries = [c for c in children(verb) if c.dep_ in ("aux", "auxpass")]
    if not auxiliaries:
        return verb.tag_ == "VBD"
    first = auxiliaries[0]
    return first.tag_ == "VBD" or (first.lemma_.lower() == "have" and verb.tag_ == "VBN")


def _subject_of_nearer_conjunct(token: Token, index: MentionIndex) -> list[Slot]:
    """Repair a coordination the parser attached too high.

    In "... as Trump attempts to build support and threatened to cut ties",
    "threatened" is parsed as conjoined to the main verb, whose subject names
    no actor; the verb right before "and" is the real partner. Only verbs
    between the conjunct and the head it was attached to are tried.
    """
    if token.dep_ != "conj":
        return []
    for i in range(token.i - 1, token.head.i, -1):
        verb = token.doc[i]
        if verb.pos_ != "VERB":
            continue
        subjects = [c for c in children(verb) if c.dep_ == "nsubj"]
        if subjects:
            return actors_in([t for s in subjects for t in conjuncts(s)], index)
    return []


def _derive_code(
    entry: LexiconEntry, token: Token, predication: Predication, index: MentionIndex, consumed: set[int], depth: int
) -> str | None:
    code = entry.code
    if code == "@object":
        noun = _object_noun(token, entry.pattern, index, direct="decided" in entry.flags)
        if noun is None:
            return None
        noun_code = code_complement(noun, index, depth + 1)
        if noun_code is None:
            return None
        consumed.add(noun.i)
        predication.governor, predication.token = token, noun
        predication.mutual = predication.mutual or _is_mutual_noun(noun)
        predication.framed = _noun_is_framed(noun)
        return noun_code
    if code in ("@say", "@insist"):
        return _code_reported_obligation(token, predication, index, consumed)
    if code in FRAME_CODES:
        complement = find_complement(token, entry.pattern, index)
        complement_code = code_complement(complement, index, depth + 1) if complement is not None else None
        if complement_code is None and "complement" in entry.flags:
            return None
        if complement_code is None and complement is not None and _named_no_event(complement, index):
            return None
        if complement is not None:
            consumed.add(complement.i)
            predication.complement = complement
        predication.framed = True
        frame = code[1:]
        if frame == "command" and complement is not None and actors_in(objects_acted_on(complement), index):
            frame = "demand"  # "ordered police to arrest X": a demand on the police; X is no party of the order
        predication.frame, predication.complement_code = frame, complement_code
        return cameo.apply_frame(frame, complement_code)
    if "complement" in entry.flags:
        return None
    return code


def _is_hostile_appeal(predication: Predication) -> bool:
    complement = predication.complement_code
    if predication.frame != "appeal" or complement is None:
        return False
    if complement[:2] in HOSTILE_ROOTS:
        return True
    # "called for an investigation into X", "urged the prosecution of X": an inquiry or a legal action
    # named by a noun, against a party found; not "asked him to condemn violence" (the one asked acts).
    noun = predication.complement is not None and predication.complement.pos_ in ("NOUN", "PROPN")
    return complement[:2] in ACCUSING_ROOTS and noun and bool(predication.targets)


def _addressed(token: Token, pattern: Pattern, index: MentionIndex) -> bool:
    """Whether an appeal names whom it asks: "urged X", "called on X", "asked X"."""
    addressees = [o for o in direct_objects(token)] + [c for c in children(token) if c.dep_ in ("dative", "iobj")]
    addressees += [obj for prep, obj in prepositions(token) if prep.lower_ in ("on", "upon")]
    return bool(actors_in(addressees, index))


def code_complement(token: Token, index: MentionIndex, depth: int) -> str | None:
    """The code of a complement (a verb or a noun), without asking for a source actor."""
    if depth > MAX_COMPLEMENT_DEPTH:
        return None
    token = event_noun(token)
    entry = _complement_entry(token, index)
    if entry is None or entry.code == "-" or entry.code in ("@say", "@insist"):
        return None
    if entry.code == "@object":
        noun = _object_noun(token, entry.pattern, index, direct="decided" in entry.flags)
        return code_complement(noun, index, depth + 1) if noun is not None else None
    if entry.code in FRAME_CODES:
        complement = find_complement(token, entry.pattern, index)
        inner = code_complement(complement, index, depth + 1) if complement is not None else None
        if inner is None and "complement" in entry.flags:
            return None
        if "asking" in entry.flags and not talk.asks_something(token, complement, inner, index):
            return None  # "expand his appeal": a pitch, no request
        return cameo.apply_frame(entry.code[1:], inner)
    return entry.code


def _complement_entry(token: Token, index: MentionIndex) -> LexiconEntry | None:
    """The lexicon row a complement (a verb or an event noun, `event_noun` already applied) matches."""
    lexicon = cameo.lexicon()
    if token.ent_type_ in ("DATE", "TIME"):
        return None  # "announced in March": a month, no march
    lemma = noun_lemma(token)
    # "a strategic offensive military operation": event_noun picked the modifier "offensive", read as a noun.
    modifier_noun = token.dep_ in ("amod", "compound") and lemma in lexicon.nouns
    if token.pos_ in ("VERB", "AUX", "ADJ") and not modifier_noun:
        if lemma not in lexicon.verbs:
            return None  # a verb is never read as the noun of the same spelling ("exercise caution")
        return match_entry(lexicon.verbs[lemma], token, frozenset(), index)
    if lemma in lexicon.nouns:
        return match_entry(lexicon.nouns[lemma], token, frozenset(), index)
    return None


def _named_no_event(complement: Token, index: MentionIndex) -> bool:
    """A complement a lexicon row names as no event ("meet a deadline", "fight for higher wages", "give rise
    to"), or a light verb carrying such a noun ("continue the fight"): the frame around it intends, asks or
    refuses nothing CAMEO codes, so it is not coded by its default ("vowed to fight for higher wages" is no
    intent to cooperate, 030). An unknown complement keeps the default."""
    noun = event_noun(complement)
    entry = _complement_entry(noun, index)
    if entry is not None and entry.code == "@object":  # "vowed to continue the fight": the thing continued
        carried = _object_noun(noun, entry.pattern, index, direct="decided" in entry.flags)
        entry = _complement_entry(carried, index) if carried is not None else None
    return entry is not None and entry.code == "-"


def _code_reported_obligation(
    token: Token, predication: Predication, index: MentionIndex, consumed: set[int]
) -> str | None:
    """Code "X says Y must/should/needs to Z" as a demand on Y."""
    for clause in (c for c in children(token) if c.dep_ == "ccomp"):
        action = _obligation_action(clause)
        if action is None:
            continue
        inner = code_complement(action, index, 1)
        subjects = [t for t in subject_tokens(clause) if not is_first_person(t)]
        targets = actors_in(subjects, index) or actors_in(_addressees(token), index)
        targets = [t for t in targets if not any(same_actor(t.actor, s.actor) for s in predication.sources)]
        targets = [t for t in targets if not talk.tells_own_country(t, predication.sources)]
        if not targets or talk.pitches_self_to_public(action, targets, predication.sources, index):
            continue  # "Smith said voters should go with him": a campaign pitch, no demand
        consumed.update({clause.i, action.i})
        predication.targets = targets
        predication.complement = action
        predication.framed = True
        # Field coders (and CAMEO's examples) treat "Y must ..." as a demand on Y.
        return cameo.apply_frame("demand", inner)
    return None


def _obligation_action(clause: Token) -> Token | None:
    """The action a clause says someone must do, or None if it states no obligation."""
    if any(c.dep_ == "aux" and c.lemma_.lower() in OBLIGATION_MODALS for c in children(clause)):
        return clause
    # "has to", "needs to"; not "had enough delegates to win", where the infinitive tells what the object is for
    if clause.lemma_.lower() in OBLIGATION_VERBS and not any(c.dep_ == "dobj" for c in children(clause)):
        for child in children(clause):
            if child.dep_ == "xcomp" and any(g.lower_ == "to" for g in children(child)):
                return child
    return None


def _addressees(token: Token) -> list[Token]:
    found = [c for c in children(token) if c.dep_ in ("dobj", "dative", "iobj")]
    found += [obj for prep, obj in prepositions(token) if prep.lower_ == "to"]
    return found


# ------------------------------------------------------------------ nouns


def code_nominal(
    token: Token, entries: tuple[LexiconEntry, ...], index: MentionIndex, consumed: set[int]
) -> Predication | None:
    """A standalone event noun: "the Moon-Putin summit", "Russia's attack on X", "talks between A and B"."""
    entry = match_entry(entries, token, frozenset(), index)
    if entry is None or not entry.flags & {"standalone", "predicative"} or entry.code == "-":
        return None
    mutual = "mutual" in entry.flags
    sources, targets = _nominal_participants(token, mutual, index)
    if "predicative" in entry.flags:  # "X is a major donor": only the copula's subject acts
        sources, to_copula = predicative_participants(token, index)
        targets = targets or to_copula
    if not sources:
        return None
    entry = match_entry(entries, token, _roles(sources), index) or entry
    if entry.code == "-":
        return None
    predication = Predication(token, "", sources, targets, mutual=mutual)
    code = entry.code
    if code in FRAME_CODES:
        complement = find_complement(token, entry.pattern, index)
        inner = code_complement(complement, index, 1) if complement is not None else None
        code = cameo.apply_frame(code[1:], inner)
        predication.framed = True
        if complement is not None:
            consumed.add(complement.i)
        if "asking" in entry.flags and not talk.asks_something(token, complement, inner, index):
            return None  # "Obama's appeal to young voters": his popularity, no request
    elif code.startswith("@"):
        return None
    predication.code = code
    if not predication.targets:
        predication.targets = exclude_sources(first_actors_below(token, index, slot_starts(sources)), sources)
    return predication


# Prepositions of an event noun that name the one it is done to when no agent is named: "the arrest of
# the opposition leader", "protests against the government", "an attack on a convoy".
PATIENT_PREPS = frozenset({"of", "against", "on", "upon", "into", "toward", "towards"})


def agentless_nominal(token: Token, entries: tuple[LexiconEntry, ...], index: MentionIndex) -> Predication | None:
    """An act named by a noun whose agent the text does not name, done to a coded actor: "the arrest
    of the opposition leader sparked protests" is an arrest (173) with a blank source, as a passive
    with no "by" is. Only hostile and yielding roots (ONE_SIDED_ROOTS) and nouns that stand alone;
    the coder asks for it only in a sentence with no other event."""
    entry = match_entry(entries, token, frozenset(), index)
    if entry is None or "standalone" not in entry.flags or entry.code.startswith("@") or entry.code == "-":
        return None
    if entry.code[:2] not in ONE_SIDED_ROOTS or "mutual" in entry.flags:
        return None
    holders = [
        c for c in children(token) if c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "amod" and index.at(c))
    ]  # fmt: skip
    if holders and (actors_in(_compound_chain(holders), index) or any(h.pos_ == "PRON" for h in holders)):
        return None  # "Russia's attack", "its crackdown": an agent is named, the plain rule decides
    if any(prep.lower_ == "by" for prep, _ in prepositions(token)):
        return None
    patients = [obj for prep, obj in nominal_prepositions(token) if prep.lower_ in PATIENT_PREPS]
    targets = [t for t in actors_in(patients, index) if t.actor.code][:1]
    if not targets:
        return None
    mention = Mention(index.mentions[0].article_id, token.idx, token.idx, "", UNKNOWN_ACTOR, "role")
    return Predication(token, entry.code, [Slot(UNKNOWN_ACTOR, mention)], targets)


def names_a_bearer(token: Token, index: MentionIndex) -> bool:
    """ "special operations forces", "the trade minister", "attack helicopters": a modifier of a noun
    that names people or equipment (a `bearer` word of modality.tsv, or a noun the actors stage makes a
    mention of) is part of that name, no act of its own; a modifier that is aid or forces ("a
    peacekeeping force") is the act, as in `event_noun`."""
    if token.dep_ not in ("compound", "amod") or names_personnel(noun_lemma(token)):
        return False
    head = token.head
    mention = index.at(head)
    return (mention is not None and mention.kind != "metonym") or modality().has("bearer", head.lemma_)


def part_of_a_name(token: Token, index: MentionIndex) -> bool:
    """ "the Popular Mobilization Forces", "the UN Assistance Mission in Afghanistan", "the Organisation of
    Islamic Cooperation": a noun inside a named actor's mention, below another word of that name, is a
    word of the name, not an act the actor does (the actor acts through the verb of its clause)."""
    mention = index.by_token.get(token.i)
    if mention is None or mention.kind != "name" or token.head is token:
        return False
    return mention.start <= token.head.idx < mention.end


def owned_by_a_verb(token: Token, lexicon: cameo.Lexicon) -> bool:
    """A noun is not an event of its own as the object of a lexicon verb ("violated the ceasefire"),
    nor as the setting of another clause ("at a summit", "during talks", "after the attack"). A verb
    the lexicon knows only as receiving (`giver` rows: secure, obtain, win) owns only what it receives:
    "secured the backing of X" is X's support, "secured a deal with X" the deal."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lexicon.verbs:
        rows = lexicon.verbs[head.lemma_.lower()]
        received = any(noun_lemma(token) in row.pattern.objects for row in rows)
        return received or not all("giver" in row.flags for row in rows)
    return token.dep_ == "pobj" and head.lower_ in BACKGROUND_PREPS


def _nominal_participants(token: Token, mutual: bool, index: MentionIndex) -> tuple[list[Slot], list[Slot]]:
    holders = [c for c in children(token) if c.dep_ in ("poss", "compound", "nmod")]
    holders += [c for c in children(token) if c.dep_ == "amod" and index.at(c)]  # "a Russian attack"
    sources = actors_in(_compound_chain(holders), index)
    targets: list[Slot] = []
    for prep, obj in nominal_prepositions(token):
        word = prep.lower_
        if word == "by" and not sources:
            sources = actors_in([obj], index)
        elif word == "between":
            pair = actors_in(conjuncts(obj), index)
            if pair and not sources:
                sources, targets = pair[:1], pair[1:]
            elif pair:
                targets.extend(pair)
        elif word in TARGET_PREPS and word != "between":
            targets.extend(actors_in([obj], index))
    if mutual and len(sources) > 1 and not targets:
        sources, targets = sources[:1], sources[1:]
    if not sources:
        sources = culpable_subjects(token, index)
    if not sources and ((mutual and targets) or _has_possessive_pronoun(token)):
        # "X was injured in clashes with Y", "X renewed its calls": the clause's subject takes part.
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if verb.pos_ in ("VERB", "AUX"):
            subjects = [c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")]
            sources = actors_in([t for s in subjects for t in conjuncts(s)], index)
    return sources, exclude_sources(targets, sources)


def nominal_prepositions(token: Token) -> list[tuple[Token, Token]]:
    """The prepositions of an event noun, and those of the verb that says it took place.

    "Clashes erupted between A and B", "fighting broke out with X": the parser
    hangs the participants on the verb of occurrence (kind `occurrence` in
    modality.tsv), whose subject the event noun is.
    """
    found = list(prepositions(token))
    verb = token.head
    if token.dep_ == "nsubj" and verb.pos_ == "VERB" and modality().has("occurrence", verb.lemma_):
        found += [(prep, obj) for prep, obj in prepositions(verb) if prep.lower_ in TARGET_PREPS]
    return found


def _compound_chain(tokens: list[Token]) -> list[Token]:
    """Flatten compound chains: in "Moon-Putin summit" Moon hangs on Putin, which hangs on summit."""
    found: list[Token] = []
    for token in tokens:
        inner = [c for c in children(token) if c.dep_ == "compound" and token.dep_ != "amod"]
        found.extend(_compound_chain(inner))
        found.append(token)
    return sorted(found, key=lambda t: t.i)


def _has_possessive_pronoun(token: Token) -> bool:
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children(token))


def _noun_is_framed(token: Token) -> bool:
    entries = cameo.lexicon().nouns.get(token.lemma_.lower(), ())
    return any(entry.code in FRAME_CODES for entry in entries)


def _is_mutual_noun(token: Token) -> bool:
    entries = cameo.lexicon().nouns.get(token.lemma_.lower(), ())
    return any("mutual" in entry.flags for entry in entries)


# ------------------------------------------------------------------ patterns


def match_entry(
    entries: tuple[LexiconEntry, ...], token: Token, roles: frozenset[str], index: MentionIndex
) -> LexiconEntry | None:
    """The first (most specific) lexicon row whose pattern the token's dependents satisfy."""
    dependents = Dependents(token, index)
    for entry in entries:
        if fits(entry.pattern, token, roles, index, dependents):
            return entry
    return None


class Dependents:
    """What `fits` reads of a token's dependents, each part read once however many lexicon rows are tried."""

    def __init__(self, token: Token, index: MentionIndex) -> None:
        self.token = token
        self.index = index
        self.nominal = token.pos_ in ("NOUN", "PROPN")

    @cached_property
    def particles(self) -> frozenset[str | None]:
        found = {_particle(c) for c in children(self.token)}
        if self._recipient_and_sum is not None:
            found.add("to")  # "paid the contractors $2 million" is "paid $2 million to the contractors"
        return frozenset(found)

    @cached_property
    def _recipient_and_sum(self) -> tuple[Token, Token] | None:
        return None if self.nominal else recipient_and_sum(self.token)

    @cached_property
    def objects(self) -> list[Token]:
        if self._recipient_and_sum is not None:
            return [self._recipient_and_sum[1]]  # the sum paid, not whom it is paid to
        heads = [] if self.nominal else direct_objects(self.token) or _object_subjects(self.token, self.index)
        return [through_partitive(o) for o in heads]

    @cached_property
    def first_object_lemmas(self) -> frozenset[str | None]:
        """The first object's lemma and that of its compound: "sent supplies and personnel" is sending supplies."""
        # a sum ("$40,000") is also "money", as noun_lemma reads it
        return frozenset(
            word
            for o in self.objects[:1]
            for word in (_lemma(o), noun_lemma(o), _compound_lemma(o), title_cased_singular(o))
        )

    @cached_property
    def pobject_lemmas(self) -> frozenset[str]:
        return frozenset(_lemma(obj) for _, obj in prepositions(self.token))

    @cached_property
    def modifier_lemmas(self) -> frozenset[str]:
        """The modifiers of the token (a noun) or of its objects and prepositions' objects."""
        if self.nominal:
            holders = [self.token]
        else:
            holders = self.objects + [obj for _, obj in prepositions(self.token)]
        return frozenset(_lemma(m) for h in holders for m in children(h) if m.dep_ in MODIFIER_DEPS)


def fits(
    pattern: Pattern,
    token: Token,
    roles: frozenset[str],
    index: MentionIndex,
    dependents: Dependents | None = None,
) -> bool:
    """Whether a lexicon row's pattern fits the token; `dependents` (of this token) carries what other rows read."""
    if pattern.roles and not (pattern.roles & roles):
        return False
    if not (pattern.particles or pattern.objects or pattern.pobjects or pattern.modifiers or pattern.bare):
        return True  # a plain row: nothing of the dependents to read
    dependents = dependents if dependents is not None else Dependents(token, index)
    if pattern.particles and pattern.particles.isdisjoint(dependents.particles):
        return False
    if pattern.objects and pattern.objects.isdisjoint(dependents.first_object_lemmas):
        return False
    if pattern.pobjects and pattern.pobjects.isdisjoint(dependents.pobject_lemmas):
        return False
    if pattern.modifiers and pattern.modifiers.isdisjoint(dependents.modifier_lemmas):
        return False
    return all(_fits_bare(bare, token, dependents.objects, index) for bare in pattern.bare)


def _object_subjects(token: Token, index: MentionIndex) -> list[Token]:
    """A thing the parser made an infinitive's subject is the verb's object: "declared a state of siege to
    begin at midnight". An actor there is whom the verb acts on ("welcomed X to mediate"), not its object."""
    return [t for t in infinitive_subjects(token) if index.at(t) is None]


def _particle(child: Token) -> str | None:
    """The particle a child contributes: "call +for" holds in "called for talks" and in "called for X to go"."""
    if child.dep_ == "prep" and _only_a_time(child):
        return None  # "called the president on Monday" is no "call on X"; "agreed on Tuesday" no "agree on"
    if child.dep_ in PARTICLE_DEPS:
        return child.lower_
    if child.dep_ == "ccomp" and (child.pos_ == "ADJ" or not list(children(child))):
        # A small clause: "found X guilty", "set X free" (the parser's ccomp); a ccomp without
        # dependents is one predicative word, whatever its tag ("let free" tagged as a verb).
        return child.lower_
    if child.dep_ in ("advcl", "ccomp"):
        for mark in children(child):
            if mark.dep_ == "mark" and mark.lower_ in ("for", "if", "whether"):  # "asked X if": a question
                return mark.lower_
    return None


def _only_a_time(prep: Token) -> bool:
    """A preposition whose objects are all dates or times ("on Monday", "in March", "at dawn")."""
    objects = [c for c in children(prep) if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _fits_bare(bare: str, token: Token, objects: list[Token], index: MentionIndex) -> bool:
    if bare == "xcomp":
        return any(c.dep_ == "xcomp" for c in children(token))
    if bare == "ccomp":
        return any(c.dep_ == "ccomp" for c in children(token))
    if bare == "passive":
        return is_passive(token)
    if bare == "active":
        return not is_passive(token)
    if bare == "noobj":
        return not objects
    if bare == "dobj":  # "gave $2 million to X" has one, "gave in to X" none
        return bool(objects)
    if bare == "actorobj":
        return any(actors_in([o], index) for o in objects)
    if bare == "visitor":  # "received the minister", not "received the backing of the AU"
        return any((actors_in([o], index) or _sent_from(token, index)) and not _an_act(o) for o in objects)
    if bare == "prt":  # "sat in at the ministry" (a particle), not "sat in a house" (a preposition with a place)
        return any(c.dep_ == "prt" or (c.dep_ == "prep" and not list(children(c))) for c in children(token))
    if bare == "oprd":  # "called him a liar", "called the move illegal"
        return any(
            # an object predicate names only beside an object: alone it is the object ("called X to ...")
            (c.dep_ == "oprd" and any(o.i != c.i for o in objects))
            or (c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("NOUN", "ADJ"))
            for c in children(token)
        )
    return False


def _sent_from(verb: Token, index: MentionIndex) -> list[Slot]:
    """ "received a delegation from X": the parser hangs the visitors' sender on the verb, not on the
    visitors; that sender is the party received, as it is in "received a delegation of X"."""
    return actors_in([obj for prep, obj in prepositions(verb) if prep.lower_ == "from"], index)


def _an_act(token: Token) -> bool:
    """An object that is an act the noun lexicon codes ("the backing of the AU", "a complaint from X"), not a
    party: the actor inside its phrase does the act, it is not the one received, welcomed or questioned.
    Acts of consultation (04: "a visit", "a call from X") are let through: receiving them is hosting.
    The key is `noun_lemma`'s, as for subjects (`_an_act_or_weapon`): "cease-fire" and sums of money too."""
    entries = cameo.lexicon().nouns.get(noun_lemma(token), ())
    return bool(entries) and not any(e.code[:2] == "04" or e.code.startswith("@") for e in entries)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _compound_lemma(token: Token) -> str | None:
    """The compound of an object names what it is about: "curfew hours", "tariff cuts"."""
    for child in children(token):
        if child.dep_ == "compound":
            return child.lemma_.lower()
    return None


def crowd_roles(token: Token, roles: frozenset[str]) -> frozenset[str]:
    """ "Thousands of Israelis protested": a subject headed by a crowd word (kind `crowd` in
    modality.tsv) acts as civilians (CVL), not as the state its people belong to."""
    heads = [c for c in children(token) if c.dep_ == "nsubj"]
    if not any(modality().has("crowd", h.lemma_) or h.pos_ == "NUM" for h in heads):
        return roles
    return (roles - {"-"}) | {"CVL"}


def _roles(slots: list[Slot]) -> frozenset[str]:
    return frozenset((slot.actor.role or "-").upper() for slot in slots)


def find_complement(token: Token, pattern: Pattern, index: MentionIndex | None = None) -> Token | None:
    """What a frame predicate is about: its infinitive, the object of its preposition, or its object.

    Actors are the addressees, never the complement: in "offered to the US an
    armored regiment" the complement is the regiment.
    """
    for child in children(token):
        if child.dep_ == "xcomp" or (_particle(child) == "for" and child.dep_ in ("advcl", "ccomp")):
            return child

    def is_actor(candidate: Token) -> bool:
        return index is not None and index.at(candidate) is not None

    for prep, obj in prepositions(token):
        if (prep.lower_ in pattern.particles or prep.lower_ in ("for", "to", "with")) and not is_actor(obj):
            return through_partitive(obj)
    for obj in direct_objects(token) if token.pos_ not in ("NOUN", "PROPN") else []:
        if (obj.pos_ in ("NOUN", "PROPN") or obj.pos_ == "VERB") and not is_actor(obj):
            return through_partitive(obj)
    for child in children(token):
        if child.dep_ in ("ccomp", "acl") and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def _object_noun(token: Token, pattern: Pattern, index: MentionIndex, direct: bool = False) -> Token | None:
    """The noun a light verb carries: its object, else the object of its preposition.

    "provided Egypt with $50 billion": the direct object is the recipient, the
    thing given follows "with"; the first candidate the noun lexicon knows wins.
    With `direct` (rows flagged `decided`), only the direct object: what was
    approved or enacted is its object, never a "with" phrase ("enacted changes
    with some assistance from X"), and never an actor ("approved special
    operations forces for Syria": the forces are no act) or a stance ("adopted
    the party's position": a decision is no statement).
    """
    if direct:
        objects = direct_objects(token)
        if not objects or any(index.at(o) is not None for o in (objects[0], through_partitive(objects[0]))):
            return None
        noun = event_noun(objects[0])
        statement = any(e.code[:2] == STATEMENT_ROOT for e in cameo.lexicon().nouns.get(noun_lemma(noun), ()))
        return None if statement else noun
    candidates = [event_noun(o) for o in direct_objects(token)]
    candidates += [event_noun(obj) for prep, obj in prepositions(token) if prep.lower_ in pattern.particles]
    candidates += [event_noun(obj) for prep, obj in prepositions(token) if prep.lower_ in OBJECT_PREPS]
    nouns = cameo.lexicon().nouns
    for candidate in candidates:
        if noun_lemma(candidate) in nouns:
            return candidate
    return candidates[0] if candidates else None
