"""The analyst's pages: server-rendered templates over the same reads as the JSON API."""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from khabar.api import data
from khabar.api.docrefs import document_refs
from khabar.api.graph import co_mention_graph
from khabar.api.highlight import highlight
from khabar.api.pictures import dyad_pictures, story_pictures
from khabar.api.routes_api import DATE, Lang, Offset, Since, Until, entity_filter, one_entity
from khabar.api.scripts import OTHER_SCRIPT, ScriptParam, in_script
from khabar.api.templating import as_list, open_store, query_string, templates
from khabar.store.base import FACET_CANDIDATES, Store
from khabar.views import duplicates as link_views
from khabar.views import events as event_views
from khabar.views import happenings as happening_views
from khabar.views import stories as story_views
from khabar.views.documents import with_event_ids
from khabar.views.entities import entity_name

router = APIRouter(include_in_schema=False)

PAGE = 20
Limit = Annotated[int, Query(ge=1, le=data.MAX_LIMIT)]

# PLOVER quads in display order (verbal/material cooperation, verbal/material conflict).
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render a template with the request in its context."""
    return templates.TemplateResponse(request, name, context, status_code=status)


#: Facet -> (heading, the query parameter that narrows the search to one value).
FACET_PARAMS = {
    "outlet": ("Outlet", "outlet"),
    "country": ("Country", "country"),
    "outlet_kind": ("Outlet kind", "kind"),
    "page_kind": ("Page kind", "page_kind"),
}
#: Values listed per facet on the search page.
FACET_VALUES = 10


def _facet_links(facets: dict[str, Any], params: dict[str, Any]) -> list[dict[str, Any]]:
    """Each facet's heading and its values, with the count and a link narrowing the search to it."""
    out = []
    for name, (heading, key) in FACET_PARAMS.items():
        values = []
        for row in facets.get(name, [])[:FACET_VALUES]:
            if not row["value"]:
                values.append({"label": "unknown", "count": row["count"], "href": None, "active": False})
                continue
            narrowed = {k: v for k, v in {**params, key: row["value"]}.items() if v not in (None, "")}
            values.append(
                {
                    "label": row["value"],
                    "count": row["count"],
                    "href": "/search?" + query_string(narrowed),
                    "active": params.get(key) == row["value"],
                }
            )
        if values:
            out.append({"name": name, "heading": heading, "rows": values})
    return out


