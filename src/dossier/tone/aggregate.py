"""Tone figures researchers read: an article's tone as GDELT defines it, tone of an event's source toward
its target, and tone toward one actor by day, week or month and by outlet.

All of them read stored records through the store's query functions, never the tone stage's table itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from dossier.records import published_day
from dossier.tone.lexicon import load_cues

if TYPE_CHECKING:
    from dossier.store.database import Store

PERIODS = ("day", "week", "month")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def article_tone(text: str, cues: dict[str, float]) -> float:
    """GDELT's document tone: percent of words that are positive minus percent that are negative (-100..100).

    Example:
        >>> article_tone("Putin praised the deal and attacked the sanctions", {"praised": 1.0, "attacked": -1.0})
        0.0
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    positive = sum(1 for w in words if cues.get(w.lower(), 0.0) > 0)
    negative = sum(1 for w in words if cues.get(w.lower(), 0.0) < 0)
    return round(100.0 * (positive - negative) / len(words), 3)


def events_with_tone(store: Store, events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each event record with `avg_tone` (its article's GDELT tone) and `target_tone`.

    `target_tone` is the mean score of the tones toward the event's target in
    the event's sentence: how the report treats the target where the source
    acts on it (None without a target or a tone toward it).
    """
    cues = load_cues()
    current: str | None = None
    avg_tone: float | None = None
    tones: list[dict[str, Any]] = []
    for event in events:
        # Events come in article order: one article's text and tones are read once.
        if event["article_id"] != current:
            current = event["article_id"]
            article = store.article(current)
            avg_tone = article_tone(article.text, cues) if article else None
            tones = list(store.iter_records("tones", current))
        yield with_tone(event, avg_tone, tones)


def with_tone(event: dict[str, Any], avg_tone: float | None, tones: list[dict[str, Any]]) -> dict[str, Any]:
    """One event record with its article's tone and the tone toward its target (the Spark job calls this too)."""
    return {**event, "avg_tone": avg_tone, "target_tone": target_tone(event, tones)}


def target_tone(event: dict[str, Any], tones: list[dict[str, Any]]) -> float | None:
    target = event.get("target")
    if not target:
        return None
    scores = [
        tone["score"]
        for tone in tones
        if tone["sentence_start"] <= event["start"] < tone["sentence_end"] and same_actor(tone["actor"], target)
    ]
    return round(sum(scores) / len(scores), 3) if scores else None


def same_actor(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("code") or b.get("code"):
        return bool(a.get("code") == b.get("code"))
    return bool(a.get("name") == b.get("name"))


def period_start(day: date, period: str) -> str:
    """The first day of the day, week (Monday) or month a day falls in, as ISO text.

    Example:
        >>> period_start(date(2017, 9, 7), "week"), period_start(date(2017, 9, 7), "month")
        ('2017-09-04', '2017-09-01')
    """
    if period == "day":
        return day.isoformat()
    if period == "week":
        return date.fromordinal(day.toordinal() - day.weekday()).isoformat()
    if period == "month":
        return day.replace(day=1).isoformat()
    raise ValueError(f"unknown period {period!r}; choose one of {', '.join(PERIODS)}")


def tone_by_period(store: Store, actor: str, period: str = "month", by_outlet: bool = False) -> list[dict[str, Any]]:
    """Tone toward one actor (a code prefix or a word start in a name) per period, and per outlet when asked.

    Each row: `period` (its first day; None for undated articles), `outlet`
    (with by_outlet), `mentions`, `mean_score`, and the counts of negative,
    neutral and positive mentions.

    Example:
        >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Tone
        >>> from dossier.store.database import Store
        >>> article = Article.build("Critics attacked Putin.", published="2017-09-07")
        >>> putin = Tone(article.id, ActorRef("RUSGOV", "Vladimir Putin"), 17, 22, 0, 23, "negative", -0.8)
        >>> with Store.open(":memory:") as store:
        ...     store.save_analysis(ArticleAnalysis(article, tones=(putin,)))
        ...     tone_by_period(store, "RUSGOV", "week")
        [{'period': '2017-09-04', 'mentions': 1, 'mean_score': -0.8, 'negative': 1, 'neutral': 0, 'positive': 0}]
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose one of {', '.join(PERIODS)}")
    groups: dict[tuple[str | None, str | None], list[tuple[float, str]]] = defaultdict(list)
    for score, polarity, published, outlet in store.tones_toward(actor):
        day = published_day(published)
        groups[(period_start(day, period) if day else None, outlet if by_outlet else None)].append((score, polarity))
    rows = []
    for (start, outlet), tones in sorted(groups.items(), key=lambda item: (item[0][0] or "", item[0][1] or "")):
        row: dict[str, Any] = {"period": start}
        if by_outlet:
            row["outlet"] = outlet
        row["mentions"] = len(tones)
        row["mean_score"] = round(sum(score for score, _ in tones) / len(tones), 3)
        for polarity in ("negative", "neutral", "positive"):
            row[polarity] = sum(1 for _, said in tones if said == polarity)
        rows.append(row)
    return rows
