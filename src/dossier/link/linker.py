"""Stage `link`: exact, near-duplicate and reworded sentences, first appearance, story clusters.

Linking is incremental. Every article is seen once: its sentences are split
by rule, reduced to normalised word sets (`link_text`), signed with MinHash
and looked up in an LSH band index (`link_index`) kept in the store, so a
new batch is compared with everything before it without recomputing it.
Each sentence that matches an earlier one (verified Jaccard of normalised
words at or above the threshold) records its best earlier match; these
edges form trees whose earliest carrier (by published date, then ingest
order) is the sentence's first appearance. Articles are joined into story
clusters, kept as union-find parents, when they share a linked sentence or
their whole word sets are similar within a date window.

The state lives in side tables of the same SQLite file (`link_*`, created
here); `link_articles` brings it up to date and turns it into `Link`
records. See docs/link.md for the record shapes and measured quality.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dossier.link.event_merge import same_event_links, update_event_merges
from dossier.link.index import BandIndex, Signer, band_keys, lsh_bands, self_pairs
from dossier.link.text import (
    LinkVocabulary,
    jaccard,
    load_vocabulary,
    normalised_words,
    raw_words,
    split_sentences,
    surface_words,
)
from dossier.records import Article, ArticleAnalysis, Link, published_day
from dossier.store.database import Store

_DIGIT = re.compile(r"\d")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)$")

# Bump when the meaning of the stored state changes; a mismatch rebuilds it.
STATE_VERSION = 1

STATE_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS link_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # seq: the order linking saw the article in; story: union-find parent seq (itself for a root)
    "CREATE TABLE IF NOT EXISTS link_articles (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE,"
    " published TEXT, story INTEGER NOT NULL, sentences INTEGER NOT NULL, signature BLOB)",
    # one row per indexed sentence; parent: its best earlier match, if any
    "CREATE TABLE IF NOT EXISTS link_sentences (sid INTEGER PRIMARY KEY, article INTEGER NOT NULL,"
    ' start INTEGER NOT NULL, "end" INTEGER NOT NULL, parent INTEGER, kind TEXT, similarity REAL, detail TEXT,'
    " sketch BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS link_segments (level TEXT NOT NULL, entries INTEGER NOT NULL,"
    " keys BLOB NOT NULL, ids BLOB NOT NULL)",
)
STATE_TABLES = ("link_meta", "link_articles", "link_sentences", "link_segments")


@dataclass(frozen=True)
class LinkOptions:
    """Thresholds of the link stage; tuned on tests/link_corpus.py as docs/link.md reports."""

    # MinHash permutations: 64 keeps the estimate's standard error near 0.06 at J = 0.5.
    num_perm: int = 64
    # Estimated Jaccard of normalised word sets from which two sentences are candidates: the LSH
    # bands are chosen for it. Spinner rewrites of the test corpus score 0.45 and up.
    candidate_threshold: float = 0.35
    # Word-sequence similarity (difflib ratio of normalised words) from which candidates are linked:
    # spinner rewrites of the test corpus score 0.62 and up, same-fact sentences written
    # independently at most 0.55 (they share words but not their order).
    sentence_threshold: float = 0.6
    # Jaccard of lower-cased word sets as written from which a link is a near-duplicate, not a rewording.
    near_duplicate_surface: float = 0.8
    # Words a reworded pair (not a near-duplicate) must share in order; measured on PolNeAR, where
    # pairs sharing four or five are mostly stock phrases written independently (docs/link.md).
    min_shared_words: int = 6
    # Sentences with fewer normalised words ("He said.", datelines) are not linked: too little evidence.
    min_words: int = 5
    # Estimated Jaccard of whole-article word sets that puts two articles in one story.
    story_threshold: float = 0.35
    # Articles further apart than this (both dated) are not one story by word overlap alone.
    story_window_days: int = 7
    # Linked sentences two articles must share to be put in one story by that alone.
    story_shared_sentences: int = 2
    # Share of the shorter article's sentences two articles must share to be near-duplicate articles.
    article_near_duplicate: float = 0.8
    # Items of one LSH bucket each new item is compared with (the earliest): bounds boilerplate buckets.
    bucket_cap: int = 32
    # Articles linked per transaction.
    batch_articles: int = 5000

    def fingerprint(self) -> str:
        settings = {k: v for k, v in asdict(self).items() if k != "batch_articles"}
        return json.dumps({"version": STATE_VERSION, **settings}, sort_keys=True)


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
        >>> with Store.open("dossier.db") as store:
        ...     store.replace_links(link_articles(store))
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


# ====================================================================== state


def _prepare_state(connection: sqlite3.Connection, options: LinkOptions) -> None:
    """Create the side tables; drop state made with other settings so it is rebuilt."""
    with connection:
        for statement in STATE_SCHEMA:
            connection.execute(statement)
        row = connection.execute("SELECT value FROM link_meta WHERE key = 'options'").fetchone()
        if row is not None and row[0] == options.fingerprint():
            return
        for table in STATE_TABLES:
            connection.execute(f"DELETE FROM {table}")
        connection.execute("INSERT INTO link_meta (key, value) VALUES ('options', ?)", (options.fingerprint(),))


@dataclass(frozen=True)
class _Sentence:
    seq: int  # article
    start: int
    end: int
    text: str
    words: tuple[str, ...]  # normalised, in order


@dataclass
class _Linker:
    """One update: the loaded indexes and story parents, applied batch by batch."""

    connection: sqlite3.Connection
    options: LinkOptions
    vocabulary: LinkVocabulary
    signer: Signer
    sentence_bands: tuple[int, int]
    story_bands: tuple[int, int]
    sentence_index: BandIndex
    story_index: BandIndex
    story: dict[int, int]
    published: dict[int, str | None]
    next_sid: int
    next_seq: int
    moved: set[int] = field(default_factory=set)  # stored articles whose story parent changed

    @classmethod
    def open(cls, connection: sqlite3.Connection, options: LinkOptions) -> _Linker:
        story: dict[int, int] = {}
        published: dict[int, str | None] = {}
        for seq, parent, when in connection.execute("SELECT seq, story, published FROM link_articles"):
            story[seq] = parent
            published[seq] = when
        return cls(
            connection=connection,
            options=options,
            vocabulary=load_vocabulary(),
            signer=Signer(options.num_perm),
            sentence_bands=lsh_bands(options.candidate_threshold, options.num_perm),
            story_bands=lsh_bands(options.story_threshold, options.num_perm),
            sentence_index=BandIndex.load(connection, "sentence"),
            story_index=BandIndex.load(connection, "story"),
            story=story,
            published=published,
            next_sid=connection.execute("SELECT COALESCE(MAX(sid), 0) + 1 FROM link_sentences").fetchone()[0],
            next_seq=connection.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM link_articles").fetchone()[0],
        )

    # ---------------------------------------------------------------- batch

    def link_batch(self, rows: list[tuple[str, str, str | None]]) -> None:
        """Index a batch of (article id, text, published) and record its links, in one transaction."""
        seqs = list(range(self.next_seq, self.next_seq + len(rows)))
        self.next_seq += len(rows)
        sentences: list[_Sentence] = []
        article_words: list[set[str]] = []
        for seq, (_, text, _published) in zip(seqs, rows, strict=True):
            words_of_article: set[str] = set()
            for sentence in split_sentences(text, self.vocabulary):
                words = tuple(normalised_words(sentence.text, self.vocabulary))
                words_of_article.update(words)
                if len(set(words)) >= self.options.min_words:
                    sentences.append(_Sentence(seq, sentence.start, sentence.end, sentence.text, words))
            article_words.append(words_of_article)
        sids = np.arange(self.next_sid, self.next_sid + len(sentences), dtype=np.uint32)
        self.next_sid += len(sentences)

        signatures = self.signer.signatures([s.words for s in sentences])
        keys = band_keys(signatures, *self.sentence_bands)
        parents = self._best_earlier_sentences(sentences, sids, signatures, keys)
        sentence_rows = []
        for row, sentence in enumerate(sentences):
            sketch = _sketch(signatures[row])
            match = parents.get(row)
            if match is None:
                sentence_rows.append(
                    (int(sids[row]), sentence.seq, sentence.start, sentence.end, None, None, None, None, sketch)
                )
                continue
            parent_sid, similarity, parent_text = match
            kind, detail = classify_sentence_link(parent_text, sentence.text, self.options)
            sentence_rows.append(
                (
                    int(sids[row]),
                    sentence.seq,
                    sentence.start,
                    sentence.end,
                    parent_sid,
                    kind,
                    similarity,
                    json.dumps(detail),
                    sketch,
                )
            )

        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.executemany(
                'INSERT INTO link_sentences (sid, article, start, "end", parent, kind, similarity, detail, sketch)'
                " VALUES (?,?,?,?,?,?,?,?,?)",
                sentence_rows,
            )
            self.sentence_index.add(keys, sids)
            self.sentence_index.save(self.connection)
            self._join_stories(rows, seqs, sentences, parents, article_words)

    def _best_earlier_sentences(
        self, sentences: list[_Sentence], sids: np.ndarray, signatures: np.ndarray, keys: np.ndarray
    ) -> dict[int, tuple[int, float, str]]:
        """For each new sentence with a verified earlier match: (its sid, similarity, its text).

        Candidates come from the band index; their estimated Jaccard (from the
        stored one-byte sketch, or the full signature within the batch) must
        reach `candidate_threshold`; the survivors are read back and must reach
        `sentence_threshold` in word-sequence similarity.
        """
        cap = self.options.bucket_cap
        old_rows, old_ids = self.sentence_index.query(keys, cap)
        new_rows, new_ids = self_pairs(keys, sids, cap)
        first_sid = int(sids[0]) if len(sids) else self.next_sid
        sketches = _sketches(signatures)
        threshold = self.options.candidate_threshold
        passed: list[tuple[int, int]] = []
        old_pairs = np.unique((old_rows.astype(np.uint64) << np.uint64(32)) | old_ids.astype(np.uint64))
        if len(old_pairs):
            rows = (old_pairs >> np.uint64(32)).astype(np.int64)
            candidates = (old_pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
            stored = self._stored_sketches(candidates)
            keep = _estimated_jaccards(sketches[rows], stored) >= threshold
            passed += zip(rows[keep].tolist(), candidates[keep].tolist(), strict=True)
        new_pairs = np.unique((new_rows.astype(np.uint64) << np.uint64(32)) | new_ids.astype(np.uint64))
        if len(new_pairs):
            rows = (new_pairs >> np.uint64(32)).astype(np.int64)
            others = (new_pairs & np.uint64(0xFFFFFFFF)).astype(np.int64) - first_sid
            article = np.fromiter((s.seq for s in sentences), dtype=np.int64, count=len(sentences))
            keep = (article[rows] != article[others]) & (
                _estimated_jaccards(sketches[rows], sketches[others]) >= threshold
            )
            passed += zip(rows[keep].tolist(), (others[keep] + first_sid).tolist(), strict=True)

        old = self._stored_sentences({c for _, c in passed if c < first_sid})
        best: dict[int, tuple[int, float, str]] = {}
        checks = _PairChecks()
        for row, candidate in passed:
            sentence = sentences[row]
            if candidate >= first_sid:
                other_sentence = sentences[candidate - first_sid]
                other_text, other_words = other_sentence.text, other_sentence.words
            elif candidate in old:
                other_text, other_words = old[candidate]
            else:
                continue
            # difflib's ratio is costly and most candidates of boilerplate-heavy input score alike:
            # skip a pair whose upper bound can neither pass the threshold nor beat the best so far.
            current = best.get(row)
            floor = (
                self.options.sentence_threshold if current is None else max(current[1], self.options.sentence_threshold)
            )
            if checks.ratio_bound(sentence.words, other_words) < floor:
                continue
            similarity, matched = sequence_match(sentence.words, other_words)
            if similarity < self.options.sentence_threshold:
                continue
            if not self._is_copy(sentence, other_text, other_words, matched, checks):
                continue
            if current is None or similarity > current[1] or (similarity == current[1] and candidate < current[0]):
                best[row] = (candidate, round(similarity, 4), other_text)
        return best

    def _is_copy(
        self, sentence: _Sentence, other_text: str, other_words: tuple[str, ...], matched: int, checks: _PairChecks
    ) -> bool:
        """Whether a similar pair is one sentence copied, not two written alike.

        A near-duplicate (most words as written shared) always is. A reworded
        pair must keep its figures, since spinners do ("26-delegate lead" vs
        "214-delegate lead" is a template, not a copy), and share enough words
        in order: short stock sentences ("did not return a request for
        comment") reach the similarity threshold with four or five words.
        """
        if matched >= self.options.min_shared_words and checks.figures_of(sentence.words) == checks.figures_of(
            other_words
        ):
            return True
        surface = jaccard(checks.surface_of(sentence.text), checks.surface_of(other_text))
        return surface >= self.options.near_duplicate_surface

    def _stored_sketches(self, sids: np.ndarray) -> np.ndarray:
        """The stored sketch of each sid, row for row (zeros for none, which estimate Jaccard 0)."""
        wanted = sorted(set(sids.tolist()))
        found: dict[int, bytes] = {}
        for offset in range(0, len(wanted), 900):
            chunk = wanted[offset : offset + 900]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.connection.execute(f"SELECT sid, sketch FROM link_sentences WHERE sid IN ({marks})", chunk)
            )
        empty = bytes(self.options.num_perm)
        blob = b"".join(found.get(sid, empty) for sid in sids.tolist())
        return np.frombuffer(blob, dtype=np.uint8).reshape(len(sids), self.options.num_perm)

    def _stored_sentences(self, sids: set[int]) -> dict[int, tuple[str, tuple[str, ...]]]:
        """(text, normalised words) of earlier sentences, read back from their articles."""
        found: dict[int, tuple[str, tuple[str, ...]]] = {}
        ordered = sorted(sids)
        for offset in range(0, len(ordered), 900):
            chunk = ordered[offset : offset + 900]
            marks = ",".join("?" * len(chunk))
            for sid, start, end, text in self.connection.execute(
                f'SELECT s.sid, s.start, s."end", a.text FROM link_sentences s'
                f" JOIN link_articles l ON l.seq = s.article JOIN articles a ON a.id = l.article_id"
                f" WHERE s.sid IN ({marks})",
                chunk,
            ):
                sentence = text[start:end]
                found[sid] = (sentence, tuple(normalised_words(sentence, self.vocabulary)))
        return found

    # ---------------------------------------------------------------- stories

    def _join_stories(
        self,
        rows: list[tuple[str, str, str | None]],
        seqs: list[int],
        sentences: list[_Sentence],
        parents: dict[int, tuple[int, float, str]],
        article_words: list[set[str]],
    ) -> None:
        for seq, (_, _, when) in zip(seqs, rows, strict=True):
            self.story[seq] = seq
            self.published[seq] = when
        nonempty = [i for i, words in enumerate(article_words) if words]
        signatures = self.signer.signatures([sorted(article_words[i]) for i in nonempty])
        signature_of = {seqs[i]: signatures[k] for k, i in enumerate(nonempty)}
        keys = band_keys(signatures, *self.story_bands)
        batch_seqs = np.array([seqs[i] for i in nonempty], dtype=np.uint32)
        old_rows, old_ids = self.story_index.query(keys, self.options.bucket_cap)
        new_rows, new_ids = self_pairs(keys, batch_seqs, self.options.bucket_cap)
        stored = self._stored_signatures({int(s) for s in old_ids})
        for row, other in zip(
            np.concatenate([old_rows, new_rows]).tolist(), np.concatenate([old_ids, new_ids]).tolist(), strict=True
        ):
            seq = int(batch_seqs[row])
            other_signature = signature_of.get(other)
            if other_signature is None:
                other_signature = stored.get(other)
            if other_signature is None or other == seq:
                continue
            if not self._within_window(seq, other):
                continue
            if float(np.mean(signature_of[seq] == other_signature)) >= self.options.story_threshold:
                self._union(seq, other)
        parent_articles = self._articles_of({sid for sid, _, _ in parents.values()})
        shared = Counter((sentences[row].seq, parent_articles[sid]) for row, (sid, _, _) in parents.items())
        for (seq, other), count in shared.items():
            # One shared sentence may be boilerplate ("did not respond to a request for comment") or a
            # famous quote; two are a shared source.
            if count >= self.options.story_shared_sentences:
                self._union(seq, other)

        counts = Counter(s.seq for s in sentences)
        self.connection.executemany(
            "INSERT INTO link_articles (seq, article_id, published, story, sentences, signature) VALUES (?,?,?,?,?,?)",
            [
                (seq, article_id, when, self.story[seq], counts[seq], _blob(signature_of.get(seq)))
                for seq, (article_id, _, when) in zip(seqs, rows, strict=True)
            ],
        )
        self.connection.executemany(
            "UPDATE link_articles SET story = ? WHERE seq = ?",
            [(self.story[seq], seq) for seq in sorted(self.moved) if seq < seqs[0]],
        )
        self.moved.clear()
        self.story_index.add(keys, batch_seqs)
        self.story_index.save(self.connection)

    def _within_window(self, first: int, second: int) -> bool:
        a, b = published_day(self.published.get(first)), published_day(self.published.get(second))
        return a is None or b is None or abs((a - b).days) <= self.options.story_window_days

    def _find(self, seq: int) -> int:
        root = seq
        while self.story[root] != root:
            root = self.story[root]
        while self.story[seq] != root:  # path compression
            self.story[seq], seq = root, self.story[seq]
        return root

    def _union(self, first: int, second: int) -> None:
        a, b = self._find(first), self._find(second)
        if a != b:
            self.story[max(a, b)] = min(a, b)
            self.moved.add(max(a, b))

    def _stored_signatures(self, seqs: set[int]) -> dict[int, np.ndarray]:
        found: dict[int, np.ndarray] = {}
        ordered = sorted(seqs)
        for offset in range(0, len(ordered), 900):
            chunk = ordered[offset : offset + 900]
            marks = ",".join("?" * len(chunk))
            for seq, blob in self.connection.execute(
                f"SELECT seq, signature FROM link_articles WHERE seq IN ({marks}) AND signature IS NOT NULL", chunk
            ):
                found[seq] = np.frombuffer(blob, dtype=np.uint32)
        return found

    def _articles_of(self, sids: set[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        ordered = sorted(sids)
        for offset in range(0, len(ordered), 900):
            chunk = ordered[offset : offset + 900]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.connection.execute(f"SELECT sid, article FROM link_sentences WHERE sid IN ({marks})", chunk)
            )
        return found


def update_links(store: Store, options: LinkOptions | None = None) -> int:
    """Link the stored articles not linked yet; returns how many were linked.

    Example:
        >>> with Store.open("dossier.db") as store:
        ...     update_links(store)
    """
    options = options or LinkOptions()
    connection = store.connection
    with _only_linker(store):
        _prepare_state(connection, options)
        linker = _Linker.open(connection, options)
        linked = 0
        while True:
            rows = connection.execute(
                "SELECT a.id, a.text, a.published FROM articles a LEFT JOIN link_articles l ON l.article_id = a.id"
                " WHERE l.article_id IS NULL ORDER BY a.rowid LIMIT ?",
                (options.batch_articles,),
            ).fetchall()
            if not rows:
                return linked
            linker.link_batch([(r[0], r[1], r[2]) for r in rows])
            linked += len(rows)


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


def classify_sentence_link(earlier: str, later: str, options: LinkOptions) -> tuple[str, dict[str, Any]]:
    """Kind of a verified sentence link, judged on the words as written, and the words that changed.

    Example:
        >>> classify_sentence_link("Russia vetoed the draft.", "Russian Federation vetoed the draft.", LinkOptions())
        ('rewording', {'surface_similarity': 0.5, 'changes': [['Russia', 'Russian Federation']]})
    """
    first = [w for w, _ in raw_words(earlier)]
    second = [w for w, _ in raw_words(later)]
    first_folded, second_folded = [w.casefold() for w in first], [w.casefold() for w in second]
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


# ====================================================================== links


@dataclass(frozen=True)
class _ArticleInfo:
    article_id: str
    published: str | None
    story: int
    sentences: int
    signature: np.ndarray | None


def stored_links(store: Store, options: LinkOptions | None = None) -> Iterator[Link]:
    """The `Link` records of the stored link state: sentences, then articles, then stories."""
    options = options or LinkOptions()
    connection = store.connection
    _prepare_state(connection, options)
    articles = {
        seq: _ArticleInfo(aid, when, story, count, np.frombuffer(blob, dtype=np.uint32) if blob else None)
        for seq, aid, when, story, count, blob in connection.execute(
            "SELECT seq, article_id, published, story, sentences, signature FROM link_articles"
        )
    }

    def order(seq: int) -> tuple[bool, str, int]:
        # First appearance: dated before undated, then by date, then by ingest order.
        when = articles[seq].published
        return (when is None, when or "", seq)

    # Two passes over the edges: numbers only to find each tree's first carrier, then the records,
    # streamed, so memory holds integers per linked sentence rather than every link's text.
    parent_of: dict[int, int] = {}
    article_of: dict[int, int] = {}
    for sid, seq, parent, pseq in connection.execute(
        "SELECT c.sid, c.article, c.parent, p.article FROM link_sentences c JOIN link_sentences p ON p.sid = c.parent"
    ):
        parent_of[sid] = parent
        article_of[sid] = seq
        article_of[parent] = pseq
    edges = connection.execute(
        'SELECT c.sid, c.article, c.start, c."end", c.parent, c.kind, c.similarity, c.detail,'
        ' p.article, p.start, p."end" FROM link_sentences c JOIN link_sentences p ON p.sid = c.parent'
        " ORDER BY c.sid"
    )

    def root(sid: int) -> int:
        while sid in parent_of:
            sid = parent_of[sid]
        return sid

    group_first: dict[int, int] = {}
    for sid, seq in article_of.items():
        top = root(sid)
        if top not in group_first or order(seq) < order(group_first[top]):
            group_first[top] = seq

    texts = _TextCache(connection)
    shared: Counter[tuple[int, int]] = Counter()
    for sid, seq, start, end, _parent, kind, similarity, detail, pseq, pstart, pend in edges:
        first = group_first[root(sid)]
        shared[(min(seq, pseq), max(seq, pseq))] += 1
        found = json.loads(detail)
        # The edge points from the sentence read later to its match; a link reads from the earlier carrier.
        (a_seq, a_start, a_end), (b_seq, b_start, b_end) = (pseq, pstart, pend), (seq, start, end)
        if order(seq) < order(pseq):
            (a_seq, a_start, a_end), (b_seq, b_start, b_end) = (b_seq, b_start, b_end), (a_seq, a_start, a_end)
            found["changes"] = [[after, before] for before, after in found["changes"]]
        earlier, later = articles[a_seq].article_id, articles[b_seq].article_id
        yield Link(
            kind=kind,
            a=sentence_key(earlier, a_start, a_end),
            b=sentence_key(later, b_start, b_end),
            similarity=similarity,
            first_seen=articles[first].article_id,
            detail={
                "level": "sentence",
                "a_article": earlier,
                "a_start": a_start,
                "a_end": a_end,
                "a_text": texts.get(earlier)[a_start:a_end],
                "b_article": later,
                "b_start": b_start,
                "b_end": b_end,
                "b_text": texts.get(later)[b_start:b_end],
                **found,
            },
        )
    yield from _near_duplicate_articles(articles, shared, order, options)
    yield from _story_links(articles, article_of, root, group_first, order)


def _near_duplicate_articles(
    articles: dict[int, _ArticleInfo], shared: Counter[tuple[int, int]], order: Any, options: LinkOptions
) -> Iterator[Link]:
    for (first, second), count in sorted(shared.items()):
        smaller = min(articles[first].sentences, articles[second].sentences)
        share = count / smaller if smaller else 0.0
        if share < options.article_near_duplicate:
            continue
        earlier, later = sorted((first, second), key=order)
        yield Link(
            kind="near_duplicate",
            a=articles[earlier].article_id,
            b=articles[later].article_id,
            similarity=round(min(share, 1.0), 4),
            first_seen=articles[earlier].article_id,
            detail={"level": "article", "shared_sentences": count, "sentences": smaller},
        )


def _story_links(
    articles: dict[int, _ArticleInfo],
    article_of: dict[int, int],
    root: Any,
    group_first: dict[int, int],
    order: Any,
) -> Iterator[Link]:
    """One same_story link from each story's first article to every other member, with its sources."""
    members: dict[int, list[int]] = defaultdict(list)
    for seq in articles:
        top = seq
        while articles[top].story != top:
            top = articles[top].story
        members[top].append(seq)
    sources: dict[int, Counter[int]] = defaultdict(Counter)
    for sid, seq in article_of.items():
        first = group_first[root(sid)]
        if first != seq:
            sources[seq][first] += 1
    for group in members.values():
        if len(group) < 2:
            continue
        group.sort(key=order)
        head = articles[group[0]]
        for seq in group[1:]:
            member = articles[seq]
            similarity = (
                float(np.mean(head.signature == member.signature))
                if head.signature is not None and member.signature is not None
                else 0.0
            )
            yield Link(
                kind="same_story",
                a=head.article_id,
                b=member.article_id,
                similarity=round(similarity, 4),
                first_seen=head.article_id,
                detail={
                    "level": "story",
                    "story": head.article_id,
                    "size": len(group),
                    "composed_from": [
                        {"article": articles[src].article_id, "sentences": n} for src, n in sources[seq].most_common()
                    ],
                },
            )


class _TextCache:
    """Article texts read on demand, the most recent few kept."""

    def __init__(self, connection: sqlite3.Connection, size: int = 4096) -> None:
        self.connection = connection
        self.size = size
        self.texts: dict[str, str] = {}

    def get(self, article_id: str) -> str:
        text = self.texts.get(article_id)
        if text is None:
            row = self.connection.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            text = row[0] if row else ""
            if len(self.texts) >= self.size:
                self.texts.pop(next(iter(self.texts)))
            self.texts[article_id] = text
        return text


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
    matcher = difflib.SequenceMatcher(a=list(first), b=list(second), autojunk=False)
    ratio = matcher.ratio()
    return ratio, round(ratio * (len(matcher.a) + len(matcher.b)) / 2)


class _PairChecks:
    """Facts about each word sequence and text that the candidate checks of one batch reuse."""

    def __init__(self) -> None:
        self.words: dict[tuple[str, ...], tuple[frozenset[str], Counter[str] | None]] = {}
        self.figures: dict[tuple[str, ...], frozenset[str]] = {}
        self.surface: dict[str, frozenset[str]] = {}

    def ratio_bound(self, first: tuple[str, ...], second: tuple[str, ...]) -> float:
        """An upper bound of `sequence_match`'s ratio: difflib's quick_ratio, words shared in any order.

        The ratio counts words matched in order, so it never exceeds the share
        of words the two sequences have in common.
        """
        total = len(first) + len(second)
        if not total:
            return 1.0
        distinct, counts = self._distinct(first)
        other_distinct, other_counts = self._distinct(second)
        if counts is None and other_counts is None:  # the common case: no word repeated
            return 2.0 * len(distinct & other_distinct) / total
        mine, theirs = counts or Counter(first), other_counts or Counter(second)
        shared = sum(min(n, theirs[word]) for word, n in mine.items() if word in theirs)
        return 2.0 * shared / total

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

    def surface_of(self, text: str) -> frozenset[str]:
        found = self.surface.get(text)
        if found is None:
            found = self.surface[text] = frozenset(surface_words(text))
        return found


def sequence_similarity(first: Iterable[str], second: Iterable[str]) -> float:
    """difflib's ratio of two word sequences (the first half of `sequence_match`)."""
    return sequence_match(first, second)[0]


def _sketch(signature: np.ndarray) -> bytes:
    return _sketches(signature[None, :])[0].tobytes()


def _sketches(signatures: np.ndarray) -> np.ndarray:
    """The lowest byte of each MinHash value (b-bit MinHash, b = 8): 64 bytes kept per sentence."""
    return (signatures & np.uint32(0xFF)).astype(np.uint8)


def _estimated_jaccards(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Row-wise Jaccard estimated from two stacks of sketches."""
    # Two different minima share their lowest byte by chance 1 time in 256; correct for it.
    agree = np.count_nonzero(first == second, axis=1) / first.shape[1]
    return (agree - 1 / 256) / (1 - 1 / 256)


def _blob(signature: np.ndarray | None) -> bytes | None:
    return signature.astype(np.uint32).tobytes() if signature is not None else None


def sentence_key(article_id: str, start: int, end: int) -> str:
    """The id of a sentence in links: '<article id>:<start>-<end>'."""
    return f"{article_id}:{start}-{end}"


def find_links(
    store: Store, kind: str | None = None, article_id: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored links (as written by the last run), optionally of one kind or touching one article.

    Example:
        >>> with Store.open("dossier.db", read_only=True) as store:
        ...     find_links(store, kind="rewording", limit=10)
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
