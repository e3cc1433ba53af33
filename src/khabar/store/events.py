"""Merged events, their mentions and parties, and the claims beside them, in the SQLite store.

Rows only: names, states and PLOVER quads are added by :mod:`khabar.views.events`; the merge
decisions are :mod:`khabar.events.merge`'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from khabar.store import _sql
from khabar.store.base import ClaimRow, EventEvidenceRow, EventMentionRow, EventRow

_EVENT_COLUMNS = "e.id, e.type, e.mode, e.date, e.precision, e.place, e.data"
_MENTIONS = (
    " FROM event_mentions m"
    " JOIN annotations a ON a.doc_id = m.doc_id AND a.kind = 'events' AND a.idx = m.idx"
    " JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ? ORDER BY d.rowid, m.idx"
)


def _event(row: tuple[Any, ...]) -> EventRow:
    event_id, kind, mode, date, precision, place, data = row
    return EventRow(event_id, kind, mode, date, precision, place, json.loads(data))


class SQLiteEventTables:
    """:class:`khabar.store.base.EventTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

    # --- the events linker ------------------------------------------------------------------
    def event_of(self, doc_id: str, idx: int) -> str | None:
        """The merged event a document's event ``idx`` is already part of, or None."""
        row = self.conn.execute(
            "SELECT event_id FROM event_mentions WHERE doc_id = ? AND idx = ?", (doc_id, idx)
        ).fetchone()
        return str(row[0]) if row else None

    def add_event(
        self,
        event_id: str,
        *,
        type: str,
        mode: str | None,
        date: str | None,
        precision: str | None,
        place: str | None,
    ) -> None:
        """Create a merged event (its record is filled by :meth:`save_merged`); an event with this
        id already there is kept (ids are derived from the first mention, so it is the same event)."""
        self.conn.execute(
            "INSERT INTO events(id, type, mode, date, precision, place, data, added)"
            " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
            (event_id, type, mode, date, precision, place, "{}", _sql.now()),
        )

    def add_mention(self, event_id: str, doc_id: str, idx: int) -> None:
        """Make a document's event ``idx`` a mention of a merged event (kept when it is one already:
        the linker asks :meth:`event_of` first, inside the same write transaction)."""
        self.conn.execute(
            "INSERT INTO event_mentions(event_id, doc_id, idx) VALUES (?,?,?)"
            " ON CONFLICT(doc_id, idx) DO NOTHING",
            (event_id, doc_id, idx),
        )

    def candidates(self, type: str, states: Sequence[str]) -> list[EventRow]:
        """Merged events of ``type`` with any of ``states`` as an actor or recipient state."""
        marks = _sql.marks(len(states))
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e JOIN event_parties p ON p.event_id = e.id"
            f" WHERE e.type = ? AND p.role IN ('actor_state', 'recipient_state') AND p.entity IN ({marks})"
            " GROUP BY e.id",
            [type, *states],
        )
        return [_event(row) for row in rows]

    def mentions(self, event_id: str) -> list[EventMentionRow]:
        """The mentions of a merged event in document insertion order, then index."""
        rows = self.conn.execute("SELECT m.doc_id, m.idx, d.lang, a.data" + _MENTIONS, (event_id,))
        return [EventMentionRow(doc_id, idx, lang, json.loads(data)) for doc_id, idx, lang, data in rows]

    def save_merged(self, event_id: str, merged: dict[str, Any], parties: Iterable[tuple[str, str]]) -> None:
        """Store a recomputed merged record and replace the event's (entity, role) parties."""
        self.conn.execute(
            "UPDATE events SET type = ?, mode = ?, date = ?, precision = ?, place = ?, data = ? WHERE id = ?",
            (
                merged["type"],
                merged["mode"],
                merged["date"],
                merged["precision"],
                merged["place"],
                json.dumps(merged, ensure_ascii=False),
                event_id,
            ),
        )
        self.conn.execute("DELETE FROM event_parties WHERE event_id = ?", (event_id,))
        self.conn.executemany(
            "INSERT INTO event_parties(event_id, entity, role) VALUES (?,?,?)",
            [(event_id, entity, role) for entity, role in parties],
        )

    # --- reads --------------------------------------------------------------------------------
    def event_ids(self, doc_id: str) -> dict[int, str]:
        """The merged event id of each of a document's events, by index in ``Document.events``."""
        rows = self.conn.execute("SELECT idx, event_id FROM event_mentions WHERE doc_id = ?", (doc_id,))
        return dict(rows.fetchall())

    def find(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        doc_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[EventRow]:
        """Merged events, newest first (undated and year-less last), filtered by party, type,
        document (or id prefix) and ISO date prefixes; undated events drop out of date filters."""
        where: list[str] = []
        params: list[object] = []
        if entity:
            where.append("e.id IN (SELECT event_id FROM event_parties WHERE entity = ?)")
            params.append(entity)
        if type:
            where.append("e.type = ?")
            params.append(type)
        if doc_id:
            where.append("e.id IN (SELECT event_id FROM event_mentions WHERE doc_id = ? OR doc_id LIKE ?)")
            params.extend([doc_id, doc_id + "%"])
        if since:
            where.append("e.date >= ? AND e.date NOT LIKE 'X%'")
            params.append(since)
        if until:
            where.append("substr(e.date, 1, ?) <= ? AND e.date NOT LIKE 'X%'")
            params.extend([len(until), until])
        sql = f"SELECT {_EVENT_COLUMNS} FROM events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date IS NULL, e.date LIKE 'X%', e.date DESC, e.added DESC, e.id LIMIT ? OFFSET ?"
        return [_event(row) for row in self.conn.execute(sql, [*params, limit, offset])]

    def matching(self, event_id: str) -> list[EventRow]:
        """At most two merged events whose id is ``event_id`` or starts with it."""
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id = ? OR e.id LIKE ? LIMIT 2",
            (event_id, event_id + "%"),
        )
        return [_event(row) for row in rows]

    def evidence(self, event_id: str) -> list[EventEvidenceRow]:
        """The mentions of a merged event with their documents' text, in document order."""
        rows = self.conn.execute("SELECT m.doc_id, m.idx, d.lang, d.text, a.data" + _MENTIONS, (event_id,))
        return [EventEvidenceRow(d, i, lang, text, json.loads(data)) for d, i, lang, text, data in rows]

    def dyad(self, a: str, b: str) -> list[tuple[str, str, int]]:
        """(month, type, events) of dated events with both ``a`` and ``b`` as parties, by month."""
        rows = self.conn.execute(
            "SELECT substr(e.date, 1, 7), e.type, count(DISTINCT e.id) FROM events e"
            " JOIN event_parties pa ON pa.event_id = e.id AND pa.entity = ?"
            " JOIN event_parties pb ON pb.event_id = e.id AND pb.entity = ?"
            " WHERE e.date IS NOT NULL AND e.date NOT LIKE 'X%' AND length(e.date) >= 7"
            " GROUP BY 1, 2 ORDER BY 1",
            (a, b),
        )
        return [(month, kind, n) for month, kind, n in rows]

    def claims(
        self,
        *,
        doc_id: str | None = None,
        entity: str | None = None,
        stance: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ClaimRow]:
        """Claims in document order, in document ``doc_id`` (or id prefix), with ``entity`` as
        speaker, target or reporter, of ``stance``."""
        where: list[str] = ["a.kind = 'claims'"]
        params: list[object] = []
        if doc_id:
            where.append("(a.doc_id = ? OR a.doc_id LIKE ?)")
            params.extend([doc_id, doc_id + "%"])
        if entity:
            where.append(
                "(a.ref = ? OR json_extract(a.data, '$.target') = ?"
                " OR json_extract(a.data, '$.reporter') = ?)"
            )
            params.extend([entity, entity, entity])
        if stance:
            where.append("a.label = ?")
            params.append(stance)
        sql = (
            "SELECT a.doc_id, a.idx, a.data, d.text FROM annotations a JOIN documents d ON d.id = a.doc_id"
            f" WHERE {' AND '.join(where)} ORDER BY d.rowid, a.idx LIMIT ? OFFSET ?"
        )
        rows = self.conn.execute(sql, [*params, limit, offset])
        return [ClaimRow(doc, idx, json.loads(data), text) for doc, idx, data, text in rows]

    def claim_answers(self, doc_id: str) -> list[tuple[int, int]]:
        """(claim index, index of the claim it answers) for a document's answering claims."""
        rows = self.conn.execute(
            "SELECT idx, json_extract(data, '$.answers') FROM annotations"
            " WHERE doc_id = ? AND kind = 'claims' AND json_extract(data, '$.answers') IS NOT NULL",
            (doc_id,),
        )
        return [(idx, int(answers)) for idx, answers in rows]
