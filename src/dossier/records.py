"""Typed records that cross stage boundaries.

Every record is a frozen dataclass. Evidence is kept as character offsets
into the article's stored text (``start``/``end``) next to the sentence it
rests on, so any figure can be traced back to the report. ``to_dict`` gives
the JSON shape of the contract in DESIGN.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal, get_args

_SPACE_RUN = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Unicode NFC, whitespace runs collapsed: the form hashed into ids."""
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip()


def published_day(published: str | None) -> date | None:
    """The day of an ISO `published` value ("2017-09-11T08:00:00Z" -> 2017-09-11); None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def article_id(text: str, url: str | None) -> str:
    """Content id: the same text at the same URL is the same article.

    Example:
        >>> article_id("Putin spoke.", None) == article_id("Putin  spoke. ", None)
        True
    """
    digest = hashlib.sha256()
    digest.update(normalise_text(text).encode("utf-8"))
    digest.update(b"\x00")
    digest.update((url or "").strip().encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news report as read from its source."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime
    name: str | None = None  # file stem or the input's own id, for people
    source: str | None = None  # path (and line or record) it was read from

    @classmethod
    def build(cls, text: str, **fields: Any) -> Article:
        return cls(id=article_id(text, fields.get("url")), text=text, **fields)

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


@dataclass(frozen=True)
class DocumentError:
    """A document that could not be read or analysed, and why."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass(frozen=True)
class ActorRef:
    """Who an actor is: the reference shape used in every output record."""

    code: str | None
    name: str
    country: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


MentionKind = Literal["name", "title", "role", "metonym", "pronoun", "alias"]


@dataclass(frozen=True)
class Mention:
    """A stretch of article text that refers to an actor."""

    article_id: str
    start: int
    end: int
    text: str
    actor: ActorRef
    kind: str = "name"
    antecedent: int | None = None  # start offset of the mention it corefers with
    # What the actor is: person, country, igo, organisation or group (None: not told).
    actor_kind: str | None = None
    # For a person coded from a dated office: that term's first and last day (ISO; None: open).
    valid_from: str | None = None
    valid_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


@dataclass(frozen=True)
class Quote:
    article_id: str
    speaker: ActorRef | None
    addressee: ActorRef | None
    text: str
    kind: Literal["direct", "indirect"]
    cue: str | None
    start: int
    end: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


@dataclass(frozen=True)
class Event:
    article_id: str
    source: ActorRef
    target: ActorRef | None
    code: str
    root_code: str
    goldstein: float | None
    quad_class: int | None
    date: str | None
    date_precision: str | None
    place: Place | None
    sentence: str
    start: int
    end: int
    predicate: str | None = None
    plover: dict[str, str] | None = None
    flags: tuple[str, ...] = ()
    date_reason: str | None = None
    # What gave the code: "pattern" (a lexicon row) or "learned" (the fallback classifier).
    coder: str = "pattern"

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


@dataclass(frozen=True)
class Stance:
    article_id: str
    actor: ActorRef
    issue: str
    polarity: Literal["support", "oppose"]
    strength: float
    evidence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


@dataclass(frozen=True)
class Tone:
    """How one sentence treats one actor it names: the mention, its sentence, polarity, score and cue words."""

    article_id: str
    actor: ActorRef
    start: int  # the mention
    end: int
    sentence_start: int
    sentence_end: int
    polarity: Literal["negative", "neutral", "positive"]
    score: float  # -1 (ill) .. 1 (well)
    cues: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


# The kinds of provenance link, in the order the CLI lists them: the one list the CLI's
# `--kind` choices and the API's `kind` filter are both built from.
LinkKind = Literal["exact", "near_duplicate", "rewording", "same_story", "same_event"]
LINK_KINDS: tuple[str, ...] = get_args(LinkKind)


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    a: str
    b: str
    similarity: float
    first_seen: str | None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return as_plain_dict(self)


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the per-article stages found in one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    tones: tuple[Tone, ...] = ()


# Values `dataclasses.asdict` returns as they are; it deep-copies everything else.
_ATOMIC = frozenset((str, int, float, bool, type(None)))


def as_plain_dict(record: Any) -> dict[str, Any]:
    """`dataclasses.asdict(record)`, without its deep copy of every string and number.

    Records are written once per mention, quote, event and stance; on Python
    3.11 asdict's copies were most of the store stage's time. A value of any
    other kind than records, tuples, lists, dicts, strings, numbers and None
    hands the record to asdict itself, so the result is always asdict's.

    Example:
        >>> as_plain_dict(ActorRef("RUS", "Russia"))["code"]
        'RUS'
    """
    try:
        return _plain(record)
    except _NotPlain:
        return dataclasses.asdict(record)


class _NotPlain(Exception):
    """A value the fast path of `as_plain_dict` leaves to asdict."""


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _ATOMIC:
        return value
    if kind is tuple or kind is list:
        return kind(_plain(item) for item in value)
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    names = _field_names(kind) if isinstance(kind, Hashable) else None
    if names is None:
        raise _NotPlain
    return {name: _plain(getattr(value, name)) for name in names}


@lru_cache(maxsize=256)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a record class; None for anything else."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
