"""The sector of an organisation the knowledge base does not list, read from its name's head noun.

"the Tokyo Stock Exchange" is a business (BUS), "the Iraqi Supreme Judicial
Council" a government body (GOV), "Senate Committee on Trade" the
legislature's (LEG: a role word earlier in the name says more than
"committee"). The head words are data (`data/organisation_heads.tsv`); the
role nouns of `roles.tsv` are asked first by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.actors.knowledge import DATA_DIR, ROLE_CODES
from dossier.datafiles import read_rows
from dossier.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dossier.actors.names import KnownNames

HEADS_FILE = DATA_DIR / "organisation_heads.tsv"


@dataclass(frozen=True)
class Sector:
    """What an organisation's head noun says: its CAMEO role, and whether an earlier role word wins."""

    role: str
    defers: bool


@lru_cache(maxsize=1)
def organisation_heads() -> dict[tuple[str, ...], Sector]:
    """Head words (one or two, lowercase) -> their sector."""
    heads: dict[tuple[str, ...], Sector] = {}
    for line, row in read_rows(HEADS_FILE, ("name", "role", "defers")):
        if row["role"] not in ROLE_CODES:
            raise DataFileError(str(HEADS_FILE), line, f"unknown role {row['role']!r}")
        if row["defers"] not in ("0", "1"):
            raise DataFileError(str(HEADS_FILE), line, f"defers must be 0 or 1, not {row['defers']!r}")
        heads[tuple(row["name"].split())] = Sector(row["role"], row["defers"] == "1")
    return heads


def head_sector(name: Span) -> Sector | None:
    """The sector its last two words or its last word name ("Trade Union", "Exchange")."""
    heads = organisation_heads()
    words = [token.lower_.rstrip(".") for token in name]
    for size in (2, 1):
        if len(words) >= size and tuple(words[-size:]) in heads:
            return heads[tuple(words[-size:])]
    return None


def is_misread_organisation(ent: Span) -> bool:
    """A PERSON entity whose last word names an organisation's sector: "Delhi Police", not a person."""
    return ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text[:1].isupper() and head_sector(ent) is not None


def organisation_role(name: Span, names: KnownNames) -> str | None:
    """The role of an organisation named `name`: its head's sector, or an earlier role word's when it defers."""
    sector = head_sector(name)
    if sector is None:
        return None
    if sector.defers:
        for token in name[:-1]:
            roles = [e.role for e in names.entries_at(token.i, "body", "group") if e.role and e.role != "IGO"]
            if roles:
                return roles[0]
    return sector.role
