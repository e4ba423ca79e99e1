"""Comparing sentences: candidates from MinHash sketches, the verified best earlier match, the kind of a link.

Pure functions over words and arrays, shared by the store-backed linker and
the Spark job; nothing here reads the store.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np

from dossier.link.index import as_words
from dossier.link.keys import KEY_BITS, KeyRows, RecentKeys, SentenceKeys, concatenated, sentence_keys
from dossier.link.options import LinkOptions
from dossier.link.text import jaccard, surface_words, written_words

_DIGIT = re.compile(r"\d")
# difflib matchers kept per batch, each indexing one earlier sentence's words (a few KB).
MAX_CACHED_MATCHERS = 50_000
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)$")


class LinkSentence(NamedTuple):
    """A sentence the linker indexes: where it is and its normalised words.

    A named tuple, not a frozen dataclass: a batch makes some 10,000 of them in the worker and again in the
    linker's process (`prepare.unpacked`), and a frozen dataclass's constructor took five times as long.
    """

    article: int  # the article's seq
    start: int
    end: int
    text: str
    words: tuple[str, ...]  # normalised, in order


class Match(NamedTuple):
    """A sentence's best verified earlier match."""

    sid: int
    similarity: float
    text: str
    meaning: float | None = None  # sentence-vector cosine, when the match was verified by meaning


# Candidate pairs: (rows of new sentences, candidate sids), two int64 arrays of one length.
Pairs = tuple[np.ndarray, np.ndarray]


