"""Knowledge of the stance stage: the stance lexicon and users' issue files.

The lexicon (`stance/data/*.tsv`) holds stance predicates, changes,
evaluations and the grammar words that carry or flip a stance. Users layer
their own rows on top through `DOSSIER_STANCE_PATH`: folders (every `.tsv`
inside) or files, separated by the platform's path separator; a later row
for the same phrase and kind replaces an earlier one. Issues come from a
YAML or TOML file given with `--issues`. A bad row or entry raises
`DataFileError` naming the file and line.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dossier.datafiles import layered_files, read_rows, read_text
from dossier.errors import DataFileError

STANCE_DATA = Path(__file__).parent / "data"
STANCE_PATH_VARIABLE = "DOSSIER_STANCE_PATH"

KINDS = (
    "cue",
    "direction",
    "evaluation",
    "negator",
    "modal",
    "intensifier",
    "report",
    "light",
    "transparent",
    "hypothetical",
    "anaphor",
    "generic",
)
# Kinds whose rows take a side; the others take "-" as polarity.
SIDED_KINDS = ("cue", "direction", "evaluation", "anaphor")
POLARITIES = {"support": 1, "oppose": -1, "-": 0}
LEXICON_COLUMNS = ("phrase", "kind", "polarity", "strength")

GAP = "..."
_ISSUE_ID = re.compile(r"^[A-Za-z0-9_.:-]+$")
_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?|n't|'s", re.UNICODE)


@dataclass(frozen=True)
class Phrase:
    """Words to find in a sentence, in groups that may have a few words between them."""

    text: str
    segments: tuple[tuple[str, ...], ...]

    @property
    def size(self) -> int:
        return sum(len(segment) for segment in self.segments)

    @property
    def first(self) -> str:
        return self.segments[0][0]


@dataclass(frozen=True)
class LexiconEntry:
    phrase: Phrase
    kind: str
    polarity: int  # +1 support, -1 oppose, 0 none
    strength: float
    source: str  # file:line


@dataclass(frozen=True)
class Issue:
    """A user-defined issue: its id, what it means and the terms that name it."""

    id: str
    description: str
    terms: tuple[Phrase, ...]


@dataclass(frozen=True)
class StanceLexicon:
    entries: tuple[LexiconEntry, ...]

    def of_kind(self, kind: str) -> tuple[LexiconEntry, ...]:
        return tuple(entry for entry in self.entries if entry.kind == kind)

    def words(self, kind: str) -> dict[str, LexiconEntry]:
        """Single-word rows of one kind by word (for lookups of one token)."""
        return {e.phrase.first: e for e in self.of_kind(kind) if e.phrase.size == 1}


# ---------------------------------------------------------------- words


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Lower case without periods, so "U.N." and "UN" are one word."""
    return word.lower().replace(".", "").replace("’", "'")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix strip so that inflected forms of a word meet.

    Lemmas from the parser and base forms written in data files do not always
    agree ("sanctions" vs "sanction", "opposed" vs "oppose"); comparing these
    stems as well as the words makes a row match every form of its words.

    Example:
        >>> stem("sanctions") == stem("sanction"), stem("opposed") == stem("oppose")
        (True, True)
    """
    word = normalise_word(word)
    if len(word) < 4:
        return word
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def split_phrase(text: str) -> Phrase:
    """Words of a phrase in groups split at "..."; punctuation other than "'s" is dropped.

    Example:
        >>> split_phrase("cut off ... fuel oil").segments
        (('cut', 'off'), ('fuel', 'oil'))
    """
    segments = []
    for part in text.split(GAP):
        words = tuple(normalise_word(word) for word in _WORD.findall(part))
        if words:
            segments.append(words)
    return Phrase(text.strip(), tuple(segments))


# ---------------------------------------------------------------- lexicon


def stance_lexicon() -> StanceLexicon:
    """The shipped lexicon with the user's rows from DOSSIER_STANCE_PATH on top."""
    return _load_lexicon(_lexicon_files(os.environ.get(STANCE_PATH_VARIABLE, "")))


@lru_cache(maxsize=8)
def _lexicon_files(user_path: str) -> tuple[Path, ...]:
    return layered_files((STANCE_DATA,), STANCE_PATH_VARIABLE, lambda path: path.suffix == ".tsv", user_path)


@lru_cache(maxsize=8)
def _load_lexicon(files: tuple[Path, ...]) -> StanceLexicon:
    by_key: dict[tuple[str, str], LexiconEntry] = {}
    for path in files:
        for entry in read_lexicon_file(path):
            key = (entry.phrase.text.lower(), entry.kind)
            by_key.pop(key, None)  # a later row replaces an earlier one, and moves to the end
            if entry.strength > 0:
                by_key[key] = entry
    return StanceLexicon(tuple(by_key.values()))


def read_lexicon_file(path: Path) -> list[LexiconEntry]:
    """Rows of one lexicon file: a header line, then tab-separated rows; # starts a comment."""
    return [_lexicon_row(path, number, row) for number, row in read_rows(path, required=LEXICON_COLUMNS)]


