"""Schema migrations for the SQLite store, applied in order on open."""

from __future__ import annotations

# The FTS tokenizer keeps letters, numbers, private-use and *marks* inside tokens: the
# default unicode61 splits Devanagari words at vowel signs (measured on seed 001:
# "सुरक्षा" became "स", "र", "क", "ष"), which breaks whole-word search.
FTS_TOKENIZE = "unicode61 categories 'L* N* Co M*'"

MIGRATIONS: list[str] = [
    # 1: documents, segments, annotations, rejects, runs, full-text index
    f"""
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        command TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        stats TEXT
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        uri TEXT NOT NULL,
        kind TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        lang TEXT NOT NULL,
        script TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        published_source TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        raw BLOB,
        run_id INTEGER REFERENCES runs(id),
        added TEXT NOT NULL
    );
    CREATE INDEX documents_lang ON documents(lang);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE segments (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        lang TEXT NOT NULL,
        script TEXT NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE annotations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        idx INTEGER NOT NULL,
        start INTEGER,
        "end" INTEGER,
        label TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, kind, idx)
    );
    CREATE INDEX annotations_label ON annotations(kind, label);
    CREATE TABLE rejects (
        id TEXT PRIMARY KEY,
        uri TEXT NOT NULL,
        kind TEXT NOT NULL,
        stage TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        data TEXT NOT NULL,
        raw BLOB,
        run_id INTEGER REFERENCES runs(id),
        added TEXT NOT NULL
    );
    CREATE INDEX rejects_reason ON rejects(reason);
    CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, tokenize="{FTS_TOKENIZE}");
    """,
    # 2: what an annotation points at (a mention's entity id, a time's value, an event's type),
    # so entity pages and entity search are one indexed lookup
    """
    ALTER TABLE annotations ADD COLUMN ref TEXT;
    UPDATE annotations SET ref = COALESCE(
        json_extract(data, '$.entity'), json_extract(data, '$.kb_id'),
        json_extract(data, '$.value'), json_extract(data, '$.type'));
    CREATE INDEX annotations_ref ON annotations(kind, ref);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
