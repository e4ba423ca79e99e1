"""Story clusters: articles joined when they share linked sentences or most of their words.

Pure: the store-backed linker and a Spark job build clusters the same way,
from the pairs of articles each finds joined.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from dossier.link.options import LinkOptions
from dossier.records import published_day


class StoryForest:
    """Union-find over article seqs; the earlier article of two joined stories becomes the root.

    Example:
        >>> forest = StoryForest({1: 1, 2: 2, 3: 3})
        >>> forest.union(3, 2); forest.find(3)
        2
    """

    def __init__(self, parents: dict[int, int] | None = None) -> None:
        self.parent: dict[int, int] = dict(parents or {})
        self.moved: set[int] = set()  # roots that got a parent since `moved` was last cleared

    def add(self, seq: int) -> None:
        self.parent[seq] = seq

    def find(self, seq: int) -> int:
        root = seq
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[seq] != root:  # path compression
            self.parent[seq], seq = root, self.parent[seq]
        return root

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
            self.moved.add(max(a, b))


def story_clusters(articles: Sequence[str], joined: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each article's story: article id -> id of the story's first article in `articles` order.

    `joined` holds the pairs of articles found to be one story (see
    `same_story_by_words` and `same_story_by_sentences`).

    Example:
        >>> story_clusters(["a", "b", "c", "d"], [("c", "b"), ("b", "a")])
        {'a': 'a', 'b': 'a', 'c': 'a', 'd': 'd'}
    """
    seq_of = {article_id: seq for seq, article_id in enumerate(articles)}
    forest = StoryForest({seq: seq for seq in seq_of.values()})
    for first, second in joined:
        forest.union(seq_of[first], seq_of[second])
    return {article_id: articles[forest.find(seq)] for article_id, seq in seq_of.items()}


def with_room(values: np.ndarray, size: int, fill: int) -> np.ndarray:
    """`values` if it holds `size` items, else a copy at least twice as long, the new items `fill`: an array
    by article seq that grows as a list does (each item copied O(1) times on average)."""
    if size <= len(values):
        return values
    grown = np.full(max(2 * len(values), size), fill, dtype=values.dtype)
    grown[: len(values)] = values
    return grown


class PublishedDays:
    """Each article's published day by seq, as day numbers in one array: the story window checked for all
    candidate pairs at once.

    Example:
        >>> days = PublishedDays()
        >>> for seq, published in [(1, "2024-02-01"), (2, "2024-02-20"), (3, None)]:
        ...     days.set(seq, published)
        >>> days.within(np.array([1, 1, 2]), np.array([2, 3, 9]), window=7).tolist()  # unknown days are near
        [False, True, True]
    """

    UNKNOWN = np.iinfo(np.int32).min

    def __init__(self) -> None:
        self._days = np.full(1024, self.UNKNOWN, dtype=np.int32)

    def set(self, seq: int, published: str | None) -> None:
        self._days = with_room(self._days, seq + 1, self.UNKNOWN)
        day = published_day(published)
        self._days[seq] = self.UNKNOWN if day is None else day.toordinal()

    def within(self, first: np.ndarray, second: np.ndarray, window: int) -> np.ndarray:
        """Whether each pair of seqs may be one story by date: `within_story_window`, pair by pair."""
        a, b = self._of(first), self._of(second)
        unknown = (a == self.UNKNOWN) | (b == self.UNKNOWN)
        return unknown | (np.abs(a.astype(np.int64) - b) <= window)

    def _of(self, seqs: np.ndarray) -> np.ndarray:
        seqs = np.asarray(seqs, dtype=np.int64)
        inside = seqs < len(self._days)
        return np.where(inside, self._days[np.where(inside, seqs, 0)], self.UNKNOWN)


def same_story_by_words(
    first: np.ndarray,
    second: np.ndarray,
    first_published: str | None,
    second_published: str | None,
    options: LinkOptions,
) -> bool:
    """Whether two articles' whole-word-set signatures are alike enough, within the date window, to be one story."""
    if not within_story_window(first_published, second_published, options):
        return False
    return signature_similarity(first, second) >= options.story_threshold


def same_story_by_sentences(shared: Counter[tuple[int, int]], options: LinkOptions) -> Iterator[tuple[int, int]]:
    """The article pairs that share enough linked sentences to be one story."""
    for pair, count in shared.items():
        # One shared sentence may be boilerplate ("did not respond to a request for comment") or a
        # famous quote; two are a shared source.
        if count >= options.story_shared_sentences:
            yield pair


def within_story_window(first: str | None, second: str | None, options: LinkOptions) -> bool:
    a, b = published_day(first), published_day(second)
    return a is None or b is None or abs((a - b).days) <= options.story_window_days


def signature_similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard of two word sets: the share of MinHash values they agree on."""
    return float(np.mean(first == second))
