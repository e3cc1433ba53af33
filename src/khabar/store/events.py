"""Read queries over coded events and claims, as JSON-safe dicts for the CLI, the API and the web UI."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from khabar.events.ontology import QUADS
from khabar.events.states import state_of
from khabar.kb import load_kb
from khabar.store.sqlite import SQLiteStore

#: Characters of a claim's evidence sentence returned at most.
EVIDENCE_CHARS = 400


def entity_name(entity: str | None, names: dict[str, str] | None = None) -> str:
    """A display name: the KB label, else the text as written, else the id."""
    if not entity:
        return ""
    found = load_kb().get(entity)
    if found is not None:
        return found.label
    return (names or {}).get(entity) or entity


def _ref(entity: str | None, names: dict[str, str] | None = None) -> dict[str, str] | None:
    return {"id": entity, "name": entity_name(entity, names)} if entity else None


def _event_dict(store: SQLiteStore, row: tuple[Any, ...]) -> dict[str, Any]:
    event_id, kind, mode, when, precision, place, data = row
    merged = json.loads(data)
    names = merged.get("names", {})
    day = when if when and not when.startswith("X") else None

    def party(entity: str) -> dict[str, Any]:
        state = state_of(entity, day)
        return {"id": entity, "name": entity_name(entity, names), "state": state}

    evidence = []
    for doc_id, idx, lang, text, ev in store.conn.execute(
        "SELECT m.doc_id, m.idx, d.lang, d.text, a.data FROM event_mentions m"
        " JOIN annotations a ON a.doc_id = m.doc_id AND a.kind = 'events' AND a.idx = m.idx"
        " JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ? ORDER BY d.rowid, m.idx",
        (event_id,),
    ):
        mention = json.loads(ev)
        start, end = mention["evidence_start"], mention["evidence_end"]
        evidence.append(
            {
                "doc_id": doc_id,
                "idx": idx,
                "lang": lang,
                "text": text[start:end],
                "start": start,
                "end": end,
                "trigger": mention.get("text", ""),
                "trigger_start": mention["trigger_start"],
                "trigger_end": mention["trigger_end"],
                "mode": mention.get("mode"),
            }
        )
    return {
        "id": event_id,
        "type": kind,
        "mode": mode,
        "quad": QUADS.get(kind),
        "date": when,
        "precision": precision,
        "place": _ref(place, names),
        "actors": [party(a) for a in merged.get("actors", [])],
        "recipients": [party(r) for r in merged.get("recipients", [])],
        "actor_states": merged.get("actor_states", []),
        "recipient_states": merged.get("recipient_states", []),
        "hosts": [party(h) for h in merged.get("hosts", [])],
        "documents": merged.get("documents", []),
        "languages": merged.get("languages", []),
        "evidence": evidence,
        "flags": merged.get("flags", {}),
        "confidence": merged.get("confidence", 0.0),
    }


_EVENT_COLUMNS = "e.id, e.type, e.mode, e.date, e.precision, e.place, e.data"


def list_events(
    store: SQLiteStore,
    *,
    entity: str | None = None,
    type: str | None = None,
    doc_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Merged events, newest first (undated last), filtered by party, PLOVER type, document or dates.

    ``entity`` matches an actor, a recipient or either side's state; ``since``/``until`` compare ISO
    dates as text (an event dated "2024-06" is inside ``since="2024-06"``), undated ones drop out.
    """
    where: list[str] = []
    params: list[object] = []
    if entity:
        where.append("e.id IN (SELECT event_id FROM event_parties WHERE entity = ?)")
        params.append(entity)
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
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
    rows = store.conn.execute(sql, [*params, limit, offset]).fetchall()
    return [_event_dict(store, row) for row in rows]


def event_ids(store: SQLiteStore, doc_id: str) -> dict[int, str]:
    """The merged event id of each of a document's events, by its index in ``Document.events``."""
    rows = store.conn.execute("SELECT idx, event_id FROM event_mentions WHERE doc_id = ?", (doc_id,))
    return dict(rows.fetchall())


