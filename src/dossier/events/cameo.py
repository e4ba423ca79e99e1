"""CAMEO knowledge for the events stage: the codebook, the PLOVER crosswalk and the lexicon.

Everything here is data read from ``src/dossier/events/data/`` (tab-separated,
``#`` comments, a header row) through `dossier.datafiles`. Users extend or
override it without editing code: every folder or file named in the
``DOSSIER_EVENTS_DATA`` environment variable (``os.pathsep``-separated) adds
files with the same columns whose names end with a shipped file's name
(``verbs.tsv``, ``my_verbs.tsv``); their rows are layered on top of the
shipped ones (codebook and PLOVER rows replace the row with the same code;
lexicon rows are added and, for the same lemma and pattern, replace the
shipped row).

A bad entry raises `DataFileError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from dossier.datafiles import layered_tables, read_rows
from dossier.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"
ENV_VAR = "DOSSIER_EVENTS_DATA"

# Frames turn a governing predicate plus the code of its complement into one
# code: "refuse" + "meet" (04) -> 125, "threaten" + "sanction" (163) -> 1312.
# "forgo" codes announcing that one will not use force ("won't retaliate").
FRAMES = ("intent", "appeal", "demand", "reject", "threaten", "forgo", "command")
# Codes that do not name a CAMEO category but tell the coder where to look.
SPECIAL_CODES = ("@object", "@say", "@insist", "-")

PATTERN_KEYS = ("obj", "pobj", "mod", "role")
PATTERN_BARE = ("xcomp", "ccomp", "passive", "active", "noobj", "dobj", "actorobj", "visitor", "oprd", "prt")
FLAGS = ("target", "mutual", "standalone", "complement", "counterpart", "giver", "asking", "decided", "predicative")
# The tables of data/ (modality.tsv is read by the modality module).
TABLE_FILES = (
    "cameo_codes.tsv",
    "plover.tsv",
    "verbs.tsv",
    "nouns.tsv",
    "frames.tsv",
    "modality.tsv",
    "verbal_force.tsv",
    "reciprocal.tsv",
)


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class Pattern:
    """Constraints a predicate's dependents must meet for a lexicon row to apply."""

    particles: frozenset[str] = frozenset()  # "+for": a particle or preposition child
    objects: frozenset[str] = frozenset()  # "obj:test": lemma of the direct object
    pobjects: frozenset[str] = frozenset()  # "pobj:strike": object of a preposition child
    modifiers: frozenset[str] = frozenset()  # "mod:nuclear": modifier of a noun (or of the object)
    roles: frozenset[str] = frozenset()  # "role:CVL": a participant's actor role
    # "xcomp", "ccomp", "passive", "active", "noobj", "actorobj", "visitor", "oprd", "prt"
    bare: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return self.named_parts + len(self.bare)

    @property
    def named_parts(self) -> int:
        """How many of the pattern's parts name words (particles, objects, ...), not only a shape."""
        return sum(1 for part in (self.particles, self.objects, self.pobjects, self.modifiers, self.roles) if part)


@dataclass(frozen=True)
class LexiconEntry:
    lemma: str
    pattern: Pattern
    code: str  # a CAMEO code, "@frame", "@object", "@say", "@insist" or "-" (not an event)
    flags: frozenset[str]
    origin: str  # file:line, for error messages and debugging


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[LexiconEntry, ...]]
    nouns: dict[str, tuple[LexiconEntry, ...]]
    frames: dict[str, dict[str, str]]  # frame -> complement code prefix (or "*") -> code
    # Nouns naming the doer of an act, coded only as a copula's attribute (rows flagged `predicative`): kept
    # apart from `nouns`, so that no frame or light verb reads "donors" as aid ("persuaded wealthy donors").
    agents: dict[str, tuple[LexiconEntry, ...]]

    # Memos of `lexicon_words.LexiconWords`, by spaCy string id (the hash of one string, the same in every
    # document): what a lemma is once lower-cased (a verb key, a noun key), and whether a verb form is one
    # `lexicon_words.repair_verb_lemma` repairs to a verb key. News repeats its words: each is read once a run.
    @cached_property
    def lemma_kinds(self) -> dict[int, int]:
        return {}

    @cached_property
    def repairable_forms(self) -> dict[int, int]:
        return {}


# ------------------------------------------------------------------ reading


def data_files(name: str) -> list[Path]:
    """The shipped file `name`, then each user file for that table from DOSSIER_EVENTS_DATA, in order."""
    return [path for table, path in layered_tables(DATA_DIR, TABLE_FILES, ENV_VAR) if table == name]


# ------------------------------------------------------------------ codebook


