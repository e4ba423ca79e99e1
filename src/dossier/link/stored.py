"""`Link` records from the stored link state: sentences, then articles, then stories."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection

import numpy as np

from dossier.link.compare import sentence_key
from dossier.link.options import LinkOptions
from dossier.link.stories import signature_similarity
from dossier.records import Link
from dossier.store import link_state
from dossier.store.database import StagedLinks, Store, write_scratch_links

# First appearance: dated before undated, then by date, then by ingest order.
_Order = Callable[[int], tuple[bool, str, int]]


@dataclass(frozen=True)
class _ArticleInfo:
    article_id: str
    published: str | None
    story: int
    sentences: int
    signature: np.ndarray | None


@dataclass
class _CopyTrees:
    """The linked sentences as trees of copies: each sentence's parent, article, and tree's first carrier."""

    parent_of: dict[int, int]
    article_of: dict[int, int]
    group_first: dict[int, int]

    def root(self, sid: int) -> int:
        while sid in self.parent_of:
            sid = self.parent_of[sid]
        return sid

    def first_carrier(self, sid: int) -> int:
        return self.group_first[self.root(sid)]


# Stored links are written by two processes (`stored_link_rows`) from this many linked sentences: below it,
# starting the helper costs more than it saves.
HELPER_FROM_EDGES = 50_000
# The helper's share of the sentence links: the caller also stages every row and makes the other links.
HELPER_SHARE = 0.68


@dataclass(frozen=True)
class _LinkState:
    """What every part of the stored links reads: the linked articles, first appearance, the copy trees."""

    articles: dict[int, _ArticleInfo]
    order: _Order
    trees: _CopyTrees


def stored_links(store: Store, options: LinkOptions | None = None) -> Iterator[Link]:
    """The `Link` records of the stored link state: sentences, then articles, then stories."""
    options = options or LinkOptions()
    yield from _links_of(store, _link_state(store, options), options)


def stored_link_rows(store: Store, options: LinkOptions | None = None) -> Iterator[Link | StagedLinks]:
    """What `stored_links` gives, in the same order, for `Store.replace_links`: on a database file with many
    linked sentences, the later part of the sentence links is written by a forked helper process into a
    scratch database beside it while this one makes the rest (writing the link table of a million articles
    took minutes on one core while the other idled).
    """
    options = options or LinkOptions()
    state = _link_state(store, options)
    split = _helper_split(store, state)
    if split is None:
        yield from _links_of(store, state, options)
        return
    shared: Counter[tuple[int, int]] = Counter()
    with _SentenceLinkHelper(store, state, split) as helper:
        yield from _sentence_links(store, state, shared, end_sid=split)
        shared.update(helper.shared_counts())
        yield StagedLinks(helper.scratch)
    yield from _near_duplicate_articles(state, shared, options)
    yield from _story_links(state)


def _links_of(store: Store, state: _LinkState, options: LinkOptions) -> Iterator[Link]:
    shared: Counter[tuple[int, int]] = Counter()
    yield from _sentence_links(store, state, shared)
    yield from _near_duplicate_articles(state, shared, options)
    yield from _story_links(state)


def _link_state(store: Store, options: LinkOptions) -> _LinkState:
    connection = store.connection
    link_state.prepare_link_state(connection, options.fingerprint())
    articles = {
        row.seq: _ArticleInfo(
            row.article_id,
            row.published,
            row.story,
            row.sentences,
            np.frombuffer(row.signature, dtype=np.uint32) if row.signature else None,
        )
        for row in link_state.linked_articles(connection)
    }

    def order(seq: int) -> tuple[bool, str, int]:
        when = articles[seq].published
        return (when is None, when or "", seq)

    # Two passes over the edges: numbers only to find each tree's first carrier, then the records,
    # streamed, so memory holds integers per linked sentence rather than every link's text.
    return _LinkState(articles, order, _copy_trees(store, order))


def _helper_split(store: Store, state: _LinkState) -> int | None:
    """The first sid whose sentence link the helper writes; None where no helper is worth starting (or can
    be forked: a process running threads could hand it a lock another thread holds)."""
    edges = len(state.trees.parent_of)
    if (
        edges < HELPER_FROM_EDGES
        or store.path == ":memory:"
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return None
    sids = np.fromiter(state.trees.parent_of, dtype=np.int64, count=edges)
    at = int(edges * (1 - HELPER_SHARE))
    return int(np.partition(sids, at)[at])


class _SentenceLinkHelper:
    """A forked process writing the sentence links from sid `first_sid` on into a scratch database."""

    def __init__(self, store: Store, state: _LinkState, first_sid: int) -> None:
        folder = os.path.dirname(os.path.abspath(store.path))
        handle, self.scratch = tempfile.mkstemp(prefix=".dossier-links-", suffix=".db", dir=folder)
        os.close(handle)
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_write_helper_links, args=(store.path, self.scratch, state, first_sid, sender), daemon=True
        )
        self._process.start()
        sender.close()

    def __enter__(self) -> _SentenceLinkHelper:
        return self

    def shared_counts(self) -> Counter[tuple[int, int]]:
        """The sentences each article pair shares among the helper's links, once it has written them all."""
        found: Counter[tuple[int, int]] | None
        try:
            found = self._receiver.recv()
        except EOFError:  # the helper died before sending them
            found = None
        self._process.join()
        if found is None or self._process.exitcode != 0:
            raise RuntimeError(f"writing stored links: the helper process failed (exit code {self._process.exitcode})")
        return found

    def __exit__(self, *exc: object) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()
        for suffix in ("", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.scratch + suffix)


