"""The map of places: the world's outlines (equirectangular) with a dot per place sized by its
events, labelled, each dot a link; fitted to the places shown, or the whole world."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.kb import world
from khabar.views.charts.svg import el, halo_text, linked, shorten, svg, text, title

#: The latitudes drawn when the whole world is shown (the far south holds no news).
NORTH, SOUTH = 84.0, -58.0
#: Smallest area a fitted map shows, in degrees of longitude.
MIN_SPAN = 36.0


@dataclass(frozen=True)
class Place:
    """A dot: an id, a label, coordinates, how many events happened there, and a link."""

    id: str
    name: str
    lat: float
    lon: float
    count: int
    href: str | None = None


def _view(places: Sequence[Place], width: int, height: int, fit: bool) -> tuple[float, float, float, float]:
    """(west, north, degrees of longitude, degrees of latitude) shown, in the chart's aspect."""
    aspect = width / height
    if not fit or not places:
        return -180.0, NORTH, 360.0, 360.0 / aspect
    west, east = min(p.lon for p in places), max(p.lon for p in places)
    south, north = min(p.lat for p in places), max(p.lat for p in places)
    span_lon = max((east - west) * 1.5, MIN_SPAN)
    span_lat = max((north - south) * 1.5, span_lon / aspect)
    span_lon = span_lat * aspect
    mid_lon, mid_lat = (west + east) / 2, (north + south) / 2
    top = min(mid_lat + span_lat / 2, 90.0)
    return mid_lon - span_lon / 2, top, span_lon, span_lat


def place_map(
    places: Sequence[Place],
    *,
    width: int = 760,
    height: int = 380,
    fit: bool = True,
    chart_id: str = "",
) -> str:
    """SVG of the country outlines with ``places`` as dots (area by event count) and labels.

    ``fit`` zooms to the places (at least :data:`MIN_SPAN` degrees wide); otherwise the whole
    world. Without the outline file the dots are drawn on a graticule and the SVG says so.
    """
    west, north, span_lon, _span_lat = _view(places, width, height, fit)
    k = width / span_lon

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * k, (north - lat) * k

    east, south = west + span_lon, north - height / k
    shapes = [
        (cid, name, d)
        for cid, name, d, (w, s, e, n) in world.outline()
        if w <= east and e >= west and s <= north and n >= south
    ]
    parts = [el("rect", width=width, height=height, fill="#eef3f8")]
    transform = f"translate({-(west + 180) * k:.2f},{-(90 - north) * k:.2f}) scale({k:.4f})"
    lines = []
    for lon in range(-180, 181, 30):
        lines.append(f"M{lon + 180},0V180")
    for lat in range(-60, 90, 30):
        lines.append(f"M0,{90 - lat}H360")
    grid = el("path", d="".join(lines), fill="none", stroke="#d3dde8", vector_effect="non-scaling-stroke")
    countries = "".join(
        el("path", title(name), d=d, data_country=cid, vector_effect="non-scaling-stroke")
        for cid, name, d in shapes
    )
    parts.append(
        el(
            "g",
            grid + el("g", countries, fill="#fbfaf6", stroke="#a9b4c0", stroke_width=0.7, class_="countries"),
            transform=transform,
        )
    )
    if not world.outline():
        parts.append(
            el(
                "text",
                text("country outlines not installed (run make setup)"),
                x=8,
                y=height - 8,
                font_size=11,
                fill="#6b7785",
                class_="no-outline",
            )
        )
    most = max((p.count for p in places), default=1) or 1
    taken: list[tuple[float, float, float, float]] = []
    for place in sorted(places, key=lambda p: (-p.count, p.name)):
        x, y = xy(place.lon, place.lat)
        r = 4 + 10 * math.sqrt(place.count / most)
        dot = el(
            "circle",
            title(f"{place.name}: {place.count} events"),
            cx=x,
            cy=y,
            r=r,
            fill="#b5452f",
            fill_opacity=0.75,
            stroke="#fff",
            stroke_width=1,
        )
        label = shorten(f"{place.name} ({place.count})", 40)
        w, h = 6.4 * len(label), 12
        lx, ly = x + r + 3, y + 4
        for dy in (0, 13, -13, 26, -26, 39):
            box = (lx, ly + dy - h, lx + w, ly + dy)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                ly += dy
                break
        if lx + w > width:
            lx = x - r - 3 - w
        taken.append((lx, ly - h, lx + w, ly))
        caption = halo_text(label, x=lx, y=ly, font_size=12)
        body = dot + caption
        body = linked(body, place.href)
        parts.append(el("g", body, class_="place", data_place=place.id, data_count=place.count))
    return svg(
        width,
        height,
        "".join(parts),
        id=chart_id or None,
        class_="chart place-map",
        aria_label="map of places",
        font_family="sans-serif",
    )
