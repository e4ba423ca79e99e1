"""One actor identity for every count: who an actor is, and how a user may group actors instead.

An actor is its code and name together: "Russian government officials"
(RUSGOV) and "Vladimir Putin" (RUSGOV) are two actors, so what one says or
does is never counted under the other. Grouping by code (`--by-code`) or by
country (`--by-country`) is what a user asks for, never the default.

Example:
    >>> officials = {"code": "RUSGOV", "name": "Russian government officials", "country": "RUS"}
    >>> actor_key(officials, IDENTITY), actor_key(officials, CODE), actor_key(officials, COUNTRY)
    ('RUSGOV|Russian government officials', 'RUSGOV', 'RUS')
"""

from __future__ import annotations

from typing import Any

IDENTITY = "actor"
CODE = "code"
COUNTRY = "country"
GROUPINGS = (IDENTITY, CODE, COUNTRY)


def check_grouping(by: str) -> str:
    if by not in GROUPINGS:
        raise ValueError(f"group actors by {', '.join(map(repr, GROUPINGS))}, not {by!r}")
    return by


def country_of(actor: dict[str, Any]) -> str | None:
    """The actor's country: its own, else the first three letters of its code (not for IGOs and NGOs)."""
    code = actor.get("code")
    if actor.get("country"):
        return str(actor["country"])
    if code and not str(code).startswith(("IGO", "NGO")):
        return str(code)[:3]
    return str(code) if code else None


def actor_key(actor: dict[str, Any], by: str = IDENTITY) -> str:
    """The group an actor reference falls in: "code|name" (identity), the code, or the country.

    An actor without a code is grouped by its name under every grouping.
    """
    code = actor.get("code")
    name = str(actor.get("name") or "")
    if by == IDENTITY:
        return f"{code or ''}|{name}"
    if by == COUNTRY:
        return country_of(actor) or name or "?"
    return str(code or name or "?")


def keyed_by_code(actor: dict[str, Any], by: str) -> bool:
    """Whether `actor_key` gave a code or a country (not a name) under a code or country grouping."""
    if by == COUNTRY:
        return country_of(actor) is not None
    return bool(actor.get("code"))


def actor_label(actor: dict[str, Any], by: str = IDENTITY) -> str:
    """How a group is shown: "Vladimir Putin (RUSGOV)" for an identity, else the code or country."""
    if by != IDENTITY:
        return actor_key(actor, by)
    code, name = actor.get("code"), actor.get("name") or ""
    return f"{name} ({code})" if code and name and name != code else str(name or code or "?")
