"""`Link` records from the stored link state: sentences, then articles, then stories."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from dossier.link.compare import sentence_key
from dossier.link.options import LinkOptions
from dossier.link.stories import signature_similarity
from dossier.records import Link
from dossier.store import link_state
from dossier.store.database import Store

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


def stored_links(store: Store, options: LinkOptions | None = None) -> Iterator[Link]:
    """The `Link` records of the stored link state: sentences, then articles, then stories."""
    options = options or LinkOptions()
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
    trees = _copy_trees(store, order)
    shared: Counter[tuple[int, int]] = Counter()
    yield from _sentence_links(store, articles, trees, order, shared)
    yield from _near_duplicate_articles(articles, shared, order, options)
    yield from _story_links(articles, trees, order)


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
    articles: dict[int, _ArticleInfo],
    trees: _CopyTrees,
    order: _Order,
    shared: Counter[tuple[int, int]],
) -> Iterator[Link]:
    """One link per linked sentence, from the earlier carrier; counts the sentences each article pair shares."""
    texts = _TextCache(store)
    for edge in link_state.sentence_edges(store.connection):
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
    articles: dict[int, _ArticleInfo], shared: Counter[tuple[int, int]], order: _Order, options: LinkOptions
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


def _story_links(articles: dict[int, _ArticleInfo], trees: _CopyTrees, order: _Order) -> Iterator[Link]:
    """One same_story link from each story's first article to every other member, with its sources."""
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
