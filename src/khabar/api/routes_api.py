"""Read endpoints of the JSON API under ``/api``; shapes are documented in docs/schema.md."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from khabar.api import data
from khabar.api.scripts import ScriptParam, in_script
from khabar.api.templating import open_store
from khabar.views import duplicates as link_views
from khabar.views import events as event_views
from khabar.views import stories as story_views
from khabar.views.documents import with_links
from khabar.views.entities import entity_name

router = APIRouter(prefix="/api", tags=["read"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[
    int, Query(ge=1, le=data.MAX_LIMIT, description=f"Items per page, at most {data.MAX_LIMIT}.")
]
Offset = Annotated[
    int,
    Query(
        ge=0,
        le=data.MAX_OFFSET,
        description=f"Items to skip (the previous page's `next`), at most {data.MAX_OFFSET}.",
    ),
]
Lang = Annotated[str | None, Query(max_length=16, description="Only this language: ur, hi, en …")]
Since = Annotated[str | None, Query(pattern=DATE, description="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[
    str | None, Query(pattern=DATE, description="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")
]
EntityName = Annotated[
    str | None,
    Query(max_length=200, description="An entity id or a name in any script (Shoigu, شوئیگو, शोइगु)."),
]
DocId = Annotated[
    str, Path(min_length=4, max_length=64, pattern=r"^[0-9a-f]+$", description="Document id or prefix.")
]


def known_entity(name: str) -> list[str]:
    """Every entity id ``name`` may mean, best first; 404 when it names none."""
    ids = data.resolve_entity(name)
    if not ids:
        raise HTTPException(404, f"no entity is known by {name!r}; GET /api/entities lists those mentioned")
    return ids


def one_entity(name: str | None) -> str | None:
    """The entity id a name refers to (the first, if several); 404 when no entity has that name."""
    return known_entity(name)[0] if name else None


def entity_filter(name: str | None) -> list[str]:
    """Every entity id a filter name may mean; 404 when it names none."""
    return known_entity(name) if name else []


@router.get("/search", summary="Full-text search in any script, with entity-alias expansion and filters")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find; all must occur.")],
    lang: Lang = None,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[
        str | None,
        Query(max_length=200, description="Only this outlet (its domain: dawn.com, bbc.com/urdu)."),
    ] = None,
    country: Annotated[
        str | None, Query(max_length=2, description="Only outlets of this country (ISO 3166 code: PK).")
    ] = None,
    kind: Annotated[
        str | None,
        Query(max_length=16, description="Only outlets of this kind: state, public, private, wire, unknown."),
    ] = None,
    page_kind: Annotated[
        str | None,
        Query(
            max_length=16, description="Only pages of this kind: article, homepage, section, video, gallery."
        ),
    ] = None,
    entity: EntityName = None,
    event_type: Annotated[
        str | None, Query(max_length=40, description="Only documents with this PLOVER event type.")
    ] = None,
    limit: Limit = data.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Documents matching ``q`` best first; a query naming a known entity also finds every document
    mentioning it in any script. The snippet marks the hit in [brackets]. ``facets`` counts the
    matches by outlet, country, outlet kind and page kind."""
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
        only = entity_filter(entity)
        hits, named = data.search(store, q, limit=limit, offset=offset, filters=filters, mentioning=only)
        facets = data.search_facets(store, q, filters=filters, mentioning=only)
    result = data.page([data.hit_record(h) for h in hits], limit=limit, offset=offset)
    return {"query": q, "entities": named, **result, "facets": facets}


