"""Political talk that the lexicon reads as force: "Bush hits Rubio", "Christie attacked Rubio".

Campaign and press language borrows the verbs of force ("attack", "hit",
"fight", "slam"). CAMEO's 18-20 need physical force; when both sides of a
force event are political actors (not armed forces, rebels, police or a
country) and the sentence holds no word of real violence, the event is a
verbal attack, 111 (criticize or denounce). The roles and the violence words
are data: events/data/verbal_force.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.datafiles import read_rows
from dossier.errors import DataFileError
from dossier.events import cameo

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dossier.events.participants import Slot

FORCE_ROOTS = frozenset({"18", "19", "20"})
VERBAL_ATTACK = "111"
KINDS = ("talk_role", "talk_body_role", "armed_role", "violence")
NAMED_KINDS = frozenset({"name", "alias"})


@dataclass(frozen=True)
class VerbalForce:
    """The words of events/data/verbal_force.tsv, by kind."""

    talk_roles: frozenset[str]
    talk_body_roles: frozenset[str]
    armed_roles: frozenset[str]
    violence: frozenset[str]


@lru_cache(maxsize=1)
def verbal_force() -> VerbalForce:
    kinds: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path in cameo.data_files("verbal_force.tsv"):
        for number, row in read_rows(path, required=("word", "kind")):
            if row["kind"] not in kinds or not row["word"]:
                raise DataFileError(str(path), number, f"a word and a kind of {', '.join(KINDS)} are required")
            word = row["word"]
            kinds[row["kind"]].add(word.upper() if row["kind"] != "violence" else word.lower())
    return VerbalForce(*(frozenset(kinds[kind]) for kind in KINDS))


def is_political(slot: Slot, table: VerbalForce | None = None) -> bool:
    """A party, campaign, office or outlet by its role, or a named person with no armed role; never a country."""
    table = table or verbal_force()
    role = (slot.actor.role or "").upper()
    if role in table.armed_roles or slot.mention.actor_kind == "country":
        return False
    if slot.mention.actor_kind != "person":
        return role in table.talk_body_roles  # "the government" stands for its state: no
    if role in table.talk_roles:
        return True
    # A person with no role counts only when named: "a man attacked the senator" is an assault.
    return slot.mention.actor_kind == "person" and slot.mention.kind in NAMED_KINDS and not role


def speaks_of_violence(sentence: Span, table: VerbalForce | None = None) -> bool:
    """Whether the sentence names weapons, violence or casualties."""
    table = table or verbal_force()
    return any(token.lemma_.lower() in table.violence or token.lower_ in table.violence for token in sentence)


def talk_code(code: str, source: Slot, target: Slot | None, sentence: Span) -> str:
    """111 for a force code between two political actors in a sentence without violence; else `code`.

    Example (needs a parse): "Senator Smith attacked Governor Jones over the budget" -> 111;
    "Rebels attacked an army convoy" keeps 190.
    """
    if code[:2] not in FORCE_ROOTS or target is None:
        return code
    table = verbal_force()
    if not (is_political(source, table) and is_political(target, table)):
        return code
    return code if speaks_of_violence(sentence, table) else VERBAL_ATTACK