@lru_cache(maxsize=1)
def codebook() -> dict[str, CameoCode]:
    """Every CAMEO code with its name, Goldstein score and QuadClass."""
    table: dict[str, CameoCode] = {}
    for path in data_files("cameo_codes.tsv"):
        for number, row in read_rows(path, ("code", "name", "goldstein", "quad_class")):
            code = row["code"]
            if not code.isdigit() or not 2 <= len(code) <= 4:
                raise DataFileError(str(path), number, f"code {code!r} is not a 2-4 digit CAMEO code")
            try:
                goldstein = float(row["goldstein"])
                quad = int(row["quad_class"])
            except ValueError:
                raise DataFileError(str(path), number, "goldstein must be a number and quad_class 1-4") from None
            if not -10.0 <= goldstein <= 10.0 or quad not in (1, 2, 3, 4):
                raise DataFileError(str(path), number, "goldstein must lie in -10..10 and quad_class in 1..4")
            table[code] = CameoCode(code, row["name"], goldstein, quad)
    return table


@lru_cache(maxsize=1)
def plover_table() -> dict[str, dict[str, str]]:
    """CAMEO code -> {"event_type", "mode", "context"}; codes without a PLOVER event are absent."""
    table: dict[str, dict[str, str]] = {}
    for path in data_files("plover.tsv"):
        for number, row in read_rows(path, ("cameo", "event_type", "mode", "context")):
            if row["cameo"] not in codebook():
                raise DataFileError(str(path), number, f"unknown CAMEO code {row['cameo']!r}")
            if not row["event_type"]:
                table.pop(row["cameo"], None)
                continue
            table[row["cameo"]] = {"event_type": row["event_type"], "mode": row["mode"], "context": row["context"]}
    return table


def describe(code: str) -> CameoCode:
    """The codebook row of a code; unknown codes fall back to their root.

    Example:
        >>> describe("111").name, describe("111").goldstein
        ('Criticize or denounce', -2.0)
    """
    book = codebook()
    if code in book:
        return book[code]
    if code[:2] in book:
        return book[code[:2]]
    raise KeyError(code)


@lru_cache(maxsize=1)
def reciprocal_table() -> dict[str, bool]:
    """CAMEO code -> whether conjoined parties of its acts act with each other (reciprocal.tsv)."""
    table: dict[str, bool] = {}
    for path in data_files("reciprocal.tsv"):
        for number, row in read_rows(path, ("code", "reciprocal")):
            if row["code"] not in codebook():
                raise DataFileError(str(path), number, f"unknown CAMEO code {row['code']!r}")
            if row["reciprocal"] not in ("yes", "no"):
                raise DataFileError(str(path), number, "reciprocal must be yes or no")
            table[row["code"]] = row["reciprocal"] == "yes"
    return table


def is_reciprocal(code: str) -> bool:
    """Whether conjoined parties of an act of this code act with each other ("A and B met": A with B).

    The row of reciprocal.tsv for the longest prefix of the code decides.

    Example:
        >>> is_reciprocal("046"), is_reciprocal("190")
        (True, False)
    """
    table = reciprocal_table()
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return False


def plover_for(code: str) -> dict[str, str] | None:
    """The PLOVER event type, mode and context of a CAMEO code, or None.

    Example:
        >>> plover_for("190")["event_type"]
        'ASSAULT'
    """
    table = plover_table()
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return dict(table[code[:size]])
    return None


# ------------------------------------------------------------------ lexicon


def parse_pattern(text: str, where: tuple[str, int]) -> Pattern:
    """`+for obj:test|tests mod:nuclear role:CVL xcomp` -> Pattern; `-` or empty is no constraint."""
    parts: dict[str, set[str]] = {"particles": set(), "obj": set(), "pobj": set(), "mod": set(), "role": set()}
    bare: set[str] = set()
    for token in text.split():
        if token == "-":
            continue
        if token.startswith("+") and len(token) > 1:
            parts["particles"].update(_alternatives(token[1:]))
        elif ":" in token:
            key, _, values = token.partition(":")
            if key not in PATTERN_KEYS or not values:
                raise DataFileError(
                    where[0], where[1], f"unknown pattern part {token!r}; use +PREP, obj:, pobj:, mod:, role:"
                )
            wanted = _alternatives(values) if key != "role" else {v.upper() for v in values.split("|")}
            parts[key].update(wanted)
        elif token in PATTERN_BARE:
            bare.add(token)
        else:
            raise DataFileError(where[0], where[1], f"unknown pattern part {token!r}")
    return Pattern(
        frozenset(parts["particles"]),
        frozenset(parts["obj"]),
        frozenset(parts["pobj"]),
        frozenset(parts["mod"]),
        frozenset(parts["role"]),
        frozenset(bare),
    )


# Plurals the English model lemmatises to a Latin singular nobody writes in a row: "shared data" has the
# object lemma "datum", "curbs on the media" the lemma "medium". A row's word also matches that lemma.
MODEL_LEMMAS = {"data": "datum", "media": "medium"}


