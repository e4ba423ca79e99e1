"""Stage `link`: exact, near-duplicate and reworded sentences, first appearance, story clusters.

Linking is incremental. Every article is seen once: its sentences are split
by rule, reduced to normalised word sets (`link.text`), signed with MinHash
and looked up in an LSH band index (`link_index`) kept in the store, so a
new batch is compared with everything before it without recomputing it.
Each sentence that matches an earlier one (verified by `compare`) records
its best earlier match; these edges form trees whose earliest carrier (by
published date, then ingest order) is the sentence's first appearance.
Articles are joined into story clusters (`stories`), kept as union-find
parents, when they share linked sentences or their whole word sets are
similar within a date window.

The state lives in the `link_*` tables that the store's migrations create;
this module reads and writes them only through `dossier.store.link_state`.
`link_articles` brings the state up to date and turns it into `Link`
records (`stored`). See docs/link.md for the record shapes and measured
quality.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dossier.embed import embed_sentences, without_common_direction
from dossier.link.compare import (
    LinkSentence,
    Match,
    Pairs,
    SentenceMeanings,
    best_earlier_matches,
    classify_sentence_link,
    likely_pairs_of,
    numbers_in,
    sentence_key,
    sequence_match,
    sequence_similarity,
    sketches,
    unique_pairs,
    word_changes,
)
from dossier.link.event_merge import same_event_links, update_event_merges
from dossier.link.index import (
    NO_KEY,
    BandIndex,
    NewestPerBucket,
    candidate_keys,
    most_differing_bits,
    self_pairs,
    smallest_distinct_keys,
)
from dossier.link.keys import RecentKeys
from dossier.link.options import STATE_VERSION, LinkOptions
from dossier.link.prepare import (
    EMBED_DIMS,
    MEANING_ROWS_AT_ONCE,
    RELATED_ARTICLES,
    ArticleRow,
    BatchPreparer,
    Meaning,
    PreparedBatch,
    prepared_batches,
)
from dossier.link.related import related_article_pairs, related_meaning_candidates
from dossier.link.stored import stored_link_rows, stored_links
from dossier.link.stories import (
    PublishedDays,
    StoryForest,
    same_story_by_sentences,
    with_room,
    within_story_window,
)
from dossier.link.text import LinkVocabulary, normalised_words
from dossier.link.vectors import RecentRows, RecentVectors
from dossier.records import Article, ArticleAnalysis, Link
from dossier.store import link_state
from dossier.store.database import StagedLinks, Store

__all__ = [
    "STATE_VERSION",
    "LinkOptions",
    "classify_sentence_link",
    "find_links",
    "link_articles",
    "numbers_in",
    "sentence_key",
    "sequence_match",
    "sequence_similarity",
    "stored_link_rows",
    "stored_links",
    "update_links",
    "updated_link_rows",
    "word_changes",
]

# The link_segments level holding the newest sentences of each meaning bucket (`NewestPerBucket`).
MEANING_LEVEL = "meaning_newest"
# Linked sentences whose normalised words a run keeps for later batches (about 300 bytes each).
RECENT_WORDS = 50_000
# MinHash sketches (num_perm bytes) of the sentences linked lately, kept so that a lexical candidate's sketch
# is not read back from the store: 128 MB at 64 bytes, the last ~200,000 articles. Older ones are read.
RECENT_SKETCHES = 2_000_000
# Whole-article MinHash signatures (num_perm uint32) of the articles linked lately, with whether each has one,
# kept so that a story candidate's is not read back from the store: 51 MB at 64 permutations.
RECENT_SIGNATURES = 200_000

# Candidate article pairs whose signatures are compared at a time (16 MB of them).
PAIRS_AT_ONCE = 32_768


def link_articles(
    source: Store | Iterable[Article], options: LinkOptions | None = None, merge_events: bool = True
) -> list[Link]:
    """Links between the stored articles, after linking the ones not linked yet.

    Given a Store, the link state persists in it and only new articles are
    compared; then (unless `merge_events` is False) the stored events of new
    articles are merged into real events (`dossier.link.event_merge`), whose
    `same_event` links come last. Given plain articles, they are linked in a
    throwaway store.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> store = Store.open(":memory:")
        >>> for text, day in [("Russia vetoed the draft resolution on Syria at the Security Council.", "2017-09-05"),
        ...                   ("The Russian Federation vetoed the draft resolution on Syria at the Security Council.",
        ...                    "2017-09-06")]:
        ...     store.save_analysis(ArticleAnalysis(Article.build(text, published=day)))
        >>> sorted(link.kind for link in link_articles(store))
        ['near_duplicate', 'rewording', 'same_story']
        >>> store.close()
    """
    options = options or LinkOptions()
    if isinstance(source, Store):
        update_links(source, options)
        if merge_events:
            # After linking: an undated report joins a merged event only within its story cluster.
            update_event_merges(source)
        return [*stored_links(source, options), *same_event_links(source)]
    with Store.open(":memory:") as scratch:
        for article in source:
            scratch.save_analysis(ArticleAnalysis(article))
        update_links(scratch, options)
        return list(stored_links(scratch, options))


def updated_link_rows(
    store: Store, options: LinkOptions | None = None, merge_events: bool = True
) -> Iterator[Link | StagedLinks]:
    """`link_articles` of a store, for `Store.replace_links`: the stored articles linked and their events
    merged now, then the links streamed (`stored_link_rows`) rather than held in one list.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> store = Store.open(":memory:")
        >>> store.save_analysis(ArticleAnalysis(Article.build("Russia vetoed the draft resolution.")))
        >>> store.replace_links(updated_link_rows(store)), store.counts()["links"]
        (0, 0)
        >>> store.close()
    """
    options = options or LinkOptions()
    # Done before the links are read, not when the stream starts: staging them holds a transaction open.
    update_links(store, options)
    if merge_events:
        update_event_merges(store)
    return itertools.chain(stored_link_rows(store, options), same_event_links(store))


def update_links(store: Store, options: LinkOptions | None = None) -> int:
    """Link the stored articles not linked yet; returns how many were linked.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> store = Store.open(":memory:")
        >>> for text, day in [("Russia vetoed the draft resolution on Syria at the Security Council.", "2017-09-05"),
        ...                   ("The Russian Federation vetoed the draft resolution on Syria at the Security Council.",
        ...                    "2017-09-06")]:
        ...     store.save_analysis(ArticleAnalysis(Article.build(text, published=day)))
        >>> update_links(store), update_links(store)
        (2, 0)
        >>> store.close()
    """
    options = options or LinkOptions()
    connection = store.connection
    with _only_linker(store):
        link_state.prepare_link_state(connection, options.fingerprint())
        run = _LinkRun.open(store, options)
        linked = 0
        batches = link_state.unlinked_article_batches(connection, options.batch_articles)
        for batch in prepared_batches(batches, run.next_seq, run.preparer, options.prepare_in_worker):
            run.link_prepared(batch)
            linked += len(batch.rows)
        return linked


# ====================================================================== one batch


def sentence_rows(
    sentences: list[LinkSentence],
    sids: np.ndarray,
    signatures: np.ndarray,
    matches: dict[int, Match],
    options: LinkOptions,
    meaning_sketches: np.ndarray | None = None,
) -> list[link_state.LinkedSentence]:
    """The rows to store for a batch's sentences: offsets, sketches, and the kind of link to a match.

    A sentence's stored sketch is its b-bit MinHash (`num_perm` bytes), then
    its SimHash bits when linking by meaning.
    """
    sketched = sketches(signatures)
    if meaning_sketches is not None:
        sketched = np.concatenate([sketched, meaning_sketches], axis=1)
    # Each row's sketch sliced from one bytes object, not two `tobytes` and a join a row.
    width = sketched.shape[1]
    blob = np.ascontiguousarray(sketched).tobytes()
    sid_of = sids.tolist()
    found = []
    for row, sentence in enumerate(sentences):
        sketch = blob[row * width : (row + 1) * width]
        match = matches.get(row)
        kind: str | None = None
        detail: str | None = None
        if match is not None:
            kind, changes = classify_sentence_link(match.text, sentence.text, options)
            if match.meaning is not None:
                changes["meaning_similarity"] = match.meaning
            detail = json.dumps(changes)
        found.append(
            link_state.LinkedSentence(
                sid_of[row],
                sentence.article,
                sentence.start,
                sentence.end,
                match.sid if match else None,
                kind,
                match.similarity if match else None,
                detail,
                sketch,
            )
        )
    return found


class ArticleStarts:
    """Each linked article's first sentence id, by seq, in one array: where the sentences of the newest
    `recent_articles` begin (sentences are numbered article after article, from 1).

    Example:
        >>> starts = ArticleStarts.of_counts({1: 3, 2: 0, 3: 2})  # sentences 1-3, none, 4-5
        >>> starts.add(first_seq=4, articles=2, first_sid=6, sentence_articles=[4, 4, 5])
        >>> [starts.first_sid(seq) for seq in (0, 1, 2, 3, 4, 5)]
        [0, 1, 4, 4, 6, 8]
    """

    def __init__(self) -> None:
        self._starts = np.zeros(1024, dtype=np.int64)  # 0: not known, which bounds nothing

    @classmethod
    def of_counts(cls, counts: dict[int, int]) -> ArticleStarts:
        """From each stored article's count of indexed sentences, by seq."""
        starts = cls()
        if counts:
            sizes = np.zeros(max(counts) + 1, dtype=np.int64)
            sizes[list(counts)] = list(counts.values())
            starts._put(0, 1 + np.cumsum(sizes) - sizes)
        return starts

    def add(self, first_seq: int, articles: int, first_sid: int, sentence_articles: list[int]) -> None:
        """A batch of `articles` from `first_seq`, its sentences numbered from `first_sid`, each one's article
        seq in `sentence_articles` (in order)."""
        owners = np.asarray(sentence_articles, dtype=np.int64) - first_seq
        sizes = np.bincount(owners, minlength=articles)[:articles]
        self._put(first_seq, first_sid + np.cumsum(sizes) - sizes)

    def first_sid(self, seq: int) -> int:
        """The first sentence id of article `seq` (0 for seq 0 and unknown ones: no bound)."""
        return int(self._starts[seq]) if 0 < seq < len(self._starts) else 0

    def sentence_range(self, seq: int) -> tuple[int, int]:
        """The sids [first, end) of article `seq`, which must not be the last one known."""
        return self.first_sid(seq), self.first_sid(seq + 1)

    def articles_of(self, sids: np.ndarray, end_seq: int) -> np.ndarray:
        """The article seq of each of `sids`, all of articles before `end_seq`."""
        return np.searchsorted(self._starts[:end_seq], sids, side="right") - 1

    def _put(self, first_seq: int, values: np.ndarray) -> None:
        end = first_seq + len(values)
        self._starts = with_room(self._starts, end, 0)
        self._starts[first_seq:end] = values


