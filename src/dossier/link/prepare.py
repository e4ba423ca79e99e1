"""The per-article half of linking a batch: sentences, normalised words, MinHash, sentence vectors, band keys.

None of it reads the link state: a batch's `PreparedBatch` depends on its
articles' texts and the seq its first article gets, nothing else. So while
the linker compares one batch with everything before it (`linker._LinkRun`),
a worker process can prepare the next (`prepared_batches`): the two halves
of the stage run on two cores. The worker computes with the same functions
and data as the linker's own process, so the links are the same either way.
That includes what the batch finds in itself: each sentence's lexical
candidates among its earlier sentences (`batch_pairs`) and, when candidates by
meaning come from SimHash buckets (`LinkOptions.meaning_candidates_from`), its
nearest by meaning among them (`batch_nearest`).

The work is done a batch at a time, not a sentence at a time: words, word
pieces and hashes are looked up in C loops (`map` over all tokens, new ones
found by one set difference), MinHash signs all sentences in cache-sized
chunks, and an article's MinHash is the least of its sentences'.
"""

from __future__ import annotations

import itertools
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

import numpy as np

from dossier.embed import embed_sentences, without_common_direction
from dossier.link.compare import LinkSentence, Pairs, likely_pairs_of, sketches, unique_pairs
from dossier.link.index import (
    NO_KEY,
    BatchPartners,
    MeaningHasher,
    Signer,
    band_keys,
    candidate_keys,
    differing_bits_taken,
    lsh_bands,
    most_differing_bits,
    self_pairs,
    sketch_columns,
    smallest_distinct_keys,
)
from dossier.link.keys import SentenceKeys, keys_of, occurrence_keys
from dossier.link.options import LinkOptions
from dossier.link.text import LinkVocabulary, load_vocabulary, normalised_words_of, split_sentences, surface_words

# Dimensions of the shipped sentence vectors (dossier.embed).
EMBED_DIMS = 256
# `LinkOptions.meaning_candidates_from`: candidates by meaning from the sentences of related articles.
RELATED_ARTICLES = "related_articles"
# Batches the worker may have prepared or queued beyond the one being linked: two, so that it starts the
# next as soon as it is done with one (with one, it waited for the linker to ask whenever it was ahead).
WORKER_AHEAD = 2
# A batch's articles: (article id, text, published).
ArticleRow = tuple[str, str, str | None]


# New sentences whose candidates by meaning are gathered at a time (each has up to bands x cap of them): 256
# rows of 512 keep each work array near 1 MB, in the CPU's cache (2,048 took a fifth longer in `batch_nearest`).
MEANING_ROWS_AT_ONCE = 256


class Meaning(NamedTuple):
    """A batch's sentence vectors, the same without their common direction, SimHash sketches, bucket numbers,
    and each sentence's nearest earlier sentences of the batch by meaning (`batch_nearest`); the last three
    with no columns when candidates by meaning come from related articles."""

    vectors: np.ndarray
    centred: np.ndarray
    sketches: np.ndarray
    buckets: np.ndarray
    batch_nearest: np.ndarray


class PreparedBatch(NamedTuple):
    """A batch of articles ready to be linked: what `BatchPreparer` computes from their texts alone."""

    rows: list[ArticleRow]
    first_seq: int  # the seq of the first article; the others follow in order
    sentences: list[LinkSentence]
    signatures: np.ndarray  # MinHash of each sentence's words
    keys: np.ndarray  # the sentences' LSH band keys
    meaning: Meaning | None
    word_keys: SentenceKeys  # each sentence's words and skeleton as keys, for the verification pre-check
    batch_pairs: Pairs  # (row, earlier row) of the batch's own lexical candidates (`batch_pairs`)
    nonempty: list[int]  # the articles (by position) with any words
    article_signatures: np.ndarray  # MinHash of each of those articles' whole word set
    story_keys: np.ndarray  # their LSH band keys for stories

    @property
    def seqs(self) -> list[int]:
        return list(range(self.first_seq, self.first_seq + len(self.rows)))


