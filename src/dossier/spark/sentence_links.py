"""Sentence links at cluster scale: the link stage's MinHash signatures, band-joined in Spark.

The local link stage (`dossier.link.linker`) keeps an LSH band index in SQLite and
compares each new sentence with the sentences indexed before it. A cluster
has no "before": here every sentence is signed with the same `Signer`, the
same bands (`lsh_bands` of the candidate threshold) and the same word
normalisation (`link_text`), each band bucket becomes a group in a shuffle
(the band-join), and candidates pass the same two checks: estimated Jaccard
of the signatures, then word-sequence similarity. "Earlier" is the order of
first appearance the local stage uses for its links: dated before undated,
then by date (then by article id, where the local stage uses ingest order).
Each sentence keeps its best earlier match; the earliest sentence of each
tree of matches is their `first_seen`, found by pointer jumping.

Records have the shape of `dossier export links` for sentence links
(`detail.level == "sentence"`). Near-duplicate articles and story clusters
are computed locally only (docs/scale.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from dossier.link.index import Signer, band_keys, lsh_bands
from dossier.link.linker import LinkOptions, classify_sentence_link, sentence_key, sequence_similarity
from dossier.link.text import load_vocabulary, normalised_words, split_sentences
from dossier.records import Article, Link

if TYPE_CHECKING:
    from pyspark import RDD

# Pointer-jumping rounds when finding first appearances: each round halves
# every path, so 32 rounds cover trees deeper than any corpus has.
MAX_JUMPS = 32

# A sentence: ((article id, start, end), order, text, normalised words, signature bytes)
SentenceRow = tuple[tuple[str, int, int], tuple[bool, str, str], str, tuple[str, ...], bytes]


def sentence_links(articles: RDD, options: LinkOptions | None = None, partitions: int | None = None) -> RDD:
    """Link records (dicts) between near-duplicate and reworded sentences of the articles.

    Example:
        >>> links = sentence_links(sc.parallelize(articles), LinkOptions())
        >>> links.first()["kind"]
        'rewording'
    """
    options = options or LinkOptions()
    partitions = partitions or articles.getNumPartitions()
    sentences = articles.mapPartitions(partial(signed_sentences, options=options)).persist()
    by_id = sentences.map(lambda row: (row[0], row))
    candidates = (
        sentences.flatMap(partial(_band_entries, bands=lsh_bands(options.candidate_threshold, options.num_perm)))
        .groupByKey(partitions)
        .flatMap(partial(_bucket_pairs, cap=options.bucket_cap))
        .distinct(partitions)
    )
    pairs = (
        candidates.join(by_id, partitions).map(lambda item: (item[1][0], item[1][1])).join(by_id, partitions).values()
    )
    best = pairs.flatMap(partial(_verified, options=options)).reduceByKey(_better_match, partitions).persist()
    roots = first_appearances(best.mapValues(lambda match: match[1][0]), partitions)
    links = best.leftOuterJoin(roots, partitions).map(partial(_link_record, options=options))
    return links


def signed_sentences(articles: Iterable[Article], options: LinkOptions) -> Iterator[SentenceRow]:
    """The linkable sentences of a partition's articles, each with its MinHash signature."""
    vocabulary = load_vocabulary()
    rows: list[tuple[tuple[str, int, int], tuple[bool, str, str], str, tuple[str, ...]]] = []
    for article in articles:
        order = (article.published is None, article.published or "", article.id)
        for sentence in split_sentences(article.text, vocabulary):
            words = tuple(normalised_words(sentence.text, vocabulary))
            if len(set(words)) >= options.min_words:
                rows.append(((article.id, sentence.start, sentence.end), order, sentence.text, words))
    signatures = Signer(options.num_perm).signatures([row[3] for row in rows])
    for row, signature in zip(rows, signatures, strict=True):
        yield (*row, signature.tobytes())


def _band_entries(row: SentenceRow, bands: tuple[int, int]) -> Iterator[tuple[int, tuple[Any, Any]]]:
    signature = np.frombuffer(row[4], dtype=np.uint32)[None, :]
    for key in band_keys(signature, *bands)[0].tolist():
        yield key, (row[1], row[0])


def _bucket_pairs(bucket: tuple[int, Iterable[tuple[Any, Any]]], cap: int) -> Iterator[tuple[Any, Any]]:
    """(later sid, earlier sid) for sentences sharing a bucket; each meets at most `cap` earliest ones."""
    members = sorted(bucket[1])
    for position, (_, later) in enumerate(members):
        for _, earlier in members[: min(position, cap)]:
            if earlier[0] != later[0]:  # sentences of one article are not linked to each other
                yield later, earlier


def _verified(pair: tuple[SentenceRow, SentenceRow], options: LinkOptions) -> Iterator[tuple[Any, Any]]:
    """(later sid, (similarity, earlier row)) when the pair passes both of the link stage's checks."""
    later, earlier = pair
    agree = np.count_nonzero(np.frombuffer(later[4], dtype=np.uint32) == np.frombuffer(earlier[4], dtype=np.uint32))
    if agree / options.num_perm < options.candidate_threshold:
        return
    similarity = sequence_similarity(later[3], earlier[3])
    if similarity >= options.sentence_threshold:
        yield later[0], (round(similarity, 4), earlier[:3], later[:3])


def _better_match(first: Any, second: Any) -> Any:
    """The more similar earlier sentence; on a tie, the earlier one."""
    return first if (-first[0], first[1][1], first[1][0]) <= (-second[0], second[1][1], second[1][0]) else second


def first_appearances(parents: RDD, partitions: int) -> RDD:
    """sid -> root sid of its tree of matches, by pointer jumping over (sid, parent sid) pairs."""
    current = parents.persist()
    for _ in range(MAX_JUMPS):
        # (sid, parent) joined with (parent, grandparent): jump to the grandparent where there is one.
        jumped = (
            current.map(lambda edge: (edge[1], edge[0]))
            .leftOuterJoin(current, partitions)
            .map(lambda item: (item[1][0], (item[1][1] or item[0], item[1][1] is not None)))
            .persist()
        )
        moved = jumped.filter(lambda item: item[1][1]).count()
        current.unpersist()
        current = jumped.mapValues(lambda jump: jump[0]).persist()
        if moved == 0:
            break
    return current


def _link_record(item: tuple[Any, Any], options: LinkOptions) -> dict[str, Any]:
    later_id, ((similarity, earlier, later), root) = item
    (a_article, a_start, a_end), _, a_text = earlier
    (b_article, b_start, b_end), _, b_text = later
    kind, found = classify_sentence_link(a_text, b_text, options)
    link = Link(
        kind=kind,  # type: ignore[arg-type]
        a=sentence_key(a_article, a_start, a_end),
        b=sentence_key(b_article, b_start, b_end),
        similarity=similarity,
        first_seen=(root or earlier[0])[0],
        detail={
            "level": "sentence",
            "a_article": a_article,
            "a_start": a_start,
            "a_end": a_end,
            "a_text": a_text,
            "b_article": b_article,
            "b_start": b_start,
            "b_end": b_end,
            "b_text": b_text,
            **found,
        },
    )
    return link.to_dict()
