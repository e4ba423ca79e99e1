"""Names made of a place and a role noun: "Delhi Police", "Punjab Police", "Lagos State Police", "Berlin Senate".

The entity recogniser often takes such a name as a whole, with any label: a
person ("Delhi Police" as PERSON), an organisation. The place it starts with
gives the role noun's country, as "police in Delhi" does: the groups pass
reads it (`groups._place_countries`), and the people pass leaves the name to
it (`is_placed_role`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.actors.codes import code_of
from dossier.actors.knowledge import Entry
from dossier.actors.state import ArticleInputs
from dossier.gazetteer import country_of_place

if TYPE_CHECKING:
    from spacy.tokens import Span

# Role nouns that make such a name: institutions and the people of one ("Karachi University students").
ROLE_KINDS = ("group", "body")


def leading_place_country(inputs: ArticleInputs, start: int, head: int) -> str | None:
    """The country of the place the capitalised words [start, head) name: a country, nationality or capital
    of the knowledge base ("Afghan", "Kabul"), else a place the gazetteer places in one country ("Delhi",
    "Lagos State"). The words stop at the first role noun ("Karachi" in "Karachi University students"); when
    they name no place, the longest run of the first of them that does ("Basra" in "Basra Appeals Court")."""
    doc = inputs.doc
    if start < head and doc[start].lower_ == "the":
        start += 1
    end = start
    while end < head and doc[end].pos_ == "PROPN" and not inputs.names.entries_at(end, *ROLE_KINDS, "title"):
        end += 1
    known = inputs.names.entries_at(start, "country", "demonym", "capital")
    for stop in range(end, start, -1):
        if known and inputs.names.span_at(start) == (start, stop):
            return code_of(known[0])
        country = country_of_place(inputs.span_text(start, stop), inputs.places)
        if country:
            return country
    return None


def is_placed_role(inputs: ArticleInputs, start: int, end: int) -> bool:
    """The capitalised words [start, end) are a place and an institution of it, with perhaps its people:
    "Delhi Police", "Mexican Navy", "Karachi University students"; no person's name.

    The words after the place hold a role body ("Police", "Navy", "University"), not only a plural
    group noun: "Elizabeth Banks" is a person. The last words are a role noun.
    """
    names = inputs.names
    texts = inputs.texts
    if start < end and inputs.doc[start].lower_ == "the":
        start += 1
    if end - start < 2 or not all(texts[i][:1].isupper() for i in range(start, end)):
        return False
    last = [h for h in names.starting_in(start + 1, end) if h.end == end and _has_role(h.entries, ROLE_KINDS)]
    if not last:
        return False
    first_role = next(i for i in range(start, end) if names.entries_at(i, *ROLE_KINDS, "title"))
    if first_role == start or not holds_body(inputs, first_role, end):
        return False
    return leading_place_country(inputs, start, first_role) is not None


def entity_opens_with_place(inputs: ArticleInputs, ent: Span, start: int) -> bool:
    """The entity starts at `start`, the words in front of a role noun, and holds a body, an institution
    of the place: "Delhi Police", "Karachi University" before "students". Not "Bush" before
    "administration", nor a plural role noun alone ("Florence Banks" is someone's name). The test
    `is_placed_role` makes of a name's last words, made here of an entity the recogniser read whole."""
    first = ent.start + 1 if inputs.texts[ent.start].lower() == "the" else ent.start
    return first == start and holds_body(inputs, first, ent.end)


def holds_body(inputs: ArticleInputs, start: int, end: int) -> bool:
    """A known institution ("Police", "University", "Senate") among the tokens [start, end)."""
    return any(inputs.names.entries_at(i, "body") for i in range(start, end))


def _has_role(entries: tuple[Entry, ...], kinds: tuple[str, ...]) -> bool:
    return any(entry.kind in kinds and entry.role for entry in entries)
