"""Merge each new document's events into cross-document events.

Incremental: for every new event mention the store is asked only for merged events of the same
type that share a party state (``event_parties`` is indexed by entity); the candidates are then
checked for compatible modes, the same set of states, and dates within :data:`DAY_WINDOW`.
A merged event's fields are recomputed from its own mentions only.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from khabar.dates import same_day_possible
from khabar.document import Document, Event
from khabar.events.ontology import SYMMETRIC_MODES
from khabar.events.states import state_of
from khabar.kb import load_kb
from khabar.store.sqlite import SQLiteStore

#: Days two day-level dates may differ and still be one happening: a meeting reported on the
#: next day by an agency ("14 September, KCNA said") and dated by the story's own lead.
DAY_WINDOW = 2
#: Modes of one happening seen from its two sides (a visit is hosted).
PAIRED_MODES = ({"visit", "host"},)
#: The mode a merged event takes from its mentions: the most specific one.
MODE_PRIORITY = ("visit", "meet", "host", "phone", "multilateral", "sign", "intent", "discuss")


def event_key(doc_id: str, idx: int) -> str:
    """The id of the merged event first seen as event ``idx`` of document ``doc_id``."""
    return "ev-" + hashlib.sha1(f"{doc_id}:{idx}".encode()).hexdigest()[:12]


def dates_compatible(a: str | None, b: str | None, window: int = DAY_WINDOW) -> bool:
    """Whether two ISO dates (``XXXX`` years, month or year precision allowed) can be one day,
    two day-level dates being at most ``window`` days apart."""
    return same_day_possible(a, b, window)


def modes_compatible(a: str | None, b: str | None) -> bool:
    """Whether two modes of one type can describe one happening."""
    if a == b or a is None or b is None:
        return True
    if a in SYMMETRIC_MODES and b in SYMMETRIC_MODES:
        return True
    return any(a in pair and b in pair for pair in PAIRED_MODES)


def _states(event: Event | dict[str, Any]) -> frozenset[str]:
    if isinstance(event, Event):
        return frozenset(event.actor_states) | frozenset(event.recipient_states)
    return frozenset(event.get("actor_states", [])) | frozenset(event.get("recipient_states", []))


def _mergeable(event: Event) -> bool:
    return bool(event.actor_states or event.recipient_states)


def link_events(store: SQLiteStore, docs: list[Document]) -> dict[str, int]:
    """Merge each new document's events into cross-document events."""
    counts: Counter[str] = Counter()
    conn = store.conn
    for doc in docs:
        for idx, event in enumerate(doc.events):
            known = conn.execute(
                "SELECT event_id FROM event_mentions WHERE doc_id = ? AND idx = ?", (doc.id, idx)
            ).fetchone()
            if known:
                event.id = known[0]
                counts["already_linked"] += 1
                continue
            target = _candidate(store, doc, event) if _mergeable(event) else None
            if target is None:
                target = event_key(doc.id, idx)
                conn.execute(
                    "INSERT INTO events(id, type, mode, date, precision, place, data, added)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (
                        target,
                        event.type,
                        event.mode,
                        event.time,
                        event.time_precision,
                        event.place,
                        "{}",
                        _now(),
                    ),
                )
                counts["events"] += 1
            else:
                counts["merged"] += 1
            conn.execute(
                "INSERT INTO event_mentions(event_id, doc_id, idx) VALUES (?,?,?)", (target, doc.id, idx)
            )
            conn.execute(
                "UPDATE annotations SET data = json_set(data, '$.id', ?) WHERE doc_id = ? AND kind = 'events'"
                " AND idx = ?",
                (target, doc.id, idx),
            )
            event.id = target
            refresh_event(store, target)
            counts["mentions"] += 1
    return dict(counts)


def _candidate(store: SQLiteStore, doc: Document, event: Event) -> str | None:
    states = sorted(_states(event))
    marks = ",".join("?" * len(states))
    rows = store.conn.execute(
        "SELECT e.id, e.mode, e.date, e.data FROM events e JOIN event_parties p ON p.event_id = e.id"
        f" WHERE e.type = ? AND p.role IN ('actor_state', 'recipient_state') AND p.entity IN ({marks})"
        " GROUP BY e.id",
        [event.type, *states],
    ).fetchall()
    best: tuple[tuple[int, int], str] | None = None
    for event_id, mode, when, data in rows:
        merged = json.loads(data)
        if _states(merged) != frozenset(states) or not modes_compatible(mode, event.mode):
            continue
        if bool(merged.get("flags", {}).get("negated")) != event.negated:
            continue
        if bool(merged.get("flags", {}).get("hypothetical")) != event.hypothetical:
            continue
        same_doc = doc.id in merged.get("documents", [])
        paired = any(mode in pair and event.mode in pair for pair in PAIRED_MODES)
        # A meeting and talks on other days are other happenings; a visit and its hosting are not.
        window = DAY_WINDOW if mode == event.mode or mode is None or event.mode is None or paired else 0
        if not (
            dates_compatible(when, event.time, window) or (same_doc and (when is None or event.time is None))
        ):
            continue
        people = len(
            set(merged.get("actors", []) + merged.get("recipients", []))
            & set(event.actors + event.recipients)
        )
        score = (int(mode == event.mode), people)
        if best is None or score > best[0]:
            best = (score, event_id)
    return best[1] if best else None


