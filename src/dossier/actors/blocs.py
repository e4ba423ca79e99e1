"""Groups of countries named by their region: "some European countries", "Arab states", "Western powers".

CAMEO codes such a group by its region (EUR, MEA, WST, PGS ...), with the
role of a role noun when the noun is one ("European leaders" EURGOV,
"African troops" AFRMIL). A region word is read only before such a noun: "the
European Union" or "the Gulf" alone are left to the other steps. The region
words and group nouns are data (`data/blocs.tsv`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.actors.knowledge import DATA_DIR
from dossier.actors.modifiers import clean_name
from dossier.actors.spans import include_determiner, inside_larger_entity
from dossier.actors.state import ArticleInputs, Draft, FoundMentions
from dossier.datafiles import read_rows
from dossier.errors import DataFileError
from dossier.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

BLOCS_FILE = DATA_DIR / "blocs.tsv"
# Words between the region word and its noun that stay in the group's phrase ("Arab foreign ministers").
NOUN_PHRASE_DEPS = frozenset({"amod", "compound", "nmod", "hmod", "hyph", "punct"})


@dataclass(frozen=True)
class Blocs:
    """Region words (as token tuples, written case) -> region code; nouns naming a group of countries."""

    regions: dict[tuple[str, ...], str]
    nouns: frozenset[str]
    longest: int
    places: dict[tuple[str, ...], str] = field(default_factory=dict)  # region names: ("Middle", "East") -> MEA
    longest_place: int = 0
    needs_the: frozenset[tuple[str, ...]] = frozenset()  # region names read only after "the": "the West"
    starts: frozenset[str] = frozenset()  # the words a region adjective or name starts with


@lru_cache(maxsize=1)
def load_blocs() -> Blocs:
    regions: dict[tuple[str, ...], str] = {}
    places: dict[tuple[str, ...], str] = {}
    needs_the: set[tuple[str, ...]] = set()
    nouns: set[str] = set()
    for line, row in read_rows(BLOCS_FILE, ("code", "name", "form")):
        if row["form"] in ("adjective", "name"):
            if not (len(row["code"]) == 3 and row["code"].isupper()):
                raise DataFileError(str(BLOCS_FILE), line, f"region code {row['code']!r} is not three capitals")
            words = tuple(row["name"].replace("-", " - ").split())
            if row["form"] == "adjective":
                regions[words] = row["code"]
            elif words[0] == "the":
                places[words[1:]] = row["code"]
                needs_the.add(words[1:])
            else:
                places[words] = row["code"]
        elif row["form"] == "noun":
            nouns.add(row["name"].lower())
        else:
            raise DataFileError(str(BLOCS_FILE), line, f"form must be adjective, name or noun, not {row['form']!r}")
    starts = frozenset(key[0] for key in (*regions, *places))
    return Blocs(
        regions,
        frozenset(nouns),
        max(len(key) for key in regions),
        places,
        max((len(key) for key in places), default=0),
        frozenset(needs_the),
        starts,
    )


def find_region_names(inputs: ArticleInputs, found: FoundMentions) -> None:
    """ "Europe", "the West", "the Middle East" standing for the region's countries: the region's code.

    Run after the named things, so a region inside a longer name ("the Council of Europe", "Radio Free Asia")
    is already taken. Not a region word that modifies a noun ("an Africa policy", "the West Bank").
    """
    doc = inputs.doc
    blocs = load_blocs()
    texts = inputs.texts
    i = 0
    while i < len(doc):
        if texts[i] not in blocs.starts:
            i += 1
            continue
        matched = _longest_match(texts, i, blocs.places, blocs.longest_place)
        if matched is None or not found.is_free(i, matched[0]):
            i += 1
            continue
        end, code = matched
        key = texts[i:end]
        if key in blocs.needs_the and (i == 0 or doc[i - 1].lower_ != "the"):
            i = end
            continue
        last = doc[end - 1]
        # "an Africa policy", "the West Bank", "the Gulf of Mexico": part of another name, or naming a thing.
        named_on = end < len(doc) and (
            doc[end].pos_ == "PROPN" or (texts[end] == "of" and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN")
        )
        modifies = last.dep_ in ("compound", "amod", "nmod") or named_on
        if modifies or inside_larger_entity(inputs, i, end, ("ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "EVENT")):
            i = end
            continue
        found.add(
            Draft(
                include_determiner(doc, found, i, end),
                end,
                ActorRef(code, inputs.span_text(i, end), code, None),
                "name",
            )
        )
        i = end


def find_regional_groups(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Add a region-coded mention for every region word that heads a group of countries or a role noun."""
    doc = inputs.doc
    blocs = load_blocs()
    i = 0
    while i < len(doc):
        starts_one = inputs.texts[i] in blocs.starts
        matched = _longest_match(inputs.texts, i, blocs.regions, blocs.longest) if starts_one else None
        if matched is None:
            i += 1
            continue
        end, code = matched
        if _inside_longer_region(doc, i):
            i = end
            continue  # "East Asian countries": a region the list does not hold
        noun = _group_noun(inputs, doc[end - 1], end, blocs)
        if noun is not None and _members_of_igo(inputs, noun, blocs):
            i = noun.i + 1
            continue  # "the Mercosur bloc of South American countries": the IGO's own description
        if noun is not None and found.is_free(i, noun.i + 1):
            role = _noun_role(inputs, noun, blocs)
            start = include_determiner(doc, found, i)
            name = clean_name(inputs, i, noun.i + 1)
            found.add(Draft(start, noun.i + 1, ActorRef(code + (role or ""), name, code, role), "role", group=True))
            i = noun.i + 1
            continue
        i = end