class SentenceMeanings:
    """Sentence vectors by sid: each sentence's unit vector and the same without the direction all sentences
    share (`dossier.embed`), as rows of matrices found for many sids at once (one object a sentence, built
    per batch, cost the linker more than the lookups it served).

    The rows come in parts, each in sid order and after the one before (the stored candidates, then the
    batch), held as they are: joining them would copy every vector of a batch once more.

    Example:
        >>> eye = np.eye(2, dtype=np.float32)
        >>> meanings = SentenceMeanings([(np.array([3]), eye[:1], eye[:1]), (np.array([10, 12]), eye, eye)])
        >>> meanings.rows_of(np.array([10, 11, 12, 3])).tolist(), meanings.cosines(0, 1), meanings.cosines(0, -1)
        ([1, -1, 2, 0], (1.0, 1.0), None)
    """

    def __init__(self, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> None:
        self.sids = np.concatenate([np.asarray(sids, dtype=np.int64) for sids, _, _ in parts])
        if len(self.sids) > 1 and (self.sids[1:] <= self.sids[:-1]).any():
            raise ValueError("the parts' sids must rise throughout")
        self._vectors = [vectors for _, vectors, _ in parts]
        self._centred = [centred for _, _, centred in parts]
        self._firsts = np.cumsum([0] + [len(sids) for sids, _, _ in parts])[:-1]
        self._first_rows: list[int] = self._firsts.tolist()

    def rows_of(self, sids: np.ndarray) -> np.ndarray:
        """The row of each sid (its place in `sids`); -1 for a sid without vectors."""
        at = np.searchsorted(self.sids, sids)
        inside = at < len(self.sids)
        found = inside.copy()
        found[inside] = self.sids[at[inside]] == np.asarray(sids)[inside]
        return np.where(found, at, -1)

    def centred_rows(self, rows: np.ndarray) -> np.ndarray:
        """The vectors without the common direction of `rows` (none -1), one row each."""
        part_of = np.searchsorted(self._firsts, rows, side="right") - 1
        found = np.empty((len(rows), self._centred[0].shape[1]), dtype=np.float32)
        for part, centred in enumerate(self._centred):
            inside = part_of == part
            found[inside] = centred[rows[inside] - self._firsts[part]]
        return found

    def cosines(self, first: int, second: int) -> tuple[float, float] | None:
        """(cosine of two rows' vectors, cosine without their common direction), or None where one has none."""
        if first < 0 or second < 0:
            return None
        part = bisect.bisect_right(self._first_rows, first) - 1
        other = bisect.bisect_right(self._first_rows, second) - 1
        row, other_row = first - self._first_rows[part], second - self._first_rows[other]
        return (
            float(self._vectors[part][row] @ self._vectors[other][other_row]),
            float(self._centred[part][row] @ self._centred[other][other_row]),
        )


# ---------------------------------------------------------------- candidates


def sketches(signatures: np.ndarray) -> np.ndarray:
    """The lowest byte of each MinHash value (b-bit MinHash, b = 8): 64 bytes kept per sentence."""
    return (signatures & np.uint32(0xFF)).astype(np.uint8)


def estimated_jaccards(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Row-wise Jaccard estimated from two stacks of sketches."""
    return estimated_jaccards_of_counts(np.count_nonzero(first == second, axis=1), first.shape[1])


def unique_pairs(rows: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, id) pairs deduplicated and sorted, as two int64 arrays.

    Example:
        >>> unique_pairs(np.array([1, 0, 1]), np.array([5, 7, 5]))
        (array([0, 1]), array([7, 5]))
    """
    # Sorted and compared with the neighbour rather than np.unique, which for uint64 in numpy 2.4
    # takes a hash path about 200 times slower on millions of pairs (bench/README.md).
    packed = np.sort((rows.astype(np.uint64) << np.uint64(32)) | ids.astype(np.uint64))
    packed = packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed
    return (packed >> np.uint64(32)).astype(np.int64), (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)


def likely_pairs_of(
    rows: np.ndarray,
    candidates: np.ndarray,
    own: np.ndarray,
    theirs: np.ndarray,
    at: np.ndarray,
    threshold: float,
    chunk: int = 262_144,
) -> Pairs:
    """The (row, candidate) pairs whose sketches (`own[row]`, `theirs[at]` per pair) estimate Jaccard >=
    threshold, as two arrays; a chunk of pairs at a time.

    Gathering both sides' sketches for the millions of candidate pairs of a batch at once took
    most of the link stage's peak memory.

    Example:
        >>> own = np.array([[1, 2, 3, 4]], dtype=np.uint8)
        >>> theirs = np.array([[1, 2, 3, 4], [9, 9, 9, 4]], dtype=np.uint8)
        >>> found = likely_pairs_of(np.array([0, 0]), np.array([70, 71]), own, theirs, np.array([0, 1]), 0.5, chunk=1)
        >>> [array.tolist() for array in found]
        [[0], [70]]
    """
    width = own.shape[1]
    # Which counts of equal bytes reach the threshold, by the same formula as `estimated_jaccards`.
    reaching = estimated_jaccards_of_counts(np.arange(width + 1), width) >= threshold
    keep = np.zeros(len(rows), dtype=bool)
    for start in range(0, len(rows), chunk):
        part = slice(start, start + chunk)
        keep[part] = reaching[equal_bytes_taken(own, theirs, rows[part], at[part])]
    return np.asarray(rows, dtype=np.int64)[keep], np.asarray(candidates, dtype=np.int64)[keep]


def estimated_jaccards_of_counts(equal: np.ndarray, width: int) -> np.ndarray:
    """The Jaccard that `equal` of `width` b-bit MinHash bytes estimate (`estimated_jaccards` of a pair)."""
    # Two different minima share their lowest byte by chance 1 time in 256; correct for it.
    return (np.asarray(equal) / width - 1 / 256) / (1 - 1 / 256)


_LOW_SEVEN_BITS = np.uint64(0x7F7F7F7F7F7F7F7F)
_HIGH_BITS = np.uint64(0x8080808080808080)


def equal_bytes_taken(own: np.ndarray, theirs: np.ndarray, rows: np.ndarray, at: np.ndarray) -> np.ndarray:
    """How many bytes sketch `own[rows[i]]` shares with sketch `theirs[at[i]]`, for each i.

    Eight bytes are compared at once where the width allows: a byte of the xor is zero exactly where the
    two agree, and adding 0x7F to its low seven bits sets its high bit unless it is zero. Gathering both
    sides' 64-byte rows for every candidate pair and comparing them byte by byte took a fifth longer.

    Example:
        >>> own = np.array([[1, 2, 3, 4, 5, 6, 7, 8]], dtype=np.uint8)
        >>> theirs = np.array([[1, 2, 3, 4, 5, 6, 7, 8], [1, 0, 3, 0, 0, 0, 0, 255]], dtype=np.uint8)
        >>> equal_bytes_taken(own, theirs, np.array([0, 0]), np.array([0, 1])).tolist()
        [8, 2]
    """
    mine, their = as_words(own), as_words(theirs)
    equal = np.zeros(len(rows), dtype=np.int64)
    for column in range(mine.shape[1]):
        differences = mine[rows, column] ^ their[at, column]
        if differences.dtype == np.uint64:
            nonzero = ((differences & _LOW_SEVEN_BITS) + _LOW_SEVEN_BITS) | differences
            equal += 8 - np.bitwise_count(nonzero & _HIGH_BITS)
        else:
            equal += differences == 0
    return equal


# ---------------------------------------------------------------- verifying


def best_earlier_matches(
    sentences: list[LinkSentence],
    first_sid: int,
    pairs: Pairs,
    earlier: dict[int, tuple[str, tuple[str, ...]]],
    options: LinkOptions,
    meanings: SentenceMeanings | None = None,
    keys: RecentKeys | None = None,
) -> dict[int, Match]:
    """For each sentence (by row) with a verified earlier match among its candidate pairs: that match.

    A candidate at or after `first_sid` is a sentence of the same batch (row
    `candidate - first_sid`); an earlier one is looked up in `earlier`
    (sid -> text, normalised words) and skipped when missing. A match must
    reach `sentence_threshold` in word-sequence similarity and be a copy
    (`is_copy`), or, given `meanings` (vectors by sid), be a
    rewording by meaning (`is_rewording_by_meaning`); the most similar in word
    sequence wins, then the earliest. `keys` holds the word and skeleton keys of sentences by sid
    (`link.keys`); those it lacks are made here.
    """
    best: dict[int, Match] = {}
    checks = PairChecks()
    worth = pairs_worth_verifying(sentences, first_sid, pairs, earlier, options, meanings, checks, keys)
    # Each pair's rows in `meanings`, found at once (-1 for none: no cosines).
    mine_at: list[int] = [-1] * len(worth)
    theirs_at: list[int] = [-1] * len(worth)
    if meanings is not None and worth:
        rows, candidates = np.array(worth, dtype=np.int64).T
        mine_at = meanings.rows_of(rows + first_sid).tolist()
        theirs_at = meanings.rows_of(candidates).tolist()
    for (row, candidate), mine, theirs in zip(worth, mine_at, theirs_at, strict=True):
        sentence = sentences[row]
        if candidate >= first_sid:
            other = sentences[candidate - first_sid]
            other_text, other_words = other.text, other.words
        elif candidate in earlier:
            other_text, other_words = earlier[candidate]
        else:
            continue
        current = best.get(row)
        # difflib's ratio is costly and most candidates of boilerplate-heavy input score alike:
        # skip a pair whose upper bound can neither pass the thresholds nor beat the best so far.
        shared = checks.shared_words(sentence.words, other_words)  # counted once for both checks below
        bound = ratio_bound_of(shared, sentence.words, other_words)
        # The cosines are found only when a check needs them: most pairs that pass are copies.
        cosines: tuple[float, float] | None = None
        cosines_found = meanings is None
        floor = options.sentence_threshold if current is None else max(options.sentence_threshold, current.similarity)
        if bound < floor:
            # A rewording by meaning may share few words: from the candidate cosine on, the floor is the best so far.
            if meanings is None:
                continue
            cosines, cosines_found = meanings.cosines(mine, theirs), True
            if cosines is None or cosines[1] < options.meaning_candidate:
                continue
            if current is not None and bound < current.similarity:
                continue
        # Below the sequence threshold only a rewording by meaning can pass: its necessary conditions
        # are checked on word counts before difflib aligns anything (most candidates by meaning fail).
        if bound < options.sentence_threshold and not may_be_rewording_by_meaning(
            sentence, other_text, other_words, cosines, checks, options, shared
        ):
            continue
        similarity, matched = checks.sequence_match(sentence.words, other_words)
        if similarity >= options.sentence_threshold and is_copy(
            sentence, other_text, other_words, matched, checks, options
        ):
            found = Match(candidate, round(similarity, 4), other_text)
        else:
            if not cosines_found and meanings is not None:  # (a pair below the floor has them already)
                cosines = meanings.cosines(mine, theirs)
            if (
                cosines is not None
                and is_rewording_by_meaning(
                    sentence, other_text, other_words, (similarity, matched), cosines, checks, options
                )
                and checks.names_kept(sentence.text, other_text)
            ):
                found = Match(candidate, round(similarity, 4), other_text, round(cosines[0], 4))
            else:
                continue
        if (
            current is None
            or found.similarity > current.similarity
            or (found.similarity == current.similarity and candidate < current.sid)
        ):
            best[row] = found
    return best


# Slack of the vectorised pre-check below: its cosines are summed in another order than one pair's dot product
# (float32), so a pair this close to a threshold is left to the exact check.
_COSINE_SLACK = 1e-4
_PROBABILITY_SLACK = 1e-6


def pairs_worth_verifying(
    sentences: list[LinkSentence],
    first_sid: int,
    pairs: Pairs,
    earlier: dict[int, tuple[str, tuple[str, ...]]],
    options: LinkOptions,
    meanings: SentenceMeanings | None,
    checks: PairChecks,
    keys: RecentKeys | None = None,
) -> list[tuple[int, int]]:
    """The candidate pairs, in their order (as (row, sid) tuples), less those `best_earlier_matches` would
    skip whatever else it found.

    The checks of `best_earlier_matches` that do not depend on the best match so far (the word-count bound
    of the sequence ratio, and `may_be_rewording_by_meaning`'s length, shared-word and skeleton bounds) run
    here on all pairs at once in numpy; a pair passes when any of them cannot rule it out, so figures and
    names (and a pair near a threshold) are left to the exact per-pair check. Per pair in Python these
    bounds were most of the stage on bench/link_scale.py's corpus, where most candidates by meaning fail.

    Example:
        >>> words = ("senat", "approve", "budget", "bill", "tuesday")
        >>> first = LinkSentence(0, 0, 47, "The Senate approved the budget bill on Tuesday.", words)
        >>> copy = LinkSentence(1, 0, 50, "The Senate approved the budget bill late Tuesday.", words)
        >>> other = LinkSentence(2, 0, 44, "The council rejected the tax plan on Friday.",
        ...                      ("council", "reject", "tax", "plan", "friday"))
        >>> pairs = np.array([1, 2, 2]), np.array([10, 10, 11])
        >>> pairs_worth_verifying([first, copy, other], 10, pairs, {}, LinkOptions(), None, PairChecks())
        [(1, 10)]
    """
    rows, candidates = pairs
    if not len(rows):
        return []
    # Every sentence a pair touches, once: the batch's by row, the earlier ones found by sid.
    stored = np.fromiter(earlier, dtype=np.int64, count=len(earlier))
    known = (candidates >= first_sid) | np.isin(candidates, stored)
    sids = np.unique(np.concatenate([rows + first_sid, candidates[known]]))
    index_of = np.searchsorted(sids, np.concatenate([rows + first_sid, candidates]))
    mine, theirs = index_of[: len(rows)], index_of[len(rows) :]
    theirs = np.where(known, theirs, 0)
    found_keys = _keys_of_sids(sids, sentences, first_sid, earlier, keys or RecentKeys(0), checks)
    word_keys = found_keys.words
    lengths = word_keys.lengths
    total = lengths[mine] + lengths[theirs]
    shared = _shared_counts(word_keys, mine, theirs)
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = np.where(total > 0, 2.0 * shared / total, 1.0)
    keep = known & (bound >= options.sentence_threshold)
    unsure = known & ~keep
    if meanings is not None and unsure.any():
        keep |= unsure & _may_be_rewording_at_once(
            sids, found_keys.skeletons, mine, theirs, unsure, lengths, shared, bound, meanings, options
        )
    return list(zip(rows[keep].tolist(), candidates[keep].tolist(), strict=True))


def _keys_of_sids(
    sids: np.ndarray,
    sentences: list[LinkSentence],
    first_sid: int,
    earlier: dict[int, tuple[str, tuple[str, ...]]],
    recent: RecentKeys,
    checks: PairChecks,
) -> SentenceKeys:
    """The word and skeleton keys of `sids` (the batch's from `first_sid` on, the others in `earlier`), row for
    row: kept in `recent` (made by the worker that prepared their batch), or made here."""
    kept, found = recent.find(sids)
    if kept.all():
        return found
    missing = np.flatnonzero(~kept)
    words: list[tuple[str, ...]] = []
    skeletons: list[tuple[str, ...]] = []
    for sid in sids[missing].tolist():
        if sid >= first_sid:
            sentence = sentences[sid - first_sid]
            text, found_words = sentence.text, sentence.words
        else:
            text, found_words = earlier[sid]
        words.append(found_words)
        skeletons.append(checks.skeleton_of(text))
    made = sentence_keys(words, skeletons, recent.hashes)
    # Row for row of `sids`: the kept ones, then the made ones, put back in their places.
    rank = np.argsort(np.concatenate([np.flatnonzero(kept), missing]), kind="stable")
    return SentenceKeys(
        concatenated([found.words, made.words]).take(rank), concatenated([found.skeletons, made.skeletons]).take(rank)
    )


def _may_be_rewording_at_once(
    sids: np.ndarray,
    skeleton_keys: KeyRows,
    mine: np.ndarray,
    theirs: np.ndarray,
    unsure: np.ndarray,
    lengths: np.ndarray,
    shared: np.ndarray,
    bound: np.ndarray,
    meanings: SentenceMeanings,
    options: LinkOptions,
) -> np.ndarray:
    """For the `unsure` pairs (below the sequence threshold by the word-count bound): False where
    `may_be_rewording_by_meaning` is sure to be False (or the pair's floor rules it out first)."""
    row_of = meanings.rows_of(sids)
    has = row_of >= 0
    if not has.any():
        return np.zeros(len(mine), dtype=bool)
    both = unsure & has[mine] & has[theirs]
    shorter = np.minimum(lengths[mine], lengths[theirs])
    longer = np.maximum(lengths[mine], lengths[theirs])
    with np.errstate(divide="ignore", invalid="ignore"):
        length_ratio = np.where(longer > 0, shorter / np.maximum(longer, 1), 0.0)
    # The word-count conditions first: the cosines are needed only for the pairs that meet them (one in
    # seven unsure pairs on bench/link_scale.py's corpus), and the vectors only of the sentences those touch.
    worded = both & (length_ratio >= options.meaning_length_ratio) & (shared >= options.meaning_shared_words)
    cosines = np.full(len(mine), -2.0)
    at = np.flatnonzero(worded)
    if len(at):
        touched = np.unique(np.concatenate([mine[at], theirs[at]]))
        centred = meanings.centred_rows(row_of[touched])  # one row per sentence those pairs touch
        mine_row, theirs_row = np.searchsorted(touched, mine[at]), np.searchsorted(touched, theirs[at])
        for start in range(0, len(at), 65_536):
            part = slice(start, start + 65_536)
            cosines[at[part]] = np.einsum("ij,ij->i", centred[mine_row[part]], centred[theirs_row[part]])
    # The floor: a pair whose centred cosine reaches the candidate floor is verified whatever its words.
    floor = np.where(worded & (cosines >= options.meaning_candidate - _COSINE_SLACK), 0.0, options.sentence_threshold)
    maybe = worded & (bound >= floor)
    w_cosine, w_ratio, w_contained, bias = options.meaning_weights
    if w_ratio < 0 or w_contained < 0 or w_cosine < 0 or not maybe.any():
        return maybe
    skeleton_lengths = skeleton_keys.lengths
    at = np.flatnonzero(maybe)
    skeleton_shared = _shared_counts(skeleton_keys, mine[at], theirs[at])
    total = skeleton_lengths[mine[at]] + skeleton_lengths[theirs[at]]
    shorter = np.minimum(skeleton_lengths[mine[at]], skeleton_lengths[theirs[at]])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_bound = np.where(total > 0, 2.0 * skeleton_shared / np.maximum(total, 1), 1.0)
        contained_bound = np.where(shorter > 0, skeleton_shared / np.maximum(shorter, 1), 0.0)
    logit = w_cosine * (cosines[at] + _COSINE_SLACK) + w_ratio * ratio_bound + w_contained * contained_bound + bias
    probability = 1.0 / (1.0 + np.exp(-logit))
    maybe[at] = probability >= options.meaning_probability - _PROBABILITY_SLACK
    return maybe


def _shared_counts(word_keys: KeyRows, mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    """Keys each pair of sequences (by index) has in common: both sides' keys tagged with the pair, sorted,
    and the equal neighbours counted."""
    offsets, keys = word_keys
    counts = np.zeros(len(mine), dtype=np.int64)
    step = 131_072
    for start in range(0, len(mine), step):
        a, b = mine[start : start + step], theirs[start : start + step]
        pair = np.arange(len(a), dtype=np.int64)
        sizes = np.concatenate([offsets[a + 1] - offsets[a], offsets[b + 1] - offsets[b]])
        starts = np.concatenate([offsets[a], offsets[b]])
        owners = np.repeat(np.concatenate([pair, pair]), sizes)
        positions = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        tagged = np.sort((owners << KEY_BITS) | keys[positions])
        same = np.flatnonzero(tagged[1:] == tagged[:-1])
        counts[start : start + step] = np.bincount(tagged[same] >> KEY_BITS, minlength=len(a))
    return counts


def may_be_rewording_by_meaning(
    sentence: LinkSentence,
    other_text: str,
    other_words: tuple[str, ...],
    cosines: tuple[float, float] | None,
    checks: PairChecks,
    options: LinkOptions,
    shared: int | None = None,
) -> bool:
    """False when `is_rewording_by_meaning` and `names_kept` must fail for a pair sharing too few words to be
    a copy, judged on word counts without aligning: an upper bound of every alignment it uses.
    `shared`, when the caller has counted it, is `checks.shared_words(sentence.words, other_words)`.

    difflib's ratio never exceeds the share of words two sequences have in common (in any order), and the
    words it matches in order never exceed the words they share, so the logistic score computed with those
    bounds is at least the real one. On bench/link_scale.py's corpus this skips most candidates by meaning,
    which cost the most of the stage.

    Example:
        >>> words = ("senat", "approve", "budget", "bill", "tuesday")
        >>> sentence = LinkSentence(0, 0, 40, "The Senate approved the budget bill on Tuesday.", words)
        >>> other = ("council", "reject", "tax", "plan", "friday")
        >>> text = "The council rejected the tax plan on Friday."
        >>> may_be_rewording_by_meaning(sentence, text, other, (0.8, 0.6), PairChecks(), LinkOptions())
        False
        >>> may_be_rewording_by_meaning(sentence, sentence.text, words, (0.8, 0.6), PairChecks(), LinkOptions())
        True
    """
    if cosines is None:
        return False
    words = sentence.words
    length_ratio = min(len(words), len(other_words)) / max(len(words), len(other_words))
    if length_ratio < options.meaning_length_ratio:
        return False
    if shared is None:
        shared = checks.shared_words(words, other_words)
    if shared < options.meaning_shared_words:
        return False
    if not figures_kept(checks, words, other_words, split=length_ratio < options.meaning_split_ratio):
        return False
    if not checks.names_kept(sentence.text, other_text):
        return False
    w_cosine, w_ratio, w_contained, _ = options.meaning_weights
    if w_ratio < 0 or w_contained < 0:  # the bound below holds only for weights that reward shared words
        return True
    ratio_bound, contained_bound = checks.skeleton_bound(sentence.text, other_text)
    probability = rewording_probability(cosines[1], ratio_bound, contained_bound, options.meaning_weights)
    # A hair of slack: the bound and the real score are rounded floats.
    return probability >= options.meaning_probability - 1e-9


def is_rewording_by_meaning(
    sentence: LinkSentence,
    other_text: str,
    other_words: tuple[str, ...],
    match: tuple[float, int],
    cosines: tuple[float, float],
    checks: PairChecks,
    options: LinkOptions,
) -> bool:
    """Whether a pair that shares too few words in order for `is_copy` is one sentence reworded.

    Synonym spinners keep the meaning (cosine of the sentence vectors without
    their common direction) and the skeleton: names, figures, function words
    and the words they had no synonym for, in order. Two sentences written
    apart about one fact reach a high cosine too but keep little of each
    other's skeleton. `rewording_probability` weighs both; a sentence split in
    two, or two merged, keeps the shorter side's skeleton in the longer.
    `match` is the normalised words' (difflib ratio, words matched in order).
    """
    similarity, matched = match
    words = sentence.words
    length_ratio = min(len(words), len(other_words)) / max(len(words), len(other_words))
    if matched < options.meaning_shared_words or length_ratio < options.meaning_length_ratio:
        return False
    if not figures_kept(checks, words, other_words, split=length_ratio < options.meaning_split_ratio):
        return False
    if similarity >= options.sentence_threshold:
        # Alike in words but too short for `is_copy`: a stock phrase ("did not immediately return a
        # request seeking comment") means the same in every report without being copied; only a
        # pair very close in meaning is a short sentence reworded.
        return cosines[0] >= options.meaning_short_cosine
    surface_ratio, surface_contained = checks.skeleton_match(sentence.text, other_text)
    probability = rewording_probability(cosines[1], surface_ratio, surface_contained, options.meaning_weights)
    return probability >= options.meaning_probability


def rewording_probability(
    centred_cosine: float, surface_ratio: float, surface_contained: float, weights: tuple[float, float, float, float]
) -> float:
    """The logistic score of a pair being one sentence reworded (`LinkOptions.meaning_weights`).

    Example:
        >>> round(rewording_probability(0.9, 0.7, 0.8, LinkOptions().meaning_weights), 3)
        0.978
        >>> round(rewording_probability(0.6, 0.2, 0.3, LinkOptions().meaning_weights), 3)
        0.08
    """
    w_cosine, w_ratio, w_contained, bias = weights
    logit = w_cosine * centred_cosine + w_ratio * surface_ratio + w_contained * surface_contained + bias
    return 1.0 / (1.0 + math.exp(-logit))


def figures_kept(checks: PairChecks, words: tuple[str, ...], other_words: tuple[str, ...], split: bool) -> bool:
    """Whether two sentences carry the same figures, or, for a `split` pair, the shorter side's are in the other.

    Spinners keep numbers; a split half keeps those of its half only.
    """
    mine, theirs = checks.figures_of(words), checks.figures_of(other_words)
    if not split or len(words) == len(other_words):
        return mine == theirs
    return mine <= theirs if len(words) < len(other_words) else theirs <= mine


def is_copy(
    sentence: LinkSentence,
    other_text: str,
    other_words: tuple[str, ...],
    matched: int,
    checks: PairChecks,
    options: LinkOptions,
) -> bool:
    """Whether a similar pair is one sentence copied, not two written alike.

    A near-duplicate (most words as written shared) always is. A reworded
    pair must keep its figures, since spinners do ("26-delegate lead" vs
    "214-delegate lead" is a template, not a copy), and share enough words
    in order: short stock sentences ("did not return a request for
    comment") reach the similarity threshold with four or five words.
    """
    if matched >= options.min_shared_words and checks.figures_of(sentence.words) == checks.figures_of(other_words):
        return True
    surface = jaccard(checks.surface_of(sentence.text), checks.surface_of(other_text))
    return surface >= options.near_duplicate_surface


def numbers_in(words: Iterable[str]) -> frozenset[str]:
    """The figures among normalised words, ordinal endings dropped ("15th" = "15").

    Example:
        >>> sorted(numbers_in(["vote", "15th", "2,383", "delegate"]))
        ['15', '2383']
    """
    return frozenset(_ORDINAL.sub("", w).replace(",", "") for w in words if not w.isalpha() and _DIGIT.search(w))


def sequence_match(first: Iterable[str], second: Iterable[str]) -> tuple[float, int]:
    """How much of two word sequences matches in order: (difflib's ratio, 0 to 1; words matched).

    Example:
        >>> sequence_match(["russia", "veto", "draft"], ["=rus", "veto", "draft"])
        (0.6666666666666666, 2)
    """
    first_words, second_words = list(first), list(second)
    ratio = difflib.SequenceMatcher(a=first_words, b=second_words, autojunk=False).ratio()
    return ratio, round(ratio * (len(first_words) + len(second_words)) / 2)


def sequence_similarity(first: Iterable[str], second: Iterable[str]) -> float:
    """difflib's ratio of two word sequences (the first half of `sequence_match`)."""
    return sequence_match(first, second)[0]


def greedy_matched_words(first: Sequence[str], second: Sequence[str], position: dict[str, int]) -> int:
    """The words difflib's `SequenceMatcher(a=first, b=second, autojunk=False)` matches, for a `second` that
    holds no word twice (`position`: each of its words' index).

    difflib takes the longest run of words in the same order in both (the first to end, of equal runs), then
    does the same on each side of it. With each word of `second` at one place, a word of `first` matches at
    most one place, so the runs are read off one list of places in a loop over `first` per side: the same
    blocks as difflib's dictionaries of run lengths, in a fifth of the time.

    Example:
        >>> first, second = ("a", "x", "b", "c", "d"), ("b", "c", "d", "a")
        >>> greedy_matched_words(first, second, {w: i for i, w in enumerate(second)})
        3
    """
    places = [position.get(word, -1) for word in first]
    matched = 0
    sides = [(0, len(first), 0, len(second))]
    while sides:
        alo, ahi, blo, bhi = sides.pop()
        best_i = best_j = best_size = 0
        last, size = -2, 0  # the place of the previous word of `first` in range (-2: none), its run's length
        for i in range(alo, ahi):
            j = places[i]
            if j < blo or j >= bhi:
                last = -2
                continue
            size = size + 1 if j == last + 1 else 1
            last = j
            if size > best_size:
                best_i, best_j, best_size = i - size + 1, j - size + 1, size
        if best_size:
            matched += best_size
            if alo < best_i and blo < best_j:
                sides.append((alo, best_i, blo, best_j))
            if best_i + best_size < ahi and best_j + best_size < bhi:
                sides.append((best_i + best_size, ahi, best_j + best_size, bhi))
    return matched


class PairChecks:
    """Facts about each word sequence and text that the candidate checks of one batch reuse."""

    def __init__(self) -> None:
        self.words: dict[tuple[str, ...], tuple[frozenset[str], Counter[str] | None]] = {}
        self.figures: dict[tuple[str, ...], frozenset[str]] = {}
        self.surface: dict[str, frozenset[str]] = {}
        self.names: dict[str, frozenset[str]] = {}
        self.skeletons: dict[str, tuple[str, ...]] = {}
        self.matchers: dict[tuple[str, ...], difflib.SequenceMatcher[str]] = {}
        self.positions: dict[tuple[str, ...], dict[str, int]] = {}

    def sequence_match(self, first: tuple[str, ...], second: tuple[str, ...]) -> tuple[float, int]:
        """`sequence_match`, with difflib's index of `second` built once: an earlier sentence copied into
        several new articles is the second side of each of their pairs."""
        if first == second:
            # One block of every word: difflib's ratio is exactly 1.0 (a tenth of the synthetic corpus's pairs).
            return 1.0, len(first)
        if self._distinct(second)[1] is None:  # no word of `second` repeated: difflib's blocks found directly
            ratio = 2.0 * greedy_matched_words(first, second, self._positions_of(second)) / (len(first) + len(second))
        else:
            matcher = self.matchers.get(second)
            if matcher is None:
                if len(self.matchers) >= MAX_CACHED_MATCHERS:
                    self.matchers.clear()
                matcher = self.matchers[second] = difflib.SequenceMatcher(b=second, autojunk=False)
            matcher.set_seq1(first)
            ratio = matcher.ratio()
        return ratio, round(ratio * (len(first) + len(second)) / 2)

    def _positions_of(self, words: tuple[str, ...]) -> dict[str, int]:
        found = self.positions.get(words)
        if found is None:
            if len(self.positions) >= MAX_CACHED_MATCHERS:
                self.positions.clear()
            found = self.positions[words] = {word: at for at, word in enumerate(words)}
        return found

    def ratio_bound(self, first: tuple[str, ...], second: tuple[str, ...]) -> float:
        """An upper bound of `sequence_match`'s ratio: difflib's quick_ratio, words shared in any order.

        The ratio counts words matched in order, so it never exceeds the share
        of words the two sequences have in common.
        """
        return ratio_bound_of(self.shared_words(first, second), first, second)

    def shared_words(self, first: tuple[str, ...], second: tuple[str, ...]) -> int:
        """Words the two sequences have in common, in any order, each counted as often as both hold it."""
        distinct, counts = self._distinct(first)
        other_distinct, other_counts = self._distinct(second)
        if counts is None and other_counts is None:  # the common case: no word repeated
            return len(distinct & other_distinct)
        mine, theirs = counts or Counter(first), other_counts or Counter(second)
        return sum(min(n, theirs[word]) for word, n in mine.items() if word in theirs)

    def skeleton_bound(self, text: str, other_text: str) -> tuple[float, float]:
        """Upper bounds of `skeleton_match`'s (ratio, share of the shorter side matched), from the words as
        written that the two texts share in any order."""
        mine, theirs = self.skeleton_of(text), self.skeleton_of(other_text)
        shared = self.shared_words(mine, theirs)
        total, shorter = len(mine) + len(theirs), min(len(mine), len(theirs))
        return (2.0 * shared / total if total else 1.0), (shared / shorter if shorter else 0.0)

    def _distinct(self, words: tuple[str, ...]) -> tuple[frozenset[str], Counter[str] | None]:
        found = self.words.get(words)
        if found is None:
            distinct = frozenset(words)
            found = self.words[words] = (distinct, None if len(distinct) == len(words) else Counter(words))
        return found

    def figures_of(self, words: tuple[str, ...]) -> frozenset[str]:
        found = self.figures.get(words)
        if found is None:
            found = self.figures[words] = numbers_in(words)
        return found

    def names_kept(self, text: str, other_text: str) -> bool:
        """Whether the names of one sentence (capitalised words after the first) are all in the other.

        Rewriters keep names; a template filled with another name ("Sanders needs 836 delegates" /
        "Clinton needs ...") or a sentence about other people is not a rewording. The side with fewer
        names is checked against the other's words, so a split or merged sentence passes.
        """
        mine, theirs = self.names_of(text), self.names_of(other_text)
        fewer, more = (mine, other_text) if len(mine) <= len(theirs) else (theirs, text)
        return fewer <= self.surface_of(more)

    def names_of(self, text: str) -> frozenset[str]:
        found = self.names.get(text)
        if found is None:
            words = written_words(text)
            found = self.names[text] = frozenset(w.casefold() for w in words[1:] if w[:1].isupper())
        return found

    def skeleton_match(self, text: str, other_text: str) -> tuple[float, float]:
        """(difflib ratio, share of the shorter side matched) of the two texts' words as written, in order.

        Function words count here: a spinner keeps a sentence's skeleton ("They _ in a _ where they _
        that peace is a _ _") when it swaps every content word.
        """
        mine, theirs = self.skeleton_of(text), self.skeleton_of(other_text)
        ratio, matched = self.sequence_match(mine, theirs)
        shorter = min(len(mine), len(theirs))
        return ratio, matched / shorter if shorter else 0.0

    def skeleton_of(self, text: str) -> tuple[str, ...]:
        found = self.skeletons.get(text)
        if found is None:
            found = self.skeletons[text] = tuple(surface_words(text))
        return found

    def surface_of(self, text: str) -> frozenset[str]:
        found = self.surface.get(text)
        if found is None:
            found = self.surface[text] = frozenset(surface_words(text))
        return found


def ratio_bound_of(shared: int, first: tuple[str, ...], second: tuple[str, ...]) -> float:
    """`PairChecks.ratio_bound` of two word sequences that share `shared` words in any order."""
    total = len(first) + len(second)
    return 2.0 * shared / total if total else 1.0


# ---------------------------------------------------------------- kinds


def classify_sentence_link(earlier: str, later: str, options: LinkOptions) -> tuple[str, dict[str, Any]]:
    """Kind of a verified sentence link, judged on the words as written, and the words that changed.

    Example:
        >>> classify_sentence_link("Russia vetoed the draft.", "Russian Federation vetoed the draft.", LinkOptions())
        ('rewording', {'surface_similarity': 0.5, 'changes': [['Russia', 'Russian Federation']]})
    """
    if earlier == later:  # the same words as written, without splitting either
        return "exact", {"surface_similarity": 1.0, "changes": []}
    first = written_words(earlier)
    second = written_words(later)
    # The same words case-folded, each in one pass (`surface_words` is `written_words` case-folded).
    first_folded, second_folded = surface_words(earlier), surface_words(later)
    if first_folded == second_folded:
        return "exact", {"surface_similarity": 1.0, "changes": []}
    surface = jaccard(first_folded, second_folded)
    kind = "near_duplicate" if surface >= options.near_duplicate_surface else "rewording"
    changes = word_changes(first, second, first_folded, second_folded)
    return kind, {"surface_similarity": round(surface, 4), "changes": changes}


def word_changes(
    first: list[str], second: list[str], first_folded: list[str], second_folded: list[str], limit: int = 12
) -> list[list[str]]:
    """[words before, words after] for each stretch that differs between two word lists."""
    if len(first) == len(second):
        # Word-for-word swaps (the common spinner edit) need no alignment.
        swaps = [[a, b] for a, b, fa, fb in zip(first, second, first_folded, second_folded, strict=True) if fa != fb]
        if len(swaps) <= len(first) // 2:
            return swaps[:limit]
    matcher = difflib.SequenceMatcher(a=first_folded, b=second_folded, autojunk=False)
    changes = [
        [" ".join(first[i1:i2]), " ".join(second[j1:j2])]
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return changes[:limit]


def sentence_key(article_id: str, start: int, end: int) -> str:
    """The id of a sentence in links: '<article id>:<start>-<end>'."""
    return f"{article_id}:{start}-{end}"
