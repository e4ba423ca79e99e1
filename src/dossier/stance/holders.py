"""Who holds a stance: the subject or agent of a stance word, the possessor of a
stance noun, the speaker of a quote or verb of saying, or an event's source."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dossier.events.participants import FIRST_PERSON, RELATIVE_PRONOUNS, actors_in, conjuncts, is_passive
from dossier.records import ActorRef, Mention
from dossier.stance.context import NOUN_POS, VERB_POS, Reading

if TYPE_CHECKING:
    from spacy.tokens import Token

# How many steps up the parse a path is followed; sentences are shallow.
MAX_PATH = 14
# CAMEO roots that support what they are about (appeal, demand) or oppose it
# (disapprove, reject): an event lends its source only to a stance word of the same side.
SUPPORT_ROOTS = frozenset({"02", "10"})
OPPOSE_ROOTS = frozenset({"11", "12"})

Holder = tuple[ActorRef, "Mention | None"]


def own_holders(reading: Reading, head: Token) -> list[Holder] | None:
    """The holders of a stance word from its own slots; None when it has none and the climb goes on."""
    if head.pos_ in NOUN_POS or any(c.dep_ == "poss" for c in head.children):
        return noun_holders(reading, head)  # also a noun the tagger took for a verb: "Trump's calls to"
    if head.pos_ not in VERB_POS and not (head.pos_ == "ADJ" and head.dep_ not in ("acomp", "xcomp")):
        return None  # a preposition, or an adjective whose subject is on the copula above
    if is_passive(head):
        agents = [
            g
            for c in head.children
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        return holders_of(reading, agents, head) if agents else None
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
    return holders_of(reading, subjects, head) if subjects else None


def noun_holders(reading: Reading, noun: Token) -> list[Holder] | None:
    """ "Beijing's opposition", "US calls for", "Chinese opposition", "calls by Japan for"."""
    holders: list[Token] = []
    explicit = False  # a possessor or a "by" phrase is the holder, actor or not
    for child in noun.children:
        mention = reading.index.at(child)
        if child.dep_ == "poss":
            holders.append(child)
            explicit = True
        elif child.dep_ in ("compound", "amod", "nmod") and mention is not None and mention.kind != "metonym":
            holders.append(child)  # "US calls", "Chinese opposition"; not "Capitol Hill rally"
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            holders.extend(g for g in child.children if g.dep_ == "pobj")
            explicit = True
    return holders_of(reading, holders, noun) if holders or explicit else None


def holders_of(reading: Reading, tokens: list[Token], predicate: Token) -> list[Holder]:
    """The actors the tokens name; "we" is the speaker, "who" the noun a relative clause hangs on."""
    holders: list[Holder] = []
    for token in tokens:
        if token.lower_ in FIRST_PERSON:
            holders.extend(speaker_holders(reading, predicate, token))
        elif token.lower_ in RELATIVE_PRONOUNS and predicate.dep_ == "relcl":
            holders.extend((s.actor, s.mention) for s in actors_in(conjuncts(predicate.head), reading.index))
        else:
            holders.extend((s.actor, s.mention) for s in actors_in(conjuncts(token), reading.index))
    return unique_holders(holders)


def inherited_holders(reading: Reading, head: Token) -> list[Holder]:
    """The subject a clause shares with the one it is joined to ("X rejected A, criticizing B")."""
    token = head
    for _ in range(4):  # conjoined or controlled verbs rarely chain deeper
        holders = own_holders(reading, token) if token.pos_ not in NOUN_POS else None
        if holders is not None:
            return holders
        if token.dep_ in ("conj", "xcomp", "advcl", "acomp"):
            token = token.head
            continue
        return []
    return []


def speaker_holders(reading: Reading, verb: Token, anchor: Token) -> list[Holder]:
    """Who says it: the speaker of the quote around it, or the subject of a verb of saying above."""
    speakers = quote_holders(reading, anchor)
    if speakers:
        return speakers
    token = verb
    for _ in range(MAX_PATH):
        if reading.is_word(token, "report"):
            subjects = [
                t
                for c in token.children
                if c.dep_ in ("nsubj", "csubj") and c.lower_ not in FIRST_PERSON
                for t in conjuncts(c)
            ]
            found = [(slot.actor, slot.mention) for slot in actors_in(subjects, reading.index)]
            if found:
                return unique_holders(found)
        if token.head == token:
            break
        token = token.head
    return []


def quote_holders(reading: Reading, token: Token) -> list[Holder]:
    """The speakers of the quotes the token stands in."""
    at = token.idx
    return unique_holders(
        [(q.speaker, None) for q in reading.quotes if q.speaker is not None and q.start <= at < q.end]
    )


def event_holders(reading: Reading, token: Token, polarity: int) -> list[Holder]:
    """Sources of events coded on this stance word, when the parse gave it no actor."""
    lemma = token.lemma_.lower()
    roots = SUPPORT_ROOTS if polarity > 0 else OPPOSE_ROOTS
    found: list[Holder] = []
    for event in reading.events:
        if event.root_code not in roots or {"negated", "hypothetical"} & set(event.flags) or not event.source.code:
            continue
        if lemma in (event.predicate or "").lower().split() and event.start <= token.idx < event.end:
            found.append((event.source, None))
    return unique_holders(found)


def unique_holders(holders: Iterable[Holder]) -> list[Holder]:
    """One holder per actor, keeping one with a mention where there is one."""
    seen: dict[ActorRef, Holder] = {}
    for actor, mention in holders:
        if actor not in seen or seen[actor][1] is None:
            seen[actor] = (actor, mention)
    return list(seen.values())
