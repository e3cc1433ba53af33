"""Events with places as GeoJSON (RFC 7946): a FeatureCollection with a Point feature per event
whose place the KB gives coordinates, longitude first, for GIS tools and web maps."""

from __future__ import annotations

from typing import Any

from khabar.kb.places import coordinates
from khabar.store.base import EventRow, Store
from khabar.views.events import event_record
from khabar.views.pictures import MAX_EVENTS


def _feature(store: Store, row: EventRow) -> dict[str, Any] | None:
    point = coordinates(row.place)
    if point is None:
        return None
    record = event_record(store, row)
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
        "properties": {
            "id": row.id,
            "type": row.type,
            "mode": row.mode,
            "quad": record["quad"],
            "date": row.date,
            "precision": row.precision,
            "place": record["place"]["id"] if record["place"] else None,
            "place_name": record["place"]["name"] if record["place"] else None,
            "coordinates_source": point.source,
            "actors": [p["name"] for p in record["actors"]],
            "recipients": [p["name"] for p in record["recipients"]],
            "actor_ids": [p["id"] for p in record["actors"]],
            "recipient_ids": [p["id"] for p in record["recipients"]],
            "documents": record["documents"],
            "languages": record["languages"],
            "confidence": record["confidence"],
        },
    }


def events_geojson(
    store: Store,
    *,
    story: dict[str, Any] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """The placed events of ``story`` (a :func:`khabar.views.stories.get_story` record) or of the
    store (at most :data:`MAX_EVENTS`, newest first) between ``since`` and ``until``."""
    if story is not None:
        ids = [
            e["id"] for e in store.stories.mentioned_events([d["id"] for d in story.get("documents") or []])
        ]
        rows = [r for i in ids for r in store.events.matching(i)[:1] if r.id == i]
    else:
        rows = [r for r in store.events.find(since=since, until=until, limit=MAX_EVENTS) if r.place]
    features = [f for row in rows if row.place and (f := _feature(store, row))]
    return {"type": "FeatureCollection", "features": features}
