"""The per-article half of linking a batch: sentences, normalised words, MinHash, sentence vectors, band keys.

None of it reads the link state: a batch's `PreparedBatch` depends on its
articles' texts and the seq its first article gets, nothing else. So while
the linker compares one batch with everything before it (`linker._LinkRun`),
a worker process can prepare the next (`prepared_batches`): the two halves
of the stage run on two cores. The worker computes with the same functions
and data as the linker's own process, so the links are the same either way.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

import numpy as np

from dossier.embed import embed_sentences, without_common_direction
from dossier.link.compare import LinkSentence
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
    sketch_columns,
    smallest_distinct_keys,
)
from dossier.link.keys import SentenceKeys, keys_of, occurrence_keys
from dossier.link.options import LinkOptions
from dossier.link.text import LinkVocabulary, load_vocabulary, normalised_words, split_sentences, surface_words

# Dimensions of the shipped sentence vectors (dossier.embed).
EMBED_DIMS = 256
# A batch's articles: (article id, text, published).
ArticleRow = tuple[str, str, str | None]


# New sentences whose candidates by meaning are gathered at a time (each has up to bands x cap of them).
MEANING_ROWS_AT_ONCE = 2048


class Meaning(NamedTuple):
    """A batch's sentence vectors, the same without their common direction, SimHash sketches, bucket numbers,
    and each sentence's nearest earlier sentences of the batch by meaning (`batch_nearest`)."""

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
    nonempty: list[int]  # the articles (by position) with any words
    article_signatures: np.ndarray  # MinHash of each of those articles' whole word set
    story_keys: np.ndarray  # their LSH band keys for stories

    @property
    def seqs(self) -> list[int]:
        return list(range(self.first_seq, self.first_seq + len(self.rows)))


def split_batch(
    rows: list[ArticleRow], seqs: list[int], vocabulary: LinkVocabulary, options: LinkOptions
) -> tuple[list[LinkSentence], list[set[str]]]:
    """The sentences worth linking of a batch of articles, and each article's whole set of normalised words."""
    sentences: list[LinkSentence] = []
    article_words: list[set[str]] = []
    for seq, (_, text, _published) in zip(seqs, rows, strict=True):
        words_of_article: set[str] = set()
        for split in split_sentences(text, vocabulary):
            words = tuple(normalised_words(split.text, vocabulary))
            words_of_article.update(words)
            if len(set(words)) >= options.min_words:
                sentences.append(LinkSentence(seq, split.start, split.end, split.text, words))
        article_words.append(words_of_article)
    return sentences, article_words


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
        sentences, article_words = split_batch(rows, seqs, self.vocabulary, self.options)
        words = [s.words for s in sentences]
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        hashes = self.signer.hashes.of(words)  # hashed once: for the MinHash and for the keys
        signatures = self.signer.signatures_of(hashes, lengths)
        skeletons = [surface_words(s.text) for s in sentences]  # `PairChecks.skeleton_of`
        word_keys = SentenceKeys(occurrence_keys(hashes, lengths), keys_of(skeletons, self.signer.hashes))
        meaning = self.meaning(sentences) if self.options.semantic else None
        nonempty = [i for i, words in enumerate(article_words) if words]
        article_signatures = self.signer.signatures([sorted(article_words[i]) for i in nonempty])
        return PreparedBatch(
            rows,
            first_seq,
            sentences,
            signatures,
            band_keys(signatures, *self.sentence_bands),
            meaning,
            word_keys,
            nonempty,
            article_signatures,
            band_keys(article_signatures, *self.story_bands),
        )

    def meaning(self, sentences: list[LinkSentence]) -> Meaning:
        vectors = embed_sentences([s.text for s in sentences])
        # Hashed without the direction every sentence shares, or most would fall in a few buckets.
        centred = without_common_direction(vectors)
        packed = self.hasher.sketches(centred)
        buckets = self.hasher.bucket_numbers(packed)
        article = np.fromiter((s.article for s in sentences), dtype=np.int64, count=len(sentences))
        nearest = batch_nearest(packed, buckets, article, self.options, self.hasher.bits)
        return Meaning(vectors, centred, packed, buckets, nearest)


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
    for start in range(0, len(sketches), MEANING_ROWS_AT_ONCE):
        end = min(start + MEANING_ROWS_AT_ONCE, len(sketches))
        rows = partners.of_rows(start, end)
        other = np.maximum(rows, 0)
        usable = (rows >= 0) & (np.take(article, other) != article[start:end, None])
        differing = differing_bits_taken([column[start:end] for column in columns], columns, other)
        keys = np.where(usable, candidate_keys(differing, other, most_differing), NO_KEY)
        found[start:end] = smallest_distinct_keys(keys, keep)
    return found


def prepared_batches(
    batches: Iterable[list[ArticleRow]], first_seq: int, preparer: BatchPreparer, in_worker: bool
) -> Iterator[PreparedBatch]:
    """Each batch prepared, in order; with `in_worker`, by a worker process one batch ahead of the caller.

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
        pending: Future[PreparedBatch] = pool.submit(_prepare_in_worker, second, first_seq + len(first))
        next_seq = first_seq + len(first) + len(second)
        yield preparer(first, first_seq)
        for rows in iterator:
            following = pool.submit(_prepare_in_worker, rows, next_seq)
            next_seq += len(rows)
            yield pending.result()
            pending = following
        yield pending.result()


_worker_preparer: BatchPreparer | None = None


def _start_worker(options: LinkOptions) -> None:
    global _worker_preparer
    _worker_preparer = BatchPreparer(options)


def _prepare_in_worker(rows: list[ArticleRow], first_seq: int) -> PreparedBatch:
    assert _worker_preparer is not None, "the worker starts with _start_worker"
    return _worker_preparer(rows, first_seq)
