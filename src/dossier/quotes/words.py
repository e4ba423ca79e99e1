"""The word lists of the quotes stage: speaker nouns, evidence and message nouns, naming words, non-speech acts.

The shipped lists are `quotes/data/words.tsv` (`word<TAB>kind`); users add
words by listing their own files of the same shape, or folders of `.tsv`
files, in the environment variable `DOSSIER_QUOTE_WORDS_PATH` (separated by
the platform's path separator). A user's words join the shipped ones of the
same kind. A bad row raises `DataFileError` naming the file and line.

Example:
    >>> words = load_quote_words()
    >>> "spokeswoman" in words.person_speakers, "poll" in words.evidence_nouns
    (True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dossier.datafiles import layered_files, read_rows
from dossier.errors import DataFileError

SHIPPED_WORDS = Path(__file__).parent / "data" / "words.tsv"
WORDS_ENV = "DOSSIER_QUOTE_WORDS_PATH"
HEADER = ("word", "kind")
# Each kind and the field of `QuoteWords` that holds its words.
WORD_KINDS = {
    "person_speaker": "person_speakers",
    "evidence": "evidence_nouns",
    "message": "message_nouns",
    "naming": "naming_words",
    "not_speech_act": "not_speech_acts",
    "object_not_words": "object_not_words",
    "done_to": "done_to_words",
}
_WORD = re.compile(r"[a-z][a-z'-]*( [a-z][a-z'-]*)*")


@dataclass(frozen=True)
class QuoteWords:
    """The quotes stage's word sets, one per kind (see `data/words.tsv` for what each kind means)."""

    person_speakers: frozenset[str]
    evidence_nouns: frozenset[str]
    message_nouns: frozenset[str]
    naming_words: frozenset[str]
    not_speech_acts: frozenset[str]
    object_not_words: frozenset[str]
    done_to_words: frozenset[str]


def quote_word_paths() -> tuple[Path, ...]:
    """The shipped lists, then every file named in DOSSIER_QUOTE_WORDS_PATH (a folder: its .tsv files)."""
    return layered_files((SHIPPED_WORDS,), WORDS_ENV, lambda path: path.suffix == ".tsv")


def load_quote_words(paths: tuple[Path, ...] | None = None) -> QuoteWords:
    """Load and join word files (default: `quote_word_paths()`); cached per list of paths."""
    return _load_quote_words(tuple(paths) if paths is not None else quote_word_paths())


@lru_cache(maxsize=8)
def _load_quote_words(paths: tuple[Path, ...]) -> QuoteWords:
    sets: dict[str, set[str]] = {field_name: set() for field_name in WORD_KINDS.values()}
    for path in paths:
        for word, kind in read_word_file(path):
            sets[WORD_KINDS[kind]].add(word)
    return QuoteWords(**{field_name: frozenset(words) for field_name, words in sets.items()})


def read_word_file(path: Path) -> list[tuple[str, str]]:
    """(word, kind) of each row of one word file: `#` comments and blank lines skipped, a header row first."""
    rows = []
    for number, row in read_rows(path, required=HEADER):
        word, kind = row["word"], row["kind"]
        if not _WORD.fullmatch(word):
            raise DataFileError(str(path), number, f"word {word!r} must be lower-case words separated by single spaces")
        if kind not in WORD_KINDS:
            raise DataFileError(str(path), number, f"kind {kind!r} is not one of {', '.join(WORD_KINDS)}")
        rows.append((word, kind))
    return rows
