"""Store: WAL, migrations, idempotent saves, atomic per-article writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dossier.errors import StoreError
from dossier.records import ActorRef, Article, ArticleAnalysis, Mention, Quote
from dossier.store.database import Store, schema_version


def analysis_of(text: str, name: str = "a") -> ArticleAnalysis:
    article = Article.build(text, name=name, title="t")
    speaker = ActorRef("RUSGOV", "Vladimir Putin", "RUS", "GOV")
    mention = Mention(article.id, 0, 5, "Putin", speaker)
    quote = Quote(article.id, speaker, None, "we are ready", "direct", "said", 10, 22, text)
    return ArticleAnalysis(article, (mention,), (quote,))


def test_new_database_is_wal_and_at_the_latest_schema(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == schema_version()


def test_saving_the_same_article_twice_stores_it_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        store.save_analysis(analysis_of("Putin said: we are ready."))
        store.save_analysis(analysis_of("Putin said: we are ready."))
        assert store.counts()["articles"] == 1
        assert store.counts()["quotes"] == 1
        assert store.counts()["mentions"] == 1


def test_a_failed_write_leaves_earlier_articles_untouched(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        store.save_analysis(analysis_of("First report about Putin.", "first"))
        broken = analysis_of("Second report about Putin.", "second")
        store.connection.execute(
            f"CREATE TRIGGER boom BEFORE INSERT ON quotes WHEN new.article_id = '{broken.article.id}' "
            "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
        with pytest.raises(sqlite3.DatabaseError):
            store.save_analysis(broken)
        assert [a.name for a in store.articles()] == ["first"]
        assert store.counts()["mentions"] == 1


def test_records_export_in_contract_shape(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        store.save_analysis(analysis_of("Putin said: we are ready."))
        [quote] = store.iter_records("quotes")
        assert quote["speaker"] == {"code": "RUSGOV", "name": "Vladimir Putin", "country": "RUS", "role": "GOV"}
        assert quote["kind"] == "direct" and quote["start"] == 10
        [actor] = store.iter_records("actors")
        assert actor["code"] == "RUSGOV" and actor["mention_count"] == 1


def test_full_text_search_finds_words(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        store.save_analysis(analysis_of("Sanctions on oil were debated in Vladivostok."))
        [hit] = store.search("vladivostok")
        assert "[Vladivostok]" in hit["snippet"]


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 50)
    with pytest.raises(StoreError, match="not a dossier database"):
        Store.open(path)
    assert path.read_text().startswith("these are my notes")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {schema_version() + 5}")
    connection.close()
    with pytest.raises(StoreError, match="newer than this dossier"):
        Store.open(path)


def test_read_only_open_of_missing_database_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="dossier run"):
        Store.open(tmp_path / "missing.db", read_only=True)
