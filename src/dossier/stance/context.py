"""What the stance readers share: one article's parse, actors and lexicon, the
phrases found in the sentence being read, and the path a walk has gathered."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from dossier.events.participants import MentionIndex
from dossier.records import Event, Quote
from dossier.stance.matching import LexiconTables, Occurrence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})
# Kinds of occurrence that take a side; of two at one token a cue wins a tie, then an evaluation.
STANCE_KIND_ORDER = {"cue": 0, "evaluation": 1, "direction": 2}


@dataclass
class Path:
    """What a walk from an issue up the parse has gathered so far."""

    issue: str
    polarity: int = 1
    strength: float = 0.0
    factor: float = 1.0
    mode: str = ""  # "" no stance yet, "holder" a stance word, "speaker" obligation or evaluation
    changed: bool = False  # a change ("tighten", "lift") governs the issue
    tokens: list[int] = field(default_factory=list)
    applied: set[tuple[int, ...]] = field(default_factory=set)


@dataclass(frozen=True)
class Reading:
    """One article being read for stances, and the phrases found in its current sentence.

    `occurrences` holds, by token index, the stance words and issue terms of
    one sentence only: `for_sentence` starts a fresh one.
    """

    doc: Doc
    index: MentionIndex
    tables: LexiconTables
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    occurrences: dict[int, list[Occurrence]] = field(default_factory=dict)

    def for_sentence(self) -> Reading:
        return replace(self, occurrences={})

    def add(self, occurrence: Occurrence) -> None:
        for i in occurrence.tokens:
            self.occurrences.setdefault(i, []).append(occurrence)

    def at(self, token_index: int) -> list[Occurrence]:
        return self.occurrences.get(token_index, [])

    def has_issue_at(self, token_index: int) -> bool:
        return any(occ.kind == "issue" for occ in self.at(token_index))

    def occurrence(self, token: Token, kind: str) -> Occurrence | None:
        """The longest occurrence of one kind at a token."""
        found = [occ for occ in self.at(token.i) if occ.kind == kind]
        return max(found, key=lambda occ: occ.size) if found else None

    def stance_occurrence(self, token: Token) -> Occurrence | None:
        """The longest cue, change or evaluation at a token; a cue wins a tie."""
        found = [occ for occ in self.at(token.i) if occ.kind in STANCE_KIND_ORDER]
        if not found:
            return None
        return min(found, key=lambda occ: (-occ.size, STANCE_KIND_ORDER[occ.kind]))

    def unapplied_cue(self, token: Token) -> Occurrence | None:
        found = self.stance_occurrence(token)
        return found if found is not None and found.kind == "cue" else None

    def is_word(self, token: Token, kind: str) -> bool:
        return self.tables.words[kind].get(token) is not None