def _write_helper_links(path: str, scratch: str, state: _LinkState, first_sid: int, sender: Connection) -> None:
    """In the forked helper: its sentence links into the scratch database, then their shared counts."""
    shared: Counter[tuple[int, int]] = Counter()
    with Store.open(path, read_only=True) as store:
        write_scratch_links(scratch, _sentence_links(store, state, shared, first_sid=first_sid))
    sender.send(shared)
    sender.close()


def _copy_trees(store: Store, order: _Order) -> _CopyTrees:
    parent_of: dict[int, int] = {}
    article_of: dict[int, int] = {}
    for sid, seq, parent, pseq in link_state.sentence_parents(store.connection):
        parent_of[sid] = parent
        article_of[sid] = seq
        article_of[parent] = pseq
    trees = _CopyTrees(parent_of, article_of, {})
    for sid, seq in article_of.items():
        top = trees.root(sid)
        if top not in trees.group_first or order(seq) < order(trees.group_first[top]):
            trees.group_first[top] = seq
    return trees


def _sentence_links(
    store: Store,
    state: _LinkState,
    shared: Counter[tuple[int, int]],
    first_sid: int = 0,
    end_sid: int | None = None,
) -> Iterator[Link]:
    """One link per linked sentence (of sids [first_sid, end_sid)), from the earlier carrier; counts the
    sentences each article pair shares."""
    articles, trees, order = state.articles, state.trees, state.order
    texts = _TextCache(store)
    for edge in link_state.sentence_edges(store.connection, first_sid, end_sid):
        first = trees.first_carrier(edge.sid)
        seq, pseq = edge.article, edge.parent_article
        shared[(min(seq, pseq), max(seq, pseq))] += 1
        found = json.loads(edge.detail)
        # The edge points from the sentence read later to its match; a link reads from the earlier carrier.
        a_side, b_side = (pseq, edge.parent_start, edge.parent_end), (seq, edge.start, edge.end)
        if order(seq) < order(pseq):
            a_side, b_side = b_side, a_side
            found["changes"] = [[after, before] for before, after in found["changes"]]
        (a_seq, a_start, a_end), (b_seq, b_start, b_end) = a_side, b_side
        earlier, later = articles[a_seq].article_id, articles[b_seq].article_id
        yield Link(
            kind=edge.kind,
            a=sentence_key(earlier, a_start, a_end),
            b=sentence_key(later, b_start, b_end),
            similarity=edge.similarity,
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


def _near_duplicate_articles(
    state: _LinkState, shared: Counter[tuple[int, int]], options: LinkOptions
) -> Iterator[Link]:
    articles, order = state.articles, state.order
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


def _story_links(state: _LinkState) -> Iterator[Link]:
    """One same_story link from each story's first article to every other member, with its sources."""
    articles, trees, order = state.articles, state.trees, state.order
    members: dict[int, list[int]] = defaultdict(list)
    for seq in articles:
        top = seq
        while articles[top].story != top:
            top = articles[top].story
        members[top].append(seq)
    sources: dict[int, Counter[int]] = defaultdict(Counter)
    for sid, seq in trees.article_of.items():
        first = trees.first_carrier(sid)
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
                signature_similarity(head.signature, member.signature)
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

    def __init__(self, store: Store, size: int = 4096) -> None:
        self.store = store
        self.size = size
        self.texts: dict[str, str] = {}

    def get(self, article_id: str) -> str:
        text = self.texts.get(article_id)
        if text is None:
            text = link_state.article_text(self.store.connection, article_id)
            if len(self.texts) >= self.size:
                self.texts.pop(next(iter(self.texts)))
            self.texts[article_id] = text
        return text
