"""The pictures of the story, dyad, map and network pages as markup for the templates: the SVG
that :mod:`khabar.views.charts` draws from what :mod:`khabar.views.pictures` reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from khabar.store.base import Store
from khabar.views import pictures
from khabar.views.charts.bars import domain, quad_bars
from khabar.views.charts.network import network
from khabar.views.charts.worldmap import place_map


def parse_week(value: str | None) -> dt.date | None:
    """The Monday of the week a ``?week=`` day falls in (any day of it works), or None."""
    day = pictures.day_of(value) if value else None
    return pictures.week_start(day) if day else None


def story_pictures(
    store: Store,
    story: dict[str, Any],
    happenings: list[dict[str, Any]],
    week: str | None,
    day: str | None = None,
) -> dict[str, Any]:
    """The story page's timeline chart (a bar per week, or per day for a story of a few weeks),
    the happenings of the week (or day) asked for, the map and the network."""
    found = pictures.story_events(store, story)
    days = pictures.bucket_days(found, story.get("episodes") or [])
    columns, bands, vague = pictures.story_weeks(story, found, days)
    places, unplaced = pictures.places_of(e.get("place") for e in found)
    nodes, edges = pictures.story_network(store, story)
    first, span = (parse_week(week), 7) if week else (pictures.day_of(day), 1)
    shown = None
    if first:
        by_id = {h["id"]: h for h in happenings}
        shown = {
            "start": first.isoformat(),
            "end": (first + dt.timedelta(days=span - 1)).isoformat(),
            "days": span,
            "happenings": [by_id[i] for i in pictures.week_ids(happenings, first, span)],
        }
    return {
        "chart": Markup(quad_bars(columns, bands=bands, chart_id="story-chart", label="events per week")),
        "weeks": len(columns),
        "per": "day" if days == 1 else "week",
        "bands": bands,
        "vague": vague,
        "week": shown,
        "map": Markup(place_map(places, chart_id="story-map")) if places else Markup(""),
        "places": places,
        "unplaced": unplaced,
        "network": Markup(network(nodes, edges, chart_id="story-network")),
    }


def dyad_pictures(store: Store, a: str, b: str) -> dict[str, Any]:
    """The dyad's chart per month and one per language of the documents telling its events."""
    months, by_lang = pictures.dyad_months(store, a, b)
    span = domain(months) if months else None
    peak = max((c.total for cols in by_lang.values() for c in cols), default=0)
    return {
        "chart": Markup(quad_bars(months, chart_id="dyad-chart", height=200, label="events per month")),
        "languages": [
            (
                lang,
                Markup(
                    quad_bars(
                        cols,
                        chart_id=f"dyad-chart-{lang}",
                        height=170,
                        label=f"events told in {lang}",
                        span=span,
                        peak=peak,
                    )
                ),
            )
            for lang, cols in by_lang.items()
        ],
    }
