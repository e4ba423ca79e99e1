"""Modality of coded events: negated, hypothetical, future, reported, or not asserted at all.

The words come from events/data/modality.tsv. CAMEO recodes some modal
events: announced cooperation is an intention (03x), announced force a
threat (13x), announced non-cooperation a rejection (12x).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.datafiles import read_rows
from dossier.errors import DataFileError
from dossier.events import cameo
from dossier.events.tree import children

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dossier.events.predicates import Predication

# Roots whose future or intended form CAMEO codes as an intention (03) or a threat (13).
COOPERATION_ROOTS = frozenset({"04", "05", "06", "07", "08"})
FORCE_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
# Acts a sending can be for and be told as ("sent jets to bomb", "sent a team to investigate"): acts of
# conflict, verbal or material (09-20). A sending for aid or talks ("sent aid to help") stays the sending.
DISPATCHED_ROOTS = frozenset({"09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})
SPEECH_HEADS = frozenset(
    {"say", "tell", "state", "announce", "add", "report", "claim", "write", "insist", "stress", "declare", "note"}
)
# Internal flag: a negated cooperative act announced with these ("will not release",
# "cannot accept", "would not meet") or after "fail to" is a refusal (CAMEO 12).
REFUSAL = "refusal"
REFUSAL_AUXILIARIES = frozenset({"will", "wo", "'ll", "shall", "would", "can", "ca"})
# Internal flag: the event is only the content of an aim, a wish or a purpose
# ("wants to attack", "urged X to cut off", "to pressure Y"). Such events are
# not stored: they were never asserted, and coding them is the classic
# over-coding of dictionary coders. Explicitly modal events (negated,
# conditional, future) are stored with their flags.
EMBEDDED = "embedded"


@dataclass(frozen=True)
class Modality:
    """The words of events/data/modality.tsv, by kind."""

    words: dict[str, frozenset[str]]

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.words.get(kind, frozenset())


@lru_cache(maxsize=1)
def modality() -> Modality:
    kinds: dict[str, set[str]] = {}
    for path in cameo.data_files("modality.tsv"):
        for number, row in read_rows(path, required=("word", "kind")):
            if not row["word"] or not row["kind"]:
                raise DataFileError(str(path), number, "word and kind are both required")
            kinds.setdefault(row["kind"], set()).add(row["word"].lower())
    return Modality({kind: frozenset(words) for kind, words in kinds.items()})


# ------------------------------------------------------------------ flags


# Determiners that deny a subject: "neither Smith nor Jones", "no minister".
DENYING_DETERMINERS = frozenset({"neither", "no"})


def _denied_subject(subject: Token) -> bool:
    """A subject headed by "neither" or "no": the clause says that none of them acted."""
    return any(c.dep_ in ("det", "preconj") and c.lower_ in DENYING_DETERMINERS for c in children(subject))


def assess_modality(predication: Predication) -> set[str]:
    """negated, hypothetical, future and reported flags from the predicate's clause."""
    words = modality()
    flags: set[str] = set()
    start = predication.governor or predication.token
    if predication.code[:2] in DISPATCHED_ROOTS and is_dispatched(start):
        start = dispatcher(start)  # "will send troops to fight X": the fight is as asserted as the sending
    if start.dep_ == "acomp" and start.head.pos_ in ("AUX", "VERB"):
        start = start.head  # "is not ready to talk", "can be confident": the copula holds the clause's modality
        if any(c.dep_ == "aux" and words.has("obligation", c.lower_) for c in children(start)):
            flags.add(EMBEDDED)  # "investors should be pessimistic": a mood advised, no comment made
    clause_heads = clause_chain(start)
    for position, head in enumerate(clause_heads):
        for child in children(head):
            word = child.lower_
            if child.dep_ == "neg" and position == 0:
                flags.add("negated")
            elif child.dep_ == "det" and word == "no" and position == 0:
                flags.add("negated")
            elif child.dep_ in ("nsubj", "nsubjpass") and position == 0 and _denied_subject(child):
                flags.add("negated")  # "Neither Smith nor Jones acknowledged it", "No minister backed it"
            elif child.dep_ == "mark" and words.has("condition", word):
                flags.add("hypothetical")
            elif child.dep_ == "mark" and words.has("question", word):
                flags.add(EMBEDDED)  # "no indication whether Moscow would back it": asked, not asserted
            elif child.dep_ == "aux" and position == 0:
                if words.has("obligation", word) and head.dep_ == "ccomp":
                    flags.add(EMBEDDED)  # "agreed that the UN should lead": wanted, not done
                if words.has("future", word):
                    flags.add("future")
                elif word == "would" and _under_speech(head):
                    flags.add("future")  # "said it would send aid"
                elif words.has("modal", word):
                    flags.add("hypothetical")
                elif word == "going":
                    flags.add("future")
                if word in REFUSAL_AUXILIARIES:
                    flags.add(REFUSAL)
            elif child.dep_ == "advmod" and words.has("past", word) and position == 0:
                flags.add("reported")
        if position == 0:
            flags.update(_clause_flags(first_conjunct(head), words, predication.code[:2] in DISPATCHED_ROOTS))
            flags.update(_going_to_flags(head))
            if _headline_infinitive(head):
                flags.add("future")  # "Obama to visit Cuba": a headline's infinitive
        elif (head.dep_ in ("advcl", "acl") and _is_infinitive(head)) or _infinitive_relative(head):
            flags.add(EMBEDDED)  # a purpose clause: "to pressure X"; "a reason for X to back Y"
    token = predication.governor or predication.token
    if token.tag_ in ("VBN", "VBG") and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in children(token)):
        flags.add("reported")  # past perfect: "had attacked", "had been occupying"
    if predication.token.pos_ in ("NOUN", "PROPN") and (
        any(c.dep_ == "det" and c.lower_ == "no" for c in children(predication.token)) or averted(predication.token)
    ):
        flags.add("negated")
    if predication.token.pos_ == "NOUN" and (
        _entertained(predication.token, words) or _guarded_against(predication.token, words)
    ):
        flags.add(EMBEDDED)
    if asks_whether(token.sent):
        flags.add("hypothetical")  # "Did X raid Y?" asks whether it happened; it asserts nothing
    return flags


