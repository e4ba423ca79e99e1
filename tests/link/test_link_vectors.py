"""Sentence vectors kept between link batches: a stored sentence is embedded once, and links do not change."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from dossier.embed import embed_sentences
from dossier.link import linker, vectors
from dossier.link.incremental import LinkAsStored
from dossier.link.linker import link_articles
from dossier.link.vectors import RecentRows, RecentVectors
from dossier.records import ArticleAnalysis
from dossier.store import link_state
from dossier.store.database import Store
from tests.link.link_corpus import build_corpus

SENTENCES = [
    "Russia vetoed the draft resolution on Syria at the Security Council on Tuesday.",
    "The Russian Federation blocked the Syria text in the Security Council.",
    "Oil prices fell for a third day as stockpiles grew in the United States.",
]


def test_a_sentence_embedded_in_a_batch_gets_the_vector_it_gets_alone() -> None:
    # Why a kept vector can stand in for embedding the stored sentence again.
    together = embed_sentences(SENTENCES * 700)  # more than one pooled slice
    for row, text in enumerate(SENTENCES * 700):
        if row % 350 == 0:
            assert np.array_equal(together[row], embed_sentences([text])[0])


def test_recent_vectors_finds_kept_sids_and_drops_the_oldest_batches() -> None:
    recent = RecentVectors(capacity=4)
    first, second, third = (np.full((2, 3), value, dtype=np.float32) for value in (1, 2, 3))
    recent.add(0, first)
    recent.add(2, second)
    kept, found = recent.find(np.array([3, 0, 9]))
    assert kept.tolist() == [True, True, False]
    assert found[:, 0].tolist() == [2.0, 1.0]
    recent.add(4, third)
    kept, found = recent.find(np.array([1, 2, 5]))
    assert kept.tolist() == [False, True, True]
    assert found[:, 0].tolist() == [2.0, 3.0]
    assert len(recent) == 4


def _links_linked_as_stored(batch: int) -> list[tuple[str, str, str, float]]:
    articles, _ = build_corpus()
    with Store.open(":memory:") as store:
        linker = LinkAsStored(store)
        for number, article in enumerate(articles, start=1):
            store.save_analysis(ArticleAnalysis(article))
            if number % batch == 0:
                linker.link_new()
        linker.link_new()
        return sorted((ln.kind, ln.a, ln.b, ln.similarity) for ln in link_articles(store, merge_events=False))


def test_links_are_the_same_when_stored_sentences_are_embedded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = _links_linked_as_stored(batch=2)
    embedded = []
    original = vectors.RecentVectors.find

    def find_nothing(self: RecentVectors, sids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        embedded.append(len(sids))
        return np.zeros(len(sids), dtype=bool), np.zeros((0, 0), dtype=np.float32)

    monkeypatch.setattr(vectors.RecentVectors, "find", find_nothing)
    again = _links_linked_as_stored(batch=2)
    monkeypatch.setattr(vectors.RecentVectors, "find", original)
    assert sum(embedded) > 0  # stored sentences were candidates by meaning
    assert any(kind == "rewording" for kind, *_ in kept)
    assert again == kept


def test_recent_rows_follow_contiguous_sids_and_start_again_after_a_gap() -> None:
    recent = RecentRows(capacity=10)
    recent.add(5, np.arange(6, dtype=np.uint8).reshape(3, 2))  # sids 5-7
    recent.add(8, np.full((2, 2), 9, dtype=np.uint8))  # sids 8-9 follow
    kept, found = recent.find(np.array([4, 6, 9, 10]))
    assert kept.tolist() == [False, True, True, False]
    assert found.tolist() == [[2, 3], [9, 9]]
    recent.add(20, np.ones((1, 2), dtype=np.uint8))  # a gap: only sid 20 is kept now
    assert recent.find(np.array([6, 20]))[0].tolist() == [False, True]
    assert len(recent) == 1


def test_links_are_the_same_when_stored_sketches_are_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = _links_linked_as_stored(batch=2)
    read: list[int] = []
    original = link_state.sentence_sketches

    def counted(connection: sqlite3.Connection, sids: list[int]) -> dict[int, bytes]:
        read.append(len(sids))
        return original(connection, sids)

    monkeypatch.setattr(link_state, "sentence_sketches", counted)
    assert _links_linked_as_stored(batch=2) == kept
    assert sum(read) == 0  # every lexical candidate of a run's own batches was kept
    monkeypatch.setattr(linker, "RECENT_SKETCHES", 0)
    assert _links_linked_as_stored(batch=2) == kept
    assert sum(read) > 0  # with none kept, they were read back from the store
