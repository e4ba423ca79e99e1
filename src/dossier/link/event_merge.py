"""Stage `event_merge`: events from different reports of one real event, merged, with report counts.

Runs after events are stored (and after `link`, whose story clusters it
prefers) and reads only stored records. Two events are one real event when

- their source actors have the same code (an event whose source is not coded
  is never merged: "unknown" is not an identity),
- their targets agree: the same code, or both absent (an uncoded target is
  matched on its name),
- their CAMEO codes have the same root (the code family: 19 fight, 17 coerce),
- their dates agree within `date_window_days`, when both are dated to a day or
  a week; an event dated only to a month or a year, or not at all, joins only
  an event of the same story cluster whose date does not contradict it,
- and their places do not conflict (different countries, points further
  apart than `place_radius_km`, or two different named places).

Each new event is compared with the merged events already stored, not with
every other event: it joins the best candidate (one of its own story first,
then the nearest date, then the oldest) or founds a merged event of its own.
The merged event keeps its founding event's date (refined once when an
undated founder is joined by a dated report), so a chain of reports a day
apart cannot drift across a month. The state lives in the `event_merge*`
tables that the store's migrations create, read and written only through
`dossier.store.merge_state`; story clusters come from
`dossier.store.link_state`. New articles join existing merged events without
recomputing anything, and an article analysed again leaves the merged events
it was in before it is merged again. The rules are in `merge_rules`, the
merging of one event in `merging` (also usable without a store:
`merge_events`). See docs/link.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dossier.link.merge_rules import (
    STATE_VERSION,
    EventMergeOptions,
    date_gap,
    date_range,
    event_key,
    is_precise,
    merged_event_id,
    more_specific_place,
    outlet_of,
    places_conflict,
)
from dossier.link.merging import MergeCandidate, Report, candidate_window, merge_event
from dossier.records import Link
from dossier.store import link_state, merge_state
from dossier.store.database import Store
from dossier.store.merge_state import events_with_merges, merged_events_of

__all__ = [
    "STATE_VERSION",
    "EventMergeOptions",
    "date_gap",
    "date_range",
    "event_key",
    "event_reference",
    "events_with_merges",
    "merged_event_id",
    "merged_events_of",
    "more_specific_place",
    "outlet_of",
    "places_conflict",
    "same_event_links",
    "update_event_merges",
]


def update_event_merges(store: Store, options: EventMergeOptions | None = None) -> int:
    """Merge the events of stored articles not merged yet (or analysed again); returns how many articles.

    Example:
        >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Event
        >>> text = "Russia condemned Ukraine on Monday."
        >>> article = Article.build(text, published="2017-09-05")
        >>> russia, ukraine = ActorRef("RUS", "Russia", "RUS"), ActorRef("UKR", "Ukraine", "UKR")
        >>> event = Event(article.id, russia, ukraine, "111", "11", -2.0, 3, "2017-09-04", "day", None, text, 0, 35)
        >>> store = Store.open(":memory:")
        >>> store.save_analysis(ArticleAnalysis(article, events=(event,)))
        >>> update_event_merges(store), update_event_merges(store)
        (1, 0)
        >>> store.close()
    """
    options = options or EventMergeOptions()
    connection = store.connection
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        merge_state.prepare_merge_state(connection, options.fingerprint())
        forget_articles(store, merge_state.stale_merged_articles(connection), options)
    merged = 0
    after = 0  # articles are read in rowid order; each batch goes on from the last one read
    while True:
        with connection:
            # One writer at a time: the pending articles are read inside the write transaction.
            connection.execute("BEGIN IMMEDIATE")
            articles = merge_state.unmerged_articles(connection, after, options.batch_articles)
            if not articles:
                return merged
            merge_articles(store, articles, options)
            merged += len(articles)
            after = articles[-1].rowid


def merge_articles(store: Store, articles: list[merge_state.PendingArticle], options: EventMergeOptions) -> None:
    """Merge the stored events of these articles, in order, and mark them merged (in the caller's transaction)."""
    connection = store.connection
    state = StoredMergeState(store, options)
    story_of = _StoryCache(store)
    for article in articles:
        report = Report(
            article.article_id, article.published, outlet_of(article.outlet, article.url, article.article_id)
        )
        for seq, record in merge_state.article_events(connection, article.article_id):
            merge_event(state, seq, record, report, story_of, options)
        merge_state.mark_merged(connection, article)


class _StoryCache:
    """The link stage's story cluster of each article, asked once per batch."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.found: dict[str, int | None] = {}

    def __call__(self, article_id: str) -> int | None:
        if article_id not in self.found:
            self.found[article_id] = link_state.story_root(self.store.connection, article_id)
        return self.found[article_id]


class StoredMergeState:
    """The `MergeState` kept in the store's `event_merge*` tables."""

    def __init__(self, store: Store, options: EventMergeOptions) -> None:
        self.connection = store.connection
        self.options = options

    def candidates(
        self, key: tuple[str | None, str | None, str], days: tuple[int, int] | None, widened: bool = False
    ) -> list[MergeCandidate]:
        """Stored merged events with the same actors and code family whose dates do not contradict `days`."""
        cap = self.options.candidate_cap
        rows: list[merge_state.StoredMerge] = []
        if days is not None:
            first_days, last_day_from = candidate_window(days, self.options)
            rows += merge_state.precise_merges(self.connection, key, first_days, last_day_from, cap, widened)
        # Vague merged events (undated, a month, a year), and for a vague event every dated one too:
        # these need the story check, so only the newest few are read.
        rows += merge_state.vague_merges(self.connection, key, not is_precise(days, self.options), cap, widened)
        unique = {row.mid: row for row in rows}
        return [MergeCandidate(row.mid, row.lo, row.hi, row.precise, row.place, row.target) for row in unique.values()]

    def member_articles(self, mid: int, limit: int) -> list[str]:
        return merge_state.member_articles(self.connection, mid, limit)

    def id_taken(self, merged_id: str) -> bool:
        return merge_state.merged_id_taken(self.connection, merged_id)

    def found(
        self,
        merged_id: str,
        key: tuple[str | None, str | None, str],
        days: tuple[int, int] | None,
        place: dict[str, Any] | None,
        report: Report,
        seq: int,
    ) -> None:
        precise = is_precise(days, self.options)
        mid = merge_state.found_merged_event(
            self.connection, merged_id, key, days, precise, place, (report.article_id, seq), report.published
        )
        self._add(mid, report, seq, 0 if days else None)

    def join(self, mid: int, report: Report, seq: int, gap: int | None) -> None:
        merge_state.count_new_member(self.connection, mid, report.article_id, report.outlet, report.published)
        self._add(mid, report, seq, gap)

    def _add(self, mid: int, report: Report, seq: int, gap: int | None) -> None:
        merge_state.add_member(self.connection, mid, report.article_id, seq, report.outlet, report.published, gap)

    def redate(self, mid: int, days: tuple[int, int]) -> None:
        merge_state.set_merge_dates(self.connection, mid, days, precise=True)

    def move(self, mid: int, place: dict[str, Any] | None) -> None:
        merge_state.set_merge_place(self.connection, mid, place)

    def retarget(self, mid: int, target: str) -> None:
        merge_state.set_merge_target(self.connection, mid, target)


# ====================================================================== forgetting


def forget_articles(store: Store, article_ids: list[str], options: EventMergeOptions) -> None:
    """Take articles out of the merged events (they were analysed again or are gone).

    A merged event left without members is deleted; one that lost its
    founder is founded again on its earliest remaining member, so its date
    and place rest on a report that still exists.
    """
    for mid in sorted(merge_state.forget_merged_articles(store.connection, article_ids)):
        refound(store, mid, options)


def refound(store: Store, mid: int, options: EventMergeOptions) -> None:
    """Date, place and counts of a merged event from the members it has left."""
    connection = store.connection
    members = merge_state.merge_members(connection, mid)
    if not members:
        merge_state.delete_merged_event(connection, mid)
        return
    founder = merge_state.merge_founder(connection, mid)
    place: dict[str, Any] | None = None
    for _, _, record in members:
        place = more_specific_place(place, record.get("place"))
    if all((article_id, seq) != founder for article_id, seq, _ in members):
        article_id, seq, record = members[0]
        days = date_range(record.get("date"), record.get("date_precision"))
        merge_state.set_merge_founder(connection, mid, (article_id, seq), days, is_precise(days, options))
    merge_state.set_merge_place(connection, mid, place)
    merge_state.recount_merged_event(connection, mid)


# ====================================================================== links


def same_event_links(store: Store) -> Iterator[Link]:
    """One `same_event` link from each merged event's first report to every other report of it.

    Like sentence links, they form a star, not a clique: an event reported
    500 times gives 499 links.
    """
    head: tuple[str, dict[str, Any]] | None = None
    current = None
    for row in merge_state.same_event_rows(store.connection):
        mid, merged_id, first, mentions, reports, sources, article_id, seq, gap, start, end, record = row
        key = event_reference(article_id, start, end, seq)
        if mid != current:
            current, head = mid, (key, record)
            continue
        assert head is not None
        head_key, head_record = head
        yield Link(
            kind="same_event",
            a=head_key,
            b=key,
            similarity=1.0 if gap == 0 else (round(1 / (1 + gap), 4) if gap is not None else 0.5),
            first_seen=first,
            detail={
                "level": "event",
                "merged_event": merged_id,
                "reports": reports,
                "mentions": mentions,
                "sources": sources,
                "code": record.get("code"),
                "source": (record.get("source") or {}).get("code"),
                "target": (record.get("target") or {}).get("code"),
                "a_article": head_record.get("article_id"),
                "a_text": head_record.get("sentence"),
                "a_date": head_record.get("date"),
                "b_article": article_id,
                "b_text": record.get("sentence"),
                "b_date": record.get("date"),
                "date_gap_days": gap,
            },
        )


def event_reference(article_id: str, start: int, end: int, seq: int) -> str:
    """The id of one event in links: '<article id>:<start>-<end>:<seq>' (a sentence may hold several)."""
    return f"{article_id}:{start}-{end}:{seq}"
