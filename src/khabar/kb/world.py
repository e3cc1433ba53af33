"""The world's country outlines for the map: Natural Earth 1:110m shapes, read from the TopoJSON
file of the npm package ``world-atlas`` that ``make setup`` puts in ``data/`` (not in git).

TopoJSON stores shared borders once, as quantised, delta-encoded arcs; a ring lists arc
indexes (``~i`` is arc ``i`` reversed). :func:`decode` turns a topology into rings of
(longitude, latitude) per country; :func:`outline` gives them as SVG path data in
equirectangular "degree" coordinates (x = longitude + 180, y = 90 − latitude).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

ATLAS_FILE = "countries-110m.json"
#: ISO 3166-1 numeric ids left off the map (Antarctica takes a sixth of it and holds no news).
LEFT_OFF = frozenset({"010"})

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    """One country's outline: ISO numeric id, name and rings of (longitude, latitude)."""

    id: str
    name: str
    rings: tuple[Ring, ...]


def atlas_path() -> Path:
    """Where the outline file is expected (``khabar/kb/data/countries-110m.json``, not in git)."""
    return Path(str(resources.files("khabar.kb").joinpath("data", ATLAS_FILE)))


def _arcs(topology: dict[str, Any]) -> list[Ring]:
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        out.append(points)
    return out


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def decode(topology: dict[str, Any], name: str = "countries") -> list[Country]:
    """The countries of object ``name`` of a TopoJSON topology, with their rings decoded."""
    arcs = _arcs(topology)
    countries = []
    for geometry in topology["objects"][name]["geometries"]:
        kind, parts = geometry.get("type"), geometry.get("arcs") or []
        polygons = parts if kind == "MultiPolygon" else [parts] if kind == "Polygon" else []
        rings = tuple(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        props = geometry.get("properties") or {}
        countries.append(Country(str(geometry.get("id", "")), str(props.get("name", "")), rings))
    return countries


@cache
def countries() -> tuple[Country, ...]:
    """The shipped outlines (empty when ``make setup`` has not fetched them)."""
    path = atlas_path()
    if not path.is_file():
        return ()
    topology = json.loads(path.read_text("utf-8"))
    return tuple(c for c in decode(topology) if c.id not in LEFT_OFF)


def unwrap(ring: Ring) -> Ring:
    """A ring that crosses the antimeridian (Russia's far east, Fiji) made continuous: each
    longitude moved by 360° where it jumps by more than 180° from the one before."""
    out: Ring = []
    shift = 0.0
    for i, (lon, lat) in enumerate(ring):
        if i:
            prev = ring[i - 1][0]
            if lon - prev > 180:
                shift -= 360
            elif prev - lon > 180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def path_data(rings: tuple[Ring, ...]) -> str:
    """SVG path data of rings in degree coordinates, rounded to a tenth of a degree."""
    parts = []
    for ring in rings:
        points = []
        last = None
        for lon, lat in unwrap(ring):
            point = (round(lon + 180, 1), round(90 - lat, 1))
            if point != last:
                points.append(f"{point[0]:g},{point[1]:g}")
                last = point
        if len(points) >= 3:
            parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


Box = tuple[float, float, float, float]


def bounds(rings: tuple[Ring, ...]) -> Box:
    """(west, south, east, north) of the rings, as drawn (after :func:`unwrap`)."""
    points = [p for ring in rings for p in unwrap(ring)] or [(0.0, 0.0)]
    return (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )


@cache
def outline() -> tuple[tuple[str, str, str, Box], ...]:
    """(id, name, path data, bounds) of every shipped country, computed once per process."""
    return tuple((c.id, c.name, path_data(c.rings), bounds(c.rings)) for c in countries())
