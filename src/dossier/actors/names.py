"""Knowledge-base names in the text: for each token, the known name that covers it.

The lookup runs once per article, before any rule: every later step asks
`KnownNames` what a token can name (a country, a title, a person...).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from dossier.actors.knowledge import Entry, KnowledgeBase
from dossier.gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class NameHit:
    """A stretch of tokens [start, end) that the knowledge base names, with what it can be."""

    start: int
    end: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class KnownNames:
    """The known name covering each token of one article (None where there is none)."""

    hits: tuple[NameHit | None, ...]
    # Every known name once, in text order: a step that reads only known names walks these, not every token.
    in_order: tuple[NameHit, ...] = ()

    def starting_in(self, start: int, end: int) -> tuple[NameHit, ...]:
        """The known names that begin in tokens [start, end), in text order."""
        starts = self._starts
        return self.in_order[bisect_left(starts, start) : bisect_left(starts, end)]

    @cached_property
    def _starts(self) -> list[int]:
        return [hit.start for hit in self.in_order]

    def hit_at(self, i: int) -> NameHit | None:
        return self.hits[i]

    def starts_at(self, i: int) -> NameHit | None:
        """The known name that begins at token i, if any."""
        hit = self.hits[i]
        return hit if hit is not None and hit.start == i else None

    def entries_at(self, i: int, *kinds: str) -> list[Entry]:
        """What the name covering token i can be, of these kinds (any kind when none given)."""
        hit = self.hits[i] if 0 <= i < len(self.hits) else None
        if hit is None:
            return []
        return [entry for entry in hit.entries if not kinds or entry.kind in kinds]

    def span_at(self, i: int) -> tuple[int, int]:
        """The token span of the name covering token i; the token alone when no name does."""
        hit = self.hits[i]
        return (hit.start, hit.end) if hit else (i, i + 1)


def find_names(
    doc: Doc,
    kb: KnowledgeBase,
    texts: Sequence[str] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> KnownNames:
    """For each token, the longest knowledge-base name starting or covering it.

    `texts` (the tokens' texts) and `sentences` (their token bounds) are read from the doc when not given.
    """
    hits: list[NameHit | None] = [None] * len(doc)
    if texts is None:
        texts = [token.text for token in doc]
    if sentences is None:
        sentences = [(sentence.start, sentence.end) for sentence in doc.sents]
    folded = [text.casefold() for text in texts]
    places = kb.gazetteer()
    in_order: list[NameHit] = []
    i, count = 0, len(folded)
    while i < count:
        # Most words start no known name: the one dictionary test here spares them a call.
        found = _longest_name_at(kb, texts, folded, i) if folded[i] in kb.lengths else None
        if found is None and folded[i] in kb.lengths:
            found = _initialled_person_at(kb, texts, folded, i)
        if found:
            found = _wider_place(found, texts, in_order[-1].end if in_order else 0, places) or found
            for j in range(found.start, found.end):
                hits[j] = found
            in_order.append(found)
            i = found.end
        else:
            i += 1
    _drop_unconfirmed_shouted_acronyms(doc, kb, hits, texts, sentences)
    _drop_surnames_used_as_places(doc, hits, texts, places)
    return KnownNames(tuple(hits), tuple(hit for hit in in_order if hits[hit.start] is hit))


# A middle initial between a listed person's first and last names: "V." in "Vladimir V. Putin".
MIDDLE_INITIAL = re.compile(r"[A-Z]\.")

# Country and nationality names a longer place name may hold: "British" in "British Columbia".
NATIONAL_KINDS = frozenset({"country", "demonym", "people"})
# Capitalised words a place name may add around a nationality or country name ("New Mexico").
PLACE_REACH = 2
# Gazetteer kinds of a place that is its own country or one country's province or state, whose name wins.
WHOLE_PLACE_KINDS = frozenset({"country", "state", "region"})


def _wider_place(hit: NameHit, texts: Sequence[str], free_from: int, gazetteer: Gazetteer) -> NameHit | None:
    """A country or nationality name inside a longer place name of another country: "British Columbia"
    is Canada's, "New Mexico" the United States', "Northern Ireland" the United Kingdom's. The longest
    capitalised run around the hit that the gazetteer knows as a country, a state or a province wins,
    as that place's country; None when there is none, or it is the hit's own country. The place starts
    no earlier than `free_from`, the end of the name before."""
    codes = {entry.code for entry in hit.entries}
    if not hit.entries or any(entry.kind not in NATIONAL_KINDS for entry in hit.entries):
        return None
    spans = [
        (start, end)
        for start in range(max(free_from, hit.start - PLACE_REACH), hit.start + 1)
        for end in range(hit.end, min(len(texts), hit.end + PLACE_REACH) + 1)
        if (start, end) != (hit.start, hit.end) and all(t[:1].isupper() for t in texts[start:end])
    ]
    for start, end in sorted(spans, key=lambda span: span[0] - span[1]):
        places = gazetteer.candidates(" ".join(texts[start:end]))
        if places and places[0].kind in WHOLE_PLACE_KINDS and places[0].country not in codes:
            # A province qualifies a body as a nationality does ("British Columbia police"); it is no actor alone.
            kind = "country" if places[0].kind == "country" else "demonym"
            return NameHit(start, end, (Entry(kind, places[0].country),))
    return None


# Prepositions before a place ("in Austin"), and words a place takes after a hyphen ("Austin-based").
# Only those that a person's name rarely follows: "from Biden", "around Kasich" are people.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near"})
PLACE_SUFFIX_WORDS = frozenset({"based", "area", "born", "bred", "headquartered"})


def _drop_surnames_used_as_places(
    doc: Doc, hits: list[NameHit | None], texts: Sequence[str], places: Gazetteer
) -> None:
    """A person's one-word alias that names a place here is that place: "the University of Texas at Austin",
    "an Austin-based pollster", "in Austin, Texas" are no Lloyd Austin. The entity tagger must call it a
    place, and the words around it must place it: a locative preposition before, a state or a country after
    a comma, or a hyphen and "based" after."""
    for i, hit in enumerate(hits):
        if hit is None or hit.start != i or hit.end - hit.start != 1:
            continue
        if not hit.entries or any(entry.kind != "person" for entry in hit.entries):
            continue
        if _suffixed_as_place(texts, i) or (
            doc[i].ent_type_ in ("GPE", "LOC", "FAC") and _placed_by_context(texts, i, places)
        ):
            hits[i] = None


def _suffixed_as_place(texts: Sequence[str], i: int) -> bool:
    return i + 2 < len(texts) and texts[i + 1] == "-" and texts[i + 2].lower() in PLACE_SUFFIX_WORDS


def _placed_by_context(texts: Sequence[str], i: int, places: Gazetteer) -> bool:
    if i + 1 < len(texts) and texts[i + 1] in ("'s", "’s", "'", "’"):
        return False  # "in Obama's cabinet": the tagger calls such a possessor a place now and then
    if i > 0 and texts[i - 1].lower() in PLACE_PREPOSITIONS:
        return True
    if i + 2 < len(texts) and texts[i + 1] == ",":
        after = places.candidates(texts[i + 2])
        return bool(after) and after[0].kind in WHOLE_PLACE_KINDS
    return False


def _drop_unconfirmed_shouted_acronyms(
    doc: Doc,
    kb: KnowledgeBase,
    hits: list[NameHit | None],
    texts: Sequence[str],
    sentences: Sequence[tuple[int, int]],
) -> None:
    """In an all-caps line an acronym cannot be told from a word ("BREAK THE ICE", "WHO IS TO BLAME").

    Such a one-word acronym stays a name only when the article also names the
    same actor in ordinary text ("NATO WARNS RUSSIA" over a report on NATO).
    """
    shouted = _shouted_tokens(doc, texts, sentences)
    if not shouted:
        return
    confirmed = {entry for i, hit in enumerate(hits) if hit is not None and i not in shouted for entry in hit.entries}
    for i in shouted:
        hit = hits[i]
        if hit is None or hit.end - hit.start != 1 or not _acronym_only(kb, texts[i]):
            continue
        if not any(entry in confirmed for entry in hit.entries):
            hits[i] = None


def _shouted_tokens(doc: Doc, texts: Sequence[str], sentences: Sequence[tuple[int, int]]) -> set[int]:
    """Token indexes of sentences written in capitals throughout (at least three words of two letters or more)."""
    found: set[int] = set()
    capitals = [len(text) > 1 and text.isupper() for text in texts]
    for start, end in sentences:
        if sum(capitals[start:end]) < 3:
            continue  # fewer than three words in capitals: not shouted, whatever its words are
        words = [token for token in doc[start:end] if token.is_alpha and len(token.text) > 1]
        if len(words) >= 3 and all(token.text.isupper() for token in words):
            found.update(range(start, end))
    return found


def _acronym_only(kb: KnowledgeBase, text: str) -> bool:
    """An all-caps word the knowledge base knows only in capitals ("ICE", "WHO"; not "PUTIN")."""
    return text.isupper() and not kb.lookup((text.title(),)) and not kb.lookup((text.lower(),))


def _initialled_person_at(kb: KnowledgeBase, texts: Sequence[str], folded: list[str], i: int) -> NameHit | None:
    """A listed person written with a middle initial ("Vladimir V. Putin", "Hillary R. Clinton"), as news
    style has it: the name without the initial, people only; the hit covers the initial too."""
    if i + 2 >= len(texts) or not MIDDLE_INITIAL.fullmatch(texts[i + 1]):
        return None
    for length in sorted(kb.lengths.get(folded[i], ()), reverse=True):
        if length < 2 or i + 1 + length > len(texts):
            continue
        words = (texts[i], *texts[i + 2 : i + 1 + length])
        if tuple(w.casefold() for w in words) not in kb.names:
            continue
        people = [entry for entry in kb.lookup(words) if entry.kind == "person"]
        if people:
            return NameHit(i, i + 1 + length, tuple(people))
    return None


def _longest_name_at(kb: KnowledgeBase, texts: Sequence[str], folded: list[str], i: int) -> NameHit | None:
    """The longest known name starting at token i (`folded`: the texts casefolded, as the names are keyed)."""
    lengths = kb.lengths.get(folded[i])
    if not lengths:
        return None
    for length in sorted(lengths, reverse=True):
        if i + length > len(texts) or tuple(folded[i : i + length]) not in kb.names:
            continue  # no name of that length starts here, whatever the case
        entries = kb.lookup(tuple(texts[i : i + length]))
        if entries:
            return NameHit(i, i + length, tuple(entries))
    return None