def _lexicon_row(path: Path, number: int, row: dict[str, str]) -> LexiconEntry:
    def fail(problem: str) -> DataFileError:
        return DataFileError(str(path), number, problem)

    text, kind, polarity, strength_text = (row[column] for column in LEXICON_COLUMNS)
    phrase = split_phrase(text)
    if not phrase.segments:
        raise fail("empty phrase")
    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if polarity not in POLARITIES:
        raise fail(f"unknown polarity {polarity!r}; use support, oppose or -")
    if kind in SIDED_KINDS and polarity == "-":
        raise fail(f"a {kind} row needs a polarity: support or oppose")
    try:
        strength = float(strength_text)
    except ValueError:
        raise fail(f"strength {strength_text!r} is not a number") from None
    low = -1.0 if kind == "intensifier" else 0.0
    if not low <= strength <= 1.0:
        raise fail(f"strength {strength} is outside {low:g}..1")
    return LexiconEntry(phrase, kind, POLARITIES[polarity], strength, f"{path}:{number}")


# ---------------------------------------------------------------- issues


def load_issues(path: str | os.PathLike[str]) -> tuple[Issue, ...]:
    """Issues defined in a YAML or TOML file (see issues/korea_2017.yaml beside this module).

    Example:
        >>> [issue.id for issue in load_issues(Path(__file__).parent / "issues" / "korea_2017.yaml")][:1]
        ['sanctions_on_north_korea']
    """
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise DataFileError(str(path), None, "no such issues file") from None
    return _load_issues(path, stamp)


@lru_cache(maxsize=8)
def _load_issues(path: Path, _stamp: int) -> tuple[Issue, ...]:
    text = read_text(path)
    if path.suffix.lower() == ".toml":
        items = _toml_items(path, text)
    else:
        items = _yaml_items(path, text)
    issues: list[Issue] = []
    seen: set[str] = set()
    for line, item in items:
        issue = _issue(path, line, item)
        if issue.id in seen:
            raise DataFileError(str(path), line, f"issue id {issue.id!r} is defined twice")
        seen.add(issue.id)
        issues.append(issue)
    if not issues:
        raise DataFileError(str(path), None, "no issues defined; expected a list under 'issues:'")
    return tuple(issues)


def _yaml_items(path: Path, text: str) -> list[tuple[int | None, Any]]:
    """Each issue with the line it starts on, from the YAML node tree."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(str(path), line, f"not valid YAML ({getattr(error, 'problem', error)})") from None
    if isinstance(root, yaml.MappingNode):
        found = [value for key, value in root.value if key.value == "issues"]
        root = found[0] if found else None
    if not isinstance(root, yaml.SequenceNode):
        raise DataFileError(str(path), None, "expected a list of issues under 'issues:'")
    constructor = yaml.SafeLoader("")
    items = []
    for node in root.value:
        items.append((node.start_mark.line + 1, constructor.construct_object(node, deep=True)))
    return items


def _toml_items(path: Path, text: str) -> list[tuple[int | None, Any]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(str(path), None, f"not valid TOML ({error})") from None
    issues = data.get("issues")
    if not isinstance(issues, list):
        raise DataFileError(str(path), None, "expected an array of tables [[issues]]")
    # TOML parsers keep no line numbers: report the line of the n-th [[issues]].
    starts = [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == "[[issues]]"]
    return [(starts[i] if i < len(starts) else None, item) for i, item in enumerate(issues)]


def _issue(path: Path, line: int | None, item: Any) -> Issue:
    def fail(problem: str) -> DataFileError:
        return DataFileError(str(path), line, problem)

    if not isinstance(item, dict):
        raise fail("an issue must be a mapping with id, description and terms")
    issue_id = item.get("id")
    if not isinstance(issue_id, str) or not _ISSUE_ID.match(issue_id):
        raise fail(f"issue id {issue_id!r} must be a word of letters, digits, _ - . or :")
    description = item.get("description", "")
    if not isinstance(description, str):
        raise fail(f"issue {issue_id}: description must be text")
    terms = item.get("terms")
    if not isinstance(terms, list) or not terms:
        raise fail(f"issue {issue_id}: terms must be a non-empty list of words or phrases")
    phrases = []
    for term in terms:
        if not isinstance(term, str) or not split_phrase(term).segments:
            raise fail(f"issue {issue_id}: term {term!r} is not a word or phrase")
        parts = [part.strip() for part in term.split(GAP)]
        if any(not _WORD.search(part) for part in parts):
            raise fail(f"issue {issue_id}: term {term!r} needs words on both sides of '...'")
        phrases.append(split_phrase(term))
    unknown = set(item) - {"id", "description", "terms"}
    if unknown:
        raise fail(f"issue {issue_id}: unknown field(s) {', '.join(sorted(unknown))}; use id, description, terms")
    return Issue(issue_id, description.strip(), tuple(phrases))
