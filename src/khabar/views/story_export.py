"""A story as one JSON document an analyst loads directly: its summary, episodes, documents
(with titles, outlets, dates and languages) and every event its documents mention in full."""

from __future__ import annotations

from typing import Any

from khabar.kb.places import coordinates
from khabar.store.base import Store
from khabar.views.events import get_event
from khabar.views.stories import get_story

FORMAT = "khabar-story/1"


def story_export(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story (id or unique prefix) with its episodes, documents and events, or None."""
    story = get_story(store, story_id)
    if story is None:
        return None
    events = []
    for event_id in story.get("events") or []:
        record = get_event(store, event_id)
        if record is None:
            continue
        place = record.get("place")
        point = coordinates(place["id"]) if place else None
        if place and point:
            record["place"] = {**place, "lat": point.lat, "lon": point.lon}
        events.append(record)
    events.sort(key=lambda e: (e.get("date") is None, str(e.get("date") or ""), e["id"]))
    summary = {k: v for k, v in story.items() if k not in ("events", "timeline", "documents", "episodes")}
    return {
        "format": FORMAT,
        "story": summary,
        "episodes": story.get("episodes") or [],
        "documents": story.get("documents") or [],
        "events": events,
        "timeline": story.get("timeline") or [],
    }
