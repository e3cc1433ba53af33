"""Saved alerts and the documents they matched, in the SQLite store.

Rows only: what an alert matches is :mod:`khabar.alerts.match`'s to decide, and posting items to
a webhook is :mod:`khabar.alerts.deliver`'s.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from khabar.document import Document
from khabar.store import _sql
from khabar.store.base import AlertItemRow, AlertRow

_ALERT = (
    "SELECT a.id, a.name, a.query, a.entities, a.type, a.lang, a.webhook, a.checked, a.created,"
    " count(i.id), coalesce(sum(CASE WHEN i.read = 0 THEN 1 ELSE 0 END), 0),"
    " coalesce(sum(CASE WHEN i.delivered IS NULL AND a.webhook IS NOT NULL THEN 1 ELSE 0 END), 0)"
    " FROM alerts a LEFT JOIN alert_items i ON i.alert_id = a.id"
)
_ITEM = "SELECT id, alert_id, doc_id, matched, created, read, delivered, attempts, error FROM alert_items"


def _alert(row: tuple[Any, ...]) -> AlertRow:
    ident, name, query, entities, kind, lang, webhook, checked, created, items, unread, pending = row
    return AlertRow(
        int(ident),
        name,
        query,
        tuple(json.loads(entities)),
        kind,
        lang,
        webhook,
        int(checked),
        created,
        int(items),
        int(unread),
        int(pending),
    )


def _item(row: tuple[Any, ...]) -> AlertItemRow:
    ident, alert_id, doc_id, matched, created, read, delivered, attempts, error = row
    return AlertItemRow(
        int(ident),
        int(alert_id),
        doc_id,
        json.loads(matched),
        created,
        bool(read),
        delivered,
        attempts,
        error,
    )


class SQLiteAlertTables:
    """:class:`khabar.store.base.AlertTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

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

    def remove(self, alert_id: int) -> bool:
        """Delete an alert and its items; False when there was none."""
        with _sql.write(self.conn):
            self.conn.execute("DELETE FROM alert_items WHERE alert_id = ?", (alert_id,))
            cur = self.conn.execute("DELETE FROM alerts WHERE id = ?", (alert_id,))
        return cur.rowcount > 0

    def get(self, alert_id: int) -> AlertRow | None:
        """One alert with its counts, or None."""
        row = self.conn.execute(_ALERT + " WHERE a.id = ? GROUP BY a.id", (alert_id,)).fetchone()
        return _alert(row) if row else None

    def all(self, *, counts: bool = True) -> list[AlertRow]:
        """Every alert, oldest first, with its counts (zeros when ``counts`` is False: cheaper)."""
        if not counts:
            sql = (
                "SELECT id, name, query, entities, type, lang, webhook, checked, created, 0, 0, 0 FROM alerts"
            )
            return [_alert(r) for r in self.conn.execute(sql + " ORDER BY id")]
        return [_alert(r) for r in self.conn.execute(_ALERT + " GROUP BY a.id ORDER BY a.id")]

    def set_checked(self, alert_ids: Sequence[int], seq: int) -> None:
        """Record that stored documents up to sequence number ``seq`` were matched against these."""
        self.conn.executemany(
            "UPDATE alerts SET checked = CASE WHEN ? > checked THEN ? ELSE checked END WHERE id = ?",
            [(seq, seq, i) for i in alert_ids],
        )

    def last_document(self) -> int:
        """The sequence number (documents.rowid) of the newest accepted document (0 when none)."""
        return int(self.conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0])

    def documents_after(self, seq: int, limit: int) -> list[tuple[int, Document]]:
        """Up to ``limit`` accepted documents stored after sequence number ``seq``, oldest first."""
        rows = self.conn.execute(
            "SELECT rowid, data FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?", (seq, limit)
        ).fetchall()
        out = []
        for rowid, data in rows:
            record = json.loads(data)
            record.setdefault("raw", "")
            record.setdefault("html", None)
            out.append((int(rowid), Document.from_dict(record)))
        return out

    def add_item(self, alert_id: int, doc_id: str, matched: dict[str, Any]) -> int | None:
        """Record that an alert matched a document; the new item's id, None when it already had."""
        row = self.conn.execute(
            "INSERT INTO alert_items(alert_id, doc_id, matched, created) VALUES (?,?,?,?)"
            " ON CONFLICT DO NOTHING RETURNING id",
            (alert_id, doc_id, json.dumps(matched, ensure_ascii=False), _sql.now()),
        ).fetchone()
        return int(row[0]) if row else None

    def items(
        self, alert_id: int, *, unread_only: bool = False, limit: int = 50, offset: int = 0
    ) -> list[AlertItemRow]:
        """An alert's items, newest first."""
        where = " WHERE alert_id = ?" + (" AND read = 0" if unread_only else "")
        sql = _ITEM + where + " ORDER BY id DESC LIMIT ? OFFSET ?"
        return [_item(r) for r in self.conn.execute(sql, (alert_id, limit, offset))]

    def mark_read(self, alert_id: int, item_ids: Sequence[int] | None = None) -> int:
        """Mark these items (or all the alert's items) read; how many were unread."""
        with _sql.write(self.conn):
            if item_ids is None:
                cur = self.conn.execute(
                    "UPDATE alert_items SET read = 1 WHERE alert_id = ? AND read = 0", (alert_id,)
                )
                return cur.rowcount
            changed = 0
            for part, marks in _sql.chunks([str(i) for i in item_ids]):
                cur = self.conn.execute(
                    f"UPDATE alert_items SET read = 1 WHERE alert_id = ? AND read = 0 AND id IN ({marks})",
                    [alert_id, *(int(i) for i in part)],
                )
                changed += cur.rowcount
            return changed

    def undelivered(self, alert_id: int, limit: int = 100) -> list[AlertItemRow]:
        """Items of an alert its webhook has not taken yet, oldest first."""
        sql = _ITEM + " WHERE alert_id = ? AND delivered IS NULL ORDER BY id LIMIT ?"
        return [_item(r) for r in self.conn.execute(sql, (alert_id, limit))]

    def mark_delivered(self, item_id: int) -> None:
        """Record that the webhook took an item (committed at once: it is never posted again)."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE alert_items SET delivered = ?, error = NULL WHERE id = ?", (_sql.now(), item_id)
            )

    def record_failure(self, item_id: int, attempts: int, error: str) -> None:
        """Record failed delivery attempts of an item and the last error."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE alert_items SET attempts = attempts + ?, error = ? WHERE id = ?",
                (attempts, error[:500], item_id),
            )
