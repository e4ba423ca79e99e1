"""Actors known through whose they are: a named unit of a state body, forces loyal to someone.

Two shapes of news prose leave a mention uncoded, or coded with a role and
no country, although the noun phrase names who the actor belongs to:

- a unit or office the knowledge base does not list, named as part of a
  state body it does list: "the 32 Artillery Brigade of the Nigerian Army",
  "the Nigerian Army's 5th Division", "the Criminal Investigation
  Department of the Kenyan Police". The unit acts for its body, so it
  takes the body's code (NGAMIL, KENCOP) and keeps its own name;
- armed men named by their allegiance: "troops loyal to Laurent Gbagbo",
  "forces loyal to President Assad". They are the forces of the country
  of the one they are loyal to (CIVMIL, SYRMIL), as CAMEO codes a
  government's forces by the state, whatever their faction.

Runs after every step that makes mentions, before pronouns resolve, so a
pronoun can take the completed actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.actors.codes import country_actor
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

# The roles of a state's own bodies: a unit named as part of one of these is that body.
STATE_BODY_ROLES = frozenset({"MIL", "COP", "GOV", "LEG", "JUD", "SPY"})
# The roles of armed men whose country their allegiance gives ("troops loyal to X").
ARMED_ROLES = frozenset({"MIL", "COP", "UAF"})
ALLEGIANCE_ADJECTIVES = frozenset({"loyal", "allied", "faithful"})


def find_owned_actors(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Code the units of listed state bodies and the forces loyal to a coded actor."""
    by_token = {i: draft for draft in found.drafts for i in range(draft.start, draft.end)}
    for draft in list(found.drafts):
        if draft.kind == "pronoun":
            continue
        head = _head_of(inputs, draft)
        if draft.actor.code is None:
            owner = _owning_body(head, by_token)
            if owner is not None:
                found.replace_actor(draft, ActorRef(owner.code, draft.actor.name, owner.country, owner.role))
                continue
        if draft.actor.country is None and (draft.actor.role in ARMED_ROLES or _armed_noun(inputs, head)):
            country = _allegiance_country(head, by_token)
            if country is not None:
                armed = country_actor(inputs.kb, country, draft.actor.role or "MIL", draft.actor.name)
                found.replace_actor(draft, armed)


def _head_of(inputs: ArticleInputs, draft: Draft) -> Token:
    """The token of the span whose syntactic head lies outside it (the last token when the parse is odd)."""
    doc = inputs.doc
    for i in range(draft.start, draft.end):
        head = doc[i].head
        if head.i == i or not draft.start <= head.i < draft.end:
            return doc[i]
    return doc[draft.end - 1]


def _owning_body(head: Token, by_token: dict[int, Draft]) -> ActorRef | None:
    """The listed state body the unit belongs to: "X of the Nigerian Army" or "the Nigerian Army's X"."""
    owners = [c for c in head.children if c.dep_ == "poss"]
    of_phrases = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    owners += [g for c in of_phrases for g in c.children if g.dep_ == "pobj"]
    for token in owners:
        owner = by_token.get(token.i)
        if owner is not None and owner.actor.country and owner.actor.role in STATE_BODY_ROLES:
            return owner.actor
    return None


def _armed_noun(inputs: ArticleInputs, head: Token) -> bool:
    """An uncoded plural that the role list gives an armed role ("Troops" opening a sentence, read as a name)."""
    entries = inputs.names.entries_at(head.i, "body", "group")
    return any(e.role in ARMED_ROLES for e in entries)


def _allegiance_country(head: Token, by_token: dict[int, Draft]) -> str | None:
    """The country of the coded actor after "loyal to" on the noun."""
    for adjective in head.children:
        if adjective.lower_ not in ALLEGIANCE_ADJECTIVES:
            continue
        for prep in adjective.children:
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            for leader in prep.children:
                owner = by_token.get(leader.i)
                if leader.dep_ == "pobj" and owner is not None and owner.actor.country:
                    return owner.actor.country
    return None
