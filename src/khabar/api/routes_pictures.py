"""The map and network pages, and the exports behind them: events with places as GeoJSON and a
story as one JSON document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup

from khabar.api.routes_api import Since, Until
from khabar.api.templating import open_store, templates
from khabar.views import pictures
from khabar.views import stories as story_views
from khabar.views.charts.network import network
from khabar.views.charts.worldmap import place_map
from khabar.views.geo import events_geojson
from khabar.views.story_export import story_export

router = APIRouter()
web = APIRouter(include_in_schema=False)
StoryId = Annotated[str | None, Query(max_length=100, description="Only the events of this story (id).")]
GEOJSON = "application/geo+json"


def _story(store: Any, story_id: str) -> dict[str, Any]:
    record = story_views.get_story(store, story_id)
    if not record:
        raise HTTPException(404, f"no story with id {story_id!r}; GET /api/stories lists them")
    return dict(record)


@router.get("/api/events.geojson", summary="Events with places as GeoJSON points (RFC 7946)")
def geojson(
    request: Request, story: StoryId = None, since: Since = None, until: Until = None
) -> JSONResponse:
    """A FeatureCollection: one Point per event whose place has coordinates (docs/schema.md)."""
    with open_store(request) as store:
        record = _story(store, story) if story else None
        body = events_geojson(store, story=record, since=since, until=until)
    return JSONResponse(body, media_type=GEOJSON)


@router.get("/api/stories/{story_id}/export", summary="One story as JSON: episodes, documents, events")
def story_json(request: Request, story_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """The story export (``format`` "khabar-story/1", docs/schema.md)."""
    with open_store(request) as store:
        body = story_export(store, story_id)
    if body is None:
        raise HTTPException(404, f"no story with id {story_id!r}; GET /api/stories lists them")
    return body


@web.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request, story: StoryId = None, since: Since = None, until: Until = None
) -> HTMLResponse:
    """The places of the store's events (or one story's) on the world map, with a table."""
    with open_store(request) as store:
        record = _story(store, story) if story else None
        if record is not None:
            places, unplaced = pictures.places_of(
                e.get("place") for e in pictures.story_events(store, record)
            )
        else:
            places, unplaced = pictures.store_places(store, since=since, until=until)
    chart = place_map(places, chart_id="place-map", fit=record is not None, height=380 if record else 330)
    return templates.TemplateResponse(
        request,
        "map.html",
        {
            "map": Markup(chart),
            "places": sorted(places, key=lambda p: (-p.count, p.name)),
            "unplaced": unplaced,
            "story": record,
            "filters": {"since": since or "", "until": until or ""},
        },
    )


@web.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    story: StoryId = None,
    top: Annotated[int, Query(ge=2, le=60, description="Entities shown.")] = pictures.TOP_ENTITIES,
) -> HTMLResponse:
    """Who is mentioned with whom: the store's (or a story's) most mentioned entities."""
    with open_store(request) as store:
        record = _story(store, story) if story else None
        if record is not None:
            nodes, edges = pictures.story_network(store, record, top)
        else:
            nodes, edges = pictures.store_network(store, top)
    return templates.TemplateResponse(
        request,
        "network.html",
        {
            "network": Markup(network(nodes, edges, chart_id="co-network")),
            "nodes": nodes,
            "edges": sorted(edges, key=lambda e: (-e.documents, e.a, e.b))[:30],
            "story": record,
            "top": top,
        },
    )
