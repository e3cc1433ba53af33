"""Reads shared by the JSON API and the web pages: search, documents and entities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from khabar.document import Document
from khabar.store.base import SearchHit, Store
from khabar.views.entities import entity_ids, entity_name
from khabar.views.events import list_events
from khabar.views.export import export_record

# Largest page any list endpoint returns; bigger requests get a 422 that says so.
MAX_LIMIT = 200
DEFAULT_LIMIT = 20
# Largest offset a list accepts: far past any store's size, and well inside SQLite's 64-bit
# integers (an offset of 2**63 used to overflow into a 500).
MAX_OFFSET = 10**9

# Documents listed on an entity page and in its JSON, newest first; the total is given too.
MAX_ENTITY_DOCUMENTS = 200


def search_filters(
    *,
    lang: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    event_type: str | None,
    country: str | None = None,
    outlet_kind: str | None = None,
    page_kind: str | None = None,
) -> dict[str, Any]:
    """The ``filters`` of :func:`search` from request parameters (empty ones None, event type and
    country upper-cased, kinds lower-cased)."""
    return {
        "lang": lang or None,
        "since": since or None,
        "until": until or None,
        "outlet": outlet or None,
        "event_type": event_type.upper() if event_type else None,
        "country": country.upper() if country else None,
        "outlet_kind": outlet_kind.lower() if outlet_kind else None,
        "page_kind": page_kind.lower() if page_kind else None,
    }


def search(
    store: Store,
    query: str,
    *,
    limit: int,
    offset: int,
    filters: dict[str, Any],
    mentioning: Sequence[str] = (),
) -> tuple[list[SearchHit], list[str]]:
    """Hits for ``query`` (one more than ``limit`` when there are more) and the entity ids it names.

    A query naming a known entity in any script also finds documents mentioning that entity;
    ``mentioning`` keeps only documents that mention one of these entity ids.
    """
    named = entity_ids(query.strip()) if query.strip() else []
    wanted = list(dict.fromkeys([*named, *filters.get("entities", ())]))
    kwargs: dict[str, Any] = {k: v for k, v in filters.items() if v not in (None, "", ())}
    kwargs["entities"] = tuple(wanted)
    hits = store.search(query, limit=limit + 1, offset=offset, mentioning=tuple(mentioning), **kwargs)
    return hits, named


def search_facets(
    store: Store, query: str, *, filters: dict[str, Any], mentioning: Sequence[str] = ()
) -> dict[str, list[dict[str, Any]]]:
    """Counts of what :func:`search` finds by outlet, country, outlet kind and page kind, most
    first: ``{"outlet": [{"value": "dawn.com", "count": 3}, …], …}`` ("" for unknown)."""
    named = entity_ids(query.strip()) if query.strip() else []
    kwargs: dict[str, Any] = {k: v for k, v in filters.items() if v not in (None, "", ())}
    wanted = list(dict.fromkeys([*named, *kwargs.pop("entities", ())]))
    counts = store.search_facets(query, entities=tuple(wanted), mentioning=tuple(mentioning), **kwargs)
    return {name: [{"value": v, "count": n} for v, n in rows] for name, rows in counts.items()}


def hit_record(hit: SearchHit) -> dict[str, Any]:
    """A search hit as JSON."""
    return asdict(hit)


def document_summary(doc: Document) -> dict[str, Any]:
    """The short form of a document used in lists."""
    return {
        "id": doc.id,
        "title": doc.title,
        "lang": doc.lang,
        "published": doc.published.value if doc.published else None,
        "outlet": doc.provenance.outlet or doc.source.outlet,
        "url": doc.source.url or doc.provenance.url,
        "uri": doc.source.uri,
    }


def document_record(doc: Document) -> dict[str, Any]:
    """The export record of a document plus what the document page shows: removed boilerplate and
    the spans it highlights (``kind`` mention/time/event/claim, ``start``, ``end``, ``label``, ``ref``)."""
    record = export_record(doc)
    record["removed"] = [asdict(r) for r in doc.removed]
    record["rejects"] = [asdict(r) for r in doc.rejects]
    spans: list[dict[str, Any]] = []
    for m in doc.mentions:
        spans.append(
            {"kind": "mention", "start": m.start, "end": m.end, "label": m.label, "ref": m.entity or m.kb_id}
        )
    for t in doc.times:
        spans.append({"kind": "time", "start": t.start, "end": t.end, "label": t.type, "ref": t.value})
    for e in doc.events:
        spans.append(
            {
                "kind": "event",
                "start": e.trigger_start,
                "end": e.trigger_end,
                "label": e.type,
                "ref": e.id or None,
            }
        )
    for c in doc.claims:
        spans.append({"kind": "claim", "start": c.start, "end": c.end, "label": c.stance, "ref": c.speaker})
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    record["spans"] = spans
    return record


def entity_record(store: Store, ref: str, *, limit: int = 50) -> dict[str, Any]:
    """One entity: label, type, aliases by script, roles, documents, co-mentions and events."""
    from khabar.kb import load_kb

    kb = load_kb()
    entity = kb.get(ref)
    mentions = store.entity_mentions([ref])
    surfaces: dict[str, list[str]] = {}
    for doc_id, surface, _start, _end in mentions:
        surfaces.setdefault(doc_id, [])
        if surface and surface not in surfaces[doc_id]:
            surfaces[doc_id].append(surface)
    rows = store.summaries(list(surfaces))
    documents = [{**rows[i], "surfaces": spellings} for i, spellings in surfaces.items() if i in rows]
    documents.sort(key=lambda d: (d["published"] or "", d["id"]), reverse=True)
    co = [
        {"id": other, "label": label, "name": entity_name(other), "documents": shared}
        for other, label, shared in store.co_mentions([ref], limit=limit)
    ]
    events = list_events(store, entity=ref, limit=limit)
    surface = next((s for spellings in surfaces.values() for s in spellings), "")
    return {
        "id": ref,
        "label": entity.label if entity else surface or ref,
        "type": entity.type if entity else None,
        "kind": entity.kind if entity else None,
        "qid": entity.qid if entity else None,
        "country": entity.country if entity else None,
        "in_kb": entity is not None,
        "aliases": dict(entity.aliases) if entity else {},
        "roles": [asdict(r) for r in entity.roles] if entity else [],
        "mentions": len(mentions),
        "documents_total": len(documents),
        "documents": documents[:MAX_ENTITY_DOCUMENTS],
        "co_mentions": co,
        "events": events,
    }


def resolve_entity(name: str) -> list[str]:
    """Entity ids for a name in any script, or an id (``u:`` names outside the KB, ``role:`` titles)."""
    name = name.strip()
    if name.startswith("role:"):
        return [name]
    return entity_ids(name) if name else []


def page(items: list[Any], *, limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """The paginated envelope: ``items`` (at most ``limit``), ``total`` when known, ``next`` offset or null.

    ``items`` may hold one more than ``limit``: that extra item only says a next page exists.
    """
    more = len(items) > limit if total is None else offset + limit < total
    out: dict[str, Any] = {
        "items": items[:limit],
        "limit": limit,
        "offset": offset,
        "next": offset + limit if more else None,
    }
    if total is not None:
        out["total"] = total
    return out
