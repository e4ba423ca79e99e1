"""Index side of the `link` stage: MinHash signatures in bulk and an LSH band index kept in SQLite.

Signatures are datasketch's: the same permutations (`MinHash(num_perm,
seed).permutations`), the same hash (`sha1_hash32` then the MurmurHash3
finaliser of the default "affine32" scheme), so a row of `signatures()`
equals `datasketch.MinHash.update_batch` over the same words. They are
computed for thousands of sentences in one numpy pass, because one
`MinHash` object per sentence costs more than the rest of linking together.

The band index does what `datasketch.MinHashLSH` does (b bands of r rows,
chosen by datasketch's parameter optimiser for the threshold), but keeps
buckets as sorted numpy arrays in segments, like a search engine's index:
each batch of sentences adds one segment, segments of similar size merge,
and every segment is a pair of BLOBs in the store. That is 12 bytes per band
entry instead of a Python dict of lists, it persists, and new sentences are
looked up without touching old ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from dossier.link.keys import WordHashes
from dossier.store.link_state import (
    append_newest_log,
    band_segments,
    delete_band_segments,
    newest_log,
    newest_per_bucket,
    replace_newest_per_bucket,
    save_band_segment,
)

# Features hashed per numpy pass: a (features x num_perm) work array of 1 MB at 64 permutations, which stays
# in the CPU's cache between the permuting and the minimum (16 MB arrays made signing 7 times slower: 131 ->
# 19 ms for 10,000 sentences of 10-20 words).
_CHUNK_FEATURES = 4_096
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_BAND_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio) for folding rows
# Largest segment built by merging: keeps each BLOB far below SQLite's 1 GB limit.
MAX_SEGMENT_ENTRIES = 24_000_000


# What datasketch's MinHashLSH picks for the thresholds LinkOptions ships (candidates and stories at 0.35,
# 64 permutations; tests/link/test_link.py checks them against datasketch): importing datasketch loads scipy's
# integrator for its parameter optimiser, about 0.9 CPU s in every process that links.
_KNOWN_BANDS = {(0.35, 64): (21, 3)}


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for a Jaccard threshold."""
    known = _KNOWN_BANDS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def affine32_permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """`datasketch.MinHash(num_perm, seed).permutations` of its default scheme (affine32), made as datasketch
    makes them (odd multipliers, any offsets, from numpy's RandomState(seed)) without importing it."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


class Signer:
    """Bulk MinHash signatures of word sets, identical to datasketch's affine32 MinHash."""

    def __init__(self, num_perm: int, seed: int = 1) -> None:
        a, b = affine32_permutations(num_perm, seed)
        self.num_perm = num_perm
        self._a = np.asarray(a, dtype=np.uint32)
        self._b = np.asarray(b, dtype=np.uint32)
        self.hashes = WordHashes()  # datasketch's sha1_hash32 of each word, cached

    def signatures(self, word_sets: Sequence[Sequence[str]]) -> np.ndarray:
        """One row of `num_perm` uint32 minima per non-empty word set."""
        lengths = np.fromiter((len(s) for s in word_sets), dtype=np.int64, count=len(word_sets))
        if len(word_sets) == 0:
            return np.empty((0, self.num_perm), dtype=np.uint32)
        if (lengths == 0).any():
            raise ValueError("every word set must hold at least one word")
        return self.signatures_of(self.hashes.of(word_sets), lengths)

    def signatures_of(self, hashes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """`signatures` of word sets given as their words' hashes (`WordHashes.of`), `lengths` words each."""
        if len(lengths) == 0:
            return np.empty((0, self.num_perm), dtype=np.uint32)
        hashes = _fmix32(hashes)
        ends = np.cumsum(lengths)
        starts = ends - lengths
        out = np.empty((len(lengths), self.num_perm), dtype=np.uint32)
        first = 0
        while first < len(lengths):
            last = int(np.searchsorted(ends, ends[first] - lengths[first] + _CHUNK_FEATURES, side="right"))
            last = max(last, first + 1)
            lo, hi = int(starts[first]), int(ends[last - 1])
            permuted = hashes[lo:hi, None] * self._a + self._b  # wraps mod 2^32, as datasketch's affine32
            out[first:last] = np.minimum.reduceat(permuted, starts[first:last] - lo, axis=0)
            first = last
        return out


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) uint64 bucket keys: each band's rows folded into one number, the band's index mixed in."""
    n = signatures.shape[0]
    grouped = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    keys = np.broadcast_to(np.arange(1, bands + 1, dtype=np.uint64) * _BAND_MULTIPLIER, (n, bands)).copy()
    for row in range(rows):
        keys = (keys ^ grouped[:, :, row]) * _BAND_MULTIPLIER
    return keys ^ (keys >> np.uint64(29))


class MeaningHasher:
    """Random-hyperplane bits of sentence vectors (SimHash): LSH band keys and a sketch estimating cosine.

    Two unit vectors at angle t agree on each bit with probability 1 - t/pi, so
    the share of differing bits estimates the angle. The hyperplanes come from a
    fixed seed: the same vector gets the same bits in every run.
    """

    def __init__(self, dims: int, bands: int, rows: int, seed: int = 7) -> None:
        self.bands, self.rows = bands, rows
        self.bits = bands * rows
        self._planes = np.random.default_rng(seed).standard_normal((dims, self.bits)).astype(np.float32)

    def sketches(self, vectors: np.ndarray) -> np.ndarray:
        """(n, bits / 8) uint8: the sign bits of each vector's projections, packed."""
        return np.packbits(vectors @ self._planes > 0, axis=1)

    @property
    def buckets(self) -> int:
        """How many buckets the bands have together: `bands` x 2^`rows`."""
        return self.bands << self.rows

    def bucket_numbers(self, sketches: np.ndarray) -> np.ndarray:
        """(n, bands) int64 bucket numbers in [0, `buckets`): the band's `rows` bits read as a number, plus
        the band's index x 2^`rows`. Two items share a band key exactly when they share a bucket number."""
        values = self._band_values(sketches).astype(np.int64)
        return values + (np.arange(self.bands, dtype=np.int64) << self.rows)

    def band_keys(self, sketches: np.ndarray) -> np.ndarray:
        """(n, bands) uint64 keys, one per band of `rows` bits, the band's index mixed in."""
        values = self._band_values(sketches)
        keys = (values + np.arange(1, self.bands + 1, dtype=np.uint64) * np.uint64(1 << 32)) * _BAND_MULTIPLIER
        return keys ^ (keys >> np.uint64(29))

    def _band_values(self, sketches: np.ndarray) -> np.ndarray:
        """(n, bands) uint64: each band's `rows` bits read as a number, its first bit the lowest.

        Shifted in one bit position at a time over all bands: a multiply-and-sum over a third axis of
        ten items took 40 times as long (0.2 ms an article in the link stage); the numbers are the same.
        """
        bits = np.unpackbits(sketches, axis=1)[:, : self.bits].reshape(len(sketches), self.bands, self.rows)
        values = np.zeros((len(sketches), self.bands), dtype=np.uint64)
        for row in range(self.rows):
            values |= bits[:, :, row].astype(np.uint64) << np.uint64(row)
        return values