def is_direct_question(sentence: Span) -> bool:
    """Whether a sentence asks rather than tells: it ends with a question mark (closing quotes aside)."""
    return sentence.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?")


def asks_whether(sentence: Span) -> bool:
    """A yes-no question: a direct question opened by an auxiliary ("Did ...?", "Has ...?", "Will ...?").

    A conjunction before it does not count ("Or have they ...?"). A question
    opened by "why" or "when" takes the act as given ("Why did X refuse
    ...?") and is not one.
    """
    first = next((t for t in sentence if not (t.is_punct or t.is_space or t.pos_ == "CCONJ")), None)
    return first is not None and first.pos_ == "AUX" and first.i != sentence.root.i and is_direct_question(sentence)


def _entertained(noun: Token, words: Modality) -> bool:
    """An event noun a notion noun takes with "of" or "for": "the possibility of another attack on America", "the
    prospect of talks", "an opportunity for criticism": entertained, not asserted."""
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ in ("of", "for") and words.has("notion", head.head.lemma_)


# Determiners that pick one act out ("against the attack", "against this invasion"): an act, not a danger.
PICKING_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def _guarded_against(noun: Token, words: Modality) -> bool:
    """An event noun with no determiner that picks one act, the "against" object of a verb of guarding
    ("deter and defend against North Korean aggression", "shield civilians against attacks"): a danger
    guarded against, no act."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ != "against" or not words.has("guarding", head.head.lemma_):
        return False
    return not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in PICKING_DETERMINERS) for c in children(noun))


def _clause_flags(clause: Token, words: Modality, told_if_dispatched: bool) -> set[str]:
    """The flags the predicate's own clause gives it: an infinitive under a verb that is not implicative
    ("wants to attack"), a clause only wished, a purpose. `clause` is the first of conjoined predicates:
    "wants to end profiling and dismantle prisons" wants both; an act of conflict after a dispatched
    purpose is told with it ("sent jets to bomb and destroy a depot": `told_if_dispatched`)."""
    if clause.dep_ == "xcomp":
        governor = clause.head.lemma_.lower()
        if words.has("negative", governor):
            return {"negated", REFUSAL}  # "failed to reach a deal"
        if not words.has("implicative", governor):
            return {EMBEDDED}  # "wants to attack", "persuade X to cut off"
    if clause.dep_ == "ccomp" and any(words.has("belief", f) for f in _verb_forms(clause.head)):
        return {"hypothetical"}  # "imagine that Iran attacked": imagined, not asserted
    if (
        clause.dep_ in ("acl", "ccomp", "advcl")
        and clause.head.pos_ == "NOUN"
        and words.has("notion", clause.head.lemma_)
    ):
        # "played down the idea that he had struck a deal", "an opportunity for EPA bashing" (a "for" clause the
        # parser hangs on the noun): entertained, not asserted
        return {EMBEDDED}
    if clause.dep_ == "ccomp" and any(words.has("wish", f) for f in _verb_forms(clause.head)):
        return _wished(clause.head)  # "did not want troops to fight": never asserted
    if clause.dep_ in ("advcl", "acl") and _is_infinitive(clause):
        # a purpose clause: "to pressure X"
        return set() if told_if_dispatched and is_dispatched(clause) else {EMBEDDED}
    if _infinitive_relative(clause):
        return {EMBEDDED}  # "another reason for X to back Y", "a man to lead the talks": not asserted
    if _bare_adverbial(clause):
        return {EMBEDDED}  # "is ready to 'take on X,' secure the border": an infinitive the parser lost
    return set()


# Modifiers of a noun that make its infinitive relative a fact: "the first leader to visit Cuba".
ASSERTING_NOUN_MODIFIERS = frozenset({"first", "last", "only", "second", "third", "latest"})


def _infinitive_relative(clause: Token) -> bool:
    """An infinitive the parser hangs on a noun as a relative clause ("another reason for X to back Y"):
    like a purpose, it says what could or should be done, unless the noun is ranked ("the first leader
    to visit Cuba" did visit)."""
    if clause.dep_ != "relcl" or not _is_infinitive(clause):
        return False
    ranked = (c for c in children(clause.head) if c.dep_ in ("amod", "advmod") or c.tag_ == "JJS")
    return not any(c.lower_ in ASSERTING_NOUN_MODIFIERS or c.tag_ == "JJS" for c in ranked)


# Finite verb tags: a bare infinitive cannot be conjoined to one of these.
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP"})


# Clause heads a "to"-infinitive can be only in a headline's grammar ("Iran to free tanker"): not an
# infinitive complement, purpose or relative, which other rules read. A reported one ("Russia to
# withdraw troops, Putin says", ccomp) was measured: the parser gives that shape to infinitives after
# objects too ("convicted the bank to pay"), and scored source and target fell.
HEADLINE_CLAUSE_DEPS = frozenset({"ROOT"})


def _headline_infinitive(predicate: Token) -> bool:
    """ "Obama to visit Cuba", "From hands off, to bomb them": a "to"-infinitive heading a sentence of its
    own (or conjoined to its head) tells what is to come, not what happened."""
    if not _is_infinitive(predicate):
        return False
    clause = predicate.head if predicate.dep_ == "conj" else predicate
    return predicate.dep_ in HEADLINE_CLAUSE_DEPS or clause.dep_ in HEADLINE_CLAUSE_DEPS


def first_conjunct(token: Token) -> Token:
    """The first of conjoined predicates ("end" of "end profiling and dismantle prisons"), or the token.
    A base form the parser conjoins to a finite verb that has an infinitive complement belongs to that
    infinitive's series: "he wants to end X, combat Y and dismantle Z" wants all three, "she is ready to
    secure X, strengthen Y" is ready for both."""
    while token.dep_ == "conj" and token.head is not token:
        head = token.head
        # the infinitive hangs on the verb or on its predicative adjective ("is ready to secure X, strengthen Y")
        holders = [head, *(c for c in children(head) if c.dep_ == "acomp")]
        infinitives = [
            c for h in holders for c in children(h) if c.dep_ == "xcomp" and c.i < token.i and c.tag_ == "VB"
        ]
        if token.tag_ == "VB" and head.tag_ in FINITE_TAGS and infinitives and not _has_subject(token):
            return infinitives[0]
        token = head
    return token


def _bare_adverbial(clause: Token) -> bool:
    """A base form hung on a verb as an adverbial clause with no subject, "to", auxiliary or marker: no
    finite clause asserts it; it is an infinitive of a series the parser split (at a quotation mark)."""
    if clause.dep_ != "advcl" or clause.tag_ != "VB":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in children(clause))


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in children(verb))


