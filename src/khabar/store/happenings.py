"""Happenings (groups of merged events: one visit, its meeting and talks) in the SQLite store.

Rows only: the grouping is :mod:`khabar.happenings.group`'s, the record and its lines
:mod:`khabar.happenings.record`'s. A happening belongs to the date of its events (``pkey``: the
date, ``''`` when undated); the ``happenings`` linker replaces every happening of a date at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from khabar.store import _sql
from khabar.store.base import HappeningRow

#: Document links whose two ends tell one story in the same words or a translation of them.
SAME_TEXT_KINDS = ("duplicate_of", "near_duplicate_of", "translation_of")
_COLUMNS = "h.id, h.date, h.place, h.data"


def _happening(row: tuple[Any, ...]) -> HappeningRow:
    happening_id, date, place, data = row
    return HappeningRow(happening_id, date, place, json.loads(data))


def _pkey(date: str | None) -> str:
    return date or ""


class SQLiteHappeningTables:
    """:class:`khabar.store.base.HappeningTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

    # --- the happenings linker ----------------------------------------------------------------
    def dates_to_group(self, doc_ids: Sequence[str]) -> list[str | None]:
        """Dates whose happenings must be grouped again: those of the merged events these documents
        mention, the dates their happenings had (an event's date can change), and the dates of
        merged events in no happening yet (a store filled before happenings, an interrupted run)."""
        found: set[str] = set()
        for part, marks in _sql.chunks(list(doc_ids)):
            rows = self.conn.execute(
                "SELECT coalesce(e.date, '') FROM event_mentions m JOIN events e ON e.id = m.event_id"
                f" WHERE m.doc_id IN ({marks})"
                " UNION SELECT h.pkey FROM event_mentions m"
                " JOIN happening_events he ON he.event_id = m.event_id"
                f" JOIN happenings h ON h.id = he.happening_id WHERE m.doc_id IN ({marks})",
                [*part, *part],
            )
            found.update(r[0] for r in rows)
        rows = self.conn.execute(
            "SELECT DISTINCT coalesce(e.date, '') FROM events e"
            " WHERE NOT EXISTS (SELECT 1 FROM happening_events he WHERE he.event_id = e.id)"
        )
        found.update(r[0] for r in rows)
        return [d or None for d in sorted(found)]

    def events_on(self, date: str | None) -> list[tuple[str, str | None, dict[str, Any], list[str]]]:
        """(id, place, merged record, documents in mention order) of the merged events of ``date``."""
        where = "e.date = ?" if date else "e.date IS NULL"
        rows = self.conn.execute(
            "SELECT e.id, e.place, e.data, group_concat(m.doc_id, char(31)) FROM events e"
            f" LEFT JOIN event_mentions m ON m.event_id = e.id WHERE {where} GROUP BY e.id ORDER BY e.id",
            [date] if date else [],
        )
        return [(i, place, json.loads(data), (docs or "").split("\x1f")) for i, place, data, docs in rows]

    def same_text_links(self, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(document, other) links of translation or duplicate kinds touching these documents."""
        kinds = _sql.marks(len(SAME_TEXT_KINDS))
        out: set[tuple[str, str]] = set()
        for part, marks in _sql.chunks(list(doc_ids)):
            rows = self.conn.execute(
                f"SELECT doc_id, other_id FROM doc_links WHERE kind IN ({kinds})"
                f" AND (doc_id IN ({marks}) OR other_id IN ({marks}))",
                [*SAME_TEXT_KINDS, *part, *part],
            )
            out.update((a, b) for a, b in rows)
        return sorted(out)

    def replace_date(self, date: str | None, happenings: Iterable[dict[str, Any]]) -> None:
        """Replace every happening of ``date`` by ``happenings`` (records with ``id``, ``place``,
        ``events`` (each with an ``id``), ``parties``, ``states`` and ``documents``); the entity
        filter finds a happening by its parties and the states they act for."""
        key = _pkey(date)
        self.conn.execute("DELETE FROM happenings WHERE pkey = ?", (key,))
        langs: dict[str, str] = {}
        for h in happenings:
            self.conn.execute(
                "INSERT INTO happenings(id, pkey, date, place, data, added) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET pkey = excluded.pkey, date = excluded.date,"
                " place = excluded.place, data = excluded.data",
                (h["id"], key, date, h.get("place"), json.dumps(h, ensure_ascii=False), _sql.now()),
            )
            self.conn.execute("DELETE FROM happening_events WHERE happening_id = ?", (h["id"],))
            self.conn.executemany(
                "INSERT INTO happening_events(event_id, happening_id) VALUES (?,?)"
                " ON CONFLICT(event_id) DO UPDATE SET happening_id = excluded.happening_id",
                [(e["id"], h["id"]) for e in h["events"]],
            )
            self.conn.execute("DELETE FROM happening_parties WHERE happening_id = ?", (h["id"],))
            self.conn.executemany(
                "INSERT OR IGNORE INTO happening_parties(happening_id, entity) VALUES (?,?)",
                [(h["id"], p) for p in [*h.get("parties", []), *h.get("states", [])]],
            )
            missing = [d for d in h.get("documents", []) if d not in langs]
            for part, marks in _sql.chunks(missing):
                langs.update(self.conn.execute(f"SELECT id, lang FROM documents WHERE id IN ({marks})", part))
            self.conn.execute("DELETE FROM happening_docs WHERE happening_id = ?", (h["id"],))
            self.conn.executemany(
                "INSERT OR IGNORE INTO happening_docs(happening_id, doc_id, lang) VALUES (?,?,?)",
                [(h["id"], d, langs[d]) for d in h.get("documents", []) if d in langs],
            )

    # --- reads --------------------------------------------------------------------------------
    def find(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        lang: str | None = None,
        story: str | None = None,
        doc_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[HappeningRow]:
        """Happenings, newest first (undated and year-less last), with ``entity`` as a party, an
        event of ``type``, a document in ``lang``, of story ``story`` or ``doc_id``, within ISO date
        prefixes."""
        where: list[str] = []
        params: list[object] = []
        if entity:
            where.append("h.id IN (SELECT happening_id FROM happening_parties WHERE entity = ?)")
            params.append(entity)
        if type:
            where.append(
                "h.id IN (SELECT he.happening_id FROM happening_events he"
                " JOIN events e ON e.id = he.event_id WHERE e.type = ?)"
            )
            params.append(type)
        if lang:
            where.append("h.id IN (SELECT happening_id FROM happening_docs WHERE lang = ?)")
            params.append(lang)
        if story:
            where.append(
                "h.id IN (SELECT hd.happening_id FROM happening_docs hd"
                " JOIN story_documents sd ON sd.doc_id = hd.doc_id WHERE sd.story_id = ?)"
            )
            params.append(story)
        if doc_id:
            where.append("h.id IN (SELECT happening_id FROM happening_docs WHERE doc_id = ?)")
            params.append(doc_id)
        if since:
            where.append("h.date >= ? AND h.date NOT LIKE 'X%'")
            params.append(since)
        if until:
            where.append("substr(h.date, 1, ?) <= ? AND h.date NOT LIKE 'X%'")
            params.extend([len(until), until])
        sql = f"SELECT {_COLUMNS} FROM happenings h"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY h.date IS NULL, h.date LIKE 'X%', h.date DESC, h.id LIMIT ? OFFSET ?"
        return [_happening(row) for row in self.conn.execute(sql, [*params, limit, offset])]

    def matching(self, happening_id: str) -> list[HappeningRow]:
        """At most two happenings whose id is ``happening_id`` or starts with it."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM happenings h WHERE h.id = ? OR h.id LIKE ? LIMIT 2",
            (happening_id, happening_id + "%"),
        )
        return [_happening(row) for row in rows]

    def of_events(self, event_ids: Sequence[str]) -> dict[str, str]:
        """The happening of each of these merged events (those in one)."""
        out: dict[str, str] = {}
        sql = "SELECT event_id, happening_id FROM happening_events WHERE event_id IN ({marks})"
        for event_id, happening_id in _sql.rows_in(self.conn, sql, list(event_ids)):
            out[event_id] = happening_id
        return out
