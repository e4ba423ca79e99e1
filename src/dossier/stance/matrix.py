"""Where each actor stands on each issue, over every stored article.

The stance stage finds stances one article at a time; this module adds them
up: one cell per actor and issue with how often the actor was found for and
against it, and the strongest piece of evidence. Issues on which actors
disagree ("disputed") come first, because that is what a reader of the
matrix asks about ("who disagrees with Russia on sanctions?").

This is the one definition of the matrix: `dossier stances` prints
`StanceMatrix.to_dict()` and `GET /api/stances/matrix` answers
`StanceMatrix.to_table()`, both built by `stance_matrix`, so the two always
show the same cells, counts and disputed issues.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dossier.analysis.identity import CODE, COUNTRY, IDENTITY, actor_key, check_grouping, keyed_by_code
from dossier.stance.proposals import supported_proposals
from dossier.stance.reader import PROPOSED_PREFIX
from dossier.store import queries
from dossier.store.database import Store

__all__ = ["ACTOR", "CODE", "COUNTRY", "StanceCell", "StanceMatrix", "actor_key", "build_matrix", "stance_matrix"]

# The groupings of actors (dossier.analysis.identity): who they are (the default), their code, their country.
ACTOR = IDENTITY

# The order of a row's cells: supporters, then opponents, then those found on both sides equally.
_POSITION_ORDER = {"support": 0, "oppose": 1, "mixed": 2}


@dataclass
class StanceCell:
    """One actor on one issue: counts for and against, and the strongest stance record."""

    actor: str  # the actor's name (grouped by actor), else its code or country (or the name of one without)
    issue: str
    code: str | None = None  # `actor` when it is a code or country, None when it is a name
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
    def name(self) -> str | None:
        """The name the actor was most often found under."""
        return self.names.most_common(1)[0][0] if self.names else None

    @property
    def label(self) -> str:
        """The actor as the table shows it: "Vladimir Putin (RUSGOV)", or "RUSGOV (Vladimir Putin)" by code."""
        if self.code and self.code != self.actor and not self.actor.endswith(f"({self.code})"):
            return f"{self.actor} ({self.code})"
        name = self.name or ""
        return f"{self.actor} ({name})" if name and name != self.actor and self.code else self.actor

    @property
    def strength(self) -> float:
        return float(self.strongest.get("strength") or 0.0)

    def add(self, record: dict[str, Any]) -> None:
        if record.get("polarity") == "support":
            self.support += 1
        else:
            self.oppose += 1
        self.names[str((record.get("actor") or {}).get("name") or "")] += 1
        if not self.strongest or float(record.get("strength") or 0) > self.strength:
            self.strongest = record

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "name": self.name,
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
        by_issue = self._cells_by_issue()
        disputed = set(self.disputed_issues)
        return sorted(
            by_issue,
            key=lambda issue: (issue.startswith(PROPOSED_PREFIX), issue not in disputed, -len(by_issue[issue]), issue),
        )

    @property
    def disputed_issues(self) -> list[str]:
        """The disputed issues, by name."""
        return sorted(issue for issue, cells in self._cells_by_issue().items() if _is_disputed(cells))

    def disputed(self, issue: str) -> bool:
        """Some actor leans for the issue and another against it."""
        return _is_disputed([cell for cell in self.cells if cell.issue == issue])

    def row(self, issue: str) -> list[StanceCell]:
        """The cells of one issue: supporters, then opponents, then the mixed; most evidence first."""
        return _ordered_row([cell for cell in self.cells if cell.issue == issue])

    @property
    def has_proposed(self) -> bool:
        return any(cell.issue.startswith(PROPOSED_PREFIX) for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        """Issue by issue, as `dossier stances --json` prints it; `proposed` marks issues derived from the reports."""
        by_issue = self._cells_by_issue()
        return {
            "issues": [
                {
                    "issue": issue,
                    "proposed": issue.startswith(PROPOSED_PREFIX),
                    "disputed": _is_disputed(by_issue[issue]),
                    "actors": [cell.to_dict() for cell in _ordered_row(by_issue[issue])],
                }
                for issue in self.issues
            ]
        }

    def to_table(self) -> dict[str, Any]:
        """Actor rows and issue columns, as the web page draws it (`GET /api/stances/matrix`).

        Each cell is `StanceCell.to_dict()` with the page's fields added:
        `actor` becomes the row id ("code|name", as in `actors`), `key` keeps
        the actor as `dossier stances` groups it, `polarity` repeats
        `position`, `strength` is the strongest stance's, and `disagreement`
        marks a cell that takes a side on a disputed issue.
        """
        disputed = set(self.disputed_issues)
        actors = self._actor_rows()
        cells = []
        for cell in self.cells:
            cells.append(
                {
                    **cell.to_dict(),
                    "actor": actors[cell.actor]["id"],
                    "key": cell.actor,
                    "polarity": cell.position,
                    "strength": cell.strength,
                    "disagreement": cell.issue in disputed and cell.position != "mixed",
                }
            )
        return {
            "actors": sorted(actors.values(), key=lambda row: (row["name"], row["id"])),
            "issues": sorted(self._cells_by_issue()),
            "cells": cells,
            "disputed_issues": sorted(disputed),
        }

    def _actor_rows(self) -> dict[str, dict[str, Any]]:
        """One row per actor key, named by the name it was most often found under on any issue.

        The row id is "code|name" ("RUSGOV|Sergei Lavrov", "|Kim Jong Un"), the key
        the web page gives actors in every panel.
        """
        names: dict[str, Counter[str]] = {}
        codes: dict[str, str | None] = {}
        for cell in self.cells:
            names.setdefault(cell.actor, Counter()).update(cell.names)
            codes[cell.actor] = cell.code
        rows = {}
        for key, counted in names.items():
            name = next((found for found, _ in counted.most_common() if found), None)
            code = codes[key]
            rows[key] = {"id": f"{code or ''}|{name or ('' if code else key)}", "code": code, "name": name or key}
        return rows

    def _cells_by_issue(self) -> dict[str, list[StanceCell]]:
        by_issue: dict[str, list[StanceCell]] = {}
        for cell in self.cells:
            by_issue.setdefault(cell.issue, []).append(cell)
        return by_issue


def _is_disputed(cells: Iterable[StanceCell]) -> bool:
    return {"support", "oppose"} <= {cell.position for cell in cells}


def _ordered_row(cells: list[StanceCell]) -> list[StanceCell]:
    return sorted(cells, key=lambda c: (_POSITION_ORDER[c.position], -(c.support + c.oppose), c.actor))


def build_matrix(records: Iterable[dict[str, Any]], by: str = ACTOR, issue: str | None = None) -> StanceMatrix:
    """Add up stance records (the contract's dict shape) into an actor x issue matrix.

    `by` is "actor" (who holds the stance: its code and name together, so
    "Russian government officials" and "Vladimir Putin" are two rows though
    both are RUSGOV), "code" (every actor under one CAMEO code, RUSGOV) or
    "country" (RUS). A cell's `actor` is the actor's name when grouped by
    actor (with its code after it when two actors share the name), else the
    code or country.

    Example:
        >>> matrix = build_matrix([{"actor": {"code": "RUS", "name": "Russia"}, "issue": "sanctions",
        ...                          "polarity": "oppose", "strength": 0.9, "evidence": "Russia rejected ..."}])
        >>> matrix.row("sanctions")[0].position
        'oppose'
    """
    check_grouping(by)
    cells: dict[tuple[str, str], StanceCell] = {}
    for record in records:
        if issue is not None and record.get("issue") != issue:
            continue
        actor = record.get("actor") or {}
        key = (actor_key(actor, by), str(record.get("issue")))
        cell = cells.get(key)
        if cell is None:
            if by == ACTOR:
                cell = StanceCell(str(actor.get("name") or actor.get("code") or "?"), key[1], code=actor.get("code"))
            else:
                cell = StanceCell(key[0], key[1], code=key[0] if keyed_by_code(actor, by) else None)
            cells[key] = cell
        cell.add(record)
    if by == ACTOR:
        _tell_apart_namesakes(list(cells.values()))
    return StanceMatrix(list(cells.values()))


def _tell_apart_namesakes(cells: list[StanceCell]) -> None:
    """Two actors of one name (coded differently) get their codes after the name: "Donald Trump (USAELI)"."""
    codes: dict[str, set[str | None]] = {}
    for cell in cells:
        codes.setdefault(cell.actor, set()).add(cell.code)
    for cell in cells:
        if len(codes[cell.actor]) > 1 and cell.code:
            cell.actor = f"{cell.actor} ({cell.code})"


def stance_matrix(
    store: Store,
    by: str = ACTOR,
    issue: str | None = None,
    actor: str | None = None,
    search: str | None = None,
) -> StanceMatrix:
    """The matrix over the stances stored in a database: the CLI's and the API's.

    `by` groups actors (see `build_matrix`); `issue` keeps one issue;
    `actor` keeps actors by code prefix or the start of a word in a name; `search` keeps
    stances from articles matching a full-text query (the API's filters,
    `queries.StanceFilter`). An issue proposed from the reports (no issues
    file) is kept only when it is seen in two reports or held by two actors
    (`proposals.supported_proposals`).

    Example:
        >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Stance
        >>> text = "China opposed new sanctions; Japan supported them."
        >>> article = Article.build(text)
        >>> china, japan = ActorRef("CHN", "China", "CHN"), ActorRef("JPN", "Japan", "JPN")
        >>> stances = (Stance(article.id, china, "sanctions", "oppose", 1.0, text[:27], 0, 27),
        ...            Stance(article.id, japan, "sanctions", "support", 1.0, text[29:], 29, 50))
        >>> with Store.open(":memory:") as store:
        ...     store.save_analysis(ArticleAnalysis(article, stances=stances))
        ...     matrix = stance_matrix(store, issue="sanctions")
        >>> [(cell.actor, cell.position) for cell in matrix.row("sanctions")], matrix.disputed("sanctions")
        ([('Japan', 'support'), ('China', 'oppose')], True)
    """
    where = queries.StanceFilter(actor=actor, issue=issue, search=search)
    records = list(queries.iter_stances(store, where))
    kept = supported_proposals(records)
    return build_matrix(
        (r for r in records if not str(r.get("issue")).startswith(PROPOSED_PREFIX) or r.get("issue") in kept), by
    )