def _is_infinitive(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children(clause))


def averted(noun: Token) -> bool:
    """An event noun that a verb of averting takes as its object or passive subject ("averted a war",
    "a ground invasion must be avoided"): the act did not take place."""
    return noun.dep_ in ("dobj", "nsubjpass") and modality().has("averting", noun.head.lemma_.lower())


def speaker_of_averting(noun: Token) -> Token | None:
    """The speech verb of "X says an invasion of Y must be avoided": an averted act under a modal of
    obligation in a clause someone reports is what the speaker asks for (that it not happen), not an
    act; None for any other averted act ("police foiled an attack")."""
    verb = noun.head
    if not averted(noun) or noun.dep_ != "nsubjpass" or not _under_speech(verb):
        return None
    obliged = any(c.dep_ == "aux" and modality().has("obligation", c.lower_) for c in children(verb))
    return verb.head if obliged else None


def is_dispatched(purpose: Token) -> bool:
    """ "sent jets to bomb a depot", "launched an operation to detain activists": a purpose infinitive
    with no subject of its own under a verb of sending or launching names the act the dispatch was for."""
    if purpose.dep_ not in ("advcl", "acl") or not _is_infinitive(purpose):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in children(purpose)):
        return False
    return modality().has("dispatch", dispatcher(purpose).lemma_.lower())


