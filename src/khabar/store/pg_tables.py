"""The table groups on PostgreSQL: the SQLite modules' classes on a :class:`~khabar.store._pg.PGConnection`
(their SQL rewritten by :mod:`khabar.store._dialect`), with the few statements that differ in more
than spelling written again: generated ids (``RETURNING id``), booleans counted as integers,
``greatest`` for SQLite's two-argument ``max``, and rows changed counted from the cursor.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from khabar.store import _sql
from khabar.store.alerts import SQLiteAlertTables, _alert
from khabar.store.base import AlertRow
from khabar.store.doc_links import SQLiteLinkTables
from khabar.store.events import SQLiteEventTables
from khabar.store.happenings import SQLiteHappeningTables
from khabar.store.link_failures import SQLiteLinkFailureTables
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

_ALERT = (
    "SELECT a.id, a.name, a.query, a.entities, a.type, a.lang, a.webhook, a.checked, a.created,"
    " count(i.id), coalesce(sum(CASE WHEN i.read = 0 THEN 1 ELSE 0 END), 0),"
    " coalesce(sum(CASE WHEN i.delivered IS NULL AND a.webhook IS NOT NULL THEN 1 ELSE 0 END), 0)"
    " FROM alerts a LEFT JOIN alert_items i ON i.alert_id = a.id"
)


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


class PGSourceTables(SQLiteSourceTables):
    """:class:`khabar.store.base.SourceTables` on PostgreSQL."""

    def polled(
        self,
        source: int,
        *,
        fetched: str,
        status: int | None,
        error: str | None,
        next_poll: float,
        etag: str | None = None,
        last_modified: str | None = None,
        new_items: int = 0,
    ) -> None:
        """Record a poll: its outcome, the validators for the next one and when it is due."""
        failed = 1 if error else 0
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE sources SET last_fetch = ?, last_status = ?, last_error = ?, next_poll = ?,"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
                " items = items + ?, errors = errors + ?,"
                " failing = CASE WHEN ? <> 0 THEN failing + 1 ELSE 0 END WHERE id = ?",
                (fetched, status, error, next_poll, etag, last_modified, new_items, failed, failed, source),
            )

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
    """:class:`khabar.store.base.AlertTables` on PostgreSQL."""

    def add(
        self,
        *,
        name: str,
        query: str,
        entities: Sequence[str],
        type: str | None,
        lang: str | None,
        webhook: str | None,
        checked: int,
    ) -> int:
        """Save an alert whose documents up to sequence number ``checked`` count as seen; its id."""
        with _sql.write(self.conn):
            row = self.conn.execute(
                "INSERT INTO alerts(name, query, entities, type, lang, webhook, checked, created)"
                " VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                (name, query, json.dumps(list(entities)), type, lang, webhook, checked, _sql.now()),
            ).fetchone()
        return int(row[0])

    def get(self, alert_id: int) -> AlertRow | None:
        """One alert with its counts, or None."""
        row = self.conn.execute(_ALERT + " WHERE a.id = ? GROUP BY a.id", (alert_id,)).fetchone()
        return _alert(row) if row else None

    def all(self, *, counts: bool = True) -> list[AlertRow]:
        """Every alert, oldest first, with its counts (zeros when ``counts`` is False: cheaper)."""
        if not counts:
            return super().all(counts=False)
        return [_alert(r) for r in self.conn.execute(_ALERT + " GROUP BY a.id ORDER BY a.id")]

    def set_checked(self, alert_ids: Sequence[int], seq: int) -> None:
        """Record that stored documents up to sequence number ``seq`` were matched against these."""
        self.conn.executemany(
            "UPDATE alerts SET checked = greatest(checked, ?) WHERE id = ?", [(seq, i) for i in alert_ids]
        )

    def add_item(self, alert_id: int, doc_id: str, matched: dict[str, Any]) -> int | None:
        """Record that an alert matched a document; the new item's id, None when it already had."""
        row = self.conn.execute(
            "INSERT INTO alert_items(alert_id, doc_id, matched, created) VALUES (?,?,?,?)"
            " ON CONFLICT DO NOTHING RETURNING id",
            (alert_id, doc_id, json.dumps(matched, ensure_ascii=False), _sql.now()),
        ).fetchone()
        return int(row[0]) if row else None