def _longest_match(
    texts: tuple[str, ...], i: int, table: dict[tuple[str, ...], str], longest: int
) -> tuple[int, str] | None:
    """The longest key of `table` (region words or region names) starting at token i: its end and code."""
    for length in range(min(longest, len(texts) - i), 0, -1):
        key = texts[i : i + length]
        if key in table:
            return i + length, table[key]
    return None


def _inside_longer_region(doc: Doc, i: int) -> bool:
    """A capitalised word before the region word modifies it: "East Asian", "Sub-Saharan African"."""
    if i == 0:
        return False
    before = doc[i - 1]
    return before.text[:1].isupper() and before.head.i == i and before.dep_ in ("amod", "compound", "nmod", "npadvmod")


def _group_noun(inputs: ArticleInputs, word: Token, end: int, blocs: Blocs) -> Token | None:
    """The plural noun the region word modifies, when it names countries or people of a role."""
    head = word.head
    if word.dep_ not in ("amod", "compound", "nmod") or head.i < end or head.tag_ != "NNS":
        return None
    if not all(t.dep_ in NOUN_PHRASE_DEPS or t.pos_ == "ADJ" for t in word.doc[end : head.i]):
        return None
    if head.lower_ in blocs.nouns or _noun_role(inputs, head, blocs):
        return head
    return None


def _members_of_igo(inputs: ArticleInputs, noun: Token, blocs: Blocs) -> bool:
    """ "the Mercosur bloc of South American countries", "the Gulf Cooperation Council of Arab states": a
    group of countries in an "of" phrase on an IGO's name, or on a noun that name modifies, says who the
    IGO's members are; the IGO is the actor, its members are no second party to what it does."""
    if noun.lower_ not in blocs.nouns or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    owner = noun.head.head
    named = [owner, *(c for c in owner.children if c.dep_ in ("compound", "nmod", "amod"))]
    return any(inputs.names.entries_at(token.i, "igo") for token in named)


def igo_description_end(inputs: ArticleInputs, found: FoundMentions, end: int) -> int:
    """Where an IGO's mention ends when its members follow its name: after "bloc of South American
    countries" in "the Mercosur bloc of South American countries", "of Arab states" in "the Gulf
    Cooperation Council of Arab states" (`find_regional_groups` left those words free); else `end`."""
    doc = inputs.doc
    last = doc[end - 1]
    owner = last.head if last.dep_ in ("compound", "nmod", "amod") and last.head.i == end else last
    blocs = load_blocs()
    for prep in owner.children:
        if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i != owner.i + 1:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lower_ in blocs.nouns and found.is_free(end, noun.i + 1):
                return noun.i + 1
    return end


def _noun_role(inputs: ArticleInputs, noun: Token, blocs: Blocs) -> str | None:
    """The role of a role noun ("leaders" GOV); None for a noun of countries ("states")."""
    if noun.lower_ in blocs.nouns:
        return None
    roles = [e.role for e in inputs.names.entries_at(noun.i, "group") if e.role and e.role != "IGO"]
    return roles[0] if roles else None
