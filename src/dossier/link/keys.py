"""Each sentence's words and skeleton as integer keys: what the verification pre-check counts in numpy.

`compare.pairs_worth_verifying` bounds the word-sequence ratio and the
rewording score of all candidate pairs at once by counting the words two
sentences share (in any order, each as often as both hold it). It counts
them on integer keys: (a stable 32-bit hash of the word, how-manieth of
that word it is in the sentence). Turning every sentence's words and
skeleton (`compare.PairChecks.skeleton_of`) into keys in Python was most of
the pre-check in the linker's process (0.31 ms an article at 20,000
synthetic articles). The keys depend on a sentence's own words only, so the
worker that prepares a batch (`link.prepare`) makes them, and the linker
keeps them by sid for the later batches that meet the sentence as a
candidate (`RecentKeys`).

Two different words may share a hash: they then count as shared, so a
pair's count can only be higher than the true one, which keeps the
pre-check on the safe side (it sets aside only pairs the exact check would
skip).
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

# Bits of a word's occurrence number in a key (a sentence of more words than this repeating one word only
# makes the count higher, which keeps the pre-check on the safe side).
OCCURRENCE_BITS = 12
# Bits of a whole key: the word's hash above its occurrence number.
KEY_BITS = 32 + OCCURRENCE_BITS
# Sentences whose keys the linker keeps (about 300 bytes each): the same window as their normalised words.
RECENT_KEYS = 50_000
# Distinct words whose hashes a process keeps (a bounded cache: vocabularies of big corpora are long-tailed).
MAX_CACHED_HASHES = 2_000_000


class WordHashes:
    """A stable 32-bit hash of each word (the first 4 bytes of its SHA-1, as datasketch's MinHash hashes
    words), cached: the same in every process, so keys made by a worker match the linker's.

    Example:
        >>> hashes = WordHashes()
        >>> hashes.of([("vote", "senat"), ("vote",)]).tolist() == hashes.of([("vote", "senat", "vote")]).tolist()
        True
    """

    def __init__(self) -> None:
        self.known: dict[str, int] = {}

    def of(self, sequences: Sequence[Sequence[str]]) -> np.ndarray:
        """The hashes of every word of the sequences, in order, as one flat uint32 array."""
        if len(self.known) > MAX_CACHED_HASHES:
            self.known.clear()
        known = self.known
        # The words not seen before found in one set difference: a Python loop over every word of a batch
        # cost more than the hashes of the new ones.
        for word in set(itertools.chain.from_iterable(sequences)).difference(known):
            known[word] = int.from_bytes(hashlib.sha1(word.encode("utf-8")).digest()[:4], "little")
        total = sum(map(len, sequences))
        return np.fromiter(
            map(known.__getitem__, itertools.chain.from_iterable(sequences)), dtype=np.uint32, count=total
        )


class KeyRows(NamedTuple):
    """Variable-length rows of int64 keys: row i is `keys[offsets[i] : offsets[i + 1]]`."""

    offsets: np.ndarray  # int64, one more than the rows
    keys: np.ndarray  # int64

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, at: np.ndarray) -> KeyRows:
        """The rows `at`, in that order.

        Example:
            >>> rows = KeyRows(np.array([0, 2, 3]), np.array([7, 8, 9]))
            >>> [part.tolist() for part in rows.take(np.array([1, 0, 1]))]
            [[0, 1, 3, 4], [9, 7, 8, 9]]
        """
        at = np.asarray(at, dtype=np.int64)
        lengths = self.offsets[at + 1] - self.offsets[at]
        offsets = np.r_[0, np.cumsum(lengths)].astype(np.int64)
        positions = np.repeat(self.offsets[at] - offsets[:-1], lengths) + np.arange(int(offsets[-1]))
        return KeyRows(offsets, self.keys[positions])


def concatenated(parts: Iterable[KeyRows]) -> KeyRows:
    """The rows of several `KeyRows`, one after the other."""
    parts = list(parts)
    if not parts:
        return KeyRows(np.zeros(1, dtype=np.int64), np.empty(0, dtype=np.int64))
    lengths = np.concatenate([part.lengths for part in parts])
    keys = np.concatenate([part.keys for part in parts])
    return KeyRows(np.r_[0, np.cumsum(lengths)].astype(np.int64), keys)


def occurrence_keys(hashes: np.ndarray, lengths: np.ndarray) -> KeyRows:
    """Each sequence's words (`hashes`, flat, `lengths` per sequence) as keys (hash, occurrence of it so far),
    so two sequences share as many keys as `PairChecks.shared_words` counts words in common (or more, where
    two words share a hash).

    Example:
        >>> rows = occurrence_keys(np.array([5, 5, 9, 5], dtype=np.uint32), np.array([3, 1]))
        >>> rows.offsets.tolist(), [int(key) >> OCCURRENCE_BITS for key in rows.keys], rows.keys[3] == rows.keys[0]
        ([0, 3, 4], [5, 5, 9, 5], np.True_)
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    number = np.asarray(hashes, dtype=np.int64)
    # The how-manieth of its word each is within its sequence: sort by (sequence, word), count within runs.
    tagged = (np.repeat(np.arange(len(lengths), dtype=np.int64), lengths) << 32) | number
    order = np.argsort(tagged, kind="stable")
    ordered = tagged[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(ordered) else np.empty(0, np.int64)
    occurrence = np.empty(len(number), dtype=np.int64)
    occurrence[order] = np.arange(len(number)) - np.repeat(starts, np.diff(np.r_[starts, len(number)]))
    keys = (number << OCCURRENCE_BITS) | np.minimum(occurrence, (1 << OCCURRENCE_BITS) - 1)
    return KeyRows(np.r_[0, np.cumsum(lengths)].astype(np.int64), keys)


class SentenceKeys(NamedTuple):
    """The keys of sentences' normalised words and of their skeletons (words as written), row for row."""

    words: KeyRows
    skeletons: KeyRows


def keys_of(sequences: Sequence[Sequence[str]], hashes: WordHashes) -> KeyRows:
    """`occurrence_keys` of word sequences."""
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    return occurrence_keys(hashes.of(sequences), lengths)


def sentence_keys(
    words: Sequence[Sequence[str]], skeletons: Sequence[Sequence[str]], hashes: WordHashes
) -> SentenceKeys:
    """`SentenceKeys` of sentences given their normalised words and their skeletons."""
    return SentenceKeys(keys_of(words, hashes), keys_of(skeletons, hashes))


class RecentKeys:
    """`SentenceKeys` by sid, for the latest batches up to `capacity` sentences.

    Example:
        >>> hashes = WordHashes()
        >>> recent = RecentKeys(capacity=2)
        >>> recent.add(10, sentence_keys([("vote",), ("senat", "bill")], [("a",), ("b", "c")], hashes))
        >>> kept, found = recent.find(np.array([11, 12, 10]))
        >>> kept.tolist(), found.words.lengths.tolist(), found.skeletons.lengths.tolist()
        ([True, False, True], [2, 1], [2, 1])
    """

    def __init__(self, capacity: int = RECENT_KEYS) -> None:
        self.capacity = capacity
        self.hashes = WordHashes()  # for the keys of sentences not kept
        self._batches: deque[tuple[int, SentenceKeys]] = deque()
        self._count = 0

    def add(self, first_sid: int, keys: SentenceKeys) -> None:
        """Keep the keys of sids `first_sid`, `first_sid + 1`, ... (one row each)."""
        size = len(keys.words.offsets) - 1
        if size <= 0 or self.capacity <= 0:
            return
        self._batches.append((first_sid, keys))
        self._count += size
        while self._count > self.capacity and len(self._batches) > 1:  # the newest batch is always kept
            self._count -= len(self._batches.popleft()[1].words.offsets) - 1

    def find(self, sids: np.ndarray) -> tuple[np.ndarray, SentenceKeys]:
        """(which of `sids` are kept, as a boolean mask; their keys, row for row of the kept ones)."""
        sids = np.asarray(sids, dtype=np.int64)
        kept = np.zeros(len(sids), dtype=bool)
        words: list[KeyRows] = []
        skeletons: list[KeyRows] = []
        order: list[np.ndarray] = []
        for first_sid, keys in self._batches:
            inside = np.flatnonzero((sids >= first_sid) & (sids < first_sid + len(keys.words.offsets) - 1))
            if not len(inside):
                continue
            rows = sids[inside] - first_sid
            words.append(keys.words.take(rows))
            skeletons.append(keys.skeletons.take(rows))
            order.append(inside)
            kept[inside] = True
        found = SentenceKeys(concatenated(words), concatenated(skeletons))
        if len(order) > 1:
            # Row for row of the kept sids in their given order, not batch by batch.
            rank = np.argsort(np.concatenate(order), kind="stable")
            found = SentenceKeys(found.words.take(rank), found.skeletons.take(rank))
        return kept, found
