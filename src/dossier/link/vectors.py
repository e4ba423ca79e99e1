"""The sentence vectors of recently linked batches, kept so that a stored sentence is embedded once.

A new sentence's candidates by meaning are mostly recent sentences (a
rewrite follows its source within days, and the meaning index offers the
latest of each bucket), and each needs its vector to be verified. Embedding
them again from their text cost about a quarter of the link stage when a run
links small batches as it stores them. The vectors are kept as float32, the
exact values the batch computed, so a link never depends on whether a vector
came from here or was embedded again; the oldest batches are dropped beyond
`capacity` sentences, which bounds the memory (1 KB a sentence).
"""

from __future__ import annotations

from collections import deque

import numpy as np

# About 100 MB of float32 vectors: the last ~8,000 articles of news.
DEFAULT_CAPACITY = 100_000


class RecentVectors:
    """Sentence vectors by sid, for the latest batches up to `capacity` sentences.

    Example:
        >>> recent = RecentVectors(capacity=3)
        >>> recent.add(10, np.eye(2, dtype=np.float32))
        >>> recent.add(12, np.ones((2, 2), dtype=np.float32))
        >>> found = recent.find(np.array([10, 11, 13]))  # sids 10-11 were dropped for 12-13
        >>> found[0].tolist(), found[1].tolist()
        ([False, False, True], [[1.0, 1.0]])
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._batches: deque[tuple[int, np.ndarray]] = deque()
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, first_sid: int, vectors: np.ndarray) -> None:
        """Keep the vectors of sids `first_sid`, `first_sid + 1`, ... (one row each)."""
        if not len(vectors) or self.capacity <= 0:
            return
        self._batches.append((first_sid, vectors))
        self._count += len(vectors)
        while self._count > self.capacity and len(self._batches) > 1:  # the newest batch is always kept
            self._count -= len(self._batches.popleft()[1])

    def find(self, sids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(which of `sids` are kept, as a boolean mask; their vectors, row for row of the kept ones)."""
        sids = np.asarray(sids, dtype=np.int64)
        if not self._batches or not len(sids):
            return np.zeros(len(sids), dtype=bool), np.zeros((0, 0), dtype=np.float32)
        firsts = np.fromiter((first for first, _ in self._batches), dtype=np.int64, count=len(self._batches))
        batch_of = np.searchsorted(firsts, sids, side="right") - 1
        found = np.zeros((len(sids), self._batches[0][1].shape[1]), dtype=np.float32)
        kept = np.zeros(len(sids), dtype=bool)
        for batch in np.unique(batch_of[batch_of >= 0]).tolist():
            first_sid, vectors = self._batches[batch]
            inside = (batch_of == batch) & (sids < first_sid + len(vectors))
            found[inside] = vectors[sids[inside] - first_sid]
            kept |= inside
        return kept, found[kept]


class RecentRows:
    """Fixed-width rows by sid for a contiguous run of the latest sids, up to `capacity` of them, in one array.

    The linker keeps the MinHash sketches of the sentences it linked lately here, so that a lexical
    candidate's sketch is not read back from the store. Sids come in order, batch after batch: one array
    and its first sid find any number of them at once, however small the batches (a run links a few
    articles at a time). A batch that does not follow the last one starts the array again; past
    `capacity` the oldest half is dropped.

    Example:
        >>> recent = RecentRows(capacity=4)
        >>> recent.add(10, np.array([[1], [2], [3]], dtype=np.uint8))
        >>> kept, rows = recent.find(np.array([9, 10, 12, 13]))
        >>> kept.tolist(), rows.ravel().tolist()
        ([False, True, True, False], [1, 3])
        >>> recent.add(13, np.array([[4], [5]], dtype=np.uint8))  # over capacity: down to the newest half
        >>> recent.find(np.array([12, 13, 14]))[0].tolist()
        [False, True, True]
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.first_sid = 0
        self._rows: np.ndarray | None = None
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, first_sid: int, rows: np.ndarray) -> None:
        """Keep the rows of sids `first_sid`, `first_sid + 1`, ... (one row each)."""
        if not len(rows) or self.capacity <= 0:
            return
        held = self._rows
        if held is None or first_sid != self.first_sid + self._count or rows.shape[1:] != held.shape[1:]:
            held, self.first_sid, self._count = None, first_sid, 0
        needed = self._count + len(rows)
        if held is None or needed > len(held):
            # Doubling, as a list grows: each row is copied O(1) times on average.
            size = max(needed, 2 * len(held) if held is not None else 0, 1024)
            grown = np.empty((size, *rows.shape[1:]), dtype=rows.dtype)
            if held is not None:
                grown[: self._count] = held[: self._count]
            held = grown
        held[self._count : needed] = rows
        self._count = needed
        if self._count > self.capacity:
            drop = self._count - self.capacity // 2
            held[: self._count - drop] = held[drop : self._count]
            self.first_sid += drop
            self._count -= drop
        self._rows = held

    def all_at(self, sids: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """(the kept rows, in place; where each of `sids` is in them) when every one is kept, else None: the
        rows are not copied (a batch's lexical candidates are millions of sids).

        Example:
            >>> recent = RecentRows(capacity=8)
            >>> recent.add(10, np.array([[1], [2], [3]], dtype=np.uint8))
            >>> rows, at = recent.all_at(np.array([12, 10, 12]))
            >>> rows[at].ravel().tolist(), recent.all_at(np.array([9, 10]))
            ([3, 1, 3], None)
        """
        sids = np.asarray(sids, dtype=np.int64)
        if self._rows is None or not len(sids):
            return None
        if sids.min() < self.first_sid or sids.max() >= self.first_sid + self._count:
            return None
        return self._rows[: self._count], sids - self.first_sid

    def find(self, sids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(which of `sids` are kept, as a boolean mask; their rows, row for row of the kept ones)."""
        sids = np.asarray(sids, dtype=np.int64)
        if self._rows is None:
            return np.zeros(len(sids), dtype=bool), np.zeros((0, 0), dtype=np.uint8)
        kept = (sids >= self.first_sid) & (sids < self.first_sid + self._count)
        return kept, self._rows[sids[kept] - self.first_sid]