def split_batch(
    rows: list[ArticleRow], seqs: list[int], vocabulary: LinkVocabulary, options: LinkOptions
) -> tuple[list[LinkSentence], list[tuple[int, tuple[str, ...]]]]:
    """The sentences worth linking of a batch of articles; and (article position, normalised words) of the
    other sentences with words (too few to link), which still count in their article's word set."""
    splits = [split_sentences(text, vocabulary) for _, text, _published in rows]
    words = iter(normalised_words_of([split.text for found in splits for split in found], vocabulary))
    sentences: list[LinkSentence] = []
    too_short: list[tuple[int, tuple[str, ...]]] = []
    for position, (seq, found) in enumerate(zip(seqs, splits, strict=True)):
        for split in found:
            sentence_words = next(words)
            if len(set(sentence_words)) >= options.min_words:
                sentences.append(LinkSentence(seq, split.start, split.end, split.text, sentence_words))
            elif sentence_words:
                too_short.append((position, sentence_words))
    return sentences, too_short


def article_signatures(signatures: np.ndarray, owners: np.ndarray, num_perm: int) -> tuple[list[int], np.ndarray]:
    """(the articles with any words, by position; the MinHash of each one's whole word set), from the MinHash
    of its sentences (`owners`: each signature's article): the least of each permutation over an article's
    words is the least over its sentences' least ones, so the article's words need not be hashed again.

    Example:
        >>> signatures = np.array([[5, 1], [2, 7], [4, 4]], dtype=np.uint32)
        >>> articles, found = article_signatures(signatures, np.array([3, 0, 3]), 2)
        >>> articles, found.tolist()
        ([0, 3], [[2, 7], [4, 1]])
    """
    if not len(owners):
        return [], np.empty((0, num_perm), dtype=np.uint32)
    order = np.argsort(owners, kind="stable")
    ordered = owners[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return ordered[starts].tolist(), np.minimum.reduceat(signatures[order], starts, axis=0)


class BatchPreparer:
    """Prepares batches of articles for the linker: one per process, holding the vocabulary, the MinHash
    permutations and the SimHash hyperplanes."""

    def __init__(self, options: LinkOptions, vocabulary: LinkVocabulary | None = None) -> None:
        self.options = options
        self.vocabulary = vocabulary or load_vocabulary()
        self.signer = Signer(options.num_perm)
        self.hasher = MeaningHasher(EMBED_DIMS, options.meaning_bands, options.meaning_rows)
        self.sentence_bands = lsh_bands(options.candidate_threshold, options.num_perm)
        self.story_bands = lsh_bands(options.story_threshold, options.num_perm)

    def __call__(self, rows: list[ArticleRow], first_seq: int) -> PreparedBatch:
        seqs = list(range(first_seq, first_seq + len(rows)))
        sentences, too_short = split_batch(rows, seqs, self.vocabulary, self.options)
        words = [s.words for s in sentences]
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        hashes = self.signer.hashes.of(words)  # hashed once: for the MinHash and for the keys
        signatures = self.signer.signatures_of(hashes, lengths)
        skeletons = [surface_words(s.text) for s in sentences]  # `PairChecks.skeleton_of`
        word_keys = SentenceKeys(occurrence_keys(hashes, lengths), keys_of(skeletons, self.signer.hashes))
        meaning = self.meaning(sentences) if self.options.semantic else None
        owners = np.fromiter(
            itertools.chain((s.article - first_seq for s in sentences), (position for position, _ in too_short)),
            dtype=np.int64,
            count=len(sentences) + len(too_short),
        )
        nonempty, signatures_of_articles = article_signatures(
            np.concatenate([signatures, self.signer.signatures([words for _, words in too_short])]),
            owners,
            self.options.num_perm,
        )
        keys = band_keys(signatures, *self.sentence_bands)
        return PreparedBatch(
            rows,
            first_seq,
            sentences,
            signatures,
            keys,
            meaning,
            word_keys,
            batch_pairs(sentences, signatures, keys, self.options),
            nonempty,
            signatures_of_articles,
            band_keys(signatures_of_articles, *self.story_bands),
        )

    def meaning(self, sentences: list[LinkSentence]) -> Meaning:
        vectors = embed_sentences([s.text for s in sentences])
        # Hashed without the direction every sentence shares, or most would fall in a few buckets.
        centred = without_common_direction(vectors)
        if self.options.meaning_candidates_from == RELATED_ARTICLES:
            # Candidates come from related articles (`link.related`): no sketches, buckets or batch nearest.
            none = np.zeros((len(sentences), 0), dtype=np.uint8)
            return Meaning(vectors, centred, none, none.astype(np.int64), none.astype(np.uint64))
        packed = self.hasher.sketches(centred)
        buckets = self.hasher.bucket_numbers(packed)
        article = np.fromiter((s.article for s in sentences), dtype=np.int64, count=len(sentences))
        nearest = batch_nearest(packed, buckets, article, self.options, self.hasher.bits)
        return Meaning(vectors, centred, packed, buckets, nearest)


def batch_pairs(sentences: list[LinkSentence], signatures: np.ndarray, keys: np.ndarray, options: LinkOptions) -> Pairs:
    """(row, earlier row) of sentences of the batch, in other articles, that share a band bucket and whose
    MinHash sketches estimate Jaccard high enough: the batch's own lexical candidates, found from its texts
    alone (the linker adds the batch's first sid to the earlier rows).

    Example:
        >>> words = ("senat", "approve", "budget", "bill", "tuesday")
        >>> sentences = [LinkSentence(article, 0, 9, "", words) for article in (0, 0, 1)]
        >>> signatures = Signer(64).signatures([words] * 3)
        >>> [part.tolist() for part in batch_pairs(sentences, signatures, band_keys(signatures, 21, 3), LinkOptions())]
        [[2, 2], [0, 1]]
    """
    rows, others = unique_pairs(*self_pairs(keys, np.arange(len(keys), dtype=np.uint32), options.bucket_cap))
    if not len(rows):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    article = np.fromiter((s.article for s in sentences), dtype=np.int64, count=len(sentences))
    other_articles = article[rows] != article[others]
    rows, others = rows[other_articles], others[other_articles]
    sketched = sketches(signatures)
    return likely_pairs_of(rows, others, sketched, sketched, others, options.candidate_threshold)


def batch_nearest(
    sketches: np.ndarray, buckets: np.ndarray, article: np.ndarray, options: LinkOptions, bits: int
) -> np.ndarray:
    """(n, meaning_candidates_per_sentence) candidate keys (`index.candidate_keys`, with batch rows for ids):
    each sentence's nearest earlier sentences of the batch, of other articles, among the `meaning_bucket_cap`
    latest sharing each of its meaning buckets.

    Laid out in fixed-width rows (`BatchPartners`), a slice of rows at a time: gathered and compared
    without sorting the pairs (sorting tens of millions of them was most of the linker's meaning step).
    """
    keep = options.meaning_candidates_per_sentence
    found = np.full((len(sketches), keep), NO_KEY, dtype=np.uint64)
    partners = BatchPartners(buckets, options.meaning_bucket_cap)
    most_differing = most_differing_bits(options.meaning_candidate, bits)
    columns = sketch_columns(sketches)
    # Sentences come article by article (as `split_batch` gives them): a partner, always an earlier row, is of
    # another article exactly when it lies before the row's article's first, so no gather of articles is needed.
    in_order = bool(np.all(article[1:] >= article[:-1]))
    first_of_article = np.searchsorted(article, article, side="left") if in_order else None
    for start in range(0, len(sketches), MEANING_ROWS_AT_ONCE):
        end = min(start + MEANING_ROWS_AT_ONCE, len(sketches))
        rows = partners.of_rows(start, end)
        if first_of_article is not None:
            unusable = rows >= first_of_article[start:end, None]  # a partner of the same article, or none (-1)
            unusable |= rows < 0
        else:
            unusable = (rows < 0) | (np.take(article, np.maximum(rows, 0)) == article[start:end, None])
        rows[unusable] = 0
        differing = differing_bits_taken([column[start:end] for column in columns], columns, rows)
        differing[unusable] = np.iinfo(differing.dtype).max  # more than any sketch has bits: no key
        found[start:end] = smallest_distinct_keys(candidate_keys(differing, rows, most_differing), keep)
    return found


def prepared_batches(
    batches: Iterable[list[ArticleRow]], first_seq: int, preparer: BatchPreparer, in_worker: bool
) -> Iterator[PreparedBatch]:
    """Each batch prepared, in order; with `in_worker`, by a worker process up to `WORKER_AHEAD` batches
    ahead of the caller.

    The worker is started for the second batch (a single batch has nothing to overlap with) and stopped when
    the caller is done; it never touches the caller's database.
    """
    iterator = iter(batches)
    first = next(iterator, None)
    if first is None:
        return
    second = next(iterator, None) if in_worker else None
    if second is None:
        yield preparer(first, first_seq)
        for rows in iterator:
            first_seq += len(first)
            first = rows
            yield preparer(first, first_seq)
        return
    # Forked when this process runs one thread (quick to start, nothing imported again); spawned otherwise,
    # since a fork copies locks other threads may hold.
    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker, initargs=(preparer.options,)) as pool:
        pending: deque[Future[PackedBatch]] = deque([pool.submit(_prepare_in_worker, second, first_seq + len(first))])
        next_seq = first_seq + len(first) + len(second)
        yield preparer(first, first_seq)
        for rows in iterator:
            pending.append(pool.submit(_prepare_in_worker, rows, next_seq))
            next_seq += len(rows)
            if len(pending) > WORKER_AHEAD:
                yield unpacked(pending.popleft().result())
        while pending:
            yield unpacked(pending.popleft().result())


