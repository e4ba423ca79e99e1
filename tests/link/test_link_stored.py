"""Writing the link table: the stored links made by two processes are the links one process makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.link import stored
from dossier.link.linker import LinkOptions, stored_link_rows, stored_links, update_links
from dossier.records import ArticleAnalysis
from dossier.store.database import StagedLinks, Store
from tests.link.link_corpus import build_corpus


def _link_table(store: Store) -> list[tuple]:
    return store.connection.execute(
        "SELECT kind, a, b, similarity, first_seen, data FROM links ORDER BY rowid"
    ).fetchall()


def staged_now(part: object, staged: list[object]) -> bool:
    """Notes a scratch database as it passes (and lets every part through)."""
    if isinstance(part, StagedLinks):
        staged.append(part)
    return False


def test_a_helper_process_writes_the_same_link_table_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, _truth = build_corpus()
    with Store.open(tmp_path / "corpus.db") as store:
        for article in articles:
            store.save_analysis(ArticleAnalysis(article))
        update_links(store, LinkOptions())
        store.replace_links(stored_links(store, LinkOptions()))
        alone = _link_table(store)
        monkeypatch.setattr(stored, "HELPER_FROM_EDGES", 1)  # this corpus is small: start the helper anyway
        staged = []
        written = store.replace_links(
            part for part in stored_link_rows(store, LinkOptions()) if not staged_now(part, staged)
        )
        assert len(staged) == 1  # the helper wrote its part into a scratch database
        assert _link_table(store) == alone
        assert written == len(alone) > 50
    # The helper's scratch database is gone.
    assert [path.name for path in tmp_path.iterdir() if "links" in path.name] == []


def test_an_in_memory_store_writes_its_links_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    articles, _truth = build_corpus()
    monkeypatch.setattr(stored, "HELPER_FROM_EDGES", 1)
    with Store.open(":memory:") as store:
        for article in articles[:40]:
            store.save_analysis(ArticleAnalysis(article))
        update_links(store, LinkOptions())
        parts = list(stored_link_rows(store, LinkOptions()))
    assert parts and not any(isinstance(part, StagedLinks) for part in parts)
