"""The cue lexicon of the quotes stage: reporting verbs and source phrases.

The shipped lexicon is `quotes/data/cues.tsv`; users layer their own files
of the same shape on top by listing them, or folders of `.tsv` files, in the
environment variable `DOSSIER_CUES_PATH` (separated by the platform's path
separator). A later entry for the same cue replaces an earlier one, so a
user file can also retype or, with type `none`, switch off a shipped cue. A
bad entry raises `DataFileError` naming the file and line.

Example:
    >>> lexicon = load_cues()
    >>> lexicon.verb_cues("say")[0].type
    'speech'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dossier.datafiles import layered_files, read_rows
from dossier.errors import DataFileError
from dossier.quotes.words import QuoteWords, load_quote_words, quote_word_paths

SHIPPED_CUES = Path(__file__).parent / "data" / "cues.tsv"
CUES_ENV = "DOSSIER_CUES_PATH"
HEADER = ("cue", "type", "addressee")
CUE_TYPES = (
    "speech",
    "finding",
    "belief",
    "intention",
    "noun",
    "label",
    "judge",
    "position",
    "quoting",
    "source",
    "none",
)
ADDRESSEE_FORMS = ("object", "to", "-")
_CUE_WORDS = re.compile(r"[a-z][a-z'-]*( [a-z][a-z'-]*)*")


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: `phrase` is a lemma, a verb with particles, or a word sequence."""

    phrase: str
    type: str
    addressee: str

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.phrase.split(" "))


@dataclass(frozen=True)
class CueLexicon:
    """Verb cues by the lemma of their first word; source phrases by their first word; nouns by lemma.

    `words` are the stage's word lists (speaker nouns, evidence nouns, ...),
    loaded with the cues so that a run reads its knowledge once.
    """

    verbs: dict[str, tuple[Cue, ...]]
    sources: dict[str, tuple[Cue, ...]]
    nouns: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    words: QuoteWords = field(default_factory=load_quote_words)

    def verb_cues(self, lemma: str) -> tuple[Cue, ...]:
        """Cues whose verb is `lemma`, longest phrase first (so `point out` wins over `point`)."""
        return self.verbs.get(lemma, ())

    def source_cues(self, word: str) -> tuple[Cue, ...]:
        return self.sources.get(word, ())

    def noun_cues(self, lemma: str) -> tuple[Cue, ...]:
        """Nouns of saying whose content clause is a quote ("his claim that ...")."""
        return self.nouns.get(lemma, ())

    def __len__(self) -> int:
        return sum(len(cues) for table in (self.verbs, self.sources, self.nouns) for cues in table.values())


def cue_paths() -> tuple[Path, ...]:
    """The shipped lexicon, then every file named in DOSSIER_CUES_PATH (a folder: its .tsv files)."""
    return layered_files((SHIPPED_CUES,), CUES_ENV, lambda path: path.suffix == ".tsv")


def load_cues(paths: tuple[Path, ...] | None = None, word_paths: tuple[Path, ...] | None = None) -> CueLexicon:
    """Load and merge cue files (default: `cue_paths()`) with the word lists (default:
    `quote_word_paths()`, see `dossier.quotes.words`); cached per lists of paths."""
    return _load_cues(
        tuple(paths) if paths is not None else cue_paths(),
        tuple(word_paths) if word_paths is not None else quote_word_paths(),
    )


@lru_cache(maxsize=8)
def _load_cues(paths: tuple[Path, ...], word_paths: tuple[Path, ...]) -> CueLexicon:
    # A word may be both a verb cue and a noun cue ("claim"): nouns are kept apart; `none` switches off both.
    merged: dict[tuple[str, bool], Cue] = {}
    for path in paths:
        for cue in read_cue_file(path):
            if cue.type == "none":
                merged.pop((cue.phrase, True), None)
            merged[(cue.phrase, cue.type == "noun")] = cue
    tables: dict[str, dict[str, list[Cue]]] = {"verbs": {}, "sources": {}, "nouns": {}}
    for cue in merged.values():
        if cue.type == "none":
            continue
        table = tables["sources" if cue.type == "source" else "nouns" if cue.type == "noun" else "verbs"]
        table.setdefault(cue.words[0], []).append(cue)
    verbs, sources, nouns = (_longest_first(tables[name]) for name in ("verbs", "sources", "nouns"))
    return CueLexicon(verbs, sources, nouns, load_quote_words(word_paths))


def _longest_first(table: dict[str, list[Cue]]) -> dict[str, tuple[Cue, ...]]:
    return {word: tuple(sorted(cues, key=lambda cue: -len(cue.words))) for word, cues in table.items()}


def read_cue_file(path: Path) -> list[Cue]:
    """Parse one cue file: `#` comments and blank lines skipped, a header row, then entries."""
    cues: list[Cue] = []
    seen: set[str] = set()
    for number, row in read_rows(path, required=HEADER):
        cue = _parse_entry(row, str(path), number)
        key = f"{cue.phrase} noun" if cue.type == "noun" else cue.phrase
        if key in seen:
            raise DataFileError(str(path), number, f"cue {cue.phrase!r} is listed twice in this file")
        seen.add(key)
        cues.append(cue)
    return cues


def _parse_entry(row: dict[str, str], path: str, number: int) -> Cue:
    phrase, cue_type, addressee = (row[column] for column in HEADER)
    if not _CUE_WORDS.fullmatch(phrase):
        raise DataFileError(path, number, f"cue {phrase!r} must be lower-case words separated by single spaces")
    if cue_type not in CUE_TYPES:
        raise DataFileError(path, number, f"type {cue_type!r} is not one of {', '.join(CUE_TYPES)}")
    if addressee not in ADDRESSEE_FORMS:
        raise DataFileError(path, number, f"addressee {addressee!r} is not one of {', '.join(ADDRESSEE_FORMS)}")
    if cue_type == "noun" and len(phrase.split()) > 2:
        raise DataFileError(
            path, number, f"noun cue {phrase!r} must be a noun lemma, or a noun lemma and a preposition ('support for')"
        )
    if cue_type == "source" and len(phrase.split()) < 2:
        raise DataFileError(path, number, f"source phrase {phrase!r} needs at least two words (e.g. 'according to')")
    return Cue(phrase, cue_type, addressee)