# A prepared batch as the worker sends it: without its sentences, and their five fields as columns.
SentenceColumns = tuple[list[int], list[int], list[int], list[str], list[tuple[str, ...]]]
PackedBatch = tuple[PreparedBatch, SentenceColumns]


def packed(batch: PreparedBatch) -> PackedBatch:
    """The batch with its sentences as columns: pickled and read back in half the time of one object each
    (10,000 sentences: 63 -> 20 ms, most of it in the linker's process, plus 10 ms to make the objects again).

    Example:
        >>> sentence = LinkSentence(4, 0, 9, "Vote now.", ("vote", "now"))
        >>> no_pairs = (np.zeros(0), np.zeros(0))
        >>> batch = PreparedBatch([], 4, [sentence], *[np.zeros(0)] * 3, None, no_pairs, [], np.zeros(0), np.zeros(0))
        >>> unpacked(packed(batch)).sentences == [sentence]
        True
    """
    sentences = batch.sentences
    columns = (
        [s.article for s in sentences],
        [s.start for s in sentences],
        [s.end for s in sentences],
        [s.text for s in sentences],
        [s.words for s in sentences],
    )
    return batch._replace(sentences=[]), columns


def unpacked(batch: PackedBatch) -> PreparedBatch:
    """The `PreparedBatch` that `packed` packed."""
    without, columns = batch
    return without._replace(sentences=[LinkSentence(*fields) for fields in zip(*columns, strict=True)])


_worker_preparer: BatchPreparer | None = None


def _start_worker(options: LinkOptions) -> None:
    global _worker_preparer
    _worker_preparer = BatchPreparer(options)


def _prepare_in_worker(rows: list[ArticleRow], first_seq: int) -> PackedBatch:
    assert _worker_preparer is not None, "the worker starts with _start_worker"
    return packed(_worker_preparer(rows, first_seq))
