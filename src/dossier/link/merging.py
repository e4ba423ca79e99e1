"""Merging events into real events, one event at a time, over a state kept in the store or in memory.

`merge_event` applies the rules of `merge_rules` to one event: it asks the
state for candidate merged events, ranks them (`best_candidate`) and then
founds a merged event or joins the best. The state is a `MergeState`: the
store-backed one of `dossier.link.event_merge`, or the in-memory one behind
`merge_events`, which merges plain records with no store (for a Spark job).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from dossier.link.merge_rules import (
    EventMergeOptions,
    date_gap,
    date_range,
    event_key,
    founding_place,
    is_coded_target,
    is_precise,
    merged_event_id,
    more_specific_place,
    places_conflict,
)

EventKey = tuple[str | None, str | None, str]
# An article's story cluster, or None when it is in none (not linked).
StoryOf = Callable[[str], Hashable | None]


@dataclass(frozen=True)
class Report:
    """The article an event was reported in."""

    article_id: str
    published: str | None
    outlet: str  # what counts as one source: see `merge_rules.outlet_of`


@dataclass(frozen=True)
class MergeCandidate:
    """A merged event a new event may join: its date range, place and target key."""

    mid: int
    lo: int | None
    hi: int | None
    precise: bool
    place: dict[str, Any] | None
    target: str | None = None


@dataclass(frozen=True)
class MergedEvent:
    """A real event and the reports of it (from `merge_events`)."""

    id: str
    key: EventKey
    days: tuple[int, int] | None
    precise: bool
    place: dict[str, Any] | None
    first_article: str
    first_published: str | None
    mentions: int
    reports: int
    sources: int
    members: tuple[tuple[str, int, int | None], ...]  # (article id, seq, date gap to the merged event)


class MergeState(Protocol):
    """Where merged events live while events are merged into them."""

    def candidates(self, key: EventKey, days: tuple[int, int] | None, widened: bool = False) -> list[MergeCandidate]:
        """Merged events of `key` whose dates do not contradict `days`; `widened`: those of the same source and
        code family whose target is coded where the key has none, or missing where the key has one."""
        ...

    def member_articles(self, mid: int, limit: int) -> list[str]: ...

    def id_taken(self, merged_id: str) -> bool: ...

    def found(
        self,
        merged_id: str,
        key: EventKey,
        days: tuple[int, int] | None,
        place: dict[str, Any] | None,
        report: Report,
        seq: int,
    ) -> None: ...

    def join(self, mid: int, report: Report, seq: int, gap: int | None) -> None: ...

    def redate(self, mid: int, days: tuple[int, int]) -> None: ...

    def move(self, mid: int, place: dict[str, Any] | None) -> None: ...

    def retarget(self, mid: int, target: str) -> None: ...


# ---------------------------------------------------------------- one event


def merge_event(
    state: MergeState, seq: int, record: dict[str, Any], report: Report, story_of: StoryOf, options: EventMergeOptions
) -> None:
    """Merge one event (the `seq`th of its report): join the best candidate merged event, or found one."""
    days = date_range(record.get("date"), record.get("date_precision"))
    key = event_key(record)
    match = choose_merge(state, record, report, days, story_of, options)
    if match is None:
        merged_id = fresh_id(state, report.article_id, seq, record)
        state.found(merged_id, key, days, founding_place(record), report, seq)
        return
    candidate, gap = match
    state.join(candidate.mid, report, seq, gap)
    target = key[1]
    if candidate.target is None and target is not None:
        # A report that names the target joined reports that did not: the merged event now has it,
        # so reports naming another target stay apart.
        state.retarget(candidate.mid, target)
    if is_precise(days, options) and days is not None and not candidate.precise:
        # A vague founder joined by a report dated to the day: the merged event takes that date.
        state.redate(candidate.mid, days)
    place = more_specific_place(candidate.place, record.get("place"))
    if place is not candidate.place:
        state.move(candidate.mid, place)


def choose_merge(
    state: MergeState,
    record: dict[str, Any],
    report: Report,
    days: tuple[int, int] | None,
    story_of: StoryOf,
    options: EventMergeOptions,
) -> tuple[MergeCandidate, int | None] | None:
    """The merged event this event joins, with the date gap (None: joined through its story only)."""
    key = event_key(record)
    if key[0] is None:
        return None  # an uncoded source is never merged: "unknown" is not an identity
    story = story_of(report.article_id)

    def in_story(candidate: MergeCandidate) -> bool:
        if story is None:
            return False
        members = state.member_articles(candidate.mid, options.story_member_cap)
        return any(story_of(article_id) == story for article_id in members)

    match = best_candidate(record, days, state.candidates(key, days), in_story, options)
    if match is not None or (key[1] is not None and not is_coded_target(key[1])):
        return match
    # One report names the target ("bombed the Ukrainian port of Odesa": UKR), another leaves it out
    # ("bombed Odesa"): the same event when nothing else differs. A report without a target joins only
    # when every such candidate names one target; an uncoded target name is never widened.
    widened = state.candidates(key, days, widened=True)
    if key[1] is None and len({candidate.target for candidate in widened}) > 1:
        return None
    return best_candidate(record, days, widened, in_story, options)


def best_candidate(
    record: dict[str, Any],
    days: tuple[int, int] | None,
    candidates: Iterable[MergeCandidate],
    in_story: Callable[[MergeCandidate], bool],
    options: EventMergeOptions,
) -> tuple[MergeCandidate, int | None] | None:
    """The candidate an event joins: one of its own story first, then the nearest date, then the oldest.

    A candidate is out when the places conflict or the dates are further
    apart than `date_window_days`; two reports not both dated to a day or a
    week join only within one story.
    """
    window = options.date_window_days
    precise = is_precise(days, options)
    ranked: list[tuple[tuple[int, int, int], MergeCandidate, int | None]] = []
    for candidate in candidates:
        if places_conflict(record.get("place"), candidate.place, options.place_radius_km):
            continue
        gap: int | None = None
        if days is not None and candidate.lo is not None and candidate.hi is not None:
            gap = date_gap(days, (candidate.lo, candidate.hi))
            if gap > window:
                continue
        same_story = in_story(candidate)
        if not (precise and candidate.precise) and not same_story:
            continue
        ranked.append(((0 if same_story else 1, gap if gap is not None else window + 1, candidate.mid), candidate, gap))
    if not ranked:
        return None
    ranked.sort(key=lambda item: item[0])
    _, candidate, gap = ranked[0]
    return candidate, gap


def fresh_id(state: MergeState, article_id: str, seq: int, record: dict[str, Any]) -> str:
    """The founding event's GDELT number; salted with its place in the article when another event has it.

    An article can report two events of the same actors and code in one
    sentence (two places), and the GDELT number does not tell them apart.
    """
    candidate = merged_event_id(article_id, record)
    salt = 0
    while state.id_taken(candidate):
        salt += 1
        candidate = merged_event_id(f"{article_id}#{seq}#{salt}", record)
    return candidate


def candidate_window(days: tuple[int, int], options: EventMergeOptions) -> tuple[tuple[int, int], int]:
    """For a dated event: the first days a precise merged event it may join can have, and the last day it
    must reach. Precise merged events span at most `precise_span_days`, which bounds their first day."""
    window = options.date_window_days
    return (days[0] - window - options.precise_span_days, days[1] + window), days[0] - window


# ---------------------------------------------------------------- without a store


def merge_events(
    reports: Iterable[tuple[Report, Sequence[dict[str, Any]]]],
    clusters: Mapping[str, Hashable] | None = None,
    options: EventMergeOptions | None = None,
) -> list[MergedEvent]:
    """Merged events of plain records: each report with its event records in order, reports in ingest order.

    `clusters` maps an article id to its story cluster (e.g. from
    `dossier.link.stories.story_clusters`); without it, events dated vaguely
    or not at all stay apart. The rules and their order are those of
    `update_event_merges`, which keeps the same state in the store.

    Example:
        >>> shelling = {"source": {"code": "RUSMIL"}, "target": {"code": "UKR"}, "code": "190",
        ...             "date": "2023-05-08", "date_precision": "day", "place": None}
        >>> first, second = Report("a1", "2023-05-08", "reuters"), Report("a2", "2023-05-09", "apnews")
        >>> [(m.reports, m.sources, m.first_article) for m in merge_events([(first, [shelling]), (second, [shelling])])]
        [(2, 2, 'a1')]
    """
    options = options or EventMergeOptions()
    state = MemoryMergeState(options)
    found = clusters or {}
    for report, records in reports:
        for seq, record in enumerate(records):
            merge_event(state, seq, record, report, found.get, options)
    return state.merged_events()


@dataclass
class _Merging:
    """A merged event while events are merged into it."""

    mid: int
    id: str
    key: EventKey
    days: tuple[int, int] | None
    precise: bool
    place: dict[str, Any] | None
    first_article: str
    first_published: str | None
    members: list[tuple[str, int, int | None]] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)

    def frozen(self) -> MergedEvent:
        return MergedEvent(
            id=self.id,
            key=self.key,
            days=self.days,
            precise=self.precise,
            place=self.place,
            first_article=self.first_article,
            first_published=self.first_published,
            mentions=len(self.members),
            reports=len({article_id for article_id, _, _ in self.members}),
            sources=len(self.outlets),
            members=tuple(self.members),
        )


class MemoryMergeState:
    """A `MergeState` in memory, choosing candidates as the store's queries do."""

    def __init__(self, options: EventMergeOptions) -> None:
        self.options = options
        self.merges: dict[int, _Merging] = {}
        self.by_key: dict[EventKey, list[int]] = {}
        self.keys_by_actor_root: dict[tuple[str | None, str], set[EventKey]] = {}
        self.ids: set[str] = set()

    def candidates(self, key: EventKey, days: tuple[int, int] | None, widened: bool = False) -> list[MergeCandidate]:
        cap = self.options.candidate_cap
        same_key = [self.merges[mid] for mid in self._mids(key, widened)]
        found: list[_Merging] = []
        if days is not None:
            (low, high), last_day_from = candidate_window(days, self.options)
            found += [
                m
                for m in same_key
                if m.precise and m.days is not None and low <= m.days[0] <= high and m.days[1] >= last_day_from
            ][:cap]
        with_precise = not is_precise(days, self.options)
        found += [m for m in reversed(same_key) if not m.precise or with_precise][:cap]
        unique = {m.mid: m for m in found}
        return [
            MergeCandidate(
                m.mid, m.days[0] if m.days else None, m.days[1] if m.days else None, m.precise, m.place, m.key[1]
            )
            for m in unique.values()
        ]

    def _mids(self, key: EventKey, widened: bool) -> list[int]:
        """The merged events of `key` (or of its widened targets, as the store's query has them), oldest first."""
        if not widened:
            return self.by_key.get(key, [])
        source, target, root = key
        keys = [
            other
            for other in self.keys_by_actor_root.get((source, root), ())
            if (other[1] is None if target is not None else is_coded_target(other[1]))
        ]
        return sorted(mid for other in keys for mid in self.by_key.get(other, []))

    def member_articles(self, mid: int, limit: int) -> list[str]:
        return sorted({article_id for article_id, _, _ in self.merges[mid].members})[:limit]

    def id_taken(self, merged_id: str) -> bool:
        return merged_id in self.ids

    def found(
        self,
        merged_id: str,
        key: EventKey,
        days: tuple[int, int] | None,
        place: dict[str, Any] | None,
        report: Report,
        seq: int,
    ) -> None:
        mid = len(self.merges) + 1
        merging = _Merging(
            mid, merged_id, key, days, is_precise(days, self.options), place, report.article_id, report.published
        )
        self.merges[mid] = merging
        self._index(mid, key)
        self.ids.add(merged_id)
        self._add(merging, report, seq, 0 if days else None)

    def join(self, mid: int, report: Report, seq: int, gap: int | None) -> None:
        merging = self.merges[mid]
        # Articles come in ingest order, so a later one is first only when its publication date is earlier.
        if report.published and (merging.first_published is None or report.published < merging.first_published):
            merging.first_article, merging.first_published = report.article_id, report.published
        self._add(merging, report, seq, gap)

    def _add(self, merging: _Merging, report: Report, seq: int, gap: int | None) -> None:
        merging.members.append((report.article_id, seq, gap))
        merging.outlets.add(report.outlet)

    def redate(self, mid: int, days: tuple[int, int]) -> None:
        self.merges[mid].days = days
        self.merges[mid].precise = True

    def move(self, mid: int, place: dict[str, Any] | None) -> None:
        self.merges[mid].place = place

    def retarget(self, mid: int, target: str) -> None:
        merging = self.merges[mid]
        self.by_key[merging.key].remove(mid)
        merging.key = (merging.key[0], target, merging.key[2])
        self._index(mid, merging.key)

    def _index(self, mid: int, key: EventKey) -> None:
        bisect.insort(self.by_key.setdefault(key, []), mid)
        self.keys_by_actor_root.setdefault((key[0], key[2]), set()).add(key)

    def merged_events(self) -> list[MergedEvent]:
        return [merging.frozen() for merging in self.merges.values()]
