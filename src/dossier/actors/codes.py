"""Knowledge-base codes -> actor references."""

from __future__ import annotations

from dossier.actors.knowledge import TRANSNATIONAL_PREFIXES, Entry, KnowledgeBase
from dossier.records import ActorRef


def code_of(entry: Entry) -> str:
    """The code of a country, demonym, capital, seat, IGO, nationality or contextual entry.

    The knowledge-base loader gives every entry of these kinds a code; only
    titles, groups, bodies, honorifics and people have none.
    """
    if entry.code is None:
        raise ValueError(f"knowledge-base {entry.kind} entry {entry.name!r} has no code; the loader should give it one")
    return entry.code


def country_actor(kb: KnowledgeBase, code: str, role: str | None = None, name: str | None = None) -> ActorRef:
    """A country (or IGO) code with an optional role: "RUS" + "GOV" -> RUSGOV, named after the country."""
    if code.startswith("IGO"):
        return ActorRef(code, name or kb.country_name(code) or code, None, None)
    return ActorRef(code + (role or ""), name or kb.country_name(code) or code, code, role)


def nonstate_actor(entry: Entry) -> ActorRef:
    """ "Taliban" -> AFGREB with country AFG; "Islamic State" (IMGREB) and NGOs have no country."""
    code = entry.code or ""
    country = None if code[:3] in TRANSNATIONAL_PREFIXES else code[:3]
    return ActorRef(code, entry.name or code, country, entry.role)


# The role CAMEO gives a non-governmental organisation; with a country code in front, one of that country.
ORGANISATION_ROLE = "NGO"


def organisation_of_country(kb: KnowledgeBase, code: str, name: str) -> ActorRef:
    """An organisation the knowledge base does not list, whose name says only whose it is ("Gun Owners of
    America", "the American Civil Liberties Union"): the country's non-governmental actor, not its state.

    Example:
        >>> organisation_of_country(KnowledgeBase(), "USA", "Gun Owners of America").code
        'USANGO'
    """
    return country_actor(kb, code, ORGANISATION_ROLE, name)