@router.get("/documents", summary="Stored documents, newest publication date first")
def documents(
    request: Request, lang: Lang = None, limit: Limit = data.DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Short records of accepted documents: id, title, lang, published, outlet, url, uri."""
    with open_store(request) as store:
        total = store.count_documents(lang=lang)
        ids = store.document_ids(lang=lang, limit=limit, offset=offset)
        rows = store.summaries(ids)
        items = [rows[i] for i in ids if i in rows]
    return data.page(items, limit=limit, offset=offset, total=total)


@router.get("/new", summary="Documents stored since a point: what a watching server has added")
def new(
    request: Request,
    after: Annotated[
        int | None,
        Query(ge=0, le=2**62, description="An insertion number from an earlier answer's `latest`."),
    ] = None,
    limit: Annotated[int, Query(ge=0, le=data.MAX_LIMIT, description="Newest items listed.")] = 10,
) -> dict[str, Any]:
    """``latest`` (the newest document's insertion number) and, with ``after``, how many documents
    were stored since (``new``) with the newest of them (``items``, newest first)."""
    with open_store(request) as store:
        latest = store.latest_sequence()
        if after is None:
            return {"latest": latest, "after": None, "new": 0, "items": []}
        count, ids = store.documents_after(after, limit)
        rows = store.summaries(ids)
    return {"latest": latest, "after": after, "new": count, "items": [rows[i] for i in ids if i in rows]}


@router.get("/documents/{doc_id}", summary="One document with its annotations and highlighted spans")
def document(request: Request, doc_id: DocId, script: ScriptParam = None) -> dict[str, Any]:
    """The export record (docs/schema.md) plus removed, spans, links, origin and story_id.

    With ``?script=Deva`` or ``?script=Arab``, also ``title_script`` and ``text_script``: the title
    and text transliterated into that script (``shown_script``).
    """
    with open_store(request) as store:
        doc = store.get(doc_id)
        if doc is None:
            raise HTTPException(
                404, f"no document with id {doc_id!r}; GET /api/search?q=… or /api/documents list ids"
            )
        doc = with_links(store, doc)
        record = data.document_record(doc)
        record["rejected"] = doc.rejected
        record["links"] = doc.duplicates
        record["origin"] = link_views.origin_of(store, doc, doc.duplicates)
        record["story_id"] = doc.story
    if script:
        shown = in_script(doc, script)
        record.update(shown_script=script, title_script=shown["title"], text_script=shown["text"])
    return record


@router.get("/documents/{doc_id}/links", summary="Duplicates, translations and shared sources of a document")
def document_links(request: Request, doc_id: DocId) -> dict[str, Any]:
    """Links to copies, translations and same-source documents, with kind, score and evidence."""
    with open_store(request) as store:
        doc = store.get(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        items = link_views.links_for(store, doc.id)
    return {"items": items, "limit": len(items), "offset": 0, "next": None, "total": len(items)}


@router.get("/translations", summary="Two documents aligned line by line (a translation pair)")
def translation(
    request: Request,
    a: Annotated[str, Query(min_length=4, max_length=64, pattern=r"^[0-9a-f]+$")],
    b: Annotated[str, Query(min_length=4, max_length=64, pattern=r"^[0-9a-f]+$")],
) -> dict[str, Any]:
    """``lines``: aligned pairs ``{"a": {start, end, text} | null, "b": … | null, "score"}``."""
    with open_store(request) as store:
        left, right = store.get(a), store.get(b)
        if left is None or right is None:
            raise HTTPException(404, f"no document with id {(a if left is None else b)!r}")
        lines = link_views.aligned_lines(store, left.id, right.id)
        return {"a": data.document_summary(left), "b": data.document_summary(right), "lines": lines}


@router.get("/entities", summary="Entities mentioned, most documents first")
def entities(
    request: Request,
    type: Annotated[str | None, Query(max_length=10, description="PERSON, ORG, LOC or ROLE.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Each entity with its id, label, type, document and mention counts."""
    with open_store(request) as store:
        rows = store.entity_counts(type.upper() if type else None)
    items = [
        {"id": ref, "label": entity_name(ref, surface), "type": kind, "documents": docs, "mentions": n}
        for ref, kind, docs, n, surface in rows[offset : offset + limit]
    ]
    return data.page(items, limit=limit, offset=offset, total=len(rows))


@router.get("/entities/{name}", summary="One entity: aliases by script, documents, co-mentions, events")
def entity(request: Request, name: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """``name`` is an entity id (per:sergei-shoigu) or a name in any script."""
    ids = known_entity(name)
    with open_store(request) as store:
        record = data.entity_record(store, ids[0])
    record["candidates"] = ids
    return record


@router.get("/events", summary="Coded events (PLOVER), filtered by entity, type, document and date")
def events(
    request: Request,
    entity: EntityName = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER type: CONSULT, ACCUSE …")] = None,
    doc_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Merged events with actors, recipients, documents, languages and evidence sentences."""
    ref = one_entity(entity)
    with open_store(request) as store:
        items = event_views.list_events(
            store,
            entity=ref,
            type=type.upper() if type else None,
            doc_id=doc_id,
            since=since,
            until=until,
            limit=limit + 1,
            offset=offset,
        )
    return data.page(items, limit=limit, offset=offset)


@router.get("/events/{event_id}", summary="One event with its evidence in every language")
def event(request: Request, event_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """An event record; 404 when there is no such event."""
    with open_store(request) as store:
        record = event_views.get_event(store, event_id)
    if not record:
        raise HTTPException(404, f"no event with id {event_id!r}; GET /api/events lists them")
    return dict(record)


@router.get("/claims", summary="Attributed claims, with accusation ↔ denial links")
def claims(
    request: Request,
    doc_id: Annotated[str | None, Query(max_length=64)] = None,
    entity: EntityName = None,
    stance: Annotated[str | None, Query(max_length=20, description="accuse, deny, assert …")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims with speaker, reporter, stance, text and their ``answers``/``answered_by`` links."""
    ref = one_entity(entity)
    with open_store(request) as store:
        items = event_views.list_claims(
            store,
            doc_id=doc_id,
            entity=ref,
            stance=stance.lower() if stance else None,
            limit=limit + 1,
            offset=offset,
        )
    return data.page(items, limit=limit, offset=offset)


@router.get("/dyad", summary="Events between two parties per month and PLOVER quad")
def dyad(
    request: Request,
    a: Annotated[str, Query(min_length=1, max_length=200, description="First party: id or name.")],
    b: Annotated[str, Query(min_length=1, max_length=200, description="Second party: id or name.")],
) -> dict[str, Any]:
    """``items``: ``{"month", "quad", "count"}`` rows for events between ``a`` and ``b`` either way."""
    first, second = one_entity(a), one_entity(b)
    with open_store(request) as store:
        rows = event_views.dyad_counts(store, first, second) if first and second else []
    return {"a": first, "b": second, "items": rows}


@router.get("/stories", summary="Stories (and their threads), largest first")
def stories(
    request: Request,
    level: Annotated[str | None, Query(max_length=20, description="story or thread.")] = None,
    entity: EntityName = None,
    limit: Limit = data.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Story summaries."""
    ref = one_entity(entity)
    with open_store(request) as store:
        items = story_views.list_stories(
            store,
            level=level,
            entity=ref,
            limit=limit + 1,
            offset=offset,
        )
    return data.page(items, limit=limit, offset=offset)


def _story(request: Request, story_id: str) -> dict[str, Any]:
    with open_store(request) as store:
        record = story_views.get_story(store, story_id)
    if not record:
        raise HTTPException(404, f"no story with id {story_id!r}; GET /api/stories lists them")
    return dict(record)


@router.get("/stories/{story_id}", summary="One story: documents in date order, episodes, events, timeline")
def story(request: Request, story_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """A story record (docs/schema.md)."""
    return _story(request, story_id)


@router.get("/stories/{story_id}/timeline", summary="The dated timeline of one story")
def story_timeline(request: Request, story_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """``items``: ``{"date", "kind", "id", "label", "lang"}`` in date order."""
    record = _story(request, story_id)
    items = list(record.get("timeline") or [])
    return {"id": story_id, "items": items}


@router.get("/stats", summary="Counts: documents by language and kind, rejects, annotations")
def stats(request: Request) -> dict[str, Any]:
    """The store's counters, as ``khabar stats`` prints them."""
    with open_store(request) as store:
        s = store.stats()
    s["top_agencies"] = [{"agency": a, "documents": n} for a, n in s["top_agencies"]]
    s["top_entities"] = [
        {"id": ref, "label": entity_name(ref, surface), "type": label, "documents": n}
        for ref, label, n, surface in s["top_entities"]
    ]
    return s
