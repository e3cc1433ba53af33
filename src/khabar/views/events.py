"""Merged events and claims as JSON-safe dicts for the CLI, the API and the web UI: store rows with
display names, the states parties act for, and PLOVER quads."""

from __future__ import annotations

from typing import Any

from khabar.events.ontology import QUADS
from khabar.events.states import state_of
from khabar.store.base import EventRow, Store
from khabar.views.entities import entity_name

#: Characters of a claim's evidence sentence returned at most.
EVIDENCE_CHARS = 400
#: Document links whose two ends tell the same story in the same words or a translation of them:
#: their claims are one set of claims.
SAME_TEXT_LINKS = ("translation", "duplicate")


def _ref(entity: str | None, names: dict[str, str] | None = None) -> dict[str, str] | None:
    return {"id": entity, "name": entity_name(entity, (names or {}).get(entity))} if entity else None


def event_record(store: Store, row: EventRow) -> dict[str, Any]:
    """A merged event with named parties (and the state each acts for) and its evidence sentences."""
    merged = row.data
    names = merged.get("names", {})
    day = row.date if row.date and not row.date.startswith("X") else None

    def party(entity: str) -> dict[str, Any]:
        state = state_of(entity, day)
        return {"id": entity, "name": entity_name(entity, names.get(entity)), "state": state}

    evidence = []
    for found in store.events.evidence(row.id):
        mention = found.data
        start, end = mention["evidence_start"], mention["evidence_end"]
        evidence.append(
            {
                "doc_id": found.doc_id,
                "idx": found.idx,
                "lang": found.lang,
                "text": found.text[start:end],
                "start": start,
                "end": end,
                "trigger": mention.get("text", ""),
                "trigger_start": mention["trigger_start"],
                "trigger_end": mention["trigger_end"],
                "mode": mention.get("mode"),
            }
        )
    return {
        "id": row.id,
        "type": row.type,
        "mode": row.mode,
        "quad": QUADS.get(row.type),
        "date": row.date,
        "precision": row.precision,
        "place": _ref(row.place, names),
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
        "actor_nouns": merged.get("actor_nouns", []),
        "recipient_nouns": merged.get("recipient_nouns", []),
        "happening": store.happenings.of_events([row.id]).get(row.id),
    }


def list_events(
    store: Store,
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
    rows = store.events.find(
        entity=entity,
        type=type.upper() if type else None,
        doc_id=doc_id,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return [event_record(store, row) for row in rows]


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One merged event by id (or unique id prefix), or None."""
    rows = store.events.matching(event_id)
    return event_record(store, rows[0]) if len(rows) == 1 else None


def list_claims(
    store: Store,
    *,
    doc_id: str | None = None,
    entity: str | None = None,
    stance: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Attributed claims in document order; ``entity`` matches the speaker, the target or the reporter."""
    rows = store.events.claims(doc_id=doc_id, entity=entity, stance=stance, limit=limit, offset=offset)
    answered: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for doc in {r.doc_id for r in rows}:
        for idx, answers in store.events.claim_answers(doc):
            answered.setdefault((doc, answers), []).append({"doc_id": doc, "idx": idx})
    out = []
    for doc, idx, claim, text in rows:
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
    _merge_claims(store, out)
    return out


def merged_claims(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """:func:`list_claims` with each claim of a set of translated or duplicate pages listed once
    (the first one found), its ``documents`` naming every page that makes it."""
    seen: set[str] = set()
    out = []
    for claim in list_claims(store, **filters):
        if claim["claim_id"] not in seen:
            seen.add(claim["claim_id"])
            out.append(claim)
    return out


def _claim_key(store: Store, doc: str, claim: dict[str, Any]) -> tuple[Any, ...]:
    event = claim.get("event")
    merged = store.events.event_of(doc, event) if event is not None else None
    return (claim.get("speaker"), claim.get("reporter"), claim.get("stance"), claim.get("target"), merged)


def _linked(store: Store, doc: str) -> list[str]:
    """The document and every page linked to it as a translation or duplicate, sorted."""
    docs = {doc}
    for link in store.links.links_of(doc):
        if any(k in link["kind"] for k in SAME_TEXT_LINKS):
            docs.add(link["other_id"])
    return sorted(docs)


def _merge_claims(store: Store, records: list[dict[str, Any]]) -> None:
    """Give each claim record a ``claim_id`` shared by the same claim on translated or duplicate
    pages (same speaker, reporter, stance, target and merged event, the n-th such claim of each
    page), and ``documents``: where the claim is made, with the evidence of each page."""
    groups: dict[tuple[str, ...], dict[tuple[str, int], tuple[str, list[dict[str, Any]]]]] = {}
    for rec in records:
        docs = tuple(_linked(store, rec["doc_id"]))
        if docs not in groups:
            ids: dict[tuple[str, int], tuple[str, list[dict[str, Any]]]] = {}
            by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
            for other in docs:
                counts: dict[tuple[Any, ...], int] = {}
                for row in store.events.claims(doc_id=other, limit=10_000):
                    key = _claim_key(store, other, row.data)
                    n = counts[key] = counts.get(key, 0) + 1
                    ev_s, ev_e = row.data.get("evidence_start", -1), row.data.get("evidence_end", -1)
                    member = {
                        "doc_id": other,
                        "idx": row.idx,
                        "evidence": row.text[ev_s:ev_e][:EVIDENCE_CHARS] if ev_s >= 0 else "",
                    }
                    by_key.setdefault((*key, n), []).append(member)
            for members in by_key.values():
                first = f"{members[0]['doc_id']}#{members[0]['idx']}"
                for m in members:
                    ids[(m["doc_id"], m["idx"])] = (first, members)
            groups[docs] = ids
        claim_id, members = groups[docs].get(
            (rec["doc_id"], rec["idx"]), (f"{rec['doc_id']}#{rec['idx']}", [])
        )
        rec["claim_id"] = claim_id
        rec["documents"] = members or [
            {"doc_id": rec["doc_id"], "idx": rec["idx"], "evidence": rec["evidence"]}
        ]


def dyad_counts(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Events between ``a`` and ``b`` (entities or states, either direction) per month and PLOVER quad."""
    counts: dict[tuple[str, str], int] = {}
    for month, kind, n in store.events.dyad(a, b):
        key = (month, QUADS.get(kind, "other"))
        counts[key] = counts.get(key, 0) + n
    return [{"month": m, "quad": q, "count": n} for (m, q), n in sorted(counts.items())]
