"""Candidates by meaning among the sentences of related articles (`LinkOptions.meaning_candidates_from`).

A content farm rewrites an article, not a sentence: its spinner swaps most
content words of every sentence, but some sentences keep enough words to be
lexical candidates of their source (on the hard rewrites of
bench/rewrite_corpus.py the lexical linker alone links 62% of them back), and
the rewritten article keeps its source's names and figures (its whole word
set shares 0.44 or more with the source's, against at most 0.22 for
unrelated pairs of the corpus). So the sentences a rewrite by meaning can
come from are, in practice, the sentences of the articles its own sentences
are lexical candidates of. Comparing a new sentence with those (exact
cosines of a few dozen vectors an article) replaces the SimHash sketches,
their buckets, the batch's nearest by meaning and the newest-per-bucket
table: each sentence met 2 x 512 bucket members before, most of them
unrelated sentences that only share a bucket.

The price: a sentence reworded into an article that shares no lexical
candidate with the source's article (a single spun paragraph inside an
otherwise new report) is not found by meaning.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dossier.link.compare import Pairs

_NO_PAIRS: Pairs = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))


def related_article_pairs(lexical: Pairs, row_articles: np.ndarray, sid_articles: np.ndarray) -> Pairs:
    """(new article, earlier article) seqs, distinct and sorted, of every lexical candidate pair (row, sid)
    whose two sentences lie in different articles; `sid_articles`: the article of each pair's sid.

    Example:
        >>> rows, sids = np.array([0, 0, 1, 2]), np.array([5, 6, 7, 5])
        >>> found = related_article_pairs((rows, sids), np.array([9, 9, 10]), np.array([3, 3, 4, 3]))
        >>> [part.tolist() for part in found]
        [[9, 9, 10], [3, 4, 3]]
    """
    rows, _ = lexical
    new = row_articles[rows].astype(np.int64)
    earlier = sid_articles.astype(np.int64)
    keep = new != earlier
    joined = np.unique((new[keep] << 32) | earlier[keep])
    return joined >> 32, joined & 0xFFFFFFFF


def related_meaning_candidates(
    related: Pairs,
    row_articles: np.ndarray,
    first_sid: int,
    sentence_range: Callable[[int], tuple[int, int]],
    centred_of: Callable[[np.ndarray], np.ndarray],
    batch_centred: np.ndarray,
    keep: int,
    floor: float,
) -> Pairs:
    """(row, sid) of each new sentence's `keep` nearest earlier sentences by meaning (centred cosine at least
    `floor`, the highest first, then the lowest sid) among the sentences of its article's `related` articles.

    `row_articles`: each batch row's article (rows come article by article); `sentence_range(seq)`: the sids
    [first, end) of an earlier article; `centred_of(sids)`: the centred vectors of the stored `sids`, a row
    each; the batch's own rows (sids from `first_sid`) use `batch_centred`.

    Example:
        >>> centred = np.array([[1, 0], [0, 1], [0.8, 0.6]], dtype=np.float32)
        >>> found = related_meaning_candidates(
        ...     (np.array([2]), np.array([1])), np.array([1, 1, 2]), 10, lambda seq: (10, 12),
        ...     lambda sids: np.zeros((len(sids), 2), np.float32), centred, 4, 0.5)
        >>> [part.tolist() for part in found]
        [[2, 2], [10, 11]]
    """
    new_articles, earlier_articles = related
    if not len(new_articles):
        return _NO_PAIRS
    candidates, vector_rows, table, ends = _candidate_table(
        earlier_articles, first_sid, sentence_range, centred_of, batch_centred
    )
    row_first = np.searchsorted(row_articles, new_articles, side="left").tolist()
    row_end = np.searchsorted(row_articles, new_articles, side="right").tolist()
    found_rows: list[np.ndarray] = []
    found_sids: list[np.ndarray] = []
    # The related articles of one new article lie side by side (the pairs are sorted by new article), and so
    # do their sentences in `candidates`: one slice of it per new article.
    bounds = np.flatnonzero(np.r_[True, new_articles[1:] != new_articles[:-1], True]).tolist()
    ends = ends.tolist()
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        first_row, end_row = row_first[start], row_end[start]
        first, last = ends[start - 1] if start else 0, ends[end - 1]
        if first_row == end_row or first == last:
            continue
        # einsum, not BLAS: OpenBLAS spreads a product this size over its threads, which spin waiting for each
        # other; on a shared machine of two cores that cost ten times the CPU (the PolNeAR training texts'
        # related articles: 2.8 s against 0.6), and each pair's cosine is then summed alike whatever the block.
        cosines = np.einsum("ij,kj->ik", batch_centred[first_row:end_row], table[vector_rows[first:last]])
        rows, picked = _nearest(cosines, candidates[first:last], keep, floor)
        found_rows.append(rows + first_row)
        found_sids.append(picked)
    if not found_rows:
        return _NO_PAIRS
    return np.concatenate(found_rows), np.concatenate(found_sids)


def _candidate_table(
    earlier_articles: np.ndarray,
    first_sid: int,
    sentence_range: Callable[[int], tuple[int, int]],
    centred_of: Callable[[np.ndarray], np.ndarray],
    batch_centred: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(the sids of every related article's sentences, pair after pair; each one's row of the table; the table:
    the stored sentences' centred vectors, then the batch's; where each pair's sids end).

    Found for the whole batch at once: a pair's sids are one range, ascending, stored before the batch's."""
    ranges = np.array([sentence_range(seq) for seq in earlier_articles.tolist()], dtype=np.int64).reshape(-1, 2)
    lengths = ranges[:, 1] - ranges[:, 0]
    offsets = np.cumsum(lengths) - lengths
    sids = np.repeat(ranges[:, 0] - offsets, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
    in_batch = sids >= first_sid
    stored = np.unique(sids[~in_batch])
    vector_rows = np.where(in_batch, len(stored) + sids - first_sid, np.searchsorted(stored, sids))
    table = np.concatenate([centred_of(stored), batch_centred]) if len(stored) else batch_centred
    return sids, vector_rows, table, np.cumsum(lengths)


def _nearest(cosines: np.ndarray, candidates: np.ndarray, keep: int, floor: float) -> Pairs:
    """(row, candidate) of each row's `keep` highest cosines from `floor`, ties to the lowest candidate
    (`candidates` ascending), in no particular order.

    Example:
        >>> cosines = np.array([[0.5, 0.9, 0.5, 0.7], [0.1, 0.2, 0.3, 0.95]])
        >>> rows, picked = _nearest(cosines, np.array([3, 4, 5, 6]), 3, 0.4)
        >>> rows.tolist(), picked.tolist()
        ([0, 0, 0, 1], [3, 4, 6, 6])
    """
    if cosines.shape[1] > keep:
        # The keep-th highest of each row; above it all are kept, at it the first (lowest candidates) that fit.
        kth = -np.partition(-cosines, keep - 1, axis=1)[:, keep - 1 : keep]
        above = cosines > kth
        at = cosines == kth
        room = keep - np.count_nonzero(above, axis=1, keepdims=True)
        chosen = above | (at & (np.cumsum(at, axis=1) <= room))
        chosen &= cosines >= floor
    else:
        chosen = cosines >= floor
    rows, columns = np.nonzero(chosen)
    return rows.astype(np.int64), candidates[columns].astype(np.int64)
