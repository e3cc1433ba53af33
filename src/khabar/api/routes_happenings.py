"""Happenings in the JSON API: ``GET /api/happenings`` (filtered and paged like the events) and
``GET /api/happenings/{id}``. Shapes: docs/happenings.md."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from khabar.api import data
from khabar.api.routes_api import EntityName, Lang, Limit, Offset, Since, Until, one_entity
from khabar.api.templating import open_store
from khabar.views import happenings as happening_views

router = APIRouter(prefix="/api", tags=["read"])

Reader = Annotated[
    str, Query(pattern=r"^(en|ur|hi)$", description="The language of each happening's `line`: en, ur or hi.")
]
StoryId = Annotated[
    str | None,
    Query(max_length=100, pattern=r"^[\w-]+$", description="Only happenings of this story's documents."),
]


@router.get("/happenings", summary="Happenings: events of one day, place and parties, across translations")
def happenings(
    request: Request,
    entity: EntityName = None,
    type: Annotated[
        str | None, Query(max_length=40, description="Only with an event of this PLOVER type.")
    ] = None,
    lang: Lang = None,
    story: StoryId = None,
    since: Since = None,
    until: Until = None,
    reader: Reader = "en",
    limit: Limit = data.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Happenings, newest first, each with its events, parties, documents, languages, evidence
    sentences and readable line."""
    ref = one_entity(entity)
    with open_store(request) as store:
        items = happening_views.list_happenings(
            store,
            entity=ref,
            type=type,
            lang=lang,
            story=story,
            since=since,
            until=until,
            limit=limit + 1,
            offset=offset,
            reader=reader,
        )
    return data.page(items, limit=limit, offset=offset)


@router.get("/happenings/{happening_id}", summary="One happening with its events and evidence")
def happening(
    request: Request,
    happening_id: Annotated[str, Path(min_length=4, max_length=100, pattern=r"^[\w-]+$")],
    reader: Reader = "en",
) -> dict[str, Any]:
    """A happening record; 404 when there is no such happening."""
    with open_store(request) as store:
        record = happening_views.get_happening(store, happening_id, reader)
    if not record:
        raise HTTPException(404, f"no happening with id {happening_id!r}; GET /api/happenings lists them")
    return record
