"""The word lists of the quotes stage.

Speaker nouns, evidence and message nouns, naming words, non-speech acts,
agent nouns, stance words, passive views and charges, verbs of voicing, poll shares and title words.

The shipped lists are `quotes/data/words.tsv` (`word<TAB>kind`, and for a
`title` row a third column `means`: the title word it stands for); users add
words by listing their own files of the same shape, or folders of `.tsv`
files, in the environment variable `DOSSIER_QUOTE_WORDS_PATH` (separated by
the platform's path separator). A user's words join the shipped ones of the
same kind. A bad row raises `DataFileError` naming the file and line.

Example:
    >>> words = load_quote_words()
    >>> "spokeswoman" in words.person_speakers, "poll" in words.evidence_nouns, words.title_words["sen"]
    (True, True, 'senator')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dossier.datafiles import layered_files, read_rows
from dossier.errors import DataFileError

SHIPPED_WORDS = Path(__file__).parent / "data" / "words.tsv"
WORDS_ENV = "DOSSIER_QUOTE_WORDS_PATH"
HEADER = ("word", "kind")
# The optional column of a `title` row: the title word the row's word stands for.
MEANS = "means"
# Each kind and the field of `QuoteWords` that holds its words (`title` fills a mapping, the others sets).
WORD_KINDS = {
    "person_speaker": "person_speakers",
    "evidence": "evidence_nouns",
    "message": "message_nouns",
    "naming": "naming_words",
    "not_speech_act": "not_speech_acts",
    "object_not_words": "object_not_words",
    "done_to": "done_to_words",
    "agent": "agent_nouns",
    "stance": "stance_words",
    "passive_view": "passive_views",
    "passive_charge": "passive_charges",
    "voicing": "voicing_verbs",
    "share": "share_words",
    "poll": "poll_nouns",
    "contest": "contest_verbs",
    "title": "title_words",
}
MAPPED_KINDS = frozenset({"title"})
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
    agent_nouns: frozenset[str]
    stance_words: frozenset[str]
    passive_views: frozenset[str]
    passive_charges: frozenset[str]
    voicing_verbs: frozenset[str]
    share_words: frozenset[str]
    poll_nouns: frozenset[str]
    contest_verbs: frozenset[str]
    title_words: Mapping[str, str]  # a title's word or abbreviation -> the title word it stands for


def quote_word_paths() -> tuple[Path, ...]:
    """The shipped lists, then every file named in DOSSIER_QUOTE_WORDS_PATH (a folder: its .tsv files)."""
    return layered_files((SHIPPED_WORDS,), WORDS_ENV, lambda path: path.suffix == ".tsv")


def load_quote_words(paths: tuple[Path, ...] | None = None) -> QuoteWords:
    """Load and join word files (default: `quote_word_paths()`); cached per list of paths."""
    return _load_quote_words(tuple(paths) if paths is not None else quote_word_paths())


@lru_cache(maxsize=8)
def _load_quote_words(paths: tuple[Path, ...]) -> QuoteWords:
    sets: dict[str, set[str]] = {WORD_KINDS[kind]: set() for kind in WORD_KINDS if kind not in MAPPED_KINDS}
    titles: dict[str, str] = {}
    for path in paths:
        for word, kind, means in read_word_file(path):
            if kind == "title":
                titles[word] = means  # a later file's row wins, so a user may respell a shipped title
            else:
                sets[WORD_KINDS[kind]].add(word)
    return QuoteWords(**{field_name: frozenset(words) for field_name, words in sets.items()}, title_words=titles)


def read_word_file(path: Path) -> list[tuple[str, str, str]]:
    """(word, kind, means) of each row of one word file: `#` comments and blank lines skipped, a header row first.

    `means` is "" except on `title` rows, which need it."""
    rows = []
    for number, row in read_rows(path, required=HEADER):
        word, kind, means = row["word"], row["kind"], row.get(MEANS, "")
        if not _WORD.fullmatch(word):
            raise DataFileError(str(path), number, f"word {word!r} must be lower-case words separated by single spaces")
        if kind not in WORD_KINDS:
            raise DataFileError(str(path), number, f"kind {kind!r} is not one of {', '.join(WORD_KINDS)}")
        if kind in MAPPED_KINDS and not _WORD.fullmatch(means):
            raise DataFileError(str(path), number, f"a {kind} row needs a lower-case word in column {MEANS!r}")
        if kind not in MAPPED_KINDS and means:
            raise DataFileError(
                str(path), number, f"column {MEANS!r} is only for {', '.join(sorted(MAPPED_KINDS))} rows"
            )
        rows.append((word, kind, means))
    return rows