def differing_bits(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Row-wise count of the bits two stacks of packed SimHash sketches differ in."""
    return _bits_set(as_words(first) ^ as_words(second)).astype(np.int64)


def as_words(sketches: np.ndarray) -> np.ndarray:
    """Sketches as uint64 words when their width allows: the same bytes, so bit counts and equal bytes are unchanged."""
    if sketches.shape[1] % 8 == 0 and sketches.flags.c_contiguous:
        return sketches.view(np.uint64)
    return sketches


def sketch_columns(sketches: np.ndarray) -> list[np.ndarray]:
    """Packed sketches (n, width) as contiguous columns of 8-byte words (or of bytes, for a width not a
    multiple of 8): `differing_bits_taken` gathers one column at a time, the fastest gather numpy has."""
    words = as_words(np.ascontiguousarray(sketches))
    return [np.ascontiguousarray(words[:, column]) for column in range(words.shape[1])]


def differing_bits_taken(own: list[np.ndarray], theirs: list[np.ndarray], at: np.ndarray) -> np.ndarray:
    """(n, k) uint16: the SimHash bits row i of `own` differs in from each row `at[i]` of `theirs` (both as
    `sketch_columns`; `at` (n, k) indexes `theirs`).

    Example:
        >>> own = sketch_columns(np.array([[0b1111]], dtype=np.uint8))
        >>> theirs = sketch_columns(np.array([[0b1111], [0b0001], [0b0000]], dtype=np.uint8))
        >>> differing_bits_taken(own, theirs, np.array([[0, 1, 2]])).tolist()
        [[0, 3, 4]]
    """
    total = np.zeros(at.shape, dtype=np.uint16)
    for mine, column in zip(own, theirs, strict=True):
        differences = np.take(column, at)
        differences ^= mine[:, None]
        total += np.bitwise_count(differences)
    return total


def _bits_set(differences: np.ndarray) -> np.ndarray:
    """Row-wise count of set bits, int32: the few columns added one by one (a sum over a short last axis
    costs more than the additions)."""
    counts = np.bitwise_count(differences)
    total = np.zeros(len(differences), dtype=np.int32)
    for column in range(counts.shape[1]):
        total += counts[:, column]
    return total


def cosines_of_differing_bits(differing: np.ndarray, bits: int) -> np.ndarray:
    """The cosine that `differing` of `bits` SimHash bits estimate (the angle is pi x the share differing)."""
    return np.cos(np.pi * (np.asarray(differing, dtype=np.int64) / bits))


def most_differing_bits(floor: float, bits: int) -> int:
    """The most differing bits (of `bits`) whose estimated cosine still reaches `floor`; -1 when none does.

    Example:
        >>> most_differing_bits(0.4, 320), most_differing_bits(1.0, 320), most_differing_bits(1.1, 320)
        (118, 0, -1)
    """
    reaching = np.flatnonzero(cosines_of_differing_bits(np.arange(bits + 1), bits) >= floor)
    return int(reaching[-1]) if len(reaching) else -1


def estimated_cosines(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Row-wise cosine estimated from two stacks of packed SimHash sketches."""
    return cosines_of_differing_bits(differing_bits(first, second), first.shape[1] * 8)


def folded_keys(keys: np.ndarray) -> np.ndarray:
    """64-bit band keys folded to 32 bits (the two halves xor-ed), as `BandIndex` stores them.

    Example:
        >>> folded_keys(np.array([[5, (1 << 32) | 5]], dtype=np.uint64)).tolist()
        [[5, 4]]
    """
    return ((keys ^ (keys >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


@dataclass
class _Segment:
    keys: np.ndarray  # uint32, band after band: each band's `items` keys sorted
    ids: np.ndarray  # uint32, sorted by id within equal keys of a band
    rowid: int | None = None
    _newest_id: int | None = None

    @property
    def newest_id(self) -> int:
        """The highest id the segment holds (-1 when empty), found once."""
        if self._newest_id is None:
            self._newest_id = int(self.ids.max()) if len(self.ids) else -1
        return self._newest_id

    def band(self, band: int, bands: int) -> slice:
        """Where one band's entries lie in `keys` and `ids`."""
        items = len(self.keys) // bands
        return slice(band * items, (band + 1) * items)


@dataclass
class BandIndex:
    """LSH buckets of one kind of item (`level`): segments of sorted (key, id) arrays, one run per band.

    Each entry is 8 bytes: a band's 64-bit key folded to 32 bits (`folded_keys`) and the item's id. The band
    is where an entry lies in its segment (each item has one entry per band), so two keys collide only
    within one band: with 10 million items a band, a lookup meets another bucket's items about once in 400
    (2^32 keys), and those are filtered as any candidate is, by the sketch check. 12-byte entries (64-bit keys
    with the band mixed in) were most of the linker's memory at scale.

    Example:
        >>> index = BandIndex("sentence", bands=2)
        >>> index.add(np.array([[1, 2], [3, 4]], dtype=np.uint64), np.array([7, 8], dtype=np.uint32))
        >>> index.query(np.array([[9, 4]], dtype=np.uint64), cap=10)
        (array([0]), array([8], dtype=uint32))
        >>> index.query(np.array([[2, 9]], dtype=np.uint64), cap=10)  # key 2 is in the other band
        (array([], dtype=int64), array([], dtype=uint32))
    """

    level: str
    bands: int
    segments: list[_Segment] = field(default_factory=list)
    _removed: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(s.keys) for s in self.segments)

    def query(self, keys: np.ndarray, cap: int, latest: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(query row, id) for every stored item sharing a bucket; at most `cap` per bucket, the earliest
        (or, with `latest`, the most recent: a rewrite follows its source within days)."""
        n, bands = keys.shape
        if bands != self.bands:
            raise ValueError(f"{bands} bands of keys queried in an index of {self.bands}")
        rows = np.repeat(np.arange(n), bands)
        found_rows: list[np.ndarray] = []
        found_ids: list[np.ndarray] = []
        orders, ordered = _sorted_queries(keys)
        lo, hi = np.empty((n, bands), dtype=np.int64), np.empty((n, bands), dtype=np.int64)
        for segment in self.segments:
            _fill_bounds(segment, orders, ordered, lo, hi)
            flat_lo, flat_hi = lo.ravel(), hi.ravel()
            count = np.minimum(flat_hi - flat_lo, cap)
            hit = count > 0
            if not hit.any():
                continue
            starts = flat_hi[hit] - count[hit] if latest else flat_lo[hit]
            positions = _expand_ranges(starts, count[hit])
            found_rows.append(np.repeat(rows[hit], count[hit]))
            found_ids.append(segment.ids[positions])
        if not found_rows:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
        return np.concatenate(found_rows), np.concatenate(found_ids)

    def newest(self, keys: np.ndarray, cap: int, since: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """(query row, id) for the `cap` newest stored items of each bucket a row's keys fall in, over all
        segments together (`query` takes up to `cap` from each segment), of the items numbered `since` or
        later.

        A bucket of common words holds thousands of items in a store of millions, spread over many
        segments: up to `cap` from each made a sentence's candidates grow with the store (and the earliest
        of each were old ones, whose sketches are read back from SQLite). Segments hold ascending ids, so
        the newest are taken from the newest segment first, then from older ones while the cap allows; a
        bucket that is full is not looked up in older segments, and segments holding only items before
        `since` are not looked up at all.

        Example:
            >>> index = BandIndex("sentence", bands=1)
            >>> index.add(np.array([[5], [5], [5], [5], [7]], dtype=np.uint64), np.arange(5, dtype=np.uint32))
            >>> index.add(np.array([[5], [5]], dtype=np.uint64), np.array([5, 6], dtype=np.uint32))
            >>> len(index.segments), index.query(np.array([[5]], dtype=np.uint64), cap=3)[1].tolist()
            (2, [0, 1, 2, 5, 6])
            >>> index.newest(np.array([[5]], dtype=np.uint64), cap=3)[1].tolist()
            [5, 6, 3]
            >>> index.newest(np.array([[5]], dtype=np.uint64), cap=9, since=2)[1].tolist()
            [5, 6, 2, 3]
        """
        n, bands = keys.shape
        if bands != self.bands:
            raise ValueError(f"{bands} bands of keys queried in an index of {self.bands}")
        rows = np.repeat(np.arange(n), bands)
        remaining = np.full((n, bands), cap, dtype=np.int64)
        found_rows: list[np.ndarray] = []
        found_ids: list[np.ndarray] = []
        orders, ordered = _sorted_queries(keys)
        lo, hi = np.empty((n, bands), dtype=np.int64), np.empty((n, bands), dtype=np.int64)
        for segment in reversed(self.segments):
            if segment.newest_id < since:
                continue
            open_buckets = remaining > 0
            if not open_buckets.any():
                break
            _fill_bounds(segment, orders, ordered, lo, hi, open_buckets)
            count = np.minimum(hi - lo, remaining).ravel()
            hit = count > 0
            if not hit.any():
                continue
            remaining -= count.reshape(n, bands)
            positions = _expand_ranges(hi.ravel()[hit] - count[hit], count[hit])
            ids = segment.ids[positions]
            hit_rows = np.repeat(rows[hit], count[hit])
            if since:  # the bucket's newest come last: those before `since` are its oldest taken here
                recent = ids >= since
                ids, hit_rows = ids[recent], hit_rows[recent]
            found_rows.append(hit_rows)
            found_ids.append(ids)
        if not found_rows:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
        return np.concatenate(found_rows), np.concatenate(found_ids)

    def add(self, keys: np.ndarray, ids: np.ndarray) -> None:
        """Add one segment for these items, then merge segments of similar size."""
        if len(ids) == 0:
            return
        if keys.shape[1] != self.bands:
            raise ValueError(f"{keys.shape[1]} bands of keys added to an index of {self.bands}")
        folded = folded_keys(keys)
        ids = ids.astype(np.uint32)
        orders = [np.lexsort((ids, folded[:, band])) for band in range(self.bands)]
        self.segments.append(
            _Segment(
                np.concatenate([folded[order, band] for band, order in enumerate(orders)]),
                np.concatenate([ids[order] for order in orders]),
            )
        )
        self._merge()

    def _merge(self) -> None:
        # Binary-counter merging: merge the newest two while the newer is at least half the older,
        # so each entry is merged O(log n) times and a lookup visits O(log n) segments.
        while len(self.segments) >= 2:
            older, newer = self.segments[-2], self.segments[-1]
            if len(newer.keys) * 2 < len(older.keys) or len(older.keys) + len(newer.keys) > MAX_SEGMENT_ENTRIES:
                return
            keys, ids = _merged(older, newer, self.bands)
            for segment in (older, newer):
                if segment.rowid is not None:
                    self._removed.append(segment.rowid)
            self.segments[-2:] = [_Segment(keys, ids)]

    # -------------------------------------------------------- persistence

    def save(self, connection: sqlite3.Connection) -> None:
        """Write new segments and drop merged ones (inside the caller's transaction)."""
        delete_band_segments(connection, self._removed)
        self._removed.clear()
        for segment in self.segments:
            if segment.rowid is None:
                segment.rowid = save_band_segment(
                    connection, self.level, len(segment.keys), _bytes_of(segment.keys), _bytes_of(segment.ids)
                )

    @classmethod
    def load(cls, connection: sqlite3.Connection, level: str, bands: int) -> BandIndex:
        index = cls(level, bands)
        for rowid, keys, ids in band_segments(connection, level):
            segment = _Segment(np.frombuffer(keys, dtype=np.uint32), np.frombuffer(ids, dtype=np.uint32), rowid)
            index.segments.append(segment)
        return index


def _merged(older: _Segment, newer: _Segment, bands: int) -> tuple[np.ndarray, np.ndarray]:
    """The (key, id) entries of two segments in one, band after band, each band's sorted.

    The newer segment's ids all follow the older's (ids are handed out in order, batch after batch), so
    each newer entry goes after the older entries of its key: placed by one binary search, with no sort
    of the whole and no sort order held beside it (which was most of the peak memory at 100,000 articles).

    Example:
        >>> older = _Segment(np.array([3, 5, 5], dtype=np.uint32), np.array([1, 0, 2], dtype=np.uint32))
        >>> newer = _Segment(np.array([1, 5, 9], dtype=np.uint32), np.array([4, 3, 5], dtype=np.uint32))
        >>> [array.tolist() for array in _merged(older, newer, 1)]
        [[1, 3, 5, 5, 5, 9], [4, 1, 0, 2, 3, 5]]
    """
    keys = np.empty(len(older.keys) + len(newer.keys), dtype=np.uint32)
    ids = np.empty(len(keys), dtype=np.uint32)
    in_order = not (len(older.ids) and len(newer.ids) and int(older.ids.max()) >= int(newer.ids.min()))
    width = len(keys) // bands
    for band in range(bands):
        old, new = older.band(band, bands), newer.band(band, bands)
        out = slice(band * width, (band + 1) * width)
        old_keys, new_keys = older.keys[old], newer.keys[new]
        if not in_order:  # not in id order (never written so): sort them
            both_keys = np.concatenate([old_keys, new_keys])
            both_ids = np.concatenate([older.ids[old], newer.ids[new]])
            order = np.lexsort((both_ids, both_keys))
            keys[out], ids[out] = both_keys[order], both_ids[order]
            continue
        at = np.searchsorted(old_keys, new_keys, side="right") + np.arange(len(new_keys))
        merged_keys, merged_ids = keys[out], ids[out]  # views: written in place
        kept = np.ones(width, dtype=bool)
        kept[at] = False
        merged_keys[at], merged_ids[at] = new_keys, newer.ids[new]
        merged_keys[kept], merged_ids[kept] = old_keys, older.ids[old]
    return keys, ids


def self_pairs(keys: np.ndarray, ids: np.ndarray, cap: int, latest: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(row, earlier id) for items of one batch sharing a bucket; each item meets at most `cap` earlier ones
    (the earliest, or with `latest` the nearest before it)."""
    n, bands = keys.shape
    if n == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
    flat_keys = keys.ravel()
    flat_rows = np.repeat(np.arange(n), bands)
    flat_ids = ids[flat_rows]
    order = np.lexsort((flat_ids, flat_keys))
    sorted_keys = flat_keys[order]
    run_start = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    run_of = np.repeat(run_start, np.diff(np.r_[run_start, len(sorted_keys)]))
    position = np.arange(len(sorted_keys)) - run_of
    count = np.minimum(position, cap)
    has = count > 0
    starts = (run_of + position - count) if latest else run_of
    partners = _expand_ranges(starts[has], count[has])
    rows = np.repeat(flat_rows[order][has], count[has])
    return rows, flat_ids[order][partners]


class BatchPartners:
    """The earlier items of a batch sharing each item's buckets, as fixed-width rows: what `self_pairs(buckets,
    ids, cap, latest=True)` pairs, laid out (item, band x `cap`) with -1 for no partner.

    A row of the batch meets at most `cap` earlier items per band, so its partners fit `bands x cap` columns;
    laid out so, a slice of rows is gathered and compared without sorting millions of pairs.

    Example:
        >>> partners = BatchPartners(np.array([[5, 1], [5, 2], [5, 1]]), cap=2)
        >>> partners.of_rows(0, 3).tolist()
        [[-1, -1, -1, -1], [0, -1, -1, -1], [1, 0, 0, -1]]
    """

    def __init__(self, buckets: np.ndarray, cap: int) -> None:
        n, self.bands = buckets.shape
        self.cap = cap
        flat = buckets.ravel()
        # Stable: within a bucket (one band), entries keep row order, as self_pairs' sort by (key, id) does.
        self._order = np.argsort(flat, kind="stable")
        ordered = flat[self._order]
        run_start = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(ordered) else ordered
        runs = np.repeat(run_start, np.diff(np.r_[run_start, len(ordered)]))
        self._position = np.empty(len(flat), dtype=np.int64)
        self._position[self._order] = np.arange(len(flat))
        self._run_start = runs[self._position]
        self._row_of = self._order // self.bands  # the row of each entry in bucket order

    def of_rows(self, start: int, end: int) -> np.ndarray:
        """(end - start, bands x cap) int64: each row's earlier partners by band, the nearest first; -1 for none."""
        bands = self.bands
        position = self._position[start * bands : end * bands, None]
        back = position - np.arange(1, self.cap + 1)
        partners = self._row_of[np.maximum(back, 0)]
        partners[back < self._run_start[start * bands : end * bands, None]] = -1
        return partners.reshape(end - start, bands * self.cap)


# A candidate's key sorts by differing SimHash bits, then by id; no candidate sorts last.
NO_KEY = np.uint64(0xFFFFFFFFFFFFFFFF)


def candidate_keys(differing: np.ndarray, ids: np.ndarray, most_differing: int) -> np.ndarray:
    """(differing bits << 32) | id for candidates differing in at most `most_differing` bits, else `NO_KEY`."""
    keys = (differing.astype(np.uint64) << np.uint64(32)) | ids.astype(np.uint64)
    return np.where(differing <= most_differing, keys, NO_KEY)


def smallest_distinct_keys(keys: np.ndarray, keep: int) -> np.ndarray:
    """(n, keep): the `keep` smallest distinct keys of each row, in order, `NO_KEY` where a row has fewer.

    A pair met in several buckets is one candidate (its key is the same each time). Each row's few
    smallest keys are partitioned out and sorted; only a row whose smallest hold fewer than `keep`
    distinct ones (one pair met in many buckets) is sorted whole. Sorting every pair took 10-20% of the
    link stage.

    Example:
        >>> found = smallest_distinct_keys(np.array([[9, 7, 7, 8], [6, NO_KEY, NO_KEY, NO_KEY]], dtype=np.uint64), 2)
        >>> found[0].tolist(), found[1, 0], found[1, 1] == NO_KEY
        ([7, 8], np.uint64(6), np.True_)
    """
    found = np.full((len(keys), keep), NO_KEY, dtype=np.uint64)
    taken = min(keys.shape[1], 4 * keep)
    if not taken or not len(keys) or keep <= 0:
        return found
    smallest = np.partition(keys, taken - 1, axis=1)[:, :taken] if taken < keys.shape[1] else keys.copy()
    smallest.sort(axis=1)
    _put_first_distinct(smallest, np.arange(len(keys)), keep, found)
    if taken < keys.shape[1]:
        # Fewer than `keep` distinct among the smallest taken, and more keys beyond them: sort the whole row.
        short = np.flatnonzero((found[:, -1] == NO_KEY) & (smallest[:, -1] != NO_KEY))
        if len(short):
            found[short] = NO_KEY
            _put_first_distinct(np.sort(keys[short], axis=1), short, keep, found)
    return found


def _put_first_distinct(ordered: np.ndarray, rows: np.ndarray, keep: int, found: np.ndarray) -> None:
    """Write the first `keep` distinct keys of each row of sorted keys into `found[rows]` (`NO_KEY` never counts)."""
    distinct = ordered != NO_KEY
    distinct[:, 1:] &= ordered[:, 1:] != ordered[:, :-1]
    rank = np.cumsum(distinct, axis=1)
    chosen = distinct & (rank <= keep)
    at, columns = np.nonzero(chosen)
    found[rows[at], rank[at, columns] - 1] = ordered[at, columns]


def _sorted_queries(keys: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per band, the order that sorts the query rows' folded keys, and the keys in that order.

    Looked up in sorted order, each search starts near the last and touches memory in order: 6 times
    faster than random lookups into a segment of 20 million entries; the bounds are the same.
    """
    folded = folded_keys(keys)
    orders = [np.argsort(folded[:, band]) for band in range(keys.shape[1])]
    return orders, [folded[order, band] for band, order in enumerate(orders)]


def _fill_bounds(
    segment: _Segment,
    orders: list[np.ndarray],
    ordered: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    wanted: np.ndarray | None = None,
) -> None:
    """Each query row's bucket in `segment`, band by band, as positions [lo, hi) of its sorted keys; with
    `wanted` ((n, bands) bools), only those buckets are looked up and the others left empty (lo = hi)."""
    bands = lo.shape[1]
    if wanted is not None:
        lo[:], hi[:] = 0, 0
    for band in range(bands):
        part = segment.band(band, bands)
        run = segment.keys[part]
        order, queries = orders[band], ordered[band]
        if wanted is not None:
            asked = wanted[order, band]  # still in key order
            order, queries = order[asked], queries[asked]
        first = np.searchsorted(run, queries, side="left")
        ends = first.copy()
        # Most keys are in no bucket of a segment: only those found are searched for their bucket's end.
        found = np.flatnonzero(run[np.minimum(first, len(run) - 1)] == queries) if len(run) else first[:0]
        ends[found] = np.searchsorted(run, queries[found], side="right")
        lo[order, band] = first + part.start
        hi[order, band] = ends + part.start


def _expand_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated ranges [start, start + count) without a Python loop."""
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + (np.arange(total) - offsets)


class NewestPerBucket:
    """The newest `cap` items of each of a small number of LSH buckets, with their sketches, in fixed arrays.

    The meaning bands have few buckets (32 bands of 10 bits: 32,768) and a
    query wants only the newest items of each (a rewrite follows its source
    within days). A ring of `cap` slots per bucket holds exactly those: the
    memory (ids and sketches: 23 MB at 16 slots of 40-byte sketches) and the
    cost of a query stay the same however many items were added, where a band
    index of every item grows by 384 bytes a sentence and yields the newest of
    each of its O(log n) segments. The sketches travel with the ids, so a
    candidate's sketch needs no read from the store.

    Example:
        >>> newest = NewestPerBucket(buckets=4, cap=2, width=1)
        >>> sketches = np.arange(4, dtype=np.uint8)[:, None]
        >>> newest.add(np.array([[1], [1], [1], [3]]), np.array([10, 11, 12, 13]), sketches)
        >>> rows, ids, slots = newest.query(np.array([[1], [2]]))  # bucket 1 keeps its 2 newest, 2 is empty
        >>> rows.tolist(), sorted(zip(ids.tolist(), newest.held_sketches[slots].ravel().tolist()))
        ([0, 0], [(11, 1), (12, 2)])
    """

    def __init__(self, buckets: int, cap: int, width: int) -> None:
        self.cap, self.width = cap, width
        self.added = np.zeros(buckets, dtype=np.int64)  # items ever added per bucket; the next slot is added % cap
        self.ids = np.zeros((buckets, cap), dtype=np.uint32)
        self.sketches = np.zeros((buckets, cap, width), dtype=np.uint8)
        self._unsaved: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # entries put since the last save
        self._logged = 0  # entries in the stored log since the last stored table

    @property
    def held_sketches(self) -> np.ndarray:
        """Every slot's sketch, one row a slot: `query`'s slots index it."""
        return self.sketches.reshape(-1, self.width)

    def query(self, buckets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query row, id, its slot in `held_sketches`) for each item held in the rows' buckets
        (`buckets`: (n, bands)); the sketches are not gathered, as a million pairs' would take 40 MB."""
        n, bands = buckets.shape
        flat = buckets.ravel()
        held = np.minimum(self.added[flat], self.cap)
        slots = np.repeat(flat * self.cap, held) + _expand_ranges(np.zeros(len(flat), dtype=np.int64), held)
        rows = np.repeat(np.repeat(np.arange(n), bands), held)
        return rows, self.ids.reshape(-1)[slots], slots

    def held_in(self, buckets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What `query` finds, laid out by row: (ids, slots in `held_sketches`, held), each shaped (n, bands x
        cap), `held` telling a held slot from an empty one."""
        n, bands = buckets.shape
        slots = (buckets * self.cap)[:, :, None] + np.arange(self.cap)
        held = np.arange(self.cap) < np.minimum(self.added[buckets], self.cap)[:, :, None]
        slots = slots.reshape(n, bands * self.cap)
        return np.take(self.ids.reshape(-1), slots), slots, held.reshape(n, bands * self.cap)

    def differing_in(self, buckets: np.ndarray, own: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, differing SimHash bits from the row's own sketch, held) of what `held_in` finds, each shaped
        (n, bands x cap) in its layout; `own`: the rows' packed sketches, (n, width).

        A bucket's slots lie side by side (cap x width bytes), so each of a row's buckets is gathered as one
        block of 8-byte words: a slot's sketch is read in one piece, not a column at a time by slot number
        (`differing_bits_taken`), which cost a quarter more.

        Example:
            >>> newest = NewestPerBucket(buckets=2, cap=2, width=8)
            >>> newest.add(np.array([[1], [1]]), np.array([10, 11]), np.array([[0b111] + [0] * 7, [0] * 8], np.uint8))
            >>> own = np.array([[1] + [0] * 7] * 2, np.uint8)
            >>> ids, differing, held = newest.differing_in(np.array([[1], [0]]), own)
            >>> ids.tolist(), differing.tolist(), held.tolist()
            ([[10, 11], [0, 0]], [[2, 1], [1, 1]], [[True, True], [False, False]])
        """
        n, bands = buckets.shape
        if self.width % 8:
            ids, slots, held = self.held_in(buckets)
            columns = sketch_columns(self.held_sketches)
            return ids, differing_bits_taken(sketch_columns(own), columns, slots), held
        words = self.width // 8
        blocks = self.sketches.view(np.uint64).reshape(len(self.sketches), self.cap, words)[buckets]
        blocks ^= np.ascontiguousarray(own).view(np.uint64)[:, None, None, :]
        counts = np.bitwise_count(blocks)
        differing = counts[..., 0].astype(np.uint16)
        for word in range(1, words):
            differing += counts[..., word]
        held = np.arange(self.cap) < np.minimum(self.added[buckets], self.cap)[:, :, None]
        shape = (n, bands * self.cap)
        return self.ids[buckets].reshape(shape), differing.reshape(shape), held.reshape(shape)

    def add(self, buckets: np.ndarray, ids: np.ndarray, sketches: np.ndarray) -> None:
        """Add items in id order (`buckets`: (n, bands)); each bucket keeps its `cap` newest."""
        n, bands = buckets.shape
        items = np.repeat(np.arange(n), bands)
        self._put(buckets.ravel(), ids[items], sketches[items])

    def _put(self, flat: np.ndarray, ids: np.ndarray, sketches: np.ndarray) -> None:
        """Write (bucket, id, sketch) entries, oldest first, each into its bucket's next slot."""
        if len(flat) == 0:
            return
        order = np.argsort(flat, kind="stable")  # within a bucket, entries stay oldest first
        flat, ids, sketches = flat[order], ids[order], sketches[order]
        starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
        sizes = np.diff(np.r_[starts, len(flat)])
        rank = np.arange(len(flat)) - np.repeat(starts, sizes)
        newest = rank >= np.repeat(sizes, sizes) - self.cap  # older ones would be overwritten here anyway
        flat, ids, sketches, rank = flat[newest], ids[newest], sketches[newest], rank[newest]
        slots = (self.added[flat] + rank) % self.cap
        self.ids[flat, slots] = ids
        self.sketches[flat, slots] = sketches
        self.added[flat[np.r_[True, flat[1:] != flat[:-1]]]] += sizes
        self._unsaved.append((flat, ids, sketches))

    # -------------------------------------------------------- persistence

    def save(self, connection: sqlite3.Connection, level: str) -> None:
        """Store what was added since the last save (inside the caller's transaction).

        The entries written since the last save are appended as a small log row; once the log holds
        as many entries as the table has slots, the whole table (23 MB) is stored instead and the
        log emptied. So a run that links 20 articles at a time writes about what it adds, not the
        table each time, and loading replays at most one table's worth of entries.
        """
        if not self._unsaved:
            return
        flat = np.concatenate([entry[0] for entry in self._unsaved])
        ids = np.concatenate([entry[1] for entry in self._unsaved])
        sketches = np.concatenate([entry[2] for entry in self._unsaved])
        self._unsaved.clear()
        self._logged += len(flat)
        if self._logged < self.ids.size:
            append_newest_log(connection, level, len(flat), _bytes_of(flat), _bytes_of(ids), _bytes_of(sketches))
            return
        replace_newest_per_bucket(
            connection, level, _bytes_of(self.added), _bytes_of(self.ids), _bytes_of(self.sketches)
        )
        self._logged = 0

    @classmethod
    def load(cls, connection: sqlite3.Connection, level: str, buckets: int, cap: int, width: int) -> NewestPerBucket:
        newest = cls(buckets, cap, width)
        stored = newest_per_bucket(connection, level)
        if stored is not None:
            added, ids, sketches = stored
            newest.added = np.frombuffer(added, dtype=np.int64).copy()
            newest.ids = np.frombuffer(ids, dtype=np.uint32).reshape(buckets, cap).copy()
            newest.sketches = np.frombuffer(sketches, dtype=np.uint8).reshape(buckets, cap, width).copy()
        for flat, ids, sketches in newest_log(connection, level):
            newest._put(
                np.frombuffer(flat, dtype=np.int64),
                np.frombuffer(ids, dtype=np.uint32),
                np.frombuffer(sketches, dtype=np.uint8).reshape(-1, width),
            )
            newest._logged += len(flat) // 8
        newest._unsaved.clear()
        return newest


def _bytes_of(array: np.ndarray) -> memoryview:
    """A C-contiguous array's bytes without a copy, for a BLOB."""
    return array.data.cast("B")