def dispatcher(purpose: Token) -> Token:
    """The verb a purpose infinitive hangs on: "sent jets to bomb", "sent a force to bomb" (through the noun)."""
    return purpose.head if purpose.dep_ == "advcl" else purpose.head.head


def _verb_forms(token: Token) -> set[str]:
    """The lemma and the form less a regular ending: the tagger lemmatises "hopes" as "hop"."""
    form = token.lower_
    forms = {token.lemma_.lower(), form}
    for ending in ("s", "d", "ed", "ing"):
        if form.endswith(ending):
            forms.add(form[: -len(ending)])
    return forms


def _wished(governor: Token) -> set[str]:
    """The flags of an event that is only wished for: hypothetical, and negated under a negated wish."""
    negated = any(c.dep_ == "neg" for c in children(governor))
    return {"hypothetical", "negated"} if negated else {"hypothetical"}


def _going_to_flags(verb: Token) -> set[str]:
    """ "is going to attack X": the parser makes the act the infinitive of "going", not "going" its auxiliary;
    the act is future, and "is not going to release them" (the negation on "going") a refusal, as "will not"."""
    governor = verb.head
    if verb.dep_ != "xcomp" or governor.lower_ != "going" or not any(c.lower_ == "to" for c in children(verb)):
        return set()
    if not any(c.dep_ == "aux" and c.lemma_ == "be" for c in children(governor)):
        return set()  # "kept going to the talks": a verb of motion, no future
    if any(c.dep_ == "neg" for c in children(governor)):
        return {"future", "negated", REFUSAL}
    return {"future"}


def clause_chain(token: Token) -> list[Token]:
    """The predicate and the heads of the clauses it sits in, innermost first."""
    chain = [token]
    current = token
    for _ in range(6):
        if current.dep_ in ("conj",):
            current = current.head
            continue
        if current.dep_ not in ("xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "pobj", "prep"):
            break
        current = current.head
        chain.append(current)
    return chain


def _under_speech(token: Token) -> bool:
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_HEADS


def recode_future(code: str) -> str:
    """A future act of cooperation is an intention (03x), a future act of force a threat (13x)."""
    if code[:2] in COOPERATION_ROOTS:
        return cameo.apply_frame("intent", code)
    if code[:2] in FORCE_ROOTS:
        return cameo.apply_frame("threaten", code)
    return code


def recode_refusal(code: str) -> str:
    """ "will not release", "won't meet": announcing that one will not cooperate is a rejection (12x)."""
    return cameo.apply_frame("reject", code)
