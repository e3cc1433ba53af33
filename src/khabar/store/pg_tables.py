"""The table groups on PostgreSQL: the SQLite modules' classes on a :class:`~khabar.store._pg.PGConnection`
(their SQL rewritten by :mod:`khabar.store._dialect`), with the one statement that differs in more
than spelling written again: new rows counted from the cursor (the table modules' SQLite SQL is
kept portable otherwise: ``RETURNING id``, ``CASE WHEN`` in place of booleans and two-argument
``max``).
"""

from __future__ import annotations

from collections.abc import Iterable

from khabar.store import _sql
from khabar.store.alerts import SQLiteAlertTables
from khabar.store.doc_links import SQLiteLinkTables
from khabar.store.events import SQLiteEventTables
from khabar.store.happenings import SQLiteHappeningTables
from khabar.store.link_failures import SQLiteLinkFailureTables
from khabar.store.shards import SQLiteShardTables
from khabar.store.sources import SQLiteSourceTables
from khabar.store.stories import SQLiteStoryTables

__all__ = [
    "PGAlertTables",
    "PGEventTables",
    "PGHappeningTables",
    "PGLinkFailureTables",
    "PGLinkTables",
    "PGSourceTables",
    "PGStoryTables",
]


class PGEventTables(SQLiteEventTables):
    """:class:`khabar.store.base.EventTables` on PostgreSQL (the SQLite SQL, rewritten)."""


class PGHappeningTables(SQLiteHappeningTables):
    """:class:`khabar.store.base.HappeningTables` on PostgreSQL (the SQLite SQL, rewritten)."""


class PGLinkTables(SQLiteLinkTables):
    """:class:`khabar.store.base.LinkTables` on PostgreSQL (the SQLite SQL, rewritten)."""


class PGStoryTables(SQLiteStoryTables):
    """:class:`khabar.store.base.StoryTables` on PostgreSQL (the SQLite SQL, rewritten)."""


class PGLinkFailureTables(SQLiteLinkFailureTables):
    """:class:`khabar.store.base.LinkFailureTables` on PostgreSQL (the SQLite SQL, rewritten)."""


class PGShardTables(SQLiteShardTables):
    """:class:`khabar.store.base.ShardTables` on PostgreSQL (the SQLite SQL, rewritten)."""


class PGSourceTables(SQLiteSourceTables):
    """:class:`khabar.store.base.SourceTables` on PostgreSQL (counting new rows by rowcount: the
    connection has no ``total_changes``)."""

    def enqueue(self, rows: Iterable[tuple[str, int | None, str | None, str | None]]) -> int:
        """Queue (url, source, published, title) rows whose URL is not known yet; how many were new."""
        found = _sql.now()
        new = 0
        with _sql.write(self.conn):
            for url, source, published, title in rows:
                cur = self.conn.execute(
                    "INSERT INTO fetch_queue(url, source, found, published, title) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT(url) DO NOTHING",
                    (url, source, found, published, title),
                )
                new += max(cur.rowcount, 0)
        return new


class PGAlertTables(SQLiteAlertTables):
    """:class:`khabar.store.base.AlertTables` on PostgreSQL (the SQLite SQL, rewritten)."""