@dataclass
class _LinkRun:
    """What one update keeps between batches: the band indexes, the story forest and the next free ids."""

    store: Store
    options: LinkOptions
    preparer: BatchPreparer
    sentence_index: BandIndex
    story_index: BandIndex
    newest_meaning: NewestPerBucket
    stories: StoryForest
    published: dict[int, str | None]
    days: PublishedDays  # the same dates as day numbers, for the story window of many pairs at once
    starts: ArticleStarts  # each article's first sentence id, for `recent_articles`
    next_sid: int
    next_seq: int
    recent_vectors: RecentVectors
    recent_sketches: RecentRows
    recent_signatures: RecentRows  # by article seq; a row of zeros for an article with no signature
    recent_signed: RecentRows  # by article seq: 1 where the article has a signature
    # The word and skeleton keys of the sentences linked lately, by sid, made by the worker (`link.keys`).
    recent_keys: RecentKeys
    # Normalised words of the sentences linked lately, by sid: later batches compare new sentences with
    # them, and normalising their text again in every batch cost a quarter of linking a run's batches.
    recent_words: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def open(cls, store: Store, options: LinkOptions) -> _LinkRun:
        connection = store.connection
        parents: dict[int, int] = {}
        published: dict[int, str | None] = {}
        days = PublishedDays()
        sentence_counts: dict[int, int] = {}
        preparer = BatchPreparer(options)
        hasher = preparer.hasher
        for article in link_state.linked_articles(connection):
            parents[article.seq] = article.story
            published[article.seq] = article.published
            days.set(article.seq, article.published)
            sentence_counts[article.seq] = article.sentences
        return cls(
            store=store,
            options=options,
            preparer=preparer,
            sentence_index=BandIndex.load(connection, "sentence", preparer.sentence_bands[0]),
            story_index=BandIndex.load(connection, "story", preparer.story_bands[0]),
            newest_meaning=NewestPerBucket.load(
                connection, MEANING_LEVEL, hasher.buckets, options.meaning_bucket_cap, hasher.bits // 8
            ),
            stories=StoryForest(parents),
            published=published,
            days=days,
            starts=ArticleStarts.of_counts(sentence_counts),
            next_sid=link_state.next_sentence_id(connection),
            next_seq=link_state.next_article_seq(connection),
            recent_vectors=RecentVectors(),
            recent_sketches=RecentRows(RECENT_SKETCHES),
            recent_signatures=RecentRows(RECENT_SIGNATURES),
            recent_signed=RecentRows(RECENT_SIGNATURES),
            recent_keys=RecentKeys(),
        )

    @property
    def vocabulary(self) -> LinkVocabulary:
        return self.preparer.vocabulary

    def link_batch(self, rows: list[ArticleRow]) -> None:
        """Index a batch of articles and record its links, in one transaction."""
        self.link_prepared(self.preparer(rows, self.next_seq))

    def link_prepared(self, batch: PreparedBatch) -> None:
        """Index a prepared batch (its first seq the next free one) and record its links, in one transaction."""
        if batch.first_seq != self.next_seq:
            raise ValueError(f"batch prepared from seq {batch.first_seq}, but the next free seq is {self.next_seq}")
        self.next_seq += len(batch.rows)
        sentences, signatures, keys, meaning = batch.sentences, batch.signatures, batch.keys, batch.meaning
        self.starts.add(batch.first_seq, len(batch.rows), self.next_sid, [s.article for s in sentences])
        sids = np.arange(self.next_sid, self.next_sid + len(sentences), dtype=np.uint32)
        self.next_sid += len(sentences)
        if len(sids):
            self.recent_keys.add(int(sids[0]), batch.word_keys)
        matches = self._match_sentences(sentences, sids, signatures, keys, meaning, batch)
        connection = self.store.connection
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            link_state.save_sentences(
                connection,
                sentence_rows(
                    sentences, sids, signatures, matches, self.options, meaning.sketches if meaning else None
                ),
            )
            self.sentence_index.add(keys, sids)
            self.sentence_index.save(connection)
            if meaning is not None and not self._meaning_from_related:
                self.newest_meaning.add(meaning.buckets, sids, meaning.sketches)
                self.newest_meaning.save(connection, MEANING_LEVEL)
            self._join_stories(batch, matches)
        if meaning is not None and len(sids):
            self.recent_vectors.add(int(sids[0]), meaning.vectors)
        if len(sids):
            self.recent_sketches.add(int(sids[0]), sketches(signatures))
        self._remember_words(sids, sentences)

    # ---------------------------------------------------------------- sentences

    def _match_sentences(
        self,
        sentences: list[LinkSentence],
        sids: np.ndarray,
        signatures: np.ndarray,
        keys: np.ndarray,
        meaning: Meaning | None,
        batch: PreparedBatch,
    ) -> dict[int, Match]:
        """The verified best earlier match of each new sentence that has one, by row."""
        first_sid = int(sids[0]) if len(sids) else self.next_sid
        since_sid = self.starts.first_sid(self._oldest_candidate_seq(batch.first_seq))
        found = [
            self._stored_candidates(signatures, keys, since_sid),
            # The batch's own lexical candidates came prepared (`prepare.batch_pairs`, batch rows for sids).
            (batch.batch_pairs[0], batch.batch_pairs[1] + first_sid),
        ]
        if meaning is not None and self._meaning_from_related:
            found.append(self._related_candidates(sentences, meaning, first_sid, found, batch.first_seq, since_sid))
        elif meaning is not None:
            found.append(self._meaning_candidates(sentences, meaning, first_sid, since_sid))
        pairs = unique_pairs(np.concatenate([rows for rows, _ in found]), np.concatenate([ids for _, ids in found]))
        meanings: SentenceMeanings | None = None
        earlier = self._earlier_sentences(set(np.unique(pairs[1][pairs[1] < first_sid]).tolist()))
        if meaning is not None:
            parts = [(sids, meaning.vectors, meaning.centred)]
            if earlier:
                stored = list(earlier)
                vectors = self._stored_vectors(stored, earlier)
                centred = without_common_direction(vectors)
                # Put in sid order, before the batch's (their sids are lower).
                order = np.argsort(np.array(stored, dtype=np.int64), kind="stable")
                parts.insert(0, (np.array(stored, dtype=np.int64)[order], vectors[order], centred[order]))
            meanings = SentenceMeanings(parts)
        return best_earlier_matches(sentences, first_sid, pairs, earlier, self.options, meanings, self.recent_keys)

    def _meaning_candidates(
        self, sentences: list[LinkSentence], meaning: Meaning, first_sid: int, since_sid: int
    ) -> Pairs:
        """(row, sid) of earlier sentences, stored (from `since_sid` on) or of this batch, nearest in meaning by
        their SimHash sketches.

        Each row keeps its `meaning_candidates_per_sentence` nearest above `meaning_candidate`: sentences
        of generic wording share buckets with thousands of others, and verifying them all costs
        quadratic time.
        """
        most_differing = most_differing_bits(self.options.meaning_candidate, self.preparer.hasher.bits)
        # The batch's own nearest came prepared (`prepare.batch_nearest`, batch rows for ids): a row's nearest
        # of all are the nearest of its stored candidates and of those.
        batch_nearest = np.where(meaning.batch_nearest != NO_KEY, meaning.batch_nearest + np.uint64(first_sid), NO_KEY)
        found: list[Pairs] = []
        # Each row's stored candidates (the table's newest of each of its buckets) laid out in a fixed-width
        # row, a slice of rows at a time: gathered and compared without sorting the pairs.
        for start in range(0, len(sentences), MEANING_ROWS_AT_ONCE):
            end = min(start + MEANING_ROWS_AT_ONCE, len(sentences))
            ids, differing, held = self.newest_meaning.differing_in(
                meaning.buckets[start:end], meaning.sketches[start:end]
            )
            if since_sid:
                held &= ids >= since_sid
            stored = np.where(held, candidate_keys(differing, ids, most_differing), NO_KEY)
            found.append(
                nearest_of_rows(
                    np.concatenate([stored, batch_nearest[start:end]], axis=1),
                    self.options.meaning_candidates_per_sentence,
                    start,
                )
            )
        if not found:
            return _NO_PAIRS
        return np.concatenate([rows for rows, _ in found]), np.concatenate([ids for _, ids in found])

    @property
    def _meaning_from_related(self) -> bool:
        return self.options.meaning_candidates_from == RELATED_ARTICLES

    def _related_candidates(
        self,
        sentences: list[LinkSentence],
        meaning: Meaning,
        first_sid: int,
        lexical: list[Pairs],
        first_seq: int,
        since_sid: int,
    ) -> Pairs:
        """(row, sid) of earlier sentences nearest in meaning among the articles the batch's sentences are
        lexical candidates of (`link.related`), from `since_sid` and within `meaning_reach` of the batch."""
        reach = self.options.meaning_reach
        since = since_sid if reach is None else max(since_sid, first_sid - reach)

        def sentence_range(seq: int) -> tuple[int, int]:
            first, end = self.starts.sentence_range(seq)
            return max(first, since), max(end, since)

        rows = np.concatenate([part[0] for part in lexical])
        sids = np.concatenate([part[1] for part in lexical])
        row_articles = np.fromiter((s.article for s in sentences), dtype=np.int64, count=len(sentences))
        sid_articles = np.where(
            sids >= first_sid,
            row_articles[np.clip(sids - first_sid, 0, max(len(sentences) - 1, 0))] if len(sentences) else sids,
            self.starts.articles_of(sids, first_seq),
        )
        related = related_article_pairs((rows, sids), row_articles, sid_articles)
        return related_meaning_candidates(
            related,
            row_articles,
            first_sid,
            sentence_range,
            self._kept_centred,
            meaning.centred,
            self.options.meaning_candidates_per_sentence,
            self.options.meaning_candidate,
        )

    def _kept_centred(self, sids: np.ndarray) -> np.ndarray:
        """The vectors of stored `sids` without the common direction, kept from their batch or embedded again
        from their text (a run that links a few articles at a time keeps few)."""
        kept, found = self.recent_vectors.find(sids)
        vectors = np.empty((len(sids), EMBED_DIMS), dtype=np.float32)
        if kept.any():
            vectors[kept] = found
        missing = sids[~kept].tolist()
        if missing:
            texts = link_state.sentence_texts(self.store.connection, set(missing))
            vectors[~kept] = embed_sentences([texts.get(sid, "") for sid in missing])
        return without_common_direction(vectors)

    def _oldest_candidate_seq(self, first_seq: int) -> int:
        """The first stored article that the articles and sentences of a batch starting at `first_seq` are
        compared with (`recent_articles`); 0 for all."""
        recent = self.options.recent_articles
        return 0 if recent is None else max(0, first_seq - recent)

    def _stored_candidates(self, signatures: np.ndarray, keys: np.ndarray, since_sid: int) -> Pairs:
        """(row, sid) of stored sentences from `since_sid` on sharing a band bucket whose sketch estimates
        Jaccard high enough."""
        rows, candidates = unique_pairs(*self.sentence_index.newest(keys, self.options.bucket_cap, since_sid))
        if not len(rows):
            return _NO_PAIRS
        stored, at = self._stored_sketches(candidates)
        return likely_pairs_of(
            rows,
            candidates,
            sketches(signatures),
            stored,
            at,
            self.options.candidate_threshold,
        )

    def _stored_vectors(self, sids: list[int], earlier: dict[int, tuple[str, tuple[str, ...]]]) -> np.ndarray:
        """The sentence vectors of stored sentences, row for row: kept from their batch, or embedded again."""
        kept, found = self.recent_vectors.find(np.array(sids, dtype=np.int64))
        vectors = np.empty((len(sids), EMBED_DIMS), dtype=np.float32)
        if kept.any():
            vectors[kept] = found
        missing = np.flatnonzero(~kept).tolist()
        if missing:
            vectors[missing] = embed_sentences([earlier[sids[row]][0] for row in missing])
        return vectors

    def _stored_sketches(self, sids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the MinHash sketches of the distinct sids, zeros for none, which estimate Jaccard 0; the row of
        each of `sids` in them).

        Candidates repeat a sid once per new sentence sharing its bucket: each is found once, kept from its
        batch when recent, else read from the store (a read that grew with the store: 0.04 -> 0.39 ms an
        article from 2,000 to 20,000 synthetic articles). When all are recent, the kept sketches are
        returned in place, with no sid looked up twice.
        """
        in_place = self.recent_sketches.all_at(sids)
        if in_place is not None:
            return in_place
        distinct, row_of = np.unique(sids, return_inverse=True)
        width = self.options.num_perm
        found = np.zeros((len(distinct), width), dtype=np.uint8)
        kept, kept_sketches = self.recent_sketches.find(distinct)
        if kept.any():
            found[kept] = kept_sketches
        missing = np.flatnonzero(~kept)
        if len(missing):
            read = link_state.sentence_sketches(self.store.connection, distinct[missing].tolist())
            empty = bytes(width)
            blob = b"".join(read.get(sid, empty)[:width] for sid in distinct[missing].tolist())
            found[missing] = np.frombuffer(blob, dtype=np.uint8).reshape(len(missing), width)
        return found, row_of.reshape(-1)

    def _earlier_sentences(self, sids: set[int]) -> dict[int, tuple[str, tuple[str, ...]]]:
        """(text, normalised words) of earlier sentences, read back from their articles (in the store's order)."""
        texts = link_state.sentence_texts(self.store.connection, sids)
        return {sid: (text, self._words_of(sid, text)) for sid, text in texts.items()}

    def _words_of(self, sid: int, text: str) -> tuple[str, ...]:
        words = self.recent_words.get(sid)
        return words if words is not None else tuple(normalised_words(text, self.vocabulary))

    def _remember_words(self, sids: np.ndarray, sentences: list[LinkSentence]) -> None:
        """Keep the batch's words for later batches; the oldest go past RECENT_WORDS sentences."""
        self.recent_words.update(zip(sids.tolist(), (sentence.words for sentence in sentences), strict=True))
        for sid in itertools.islice(list(self.recent_words), max(0, len(self.recent_words) - RECENT_WORDS)):
            del self.recent_words[sid]

    # ---------------------------------------------------------------- stories

    def _join_stories(self, batch: PreparedBatch, matches: dict[int, Match]) -> None:
        """Put the batch's articles in stories, store them, and store the stories that moved."""
        rows, seqs, sentences = batch.rows, batch.seqs, batch.sentences
        for seq, (_, _, when) in zip(seqs, rows, strict=True):
            self.stories.add(seq)
            self.published[seq] = when
            self.days.set(seq, when)
        signature_of = {seqs[i]: batch.article_signatures[k] for k, i in enumerate(batch.nonempty)}
        self._remember_signatures(seqs, signature_of)
        keys = batch.story_keys
        batch_seqs = np.array([seqs[i] for i in batch.nonempty], dtype=np.uint32)
        for seq, other in self._articles_alike(keys, batch_seqs, signature_of, batch.first_seq):
            self.stories.union(seq, other)
        for seq, other in same_story_by_sentences(self._shared_sentences(sentences, matches), self.options):
            self.stories.union(seq, other)

        connection = self.store.connection
        counts = Counter(s.article for s in sentences)
        link_state.save_linked_articles(
            connection,
            (
                link_state.LinkedArticle(
                    seq, article_id, when, self.stories.parent[seq], counts[seq], _blob(signature_of.get(seq))
                )
                for seq, (article_id, _, when) in zip(seqs, rows, strict=True)
            ),
        )
        moved = [(seq, self.stories.parent[seq]) for seq in sorted(self.stories.moved) if seq < seqs[0]]
        link_state.move_stories(connection, moved)
        self.stories.moved.clear()
        self.story_index.add(keys, batch_seqs)
        self.story_index.save(connection)

    def _articles_alike(
        self, keys: np.ndarray, batch_seqs: np.ndarray, signature_of: dict[int, np.ndarray], first_seq: int
    ) -> Iterator[tuple[int, int]]:
        """(new article, earlier article) pairs whose whole word sets make them one story, in candidate order.

        The signatures of all candidate pairs are compared in one numpy pass (the same share of equal
        MinHash values as `same_story_by_words`); only the pairs alike enough have their dates compared.
        """
        cap = self.options.bucket_cap
        old_rows, old_ids = self.story_index.newest(keys, cap, self._oldest_candidate_seq(first_seq))
        new_rows, new_ids = self_pairs(keys, batch_seqs, cap)
        rows = np.concatenate([old_rows, new_rows]).astype(np.int64)
        others = np.concatenate([old_ids, new_ids]).astype(np.int64)
        # Only pairs within the story window can join (checked again below, pair by pair): the others'
        # signatures are not read. Stored candidates are found by word buckets alone, whatever their date.
        near = self.days.within(batch_seqs[rows], others, self.options.story_window_days)
        rows, others = rows[near], others[near]
        if not len(rows):
            return
        distinct = np.sort(others)
        distinct = distinct[np.r_[True, distinct[1:] != distinct[:-1]]]
        table, present = self._article_signatures(distinct, signature_of)
        own = np.stack([signature_of[int(seq)] for seq in batch_seqs.tolist()])
        at = np.searchsorted(distinct, others)
        seqs = batch_seqs[rows].astype(np.int64)
        agree = np.empty(len(rows), dtype=np.float64)
        for start in range(0, len(rows), PAIRS_AT_ONCE):  # both sides' signatures, 256 bytes a pair
            part = slice(start, start + PAIRS_AT_ONCE)
            agree[part] = np.count_nonzero(own[rows[part]] == table[at[part]], axis=1) / self.options.num_perm
        alike = present[at] & (others != seqs) & (agree >= self.options.story_threshold)
        for seq, other in zip(seqs[alike].tolist(), others[alike].tolist(), strict=True):
            if within_story_window(self.published.get(seq), self.published.get(other), self.options):
                yield seq, other

    def _remember_signatures(self, seqs: list[int], signature_of: dict[int, np.ndarray]) -> None:
        """Keep the batch's article signatures (zeros, and not signed, for an article with none)."""
        if not seqs:
            return
        table = np.zeros((len(seqs), self.options.num_perm), dtype=np.uint32)
        signed = np.zeros((len(seqs), 1), dtype=np.uint8)
        for row, seq in enumerate(seqs):
            signature = signature_of.get(seq)
            if signature is not None:
                table[row], signed[row] = signature, 1
        self.recent_signatures.add(seqs[0], table)
        self.recent_signed.add(seqs[0], signed)

    def _article_signatures(
        self, distinct: np.ndarray, signature_of: dict[int, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(the whole-article signatures of the distinct seqs, zeros where none; whether each has one): kept
        from their batch when recent, else read from the store (a read per batch that grew with the store)."""
        table = np.zeros((len(distinct), self.options.num_perm), dtype=np.uint32)
        present = np.zeros(len(distinct), dtype=bool)
        kept, kept_signatures = self.recent_signatures.find(distinct)
        if kept.any():
            table[kept] = kept_signatures
            present[kept] = self.recent_signed.find(distinct)[1][:, 0] == 1
        missing = distinct[~kept].tolist()
        stored = link_state.article_signatures(self.store.connection, set(missing)) if missing else {}
        for k, other in zip(np.flatnonzero(~kept).tolist(), missing, strict=True):
            signature = signature_of.get(other)
            if signature is None and other in stored:
                signature = np.frombuffer(stored[other], dtype=np.uint32)
            if signature is not None:
                table[k], present[k] = signature, True
        return table, present

    def _shared_sentences(self, sentences: list[LinkSentence], matches: dict[int, Match]) -> Counter[tuple[int, int]]:
        """Linked sentences per (new article, article of the match)."""
        match_articles = link_state.sentence_articles(self.store.connection, {m.sid for m in matches.values()})
        return Counter((sentences[row].article, match_articles[match.sid]) for row, match in matches.items())


def nearest_of_rows(keys: np.ndarray, keep: int, first_row: int = 0) -> Pairs:
    """(rows, ids) of the `keep` nearest distinct ids of each row of candidate keys (`index.candidate_keys`),
    rows numbered from `first_row`: the fewest differing SimHash bits, then the lowest id.

    Example:
        >>> keys = np.array([[20 << 32 | 9, 20 << 32 | 7, 20 << 32 | 7, 10 << 32 | 8], [30 << 32 | 6] + [NO_KEY] * 3],
        ...                 dtype=np.uint64)
        >>> [array.tolist() for array in nearest_of_rows(keys, 2)]
        [[0, 0, 1], [8, 7, 6]]
    """
    nearest = smallest_distinct_keys(keys, keep)
    rows, columns = np.nonzero(nearest != NO_KEY)
    ids = (nearest[rows, columns] & np.uint64(0xFFFFFFFF)).astype(np.int64)
    return rows.astype(np.int64) + first_row, ids


_NO_PAIRS: Pairs = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))


def _blob(signature: np.ndarray | None) -> bytes | None:
    return signature.astype(np.uint32).tobytes() if signature is not None else None


@contextlib.contextmanager
def _only_linker(store: Store) -> Iterator[None]:
    """Hold a lock file beside the database while linking.

    The linker keeps its index and story forest in memory between batches, so
    two processes linking one database at once would hand out the same sentence
    ids. Storing articles needs no such lock: SQLite serialises those writes.
    """
    if store.path in ("", ":memory:") or store.path.startswith("file:"):
        yield
        return
    try:
        import fcntl
    except ImportError:  # no flock on this platform: one linker at a time is then the user's care
        yield
        return
    with Path(f"{store.path}.link-lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def find_links(
    store: Store, kind: str | None = None, article_id: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored links (as written by the last run), optionally of one kind or touching one article.

    Example:
        >>> from dossier.records import Article, ArticleAnalysis
        >>> store = Store.open(":memory:")
        >>> for text, day in [("Russia vetoed the draft resolution on Syria at the Security Council.", "2017-09-05"),
        ...                   ("The Russian Federation vetoed the draft resolution on Syria at the Security Council.",
        ...                    "2017-09-06")]:
        ...     store.save_analysis(ArticleAnalysis(Article.build(text, published=day)))
        >>> store.replace_links(link_articles(store))
        3
        >>> [link["detail"]["changes"] for link in find_links(store, kind="rewording", limit=10)]
        [[['Russia', 'The Russian Federation']]]
        >>> store.close()
    """
    found: list[dict[str, Any]] = []
    for record in store.iter_records("links"):
        if kind is not None and record["kind"] != kind:
            continue
        if article_id is not None and not _touches(record, article_id):
            continue
        found.append(record)
        if limit is not None and len(found) >= limit:
            break
    return found


def _touches(record: dict[str, Any], article_id: str) -> bool:
    detail = record.get("detail") or {}
    ids = {record["a"].split(":")[0], record["b"].split(":")[0], detail.get("a_article"), detail.get("b_article")}
    return article_id in ids