def _alternatives(values: str) -> set[str]:
    words = {value.strip().lower().replace("_", " ") for value in values.split("|") if value.strip()}
    return words | {MODEL_LEMMAS[word] for word in words if word in MODEL_LEMMAS}


def _check_code(code: str, where: tuple[str, int]) -> None:
    if code in SPECIAL_CODES:
        return
    if code.startswith("@"):
        if code[1:] not in FRAMES:
            raise DataFileError(where[0], where[1], f"unknown frame {code!r}; use one of @{', @'.join(FRAMES)}")
        return
    if code not in codebook():
        raise DataFileError(where[0], where[1], f"{code!r} is not a code in cameo_codes.tsv")


def _read_lexicon(name: str) -> dict[str, tuple[LexiconEntry, ...]]:
    entries: dict[tuple[str, str], LexiconEntry] = {}
    for path in data_files(name):
        in_this_file: dict[tuple[str, str], int] = {}
        for number, row in read_rows(path, ("lemma", "pattern", "code", "flags")):
            where = (str(path), number)
            lemma = row["lemma"].lower()
            if not lemma or "|" in lemma:
                raise DataFileError(
                    where[0], number, f"lemma {row['lemma']!r} must be one word or phrase (one row each)"
                )
            _check_code(row["code"], where)
            flags = frozenset(flag for flag in row["flags"].replace(",", " ").split() if flag != "-")
            unknown = flags - set(FLAGS)
            if unknown:
                problem = f"unknown flag(s) {', '.join(sorted(unknown))}; use {', '.join(FLAGS)}"
                raise DataFileError(where[0], number, problem)
            pattern = parse_pattern(row["pattern"], where)
            key = (lemma, " ".join(sorted(t for t in row["pattern"].split() if t != "-")))
            if key in in_this_file:
                problem = f"{lemma!r} with pattern {row['pattern']!r} is already on line {in_this_file[key]}"
                raise DataFileError(where[0], number, problem)
            in_this_file[key] = number
            entries[key] = LexiconEntry(lemma, pattern, row["code"], flags, f"{path.name}:{number}")
    grouped: dict[str, list[LexiconEntry]] = {}
    for entry in entries.values():
        grouped.setdefault(entry.lemma, []).append(entry)
    # Most specific pattern first, and among equals the one that names more words ("welcome +refugee" before
    # "welcome actorobj": a shape alone says less of the sense); the first row that fits wins.
    return {
        lemma: tuple(sorted(rows, key=lambda e: (-e.pattern.specificity, -e.pattern.named_parts)))
        for lemma, rows in grouped.items()
    }


def _read_frames() -> dict[str, dict[str, str]]:
    frames: dict[str, dict[str, str]] = {frame: {} for frame in FRAMES}
    for path in data_files("frames.tsv"):
        for number, row in read_rows(path, ("frame", "complement", "code")):
            if row["frame"] not in FRAMES:
                problem = f"unknown frame {row['frame']!r}; use one of {', '.join(FRAMES)}"
                raise DataFileError(str(path), number, problem)
            complement = row["complement"]
            if complement != "*" and not (complement.isdigit() and 2 <= len(complement) <= 4):
                raise DataFileError(str(path), number, f"complement {complement!r} must be a CAMEO code prefix or *")
            _check_code(row["code"], (str(path), number))
            frames[row["frame"]][complement] = row["code"]
    for frame, table in frames.items():
        if "*" not in table:
            raise DataFileError(str(DATA_DIR / "frames.tsv"), None, f"frame {frame!r} has no default row (*)")
    return frames


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The verb and noun lexicons and the complement frames, shipped rows plus user rows."""
    nouns = _read_lexicon("nouns.tsv")
    agents = {lemma: rows for lemma, rows in nouns.items() if all("predicative" in row.flags for row in rows)}
    plain = {lemma: rows for lemma, rows in nouns.items() if lemma not in agents}
    return Lexicon(_read_lexicon("verbs.tsv"), plain, _read_frames(), agents)


def apply_frame(frame: str, complement: str | None) -> str:
    """The code a frame gives for a complement code (longest matching prefix), else its default.

    Example:
        >>> apply_frame("reject", "040"), apply_frame("threaten", "163"), apply_frame("appeal", None)
        ('125', '1312', '020')
    """
    table = lexicon().frames[frame]
    if complement:
        for size in range(len(complement), 1, -1):
            if complement[:size] in table:
                return table[complement[:size]]
    return table["*"]


def clear_caches() -> None:
    """Forget loaded tables, e.g. after changing DOSSIER_EVENTS_DATA."""
    codebook.cache_clear()
    plover_table.cache_clear()
    reciprocal_table.cache_clear()
    lexicon.cache_clear()
