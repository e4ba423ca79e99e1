"""Where each actor stands on each issue, over every stored article.

The stance stage finds stances one article at a time; this module adds them
up: one cell per actor and issue with how often the actor was found for and
against it, and the strongest piece of evidence. Issues on which actors
disagree come first, because that is what a reader of the matrix asks about
("who disagrees with Russia on sanctions?").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dossier.stance.reader import PROPOSED_PREFIX
from dossier.store.database import Store

ACTOR = "actor"
COUNTRY = "country"


@dataclass
class StanceCell:
    """One actor on one issue: counts for and against, and the strongest stance record."""

    actor: str  # the actor code (or the country, or the name of an actor without a code)
    issue: str
    support: int = 0
    oppose: int = 0
    strongest: dict[str, Any] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)

    @property
    def position(self) -> str:
        """ "support" or "oppose" when the counts lean one way, else "mixed"."""
        if self.support > self.oppose:
            return "support"
        if self.oppose > self.support:
            return "oppose"
        return "mixed"

    @property
    def label(self) -> str:
        """The actor key with the name it was most often found under."""
        name = self.names.most_common(1)[0][0] if self.names else ""
        return f"{self.actor} ({name})" if name and name != self.actor else self.actor

    def add(self, record: dict[str, Any]) -> None:
        if record.get("polarity") == "support":
            self.support += 1
        else:
            self.oppose += 1
        self.names[str((record.get("actor") or {}).get("name") or "")] += 1
        if not self.strongest or float(record.get("strength") or 0) > float(self.strongest.get("strength") or 0):
            self.strongest = record

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "name": self.names.most_common(1)[0][0] if self.names else None,
            "issue": self.issue,
            "position": self.position,
            "support": self.support,
            "oppose": self.oppose,
            "strongest": self.strongest,
        }


@dataclass
class StanceMatrix:
    """Actor x issue cells, with the issues that actors disagree on first."""

    cells: list[StanceCell]

    @property
    def issues(self) -> list[str]:
        """Issues in display order: disputed first, then by how many actors take a side; proposed ones last."""
        by_issue: dict[str, list[StanceCell]] = {}
        for cell in self.cells:
            by_issue.setdefault(cell.issue, []).append(cell)
        return sorted(
            by_issue,
            key=lambda issue: (
                issue.startswith(PROPOSED_PREFIX),
                not self.disputed(issue),
                -len(by_issue[issue]),
                issue,
            ),
        )

    def disputed(self, issue: str) -> bool:
        """Some actor leans for the issue and another against it."""
        positions = {cell.position for cell in self.cells if cell.issue == issue}
        return {"support", "oppose"} <= positions

    def row(self, issue: str) -> list[StanceCell]:
        """The cells of one issue: supporters, then opponents, then the mixed; most evidence first."""
        order = {"support": 0, "oppose": 1, "mixed": 2}
        cells = [cell for cell in self.cells if cell.issue == issue]
        return sorted(cells, key=lambda c: (order[c.position], -(c.support + c.oppose), c.actor))

    @property
    def has_proposed(self) -> bool:
        return any(cell.issue.startswith(PROPOSED_PREFIX) for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "issues": [
                {"issue": issue, "disputed": self.disputed(issue), "actors": [c.to_dict() for c in self.row(issue)]}
                for issue in self.issues
            ]
        }


def build_matrix(records: Iterable[dict[str, Any]], by: str = ACTOR, issue: str | None = None) -> StanceMatrix:
    """Add up stance records (the contract's dict shape) into an actor x issue matrix.

    `by` is "actor" (the actor code, e.g. RUSGOV) or "country" (RUS).

    Example:
        >>> matrix = build_matrix([{"actor": {"code": "RUS", "name": "Russia"}, "issue": "sanctions",
        ...                          "polarity": "oppose", "strength": 0.9, "evidence": "Russia rejected ..."}])
        >>> matrix.row("sanctions")[0].position
        'oppose'
    """
    if by not in (ACTOR, COUNTRY):
        raise ValueError(f"group stances by {ACTOR!r} or {COUNTRY!r}, not {by!r}")
    cells: dict[tuple[str, str], StanceCell] = {}
    for record in records:
        if issue is not None and record.get("issue") != issue:
            continue
        key = (actor_key(record.get("actor") or {}, by), str(record.get("issue")))
        cell = cells.setdefault(key, StanceCell(*key))
        cell.add(record)
    return StanceMatrix(list(cells.values()))


def stance_matrix(store: Store, by: str = ACTOR, issue: str | None = None) -> StanceMatrix:
    """The matrix over every stance stored in a database.

    Example:
        >>> with Store.open("dossier.db", read_only=True) as store:
        ...     matrix = stance_matrix(store)
    """
    return build_matrix(store.iter_records("stances"), by, issue)


def actor_key(actor: dict[str, Any], by: str) -> str:
    """How an actor is grouped: by code (RUSGOV) or country (RUS); by name when it has no code."""
    code = actor.get("code")
    if by == COUNTRY:
        country = actor.get("country") or (code[:3] if code and not code.startswith("IGO") else code)
        return str(country or actor.get("name"))
    return str(code or actor.get("name") or "?")
