"""The actor knowledge base: countries, capitals, IGOs, non-state groups, role nouns, people and given names.

Everything here is data read from `src/dossier/actors/data/` and from the
files or folders named in the environment variable ``DOSSIER_ACTORS_PATH``
(colon-separated), layered on top. A user file joins the table whose
shipped file name it ends with: ``my_people.csv`` adds to ``people.csv``,
``extra_seats.tsv`` to ``seats.tsv``. A bad row raises ``DataFileError``
naming the file and line. The same variable's place tables (``my_regions.tsv``:
``dossier.gazetteer.PLACE_TABLES``) are the gazetteer's; a knowledge base
carries the gazetteer of its own user files (``KnowledgeBase.gazetteer``).

Names are kept as token tuples (cut with spaCy's English tokenizer, the
same one the parser uses), so the `actors` stage finds them with dictionary
look-ups over token spans instead of searching text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from dossier.datafiles import layered_tables, read_rows
from dossier.diskcache import read_cached, write_cached
from dossier.errors import DataFileError
from dossier.gazetteer import PATH_VARIABLE, PLACE_TABLES, Gazetteer, gazetteer_for
from dossier.letters import strip_accents

DATA_DIR = Path(__file__).resolve().parent / "data"
# The disk cache entry (`dossier.diskcache`) of the names' tokens.
NAME_TOKENS = "actor-name-tokens"

# CAMEO's actor roles (CAMEO 1.1b3, chapter 4); UAF codes unidentified armed forces ("gunmen"), PTY political
# parties (parties.tsv).
ROLE_CODES = frozenset(
    {"GOV", "MIL", "COP", "LEG", "JUD", "OPP", "CVL", "MED", "BUS", "REB", "REF", "LAB", "EDU", "IGO", "UAF", "AGR",
     "HLH", "NGO", "CRM", "SPY", "ELI", "RAD", "PTY"}
)  # fmt: skip

# The columns each shipped table must have, in any order.
TABLES: dict[str, tuple[str, ...]] = {
    "countries.tsv": ("code", "name", "form"),
    "country_aliases.tsv": ("code", "name", "form"),
    "demonyms.tsv": ("code", "name", "form"),
    "capitals.tsv": ("code", "name", "metonym"),
    "capital_aliases.tsv": ("code", "name", "metonym"),
    "seats.tsv": ("code", "name", "role"),
    "igos.tsv": ("code", "name", "aliases"),
    "groups.tsv": ("code", "name", "aliases", "kind"),
    "organisations.tsv": ("code", "name", "aliases", "kind"),
    "parties.tsv": ("code", "name", "aliases", "members", "adjectives"),
    "contextual.tsv": ("code", "name", "requires"),
    "roles.tsv": ("name", "role", "kind", "office"),
    "people.csv": ("name", "aliases", "country", "role", "office", "start", "end"),
    "given_names.tsv": ("name", "gender"),
}

# Code prefixes of non-state actors with no home country: CAMEO's
# international militarised groups and non-governmental organisations.
TRANSNATIONAL_PREFIXES = ("IMG", "NGO")
GROUP_KINDS = ("armed", "ngo")
# The kind of a domestic organisation (organisations.tsv): a union, lobby, think tank or advocacy group of one country.
DOMESTIC_KIND = "organisation"
# The role of a political party (parties.tsv), and the kind its name has in `KnowledgeBase.group_kinds`.
PARTY_ROLE = "PTY"
PARTY_KIND = "party"


@dataclass(frozen=True)
class Office:
    """One term in one office: "Moon Jae-in, president of KOR, 2017-05-10 to 2022-05-09"."""

    country: str  # ISO alpha-3, or an IGO code
    role: str | None
    office: str
    start: date | None
    end: date | None  # None: still in office

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    offices: tuple[Office, ...]
    gender: str | None = None  # "m" or "f" when the list says


@dataclass(frozen=True)
class Entry:
    """What a stretch of text can name.

    kind is one of: country, demonym, people (a nationality as a noun:
    "Russians"), capital, seat, igo, nonstate (an armed group or NGO from
    groups.tsv, a domestic organisation, a political party), partisan (a
    party's adjective: "Republican"), contextual, person, title, group, body,
    honorific.
    """

    kind: str
    code: str | None = None
    role: str | None = None
    name: str | None = None  # output name: a country's or person's canonical name
    offices: tuple[str, ...] = ()  # for titles: the people.csv offices they name
    requires: tuple[str, ...] = ()  # for contextual names
    metonym: bool = True  # for capitals
    gender: str | None = None  # for titles and honorifics that tell ("Mrs.", "spokeswoman")
    members: bool = False  # for parties: a plural noun for its members as a group ("Republicans")


@dataclass
class KnowledgeBase:
    """Lookup tables built once per process; read-only after loading."""

    country_names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    adjectives: dict[str, str] = field(default_factory=dict)  # code -> first adjective
    igo_names: dict[str, str] = field(default_factory=dict)
    group_kinds: dict[str, str] = field(default_factory=dict)  # non-state actor's name -> armed or ngo
    people: dict[str, Person] = field(default_factory=dict)
    # casefolded token tuple -> [(token tuple as written, entry)]
    names: dict[tuple[str, ...], list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    lengths: dict[str, set[int]] = field(default_factory=dict)  # first casefolded token -> name lengths
    surnames: dict[str, set[str]] = field(default_factory=dict)  # casefolded surname -> person names
    max_length: int = 1
    # Given name (no accents, casefolded) -> "m" or "f": the gender it names in news ("tara" -> "f").
    given_names: dict[str, str] = field(default_factory=dict)
    # Text -> its tokens, for the names read: kept on disk (`NAME_TOKENS`), so a process need not make a
    # spaCy tokenizer and cut 4,000 names with it (0.4 CPU s in each worker).
    name_tokens: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    # What `lookup` answered for a known name as the text wrote it: the articles of a run ask for the
    # same names again and again. Only names the base holds are kept (a bounded set); `add_name` clears it.
    answers: dict[tuple[str, ...], tuple[Entry, ...]] = field(default_factory=dict, repr=False, compare=False)
    # The user's files and folders it was loaded with (DOSSIER_ACTORS_PATH's value): their place tables
    # (`my_regions.tsv`) are the gazetteer's (`gazetteer`).
    user_path: str | None = None
    places: Gazetteer | None = field(default=None, repr=False, compare=False)  # `gazetteer`, once read

    def gazetteer(self) -> Gazetteer:
        """The gazetteer with the place tables of the same user files, read when the base is loaded (`load`),
        so a stage given its knowledge base reads no environment variable (the disk cache's folder)."""
        if self.places is None:
            self.places = gazetteer_for(self.user_path)
        return self.places

    def tokens(self, text: str) -> tuple[str, ...]:
        """`tokenize(text)`, looked up in `name_tokens` first."""
        found = self.name_tokens.get(text)
        if found is None:
            found = self.name_tokens[text] = tokenize(text)
        return found

    def add_name(self, text: str, entry: Entry) -> None:
        # A leading "the" is left to the text: the stage takes the article in when it is there.
        if text[:4].casefold() == "the " and len(text) > 4:
            text = text[4:]
        self.answers.clear()
        for variant in {text, strip_accents(text)}:
            tokens = self.tokens(variant)
            if not tokens:
                continue
            key = tuple(token.casefold() for token in tokens)
            bucket = self.names.setdefault(key, [])
            if (tokens, entry) not in bucket:
                bucket.append((tokens, entry))
            self.lengths.setdefault(key[0], set()).add(len(key))
            self.max_length = max(self.max_length, len(key))

    def lookup(self, tokens: tuple[str, ...]) -> list[Entry]:
        """Entries whose name matches these tokens, case as the text allows."""
        answer = self.answers.get(tokens)
        if answer is not None:
            return list(answer)
        bucket = self.names.get(tuple(t.casefold() for t in tokens))
        if not bucket:
            return []
        found = []
        for written, entry in bucket:
            agrees = all(case_agrees(seen, kb) for seen, kb in zip(tokens, written, strict=True))
            if agrees and entry not in found:  # "Doctors Without Borders" fits "Doctors without Borders" too
                found.append(entry)
        self.answers[tokens] = tuple(found)
        return found

    def given_name_gender(self, name: str) -> str | None:
        """The gender the first word of a full name tells ("Tara Setmayer": "f"); None for one word or a first
        word not in given_names.tsv. A hyphenated first word is looked up whole, then by its first part
        ("Abdel-Fattah el-Sisi": "Abdel")."""
        words = name.split()
        if len(words) < 2:
            return None
        first = strip_accents(words[0]).casefold()
        return self.given_names.get(first) or self.given_names.get(first.split("-")[0])

    def country_name(self, code: str | None) -> str | None:
        if code is None:
            return None
        return self.country_names.get(code) or self.igo_names.get(code)

    def holders(self, country: str, offices: tuple[str, ...], day: date | None) -> list[tuple[Person, Office]]:
        """People who held one of these offices of this country on the day (latest term when no day)."""
        found = []
        for person in self.people.values():
            for office in person.offices:
                if office.country == country and office.office in offices and (day is None or office.holds_on(day)):
                    if day is None and office.end is not None:
                        continue
                    found.append((person, office))
        return found


def case_agrees(seen: str, kb: str) -> bool:
    """A lowercase list word matches any case; a capitalised one needs its capitals or ALL CAPS text.

    Example:
        >>> case_agrees("RUSSIA", "Russia"), case_agrees("moon", "Moon"), case_agrees("The", "the")
        (True, False, True)
    """
    if kb.islower() or seen == kb:
        return True
    return seen.isupper() and len(seen) > 2 and seen.casefold() == kb.casefold()


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank("en").tokenizer


@lru_cache(maxsize=65536)
def tokenize(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in _tokenizer()(text.strip()))


# ---------------------------------------------------------------- reading


# The rows of one table file; the name tests and users' scripts know.
read_table = read_rows


def parse_day(value: str, path: Path, line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(str(path), line, f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def table_files(extra: str | None = None) -> list[tuple[str, Path]]:
    """(table name, file) pairs: the shipped files first, then the user's, in the order given.

    The user's files of the gazetteer's place tables (`my_regions.tsv`:
    `dossier.gazetteer.PLACE_TABLES`) are the gazetteer's to read; a file
    that fits neither is an error.
    """
    paired = layered_tables(DATA_DIR, (*TABLES, *PLACE_TABLES), PATH_VARIABLE, extra or "")
    return [(table, path) for table, path in paired if table in TABLES]


def load(extra: str | None = None) -> KnowledgeBase:
    """Build the knowledge base from the shipped tables plus the user's files."""
    tokenizer = _tokenizer_version()
    kb = KnowledgeBase(name_tokens=read_cached(NAME_TOKENS, tokenizer) or {}, user_path=extra or None)
    known = len(kb.name_tokens)
    loaders = {
        "countries.tsv": _load_countries,
        "country_aliases.tsv": _load_countries,
        "demonyms.tsv": _load_demonyms,
        "capitals.tsv": _load_capitals,
        "capital_aliases.tsv": _load_capitals,
        "seats.tsv": _load_seats,
        "igos.tsv": _load_igos,
        "groups.tsv": _load_groups,
        "organisations.tsv": _load_organisations,
        "parties.tsv": _load_parties,
        "contextual.tsv": _load_contextual,
        "roles.tsv": _load_roles,
        "people.csv": _load_people,
        "given_names.tsv": _load_given_names,
    }
    for table, path in table_files(extra):
        loaders[table](kb, path, TABLES[table])
    _index_people(kb)
    _drop_ambiguous_adjectives(kb)
    kb.gazetteer()
    if len(kb.name_tokens) > known:  # names no earlier process cut (a user's file, a changed table)
        write_cached(NAME_TOKENS, tokenizer, kb.name_tokens)
    return kb


def _tokenizer_version() -> tuple[str, str, str]:
    """What the tokens of a name depend on: spaCy's English tokenizer rules (they come with its version)
    and `tokenize` here (this module's code)."""
    import hashlib
    from importlib.metadata import version

    return "spacy.blank('en').tokenizer", version("spacy"), hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@lru_cache(maxsize=4)
def _cached(extra: str | None) -> KnowledgeBase:
    return load(extra)


def knowledge_base() -> KnowledgeBase:
    """The knowledge base for the current DOSSIER_ACTORS_PATH, built once and cached."""
    return _cached(os.environ.get(PATH_VARIABLE) or None)


def _check_code(code: str, path: Path, line: int) -> str:
    if not (len(code) == 3 and code.isalpha() and code.isupper()) and not code.startswith("IGO"):
        raise DataFileError(str(path), line, f"code {code!r} is neither an ISO alpha-3 code nor an IGO code")
    return code


def _require(row: dict[str, str], column: str, path: Path, line: int) -> str:
    if not row[column]:
        raise DataFileError(str(path), line, f"empty {column}")
    return row[column]


def _load_countries(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    for line, row in read_table(path, required):
        code = _check_code(_require(row, "code", path, line), path, line)
        name = _require(row, "name", path, line)
        if row["form"] == "canonical" or code not in kb.country_names:
            kb.country_names[code] = name
        kb.add_name(name, Entry("country", code=code))


def _load_demonyms(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    for line, row in read_table(path, required):
        code = _check_code(_require(row, "code", path, line), path, line)
        name = _require(row, "name", path, line)
        if row["form"] not in ("adjective", "people"):
            raise DataFileError(str(path), line, f"form must be adjective or people, not {row['form']!r}")
        kind = "demonym" if row["form"] == "adjective" else "people"
        if kind == "demonym":
            kb.adjectives.setdefault(code, name)
        kb.add_name(name, Entry(kind, code=code))


def _load_capitals(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    for line, row in read_table(path, required):
        code = _check_code(_require(row, "code", path, line), path, line)
        if row["metonym"] not in ("0", "1"):
            raise DataFileError(str(path), line, f"metonym must be 0 or 1, not {row['metonym']!r}")
        kb.add_name(_require(row, "name", path, line), Entry("capital", code=code, metonym=row["metonym"] == "1"))


def _load_seats(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    for line, row in read_table(path, required):
        code = _check_code(_require(row, "code", path, line), path, line)
        role = _check_role(row["role"], path, line)
        kb.add_name(_require(row, "name", path, line), Entry("seat", code=code, role=role))


def _load_igos(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    for line, row in read_table(path, required):
        code = _require(row, "code", path, line)
        if not code.startswith("IGO"):
            raise DataFileError(str(path), line, f"IGO codes start with IGO, not {code!r}")
        name = _require(row, "name", path, line)
        kb.igo_names.setdefault(code, name)
        for alias in [name, *filter(None, row["aliases"].split("|"))]:
            kb.add_name(alias.strip(), Entry("igo", code=code, name=name))


def _load_groups(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    """Armed groups and NGOs: "Taliban" AFGREB (country AFG, role REB), "Islamic State" IMGREB, NGOs NGOxxx."""
    for line, row in read_table(path, required):
        code = _require(row, "code", path, line)
        prefix, rest = code[:3], code[3:]
        if not (len(code) >= 6 and code.isalpha() and code.isupper()):
            raise DataFileError(str(path), line, f"code {code!r} is not a country or IMG/NGO prefix plus a suffix")
        if prefix not in TRANSNATIONAL_PREFIXES and prefix not in kb.country_names:
            raise DataFileError(
                str(path), line, f"code {code!r} starts with neither an ISO alpha-3 code nor IMG or NGO"
            )
        role = None if prefix == "NGO" else _check_role(rest, path, line)
        if row["kind"] not in GROUP_KINDS:
            raise DataFileError(str(path), line, f"kind must be one of {', '.join(GROUP_KINDS)}, not {row['kind']!r}")
        _add_nonstate(kb, row, code, role, path, line)


def _load_organisations(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    """Domestic organisations: "American Civil Liberties Union" USANGO, "AFL-CIO" USALAB (country + role)."""
    for line, row in read_table(path, required):
        code = _require(row, "code", path, line)
        if not (len(code) == 6 and code.isalpha() and code[:3] in kb.country_names):
            raise DataFileError(str(path), line, f"code {code!r} is not an ISO alpha-3 code plus a role")
        role = _check_role(code[3:], path, line)
        if row["kind"] != DOMESTIC_KIND:
            raise DataFileError(str(path), line, f"kind must be {DOMESTIC_KIND}, not {row['kind']!r}")
        _add_nonstate(kb, row, code, role, path, line)


def _load_parties(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    """Political parties: "Republican Party" USAPTY, its members "Republicans" and its adjective "Republican"."""
    for line, row in read_table(path, required):
        code = _require(row, "code", path, line)
        if not (len(code) == 6 and code.isalpha() and code[:3] in kb.country_names and code[3:] == PARTY_ROLE):
            raise DataFileError(str(path), line, f"code {code!r} is not an ISO alpha-3 code plus {PARTY_ROLE}")
        _add_nonstate(kb, {**row, "kind": PARTY_KIND}, code, PARTY_ROLE, path, line)
        name = row["name"]
        for members in filter(None, row["members"].split("|")):
            kb.add_name(members.strip(), Entry("nonstate", code=code, role=PARTY_ROLE, name=name, members=True))
        for adjective in filter(None, row["adjectives"].split("|")):
            kb.add_name(adjective.strip(), Entry("partisan", code=code, role=PARTY_ROLE, name=name))


def _add_nonstate(kb: KnowledgeBase, row: dict[str, str], code: str, role: str | None, path: Path, line: int) -> None:
    """The row's name and aliases as names of one non-state actor."""
    name = _require(row, "name", path, line)
    kb.group_kinds.setdefault(name, row["kind"])
    entry = Entry("nonstate", code=code, role=role, name=name)
    for alias in [name, *filter(None, row["aliases"].split("|"))]:
        kb.add_name(alias.strip(), entry)


def _load_contextual(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    for line, row in read_table(path, required):
        code = _check_code(_require(row, "code", path, line), path, line)
        requires = tuple(filter(None, _require(row, "requires", path, line).split("|")))
        kb.add_name(_require(row, "name", path, line), Entry("contextual", code=code, requires=requires))


def _check_gender(value: str, path: Path, line: int) -> str | None:
    if value not in ("", "m", "f"):
        raise DataFileError(str(path), line, f"gender must be m, f or empty, not {value!r}")
    return value or None


def _check_role(role: str, path: Path, line: int) -> str | None:
    if not role:
        return None
    if role not in ROLE_CODES:
        raise DataFileError(str(path), line, f"unknown role {role!r}; use one of {', '.join(sorted(ROLE_CODES))}")
    return role


def _load_roles(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    kinds = ("title", "group", "body", "honorific", "means")
    for line, row in read_table(path, required):
        if row["kind"] not in kinds:
            raise DataFileError(str(path), line, f"kind must be one of {', '.join(kinds)}, not {row['kind']!r}")
        role = _check_role(row["role"], path, line)
        offices = tuple(filter(None, row["office"].split("|")))
        entry = Entry(row["kind"], role=role, offices=offices, gender=_check_gender(row.get("gender", ""), path, line))
        kb.add_name(_require(row, "name", path, line), entry)


def _load_people(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    for line, row in read_table(path, required):
        name = _require(row, "name", path, line)
        country = _check_code(_require(row, "country", path, line), path, line)
        office = Office(
            country=country,
            role=_check_role(row["role"], path, line),
            office=_require(row, "office", path, line),
            start=parse_day(row["start"], path, line),
            end=parse_day(row["end"], path, line),
        )
        if office.start and office.end and office.end < office.start:
            raise DataFileError(str(path), line, "end is before start")
        aliases = tuple(alias.strip() for alias in row["aliases"].split("|") if alias.strip())
        gender = _check_gender(row.get("gender", ""), path, line)
        known = kb.people.get(name)
        if known is None:
            kb.people[name] = Person(name, aliases, (office,), gender)
        else:
            merged = known.aliases + tuple(a for a in aliases if a not in known.aliases)
            kb.people[name] = Person(name, merged, known.offices + (office,), gender or known.gender)


def _load_given_names(kb: KnowledgeBase, path: Path, required: tuple[str, ...]) -> None:
    """Given names and their gender; a later file's row replaces an earlier one, and an empty gender drops
    the name (a user who finds it names either)."""
    for line, row in read_table(path, required):
        name = _require(row, "name", path, line)
        if len(name.split()) != 1:
            raise DataFileError(str(path), line, f"a given name is one word, not {name!r}")
        key = strip_accents(name).casefold()
        gender = _check_gender(row["gender"], path, line)
        if gender is None:
            kb.given_names.pop(key, None)
        else:
            kb.given_names[key] = gender


def _index_people(kb: KnowledgeBase) -> None:
    """Names and aliases become look-up entries; the last word of a name and one-word aliases are surnames."""
    for person in kb.people.values():
        entry = Entry("person", name=person.name)
        for alias in (person.name, *person.aliases):
            kb.add_name(alias, entry)
        words = [kb.tokens(person.name)[-1], *(a for a in person.aliases if len(kb.tokens(a)) == 1)]
        for word in words:
            for variant in {word, strip_accents(word)}:
                kb.surnames.setdefault(variant.casefold(), set()).add(person.name)


def _drop_ambiguous_adjectives(kb: KnowledgeBase) -> None:
    """An adjective two countries share ("Dominican") names neither."""
    for key, bucket in list(kb.names.items()):
        codes = {entry.code for _, entry in bucket if entry.kind == "demonym"}
        if len(codes) > 1:
            kb.names[key] = [(w, e) for w, e in bucket if e.kind != "demonym"]
    kb.answers.clear()