def refresh_event(store: SQLiteStore, event_id: str) -> None:
    """Recompute a merged event's fields and parties from its mentions."""
    rows = store.conn.execute(
        "SELECT m.doc_id, m.idx, a.data, d.lang FROM event_mentions m"
        " JOIN annotations a ON a.doc_id = m.doc_id AND a.kind = 'events' AND a.idx = m.idx"
        " JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ? ORDER BY d.rowid, m.idx",
        (event_id,),
    ).fetchall()
    if not rows:
        return
    mentions = [(doc_id, idx, json.loads(data), lang) for doc_id, idx, data, lang in rows]
    merged = combine([m[2] for m in mentions])
    merged["documents"] = list(dict.fromkeys(m[0] for m in mentions))
    merged["languages"] = list(dict.fromkeys(m[3] for m in mentions))
    store.conn.execute(
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
    store.conn.execute("DELETE FROM event_parties WHERE event_id = ?", (event_id,))
    parties = {
        (event_id, entity, role)
        for role in ("actors", "recipients", "actor_states", "recipient_states")
        for entity in merged[role]
    }
    store.conn.executemany(
        "INSERT INTO event_parties(event_id, entity, role) VALUES (?,?,?)",
        [(e, entity, role.rstrip("s")) for e, entity, role in sorted(parties)],
    )


_PRECISION = {"day": 3, "month": 2, "year": 1}


def combine(mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The merged record of several event mentions (annotation dicts of :class:`Event`)."""
    first = mentions[0]
    modes = [m.get("mode") for m in mentions if m.get("mode")]
    mode = (
        min(modes, key=lambda m: MODE_PRIORITY.index(m) if m in MODE_PRIORITY else len(MODE_PRIORITY))
        if modes
        else None
    )
    actors: list[str] = []
    recipients: list[str] = []
    hosts: list[str] = []
    names: dict[str, str] = {}
    # Specific mentions first (one party acting on another), so a "both sides" mention adds no
    # parties the others already place.
    for m in sorted(mentions, key=lambda m: (m.get("mode") != mode, not m.get("recipients"))):
        acts, recs = list(m.get("actors", [])), list(m.get("recipients", []))
        for ids, texts in ((acts, m.get("actor_text", [])), (recs, m.get("recipient_text", []))):
            for i, entity in enumerate(ids):
                if i < len(texts) and texts[i]:
                    names.setdefault(entity, texts[i])
        if m.get("mode") == "host" and mode == "visit":
            hosts.extend(h for h in acts if h not in hosts)
            acts, recs = recs, acts
        actors.extend(a for a in acts if a not in actors and a not in recipients)
        recipients.extend(r for r in recs if r not in recipients and r not in actors)
    actors, recipients = _specific(actors, recipients)
    when, precision = _best_date(mentions)
    day = when if when and not when.startswith("X") else None
    actor_states = _unique(state_of(a, day) for a in actors)
    recipient_states = [s for s in _unique(state_of(r, day) for r in recipients) if s not in actor_states]
    if not actor_states and not recipient_states:
        actor_states = _unique(s for m in mentions for s in m.get("actor_states", []))
        recipient_states = _unique(s for m in mentions for s in m.get("recipient_states", []))
    places = Counter(m["place"] for m in mentions if m.get("place"))
    return {
        "type": first["type"],
        "mode": mode,
        "date": when,
        "precision": precision,
        "place": places.most_common(1)[0][0] if places else None,
        "actors": actors,
        "recipients": recipients,
        "actor_states": actor_states,
        "recipient_states": recipient_states,
        "hosts": hosts,
        "names": names,
        "flags": {
            flag: all(bool(m.get(flag)) for m in mentions)
            for flag in ("negated", "hypothetical", "future", "historical")
        },
        "confidence": max(float(m.get("confidence", 0.0)) for m in mentions),
    }


def _unique(items: Iterable[str | None]) -> list[str]:
    return [i for i in dict.fromkeys(items) if i]


def _specific(actors: list[str], recipients: list[str]) -> tuple[list[str], list[str]]:
    """Drop a state from the actors when a person or body acting for it is a party already (a
    "both sides" mention names the states of the two people who met)."""
    covered = {state_of(p) for p in actors + recipients if not _is_state(p)}
    kept = [a for a in actors if not _is_state(a) or a not in covered]
    return kept or actors, recipients


def _is_state(entity: str) -> bool:
    found = load_kb().get(entity)
    return found is not None and found.type == "LOC"


def _best_date(mentions: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """The date found closest to the trigger (its sentence, then paragraph, document, publication),
    with a known year and the finest precision; among equals the most common, then the earliest."""
    dated = [
        (m["time"], m.get("time_precision") or "day", m.get("time_source", ""))
        for m in mentions
        if m.get("time")
    ]
    if not dated:
        return None, None

    def rank(item: tuple[str, str, str]) -> tuple[int, int, int]:
        source = _SOURCES.index(item[2]) if item[2] in _SOURCES else len(_SOURCES)
        return (int(not item[0].startswith("X")), _PRECISION.get(item[1], 0), -source)

    top = max(rank(d) for d in dated)
    counts = Counter((d[0], d[1]) for d in dated if rank(d) == top)
    most = max(counts.values())
    return min(d for d in counts if counts[d] == most)


_SOURCES = ("sentence", "paragraph", "document", "published")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
