"""Provenance of a Spark job, on the driver: every link and every merged event, as `dossier run` makes them.

Links and merged events are corpus-wide: a sentence links to the earliest
report carrying it, a story cluster grows article by article, a merged event
keeps the report that founded it. The link stage and the event merger
compute them incrementally over a store (`dossier.link.link_articles`,
`dossier.link.event_merge.update_event_merges`) and offer no other entry.
So the driver takes the analysed articles with their events, in the order
`dossier run` would have read them, saves them into a temporary SQLite store
and runs those same functions over it, then reads events and links back the
way `dossier export` does. The tables equal the local run's by construction;
the cost (every article's text passes through the driver, and linking runs
on one core there) is measured in docs/scale.md.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dossier.export.writers import flatten
from dossier.link.event_merge import events_with_merges
from dossier.pipeline import RunOptions, link_stored
from dossier.records import Article, ArticleAnalysis, Event, Tone
from dossier.store.database import Store
from dossier.tone.aggregate import events_with_tone


def needs_provenance(options: RunOptions) -> bool:
    """Whether the run links articles or merges events, which the driver does (else events need nothing more)."""
    return options.link or options.merge_events


def provenance_rows(
    reports: Iterable[tuple[Article, tuple[Event, ...], tuple[Tone, ...]]], options: RunOptions
) -> list[tuple[str, dict[str, Any]]]:
    """("events", flat event with its merged event and tone) and ("links", flat link) rows of the analysed articles.

    `reports` must come in the order the articles were read: it decides, as in
    a local run, which report of a sentence or an event comes first when their
    dates do not.

    Example:
        >>> from dossier.records import ActorRef
        >>> text = "Russia condemned Ukraine on Monday."
        >>> first = Article.build(text, url="https://tass.example/1", published="2017-09-05")
        >>> second = Article.build(text, url="https://interfax.example/2", published="2017-09-06")
        >>> def condemnation(article):
        ...     russia, ukraine = ActorRef("RUS", "Russia", "RUS"), ActorRef("UKR", "Ukraine", "UKR")
        ...     return Event(article.id, russia, ukraine, "111", "11", -2.0, 3, "2017-09-04", "day", None, text, 0, 35)
        >>> rows = provenance_rows([(a, (condemnation(a),), ()) for a in (first, second)], RunOptions())
        >>> sorted({table for table, _ in rows})
        ['events', 'links']
        >>> [row["merged_event.reports"] for table, row in rows if table == "events"]
        [2, 2]
    """
    with tempfile.TemporaryDirectory(prefix="dossier-provenance-") as folder:
        with Store.open(Path(folder) / "provenance.db") as store:
            for article, events, tones in reports:
                store.save_analysis(ArticleAnalysis(article, events=tuple(events), tones=tuple(tones)))
            link_stored(store, options)
            rows = [("events", flatten(event)) for event in events_with_tone(store, events_with_merges(store))]
            rows += [("links", flatten(link)) for link in store.iter_records("links")]
    return rows
