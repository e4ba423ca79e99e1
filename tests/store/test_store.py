"""Store: WAL, migrations, idempotent saves, atomic per-article writes."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import dossier
from dossier.errors import StoreError
from dossier.link.event_merge import update_event_merges
from dossier.link.linker import link_articles, update_links
from dossier.records import ActorRef, Article, ArticleAnalysis, Mention, Quote
from dossier.store.database import Store, schema_version
from dossier.store.schema import LINK_STATE_TABLES, MERGE_STATE_TABLES, MIGRATIONS, split_sql
from dossier.store.sql import select_in_chunks


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


def another_apps_database(path: Path, user_version: int) -> bytes:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Ada')")
    connection.execute(f"PRAGMA user_version = {user_version}")
    connection.commit()
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("user_version", [0, 2])
@pytest.mark.parametrize("read_only", [False, True])
def test_another_apps_sqlite_database_is_refused_and_left_untouched(
    tmp_path: Path, user_version: int, read_only: bool
) -> None:
    path = tmp_path / "contacts.db"
    before = another_apps_database(path, user_version)
    with pytest.raises(StoreError, match=r"contacts.db: an SQLite database of another application \(tables: contacts"):
        Store.open(path, read_only=read_only)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists()


def test_a_database_in_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=f"the folder {tmp_path / 'nowhere'} does not exist"):
        Store.open(tmp_path / "nowhere" / "d.db")
    assert not (tmp_path / "nowhere").exists()


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """`folder` made unwritable: by its mode, or for root (whom modes do not stop) by the immutable flag."""
    folder.chmod(0o555)
    flagged = False
    if os.access(folder, os.W_OK):
        flagged = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("cannot make a folder unwritable here")
        yield
    finally:
        if flagged:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_database_in_an_unwritable_folder_says_the_folder_is_not_writable(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with unwritable(folder), pytest.raises(StoreError, match=f"the folder {folder} is not writable"):
        Store.open(folder / "d.db")


# ------------------------------------------------------------------ one owner of the schema

# The side tables as the link and event_merge stages created them before schema v2 owned them.
OLD_SIDE_TABLES = (
    "CREATE TABLE link_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE link_articles (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE,"
    " published TEXT, story INTEGER NOT NULL, sentences INTEGER NOT NULL, signature BLOB)",
    "CREATE TABLE link_sentences (sid INTEGER PRIMARY KEY, article INTEGER NOT NULL,"
    ' start INTEGER NOT NULL, "end" INTEGER NOT NULL, parent INTEGER, kind TEXT, similarity REAL, detail TEXT,'
    " sketch BLOB NOT NULL)",
    "CREATE TABLE link_segments (level TEXT NOT NULL, entries INTEGER NOT NULL, keys BLOB NOT NULL, ids BLOB NOT NULL)",
    "CREATE TABLE event_merge_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE event_merge_articles (article_id TEXT PRIMARY KEY, article_rowid INTEGER NOT NULL,"
    " ingested_at REAL NOT NULL)",
    "CREATE TABLE event_merges (mid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT,"
    " target TEXT, root TEXT, lo INTEGER, hi INTEGER, precise INTEGER NOT NULL, place TEXT,"
    " founder_article TEXT NOT NULL, founder_seq INTEGER NOT NULL, first_article TEXT NOT NULL,"
    " first_published TEXT, mentions INTEGER NOT NULL, reports INTEGER NOT NULL, sources INTEGER NOT NULL)",
    "CREATE INDEX event_merges_key ON event_merges (source, target, root, precise, lo)",
    "CREATE TABLE event_merge_members (article_id TEXT NOT NULL, seq INTEGER NOT NULL,"
    " mid INTEGER NOT NULL, outlet TEXT NOT NULL, published TEXT, gap INTEGER, PRIMARY KEY (article_id, seq))",
    "CREATE INDEX event_merge_members_mid ON event_merge_members (mid, article_id)",
    "CREATE INDEX event_merge_members_outlet ON event_merge_members (mid, outlet)",
)

COPIED = "Heavy monsoon rains have killed at least 40 people in northern Bangladesh, officials said on Monday."
REPORTS = (
    f"Floods in Bangladesh.\n\n{COPIED}\n\nThe army was deployed to help evacuate residents stranded on rooftops.",
    f"{COPIED} The army was deployed to help evacuate residents stranded on rooftops in the worst-hit districts.",
)


def version_one_database(path: Path, side_tables: bool) -> None:
    """A database as dossier wrote it at schema v1, with or without the stages' side tables."""
    connection = sqlite3.connect(path)
    for statement in split_sql(MIGRATIONS[0]):
        connection.execute(statement)
    if side_tables:
        for statement in OLD_SIDE_TABLES:
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()


