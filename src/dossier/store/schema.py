"""The one owner of the database schema: every table and index, the stages' side tables included.

Each entry of `MIGRATIONS` moves the schema from version i to i+1 (`PRAGMA
user_version`); `Store.open` runs the missing ones. Never edit a shipped
entry: add a new one.

Version 2 took over the side tables that the link and event_merge stages
used to create themselves, with the same shapes. Its statements say `IF NOT
EXISTS` because a version-1 database may already hold them (and their
state, which is kept).
"""

from __future__ import annotations

_ARTICLES_AND_RECORDS = """
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT, url TEXT, outlet TEXT, published TEXT, title TEXT,
    text TEXT NOT NULL, source TEXT, ingested_at REAL NOT NULL
);
CREATE INDEX articles_name ON articles(name);
CREATE INDEX articles_published ON articles(published);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TABLE mentions (
    article_id TEXT NOT NULL, seq INTEGER NOT NULL,
    start INTEGER, "end" INTEGER, code TEXT, name TEXT, kind TEXT, data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX mentions_code ON mentions(code);
CREATE TABLE quotes (
    article_id TEXT NOT NULL, seq INTEGER NOT NULL,
    speaker_code TEXT, speaker_name TEXT, kind TEXT, start INTEGER, "end" INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX quotes_speaker ON quotes(speaker_code);
CREATE TABLE events (
    article_id TEXT NOT NULL, seq INTEGER NOT NULL,
    source_code TEXT, target_code TEXT, code TEXT, root_code TEXT, date TEXT,
    start INTEGER, "end" INTEGER, data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_code ON events(root_code, code);
CREATE TABLE stances (
    article_id TEXT NOT NULL, seq INTEGER NOT NULL,
    actor_code TEXT, issue TEXT, polarity TEXT, start INTEGER, "end" INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX stances_issue ON stances(issue, actor_code);
CREATE TABLE links (
    kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, similarity REAL,
    first_seen TEXT, data TEXT NOT NULL,
    PRIMARY KEY (kind, a, b)
);
CREATE TABLE errors (
    source TEXT NOT NULL, problem TEXT NOT NULL, at REAL NOT NULL
);
"""

# The link stage's incremental state (dossier.store.link_state reads and writes it).
_LINK_STATE = """
-- key 'options': the settings the state was built with; other settings rebuild it
CREATE TABLE IF NOT EXISTS link_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- seq: the order linking saw the article in; story: union-find parent seq (itself for a root)
CREATE TABLE IF NOT EXISTS link_articles (
    seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE,
    published TEXT, story INTEGER NOT NULL, sentences INTEGER NOT NULL, signature BLOB
);
-- one row per indexed sentence; parent: its best earlier match, if any
CREATE TABLE IF NOT EXISTS link_sentences (
    sid INTEGER PRIMARY KEY, article INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, parent INTEGER, kind TEXT, similarity REAL, detail TEXT,
    sketch BLOB NOT NULL
);
-- the LSH band index: sorted bucket keys and item ids, one row per segment
CREATE TABLE IF NOT EXISTS link_segments (
    level TEXT NOT NULL, entries INTEGER NOT NULL, keys BLOB NOT NULL, ids BLOB NOT NULL
);
"""

# The event_merge stage's incremental state (dossier.store.merge_state reads and writes it).
_MERGE_STATE = """
CREATE TABLE IF NOT EXISTS event_merge_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- rowid and ingested_at of the article row merged: an article analysed again is stored anew
CREATE TABLE IF NOT EXISTS event_merge_articles (
    article_id TEXT PRIMARY KEY, article_rowid INTEGER NOT NULL, ingested_at REAL NOT NULL
);
-- one row per real event; lo/hi: its date as a range of proleptic ordinal days (NULL: undated);
-- precise: dated to a day or a week, so it can be matched on the date alone
CREATE TABLE IF NOT EXISTS event_merges (
    mid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT,
    target TEXT, root TEXT, lo INTEGER, hi INTEGER, precise INTEGER NOT NULL, place TEXT,
    founder_article TEXT NOT NULL, founder_seq INTEGER NOT NULL, first_article TEXT NOT NULL,
    first_published TEXT, mentions INTEGER NOT NULL, reports INTEGER NOT NULL, sources INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS event_merges_key ON event_merges (source, target, root, precise, lo);
-- outlet: what counts as one source (the outlet, else the URL's host, else the article)
CREATE TABLE IF NOT EXISTS event_merge_members (
    article_id TEXT NOT NULL, seq INTEGER NOT NULL,
    mid INTEGER NOT NULL, outlet TEXT NOT NULL, published TEXT, gap INTEGER, PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS event_merge_members_mid ON event_merge_members (mid, article_id);
CREATE INDEX IF NOT EXISTS event_merge_members_outlet ON event_merge_members (mid, outlet);
"""

# Version 3: the tone stage's records (dates come from the article's `published`).
_TONES = """
CREATE TABLE IF NOT EXISTS tones (
    article_id TEXT NOT NULL, seq INTEGER NOT NULL,
    actor_code TEXT, actor_name TEXT, polarity TEXT, score REAL, start INTEGER, "end" INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS tones_actor ON tones(actor_code, actor_name);
"""

# Version 4: indexes for the per-actor reads. Tone toward one actor was then
# looked up by exact code or exact name (now by the (code, name) pairs a filter
# finds, through tones_actor), and the name needed its own index for SQLite
# to answer the OR from two indexes; the actor list groups mentions by code and
# name and counts their articles, which a covering index answers without the
# table.
_ACTOR_INDEXES = """
CREATE INDEX IF NOT EXISTS tones_actor_name ON tones(actor_name);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(code, name, article_id);
"""

MIGRATIONS: tuple[str, ...] = (
    _ARTICLES_AND_RECORDS,
    _LINK_STATE + _MERGE_STATE,
    _TONES,
    _ACTOR_INDEXES,
)

# A scratch database of link rows that another process writes for `Store.replace_links` to take in
# (`database.write_scratch_links`): the link table's columns, nothing else, thrown away after.
SCRATCH_LINKS = "CREATE TABLE links (kind TEXT, a TEXT, b TEXT, similarity REAL, first_seen TEXT, data TEXT)"
# The side tables of each stage, emptied together when its settings change.
LINK_STATE_TABLES = ("link_meta", "link_articles", "link_sentences", "link_segments")
MERGE_STATE_TABLES = ("event_merge_meta", "event_merge_articles", "event_merges", "event_merge_members")


def schema_version() -> int:
    """The schema version this dossier writes: the number of migrations."""
    return len(MIGRATIONS)


def split_sql(script: str) -> list[str]:
    """Split a migration script on statement ends, keeping trigger bodies whole; `--` comment lines dropped."""
    statements: list[str] = []
    current: list[str] = []
    depth = 0
    for line in script.strip().splitlines():
        upper = line.strip().upper()
        if upper.startswith("--"):
            continue
        current.append(line)
        if upper.startswith("CREATE TRIGGER"):
            depth += 1
        if upper == "END;":
            depth -= 1
        if upper.endswith(";") and depth == 0:
            statements.append("\n".join(current))
            current = []
    if "".join(current).strip():
        statements.append("\n".join(current))
    return statements