def _url_params(filters: dict[str, Any]) -> dict[str, Any]:
    """Search filters as the page's query parameters (``outlet_kind`` is ``kind`` in a URL)."""
    params = dict(filters)
    params["kind"] = params.pop("outlet_kind", None)
    return params


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    lang: Lang = None,
    since: Annotated[str | None, Query()] = None,
    until: Annotated[str | None, Query()] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    event_type: Annotated[str | None, Query(max_length=40)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
    kind: Annotated[str | None, Query(max_length=16)] = None,
    page_kind: Annotated[str | None, Query(max_length=16)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    """Search form, results with highlighted snippets, and store counts when there is no query."""
    since = since if since and _is_date(since) else None
    until = until if until and _is_date(until) else None
    filters = data.search_filters(
        lang=lang,
        since=since,
        until=until,
        outlet=outlet,
        event_type=event_type,
        country=country,
        outlet_kind=kind,
        page_kind=page_kind,
    )
    with open_store(request) as store:
        hits: list[Any] = []
        named: list[str] = []
        facets: dict[str, Any] = {}
        if q.strip():
            only = entity_filter(entity)
            hits, named = data.search(store, q, limit=PAGE, offset=offset, filters=filters, mentioning=only)
            facets = data.search_facets(store, q, filters=filters, mentioning=only)
        stats = store.stats()
        languages = sorted(stats["languages"])
    result = data.page(hits, limit=PAGE, offset=offset)
    top = top_entities(stats)
    return render(
        request,
        "search.html",
        {
            "q": q,
            "filters": filters,
            "params": {"q": q, **_url_params(filters), "entity": entity},
            "facets": _facet_links(facets, {"q": q, **_url_params(filters), "entity": entity}),
            "facet_candidates": FACET_CANDIDATES,
            "hits": result["items"],
            "next": result["next"],
            "offset": offset,
            "named": [(ref, entity_name(ref)) for ref in named],
            "stats": stats,
            "languages": languages,
            "top": top,
            "entity": entity or "",
        },
    )


def _is_date(value: str) -> bool:
    return re.fullmatch(DATE, value) is not None


def top_entities(stats: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(id, name, documents) of the most mentioned entities, as the search and stats pages list them."""
    return [(ref, entity_name(ref, surface), n) for ref, _label, n, surface in stats["top_entities"]]


@router.get("/document/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request, doc_id: Annotated[str, Path(max_length=64)], script: ScriptParam = None
) -> HTMLResponse:
    """One document: original text with spans highlighted, annotations, sources, removed debris, links.

    ``?script=Deva`` shows an Urdu page's title and text in Devanagari, ``?script=Arab`` a Hindi
    page's in Urdu script (transliterated by :mod:`khabar.bridge`).
    """
    with open_store(request) as store:
        doc = store.get(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document with id {doc_id!r}; search for it from the search page")
        doc = with_event_ids(store, doc)
        links = link_views.links_for(store, doc.id)
        origin = link_views.origin_of(store, doc, links)
        story = story_views.story_of(store, doc.id)
        named = [link.get("other_id") for link in links]
        docs = document_refs(
            store, [*named, *((origin or {}).get(k) for k in ("translation_of", "canonical"))]
        )
    story_id = ((story or {}).get("episode") or {}).get("id")
    thread_id = ((story or {}).get("thread") or {}).get("id")
    entities: dict[str, dict[str, Any]] = {}
    for m in doc.mentions:
        ref = m.entity or m.kb_id
        if ref and m.label != "ROLE":
            item = entities.setdefault(
                ref, {"id": ref, "label": m.label, "name": entity_name(ref, m.text), "n": 0}
            )
            item["n"] += 1
    return render(
        request,
        "document.html",
        {
            "doc": doc,
            "text_html": highlight(doc),
            "entities": sorted(entities.values(), key=lambda e: -e["n"]),
            "links": links,
            "docs": docs,
            "origin": origin or {},
            "story_id": story_id,
            "thread_id": thread_id,
            "other_script": OTHER_SCRIPT.get(doc.lang),
            "shown": in_script(doc, script) if script else None,
        },
    )


@router.get("/translation", response_class=HTMLResponse)
def translation_page(
    request: Request, a: Annotated[str, Query(max_length=64)], b: Annotated[str, Query(max_length=64)]
) -> HTMLResponse:
    """Two documents side by side, aligned line by line."""
    with open_store(request) as store:
        left, right = store.get(a), store.get(b)
        if left is None or right is None:
            raise HTTPException(404, f"no document with id {(a if left is None else b)!r}")
        lines = link_views.aligned_lines(store, left.id, right.id)
    return render(request, "translation.html", {"a": left, "b": right, "lines": lines})


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, type: Annotated[str | None, Query(max_length=10)] = None, offset: Offset = 0
) -> HTMLResponse:
    """Entities mentioned, most documents first."""
    with open_store(request) as store:
        rows = store.entity_counts(type.upper() if type else None)
    items = [
        {"id": ref, "label": kind, "name": entity_name(ref, surface), "documents": docs, "mentions": n}
        for ref, kind, docs, n, surface in rows[offset : offset + 100]
    ]
    nxt = offset + 100 if offset + 100 < len(rows) else None
    return render(
        request, "entities.html", {"items": items, "type": type or "", "next": nxt, "total": len(rows)}
    )


@router.get("/entity/{name}", response_class=HTMLResponse)
def entity_page(request: Request, name: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    """One entity: aliases by script, roles, documents, timeline of events, co-mention graph."""
    ids = data.resolve_entity(name)
    if not ids:
        raise HTTPException(404, f"no entity is known by {name!r}; the entities page lists those mentioned")
    with open_store(request) as store:
        record = data.entity_record(store, ids[0])
        happenings = happening_views.list_happenings(store, entity=ids[0], limit=PAGE)
        happening_docs = _evidence_refs(store, happenings)
    events = sorted(record["events"], key=lambda e: str(e.get("date") or ""))
    return render(
        request,
        "entity.html",
        {
            "e": record,
            "events": events,
            "happenings": sorted(happenings, key=lambda h: str(h.get("date") or "")),
            "happening_docs": happening_docs,
            "others": ids[1:],
            "graph": co_mention_graph(record["label"], record["co_mentions"]),
        },
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    since: Since = None,
    until: Until = None,
    offset: Offset = 0,
) -> HTMLResponse:
    """Events with filters."""
    ref = one_entity(entity)
    with open_store(request) as store:
        items = event_views.list_events(
            store,
            entity=ref,
            type=type.upper() if type else None,
            since=since,
            until=until,
            limit=PAGE + 1,
            offset=offset,
        )
        # The happenings these filters find, on the first page (the events table pages on).
        happenings = (
            happening_views.list_happenings(
                store, entity=ref, type=type, since=since, until=until, limit=PAGE
            )
            if offset == 0
            else []
        )
        happening_docs = _evidence_refs(store, happenings)
    result = data.page(items, limit=PAGE, offset=offset)
    return render(
        request,
        "events.html",
        {
            "happenings": happenings,
            "happening_docs": happening_docs,
            "items": result["items"],
            "next": result["next"],
            "offset": offset,
            "filters": {
                "entity": entity or "",
                "type": type or "",
                "since": since or "",
                "until": until or "",
            },
        },
    )


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """One event with its evidence sentences in every language."""
    with open_store(request) as store:
        record = event_views.get_event(store, event_id)
        if not record:
            raise HTTPException(404, f"no event with id {event_id!r}; the events page lists them")
        named = [e.get("doc_id") for e in record.get("evidence") or []] + list(record.get("documents") or [])
        docs = document_refs(store, named)
    return render(request, "event.html", {"ev": record, "docs": docs})


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    stance: Annotated[str | None, Query(max_length=20)] = None,
    doc_id: Annotated[str | None, Query(max_length=64)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    """Attributed claims; accusations link to the denials that answer them."""
    ref = one_entity(entity)
    with open_store(request) as store:
        items = event_views.list_claims(
            store,
            doc_id=doc_id or None,
            entity=ref,
            stance=stance.lower() if stance else None,
            limit=PAGE + 1,
            offset=offset,
        )
        docs = document_refs(store, _claim_documents(items))
    result = data.page(items, limit=PAGE, offset=offset)
    return render(
        request,
        "claims.html",
        {
            "docs": docs,
            "threads": claim_threads(result["items"]),
            "items": result["items"],
            "next": result["next"],
            "offset": offset,
            "filters": {"entity": entity or "", "stance": stance or "", "doc_id": doc_id or ""},
        },
    )


def claim_threads(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims as threads, in order: each claim that answers none here (``claim``) with the
    claims here that answer it, directly or through another answer (``answers``, in order), and
    the ``nested`` keys (``doc-idx``) of those answers."""

    def key(link: Any) -> str:
        return f"{link['doc_id']}-{link['idx']}" if isinstance(link, dict) else ""

    here = {key(c): c for c in claims}
    children: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        parent = key(claim.get("answers"))
        if parent in here and parent != key(claim):
            children.setdefault(parent, []).append(claim)
    threads = []
    placed: set[str] = set()
    for claim in claims:
        if key(claim) in placed or key(claim.get("answers")) in here:
            continue
        answers, queue = [], list(children.get(key(claim), []))
        while queue:
            answer = queue.pop(0)
            if key(answer) not in placed and key(answer) != key(claim):
                placed.add(key(answer))
                answers.append(answer)
                queue.extend(children.get(key(answer), []))
        threads.append({"claim": claim, "answers": answers, "nested": [key(a) for a in answers]})
    rooted = {key(t["claim"]) for t in threads}
    for claim in claims:  # answers in a circle, whose first claim is no root: each on its own
        if key(claim) not in placed and key(claim) not in rooted:
            threads.append({"claim": claim, "answers": [], "nested": []})
    return threads


def _claim_documents(claims: list[dict[str, Any]]) -> list[str]:
    """The documents claims are in and those of the claims they answer or are answered by."""
    ids: list[str] = []
    for claim in claims:
        ids.append(str(claim.get("doc_id") or ""))
        for link in [claim.get("answers"), *as_list(claim.get("answered_by"))]:
            if isinstance(link, dict) and link.get("doc_id"):
                ids.append(str(link["doc_id"]))
    return ids


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    """Stories, largest first."""
    with open_store(request) as store:
        items = story_views.list_stories(store, limit=PAGE + 1, offset=offset)
    result = data.page(items, limit=PAGE, offset=offset)
    return render(
        request, "stories.html", {"items": result["items"], "next": result["next"], "offset": offset}
    )


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    story_id: Annotated[str, Path(max_length=100)],
    a: Annotated[str | None, Query(max_length=200)] = None,
    b: Annotated[str | None, Query(max_length=200)] = None,
    week: Annotated[str | None, Query(max_length=10, description="A day of the week to list.")] = None,
    day: Annotated[str | None, Query(max_length=10, description="A day to list.")] = None,
) -> HTMLResponse:
    """A story: documents in date order, timeline, episodes, events by type, languages, outlets, dyad;
    the pictures (events per week with the episodes, the map, the co-mention network) and, with
    ``?week=`` (``?day=``), the happenings of that week (day)."""
    with open_store(request) as store:
        record = story_views.get_story(store, story_id)
        if not record:
            raise HTTPException(404, f"no story with id {story_id!r}; the stories page lists them")
        events = [ev for i in record.get("events") or [] if (ev := event_views.get_event(store, i))]
        first, second = _dyad_parties(events, a, b)
        dyad = event_views.dyad_counts(store, first, second) if first and second else []
        happenings = happening_views.list_happenings(store, story=record["id"], limit=data.MAX_LIMIT)
        happening_docs = _evidence_refs(store, happenings)
        pictures = story_pictures(store, record, happenings, week, day)
        dyad_chart = dyad_pictures(store, first, second) if first and second else None
    # The story's own order (date of what is reported, else publication; undated last), kept stable.
    documents = sorted(record.get("documents") or [], key=lambda d: (not story_day(d), story_day(d)))
    return render(
        request,
        "story.html",
        {
            "s": record,
            "happenings": sorted(happenings, key=lambda h: str(h.get("date") or "")),
            "happening_docs": happening_docs,
            "documents": documents,
            "timeline": list(record.get("timeline") or []),
            "episodes": list(record.get("episodes") or []),
            "event_types": Counter(str(ev.get("type")) for ev in events).most_common(),
            "languages": Counter(str(d.get("lang")) for d in documents).most_common(),
            "outlets": Counter(str(d.get("outlet") or "unknown") for d in documents).most_common(),
            "dyad": dyad_table(dyad),
            "a": first,
            "b": second,
            "pictures": pictures,
            "dyad_chart": dyad_chart,
        },
    )


def _evidence_refs(store: Store, happenings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Title, outlet and day of every document the happenings' evidence comes from."""
    return document_refs(store, [s["doc_id"] for h in happenings for s in h["evidence"]])


def story_day(document: dict[str, Any]) -> str:
    """The day a story document is ordered by: its story date, else its publication date ("" sorts first)."""
    return str(document.get("date") or document.get("published") or "")[:10]


def _dyad_parties(
    events: list[dict[str, Any]], a: str | None, b: str | None
) -> tuple[str | None, str | None]:
    """The two parties of the dyad view: those asked for, else the two states most often acting."""
    if a and b:
        return one_entity(a), one_entity(b)
    states: Counter[str] = Counter()
    for ev in events:
        for party in [*(ev.get("actors") or []), *(ev.get("recipients") or [])]:
            state = party.get("state") if isinstance(party, dict) else None
            if state:
                states[state] += 1
    top = [s for s, _ in states.most_common(2)]
    return (top[0], top[1]) if len(top) == 2 else (None, None)


def dyad_table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Dyad rows as a month × quad table with the largest count (for bar widths)."""
    months = sorted({str(r.get("month")) for r in rows})
    cells: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (str(r.get("month")), str(r.get("quad")))
        cells[key] = cells.get(key, 0) + int(r.get("count") or 0)
    quads = [q for q in QUADS if any(k[1] == q for k in cells)] + sorted({k[1] for k in cells} - set(QUADS))
    return {"months": months, "quads": quads, "cells": cells, "max": max(cells.values(), default=0)}


@router.get("/dyad", response_class=HTMLResponse)
@router.get("/dyads", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    a: Annotated[str, Query(max_length=200)] = "",
    b: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """Events between two parties per month by PLOVER quad: a chart in all and per language, and
    the table."""
    first, second = one_entity(a), one_entity(b)
    rows: list[dict[str, Any]] = []
    chart = None
    if first and second:
        with open_store(request) as store:
            rows = event_views.dyad_counts(store, first, second)
            chart = dyad_pictures(store, first, second)
    return render(
        request,
        "dyad.html",
        {
            "a": first,
            "b": second,
            "qa": a,
            "qb": b,
            "dyad": dyad_table(rows),
            "dyad_chart": chart,
        },
    )


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    """A form for POST /api/ingest (the token is asked for, never shown)."""
    return render(request, "upload.html", {"max_mb": request.app.state.max_upload_bytes / 2**20})


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request) -> HTMLResponse:
    """Store counters."""
    with open_store(request) as store:
        s = store.stats()
    top = top_entities(s)
    return render(request, "stats.html", {"s": s, "top": top})


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI schema (no CDN scripts)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                }
            )
    return render(request, "docs.html", {"endpoints": endpoints, "title": schema["info"]["title"]})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """No icon; answer quickly instead of a 404 page."""
    return RedirectResponse("/static/favicon.svg")
