"""``khabar migrate``: copy a whole SQLite store into an empty PostgreSQL store, table by table.

Every table both schemas hold is copied with ``COPY`` in foreign-key order, rows and counters as
they are (SQLite's triggers kept the counters exact), with ``documents.rowid`` kept so every
``seq`` and ``doc_rowid`` still points at its document; the full-text index is rebuilt from
SQLite's folded text (:mod:`khabar.store._tsv`), and the identity sequences continue after the
copied ids. It runs in one transaction: a failed copy leaves the target empty.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from khabar.errors import StoreError
from khabar.store import _sql, _tsv
from khabar.store.postgres import PostgresStore, _safe
from khabar.store.sqlite import SQLiteStore

#: Tables the copy writes itself (the schema version) or rebuilds (the full-text index).
SKIPPED = {"meta", "docs_fts", "fts_text"}


def _order(pg: PostgresStore, tables: set[str]) -> list[str]:
    """``tables`` with every table after the tables its foreign keys point at."""
    rows = pg.conn.pg(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c"
        " WHERE c.contype = 'f' AND c.conrelid <> c.confrelid"
    ).fetchall()
    needs: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in rows:
        if child in needs and parent in tables:
            needs[child].add(parent)
    ordered: list[str] = []
    while needs:
        ready = sorted(t for t, deps in needs.items() if not deps - set(ordered))
        if not ready:
            raise StoreError(f"foreign keys in a cycle among {sorted(needs)}")
        for table in ready:
            ordered.append(table)
            del needs[table]
    return ordered


def _columns(pg: PostgresStore) -> dict[str, list[str]]:
    rows = pg.conn.pg(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def _clean(value: Any) -> Any:
    return _safe(value) if isinstance(value, str) else value


def copy_store(
    source: str | Path, target: str, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy the SQLite store at ``source`` into the empty PostgreSQL store at ``target``; the rows
    copied per table. ``progress`` is called with each table and its row count."""
    if not Path(source).is_file():
        raise StoreError(f"no SQLite store at {source}")
    copied: dict[str, int] = {}
    with SQLiteStore(source) as lite, PostgresStore(target) as pg:
        if pg.latest_sequence() or pg.stats_recount()["rejects"] or pg.stats()["runs"]:
            raise StoreError(f"{pg.path} is not empty; migrate into a new database")
        pg_columns = _columns(pg)
        lite_tables = {r[0] for r in lite.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables = (set(pg_columns) & lite_tables) - SKIPPED
        with _sql.write(pg.conn):
            for table in _order(pg, tables):
                lite_columns = {r[1] for r in lite.conn.execute(f"PRAGMA table_info({table})")}
                if table == "documents":
                    lite_columns.add("rowid")
                columns = [c for c in pg_columns[table] if c in lite_columns]
                names = ", ".join(f'"{c}"' for c in columns)
                n = 0
                with pg.conn.raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in lite.conn.execute(f"SELECT {names} FROM {table}"):
                        copy.write_row([_clean(v) for v in row])
                        n += 1
                copied[table] = n
                if progress:
                    progress(table, n)
            n = 0
            fts_rows = lite.conn.execute("SELECT rowid, title, body FROM docs_fts ORDER BY rowid")
            many = pg.conn.raw.cursor().executemany
            batch: list[tuple[Any, ...]] = []
            for rowid, title, body in fts_rows:
                batch.append(
                    (rowid, _tsv.vector(title or "", body or ""), _safe(title) or "", _safe(body) or "")
                )
                n += 1
                if len(batch) >= 500:
                    _write_fts(many, batch)
                    batch = []
            _write_fts(many, batch)
            copied["docs_fts"] = n
            if progress:
                progress("docs_fts", n)
            for table, column in pg.conn.pg(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND is_identity = 'YES'"
            ).fetchall():
                pg.conn.pg(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max({column}), 0) + 1, false)"
                    f" FROM {table}",
                    (table, column),
                )
    return copied


def _write_fts(many: Any, batch: list[tuple[Any, ...]]) -> None:
    if not batch:
        return
    many("INSERT INTO docs_fts(rowid, tsv) VALUES (%s, %s::tsvector)", [(r, v) for r, v, _t, _b in batch])
    many("INSERT INTO fts_text(rowid, title, body) VALUES (%s, %s, %s)", [(r, t, b) for r, _v, t, b in batch])