def link_kinds(store: Store) -> list[tuple[str, str]]:
    return sorted((ln.kind, ln.detail["level"]) for ln in link_articles(store))


@pytest.mark.parametrize("side_tables", [True, False])
def test_a_version_one_database_migrates_and_links(tmp_path: Path, side_tables: bool) -> None:
    path = tmp_path / "old.db"
    version_one_database(path, side_tables)
    with Store.open(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        tables = {row[0] for row in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {*LINK_STATE_TABLES, *MERGE_STATE_TABLES} <= tables
        for index, text in enumerate(REPORTS):
            store.save_analysis(ArticleAnalysis(Article.build(text, name=f"r{index}", published="2023-07-03")))
        assert ("exact", "sentence") in link_kinds(store)
        assert update_event_merges(store) == 0  # both merged by link_articles above


def test_migrating_keeps_the_link_and_merge_state_a_version_one_database_holds(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        for index, text in enumerate(REPORTS):
            store.save_analysis(ArticleAnalysis(Article.build(text, name=f"r{index}", published="2023-07-03")))
        before = link_kinds(store)
        assert ("exact", "sentence") in before
        store.connection.execute("PRAGMA user_version = 1")  # what an older dossier left, its side tables in place
    with Store.open(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert update_links(store) == 0 and update_event_merges(store) == 0
        assert link_kinds(store) == before


def test_only_the_schema_module_creates_tables() -> None:
    package = Path(dossier.__file__).parent
    owners = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"CREATE (TABLE|INDEX|VIRTUAL TABLE|TRIGGER)", path.read_text(encoding="utf-8"))
    }
    assert owners == {"store/schema.py"}


def test_select_in_chunks_asks_for_each_id_once_across_chunks(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as store:
        for name in "abcde":
            store.save_analysis(analysis_of(f"Putin said: we are ready ({name}).", name))
        ids = [a.id for a in store.articles()]
        rows = list(
            select_in_chunks(
                store.connection,
                "SELECT name FROM articles WHERE id IN ({marks}) AND name != ?",
                [*ids, ids[0]],
                chunk=2,
                params=("c",),
            )
        )
    assert sorted(row[0] for row in rows) == ["a", "b", "d", "e"]


def test_links_are_written_as_their_to_dict_whatever_their_detail_holds(tmp_path: Path) -> None:
    import json

    from dossier.records import Link

    plain = Link("rewording", "a:0-9", "b:0-9", 0.7, "a", {"changes": [("said", "stated")], "note": "é"})
    with_record = Link("same_story", "a", "b", 0.5, None, {"actor": ActorRef("RUS", "Russia")})
    with Store.open(str(tmp_path / "links.db")) as store:
        assert store.replace_links([plain, with_record]) == 2
        written = [row[0] for row in store.connection.execute("SELECT data FROM links ORDER BY a DESC")]
    assert [json.loads(data) for data in written] == [
        json.loads(json.dumps(link.to_dict())) for link in (plain, with_record)
    ]
    assert "é" in written[0]  # written as UTF-8, not escaped