def get_event(store: SQLiteStore, event_id: str) -> dict[str, Any] | None:
    """One merged event by id (or unique id prefix), or None."""
    rows = store.conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id = ? OR e.id LIKE ? LIMIT 2",
        (event_id, event_id + "%"),
    ).fetchall()
    return _event_dict(store, rows[0]) if len(rows) == 1 else None


def list_claims(
    store: SQLiteStore,
    *,
    doc_id: str | None = None,
    entity: str | None = None,
    stance: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Attributed claims in document order; ``entity`` matches the speaker, the target or the reporter."""
    where: list[str] = ["a.kind = 'claims'"]
    params: list[object] = []
    if doc_id:
        where.append("(a.doc_id = ? OR a.doc_id LIKE ?)")
        params.extend([doc_id, doc_id + "%"])
    if entity:
        where.append(
            "(a.ref = ? OR json_extract(a.data, '$.target') = ? OR json_extract(a.data, '$.reporter') = ?)"
        )
        params.extend([entity, entity, entity])
    if stance:
        where.append("a.label = ?")
        params.append(stance)
    sql = (
        "SELECT a.doc_id, a.idx, a.data, d.text FROM annotations a JOIN documents d ON d.id = a.doc_id"
        f" WHERE {' AND '.join(where)} ORDER BY d.rowid, a.idx LIMIT ? OFFSET ?"
    )
    rows = store.conn.execute(sql, [*params, limit, offset]).fetchall()
    answered: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for doc in {r[0] for r in rows}:
        for idx, answers in store.conn.execute(
            "SELECT idx, json_extract(data, '$.answers') FROM annotations"
            " WHERE doc_id = ? AND kind = 'claims' AND json_extract(data, '$.answers') IS NOT NULL",
            (doc,),
        ):
            answered.setdefault((doc, int(answers)), []).append({"doc_id": doc, "idx": idx})
    out = []
    for doc, idx, data, text in rows:
        claim = json.loads(data)
        names = {claim["speaker"]: claim.get("speaker_text", "")} if claim.get("speaker") else {}
        ev_s, ev_e = claim.get("evidence_start", -1), claim.get("evidence_end", -1)
        out.append(
            {
                "doc_id": doc,
                "idx": idx,
                "speaker": _ref(claim.get("speaker"), names),
                "reporter": _ref(claim.get("reporter")),
                "stance": claim.get("stance"),
                "target": _ref(claim.get("target")),
                "text": claim.get("text", ""),
                "start": claim["start"],
                "end": claim["end"],
                "evidence": text[ev_s:ev_e][:EVIDENCE_CHARS] if ev_s >= 0 else "",
                "event": claim.get("event"),
                "confidence": claim.get("confidence", 0.0),
                "answers": {"doc_id": doc, "idx": claim["answers"]}
                if claim.get("answers") is not None
                else None,
                "answered_by": answered.get((doc, idx), []),
            }
        )
    return out


def dyad_counts(store: SQLiteStore, a: str, b: str) -> list[dict[str, Any]]:
    """Events between ``a`` and ``b`` (entities or states, either direction) per month and PLOVER quad."""
    rows = store.conn.execute(
        "SELECT substr(e.date, 1, 7), e.type, count(DISTINCT e.id) FROM events e"
        " JOIN event_parties pa ON pa.event_id = e.id AND pa.entity = ?"
        " JOIN event_parties pb ON pb.event_id = e.id AND pb.entity = ?"
        " WHERE e.date IS NOT NULL AND e.date NOT LIKE 'X%' AND length(e.date) >= 7"
        " GROUP BY 1, 2 ORDER BY 1",
        (a, b),
    ).fetchall()
    counts: dict[tuple[str, str], int] = {}
    for month, kind, n in rows:
        key = (month, QUADS.get(kind, "other"))
        counts[key] = counts.get(key, 0) + n
    return [{"month": m, "quad": q, "count": n} for (m, q), n in sorted(counts.items())]


class SQLiteEventTables:
    """:class:`khabar.store.base.EventTables` on the store's SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
