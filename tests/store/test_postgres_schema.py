"""The PostgreSQL schema keeps up with SQLite's: every SQLite migration has its PostgreSQL
counterpart (pg_migrations.py), with the same tables and columns; and the dialect rewrite."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from khabar.store._dialect import to_postgres
from khabar.store._tsv import query, vector, words
from khabar.store.migrations import MIGRATIONS, SCHEMA_VERSION
from khabar.store.pg_migrations import PG_SCHEMA_VERSION

# SQLite's full-text index is a virtual table with shadow tables; PostgreSQL's is docs_fts and
# fts_text (kept by the store).
SQLITE_ONLY = {
    "docs_fts",
    "docs_fts_config",
    "docs_fts_content",
    "docs_fts_data",
    "docs_fts_docsize",
    "docs_fts_idx",
    "sqlite_sequence",
}


def _sqlite_columns() -> dict[str, set[str]]:
    conn = sqlite3.connect(":memory:")
    for script in MIGRATIONS:
        conn.executescript(script)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables if t not in SQLITE_ONLY
    }


def test_every_sqlite_migration_has_its_postgres_counterpart() -> None:
    assert PG_SCHEMA_VERSION == SCHEMA_VERSION, (
        "a migration was added to store/migrations.py: append its PostgreSQL counterpart to"
        " store/pg_migrations.py (and write its tables in store/postgres.py where SQLite uses triggers)"
    )


def test_postgres_has_every_sqlite_table_and_column(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
        ).fetchall()
    pg: dict[str, set[str]] = {}
    for table, column in rows:
        pg.setdefault(table, set()).add(column)
    for table, columns in _sqlite_columns().items():
        assert table in pg, table
        assert columns <= pg[table], (table, columns - pg[table])


@pytest.mark.parametrize(
    ("sqlite", "postgres"),
    [
        ("SELECT a FROM t WHERE b LIKE 'X%' AND c = ?", "SELECT a FROM t WHERE b LIKE 'X%%' AND c = %s"),
        (
            "INSERT OR IGNORE INTO story_index(key, story_id) VALUES (?,?)",
            "INSERT INTO story_index(key, story_id) VALUES (%s,%s) ON CONFLICT DO NOTHING",
        ),
        (
            "INSERT OR REPLACE INTO line_vectors(doc_id, model, dim, data) VALUES (?,?,?,?)",
            "INSERT INTO line_vectors(doc_id, model, dim, data) VALUES (%s,%s,%s,%s) ON CONFLICT (doc_id)"
            " DO UPDATE SET model = EXCLUDED.model, dim = EXCLUDED.dim, data = EXCLUDED.data",
        ),
        (
            "SELECT json_extract(a.data, '$.target') FROM annotations a",
            "SELECT (a.data::jsonb ->> 'target') FROM annotations a",
        ),
        (
            "SELECT x FROM s ORDER BY CASE WHEN d GLOB '[0-9]*' THEN 0 ELSE 1 END, d DESC, e, id LIMIT ?",
            "SELECT x FROM s ORDER BY CASE WHEN d ~ '^[0-9]' THEN 0 ELSE 1 END NULLS FIRST,"
            " d DESC NULLS LAST, e NULLS FIRST, id LIMIT %s",
        ),
        ("SELECT a FROM sd CROSS JOIN s ON s.id = sd.x", "SELECT a FROM sd JOIN s ON s.id = sd.x"),
    ],
)
def test_the_sqlite_dialect_is_rewritten(sqlite: str, postgres: str) -> None:
    assert to_postgres(sqlite) == postgres


def test_index_words_keep_urdu_and_hindi_words_whole() -> None:
    assert words("रूसी सुरक्षा परिषद، سرگئی شوئیگو naive_x") == [
        "रूसी",
        "सुरक्षा",
        "परिषद",
        "سرگئی",
        "شوئیگو",
        "naive",
        "x",
    ]
    assert vector("it's", "a a") == "'it':1 's':2 'a':3,4"
    assert query(["शोइगु", "naive_x"]) == "('शोइगु') & ('naive' <-> 'x')"
    assert query([",,"]) == ""
