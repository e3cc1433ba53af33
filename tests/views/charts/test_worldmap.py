"""The map: the Natural Earth outlines installed by make setup, TopoJSON decoding, a dot per
place sized by its events, and a view fitted to the places."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from khabar.kb import world
from khabar.views.charts.worldmap import Place, place_map

NS = {"s": "http://www.w3.org/2000/svg"}
PLACES = [
    Place("loc:pyongyang", "Pyongyang", 39.03, 125.75, 9, "/entity/loc:pyongyang"),
    Place("loc:vostochny-cosmodrome", "Vostochny <Cosmodrome>", 51.88, 128.33, 1),
]


def test_the_outlines_are_installed() -> None:
    if not world.atlas_path().is_file():
        pytest.fail(
            f"{world.atlas_path()} is missing: run `make setup` (npm pack world-atlas)", pytrace=False
        )
    countries = {c.name: c for c in world.countries()}
    assert len(countries) > 150
    assert {"Russia", "North Korea", "India", "Pakistan"} <= set(countries)
    assert "Antarctica" not in countries


def test_decode_joins_shared_arcs_and_reverses_negative_ones() -> None:
    # Two unit squares side by side sharing the arc x=1; quantised with scale 1 and translate (10, 20).
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [
            [[1, 0], [0, 1]],  # shared edge (1,0)->(1,1), delta-encoded
            [[1, 1], [-1, 0], [0, -1], [1, 0]],  # left square's other edges back to (1,0)
            [[1, 0], [1, 0], [0, 1], [-1, 0]],  # right square's other edges, ending at (1,1)
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "West"}},
                    {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "id": "2", "properties": {"name": "East"}},
                ],
            }
        },
    }
    west, east = world.decode(topology)
    assert west.name == "West" and west.rings == ([(11, 20), (11, 21), (10, 21), (10, 20), (11, 20)],)
    assert east.rings == ([(11, 20), (12, 20), (12, 21), (11, 21), (11, 20)],)


def test_unwrap_keeps_a_ring_across_the_antimeridian_continuous() -> None:
    ring = [(179.0, 60.0), (-179.0, 61.0), (-178.0, 60.0), (179.0, 60.0)]
    assert world.unwrap(ring) == [(179.0, 60.0), (181.0, 61.0), (182.0, 60.0), (179.0, 60.0)]


def test_a_dot_per_place_sized_by_events_with_labels() -> None:
    root = ET.fromstring(place_map(PLACES, chart_id="m"))
    groups = root.findall(".//s:g[@class='place']", NS)
    assert {g.get("data-place") for g in groups} == {p.id for p in PLACES}
    radius = {g.get("data-place"): float(g.find(".//s:circle", NS).get("r") or 0) for g in groups}  # type: ignore[union-attr]
    assert radius["loc:pyongyang"] > radius["loc:vostochny-cosmodrome"]
    labels = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Pyongyang (9)" in labels and "Vostochny <Cosmodrome> (1)" in labels
    linked = root.findall(".//s:g[@class='place']/s:a", NS)
    assert [a.get("href") for a in linked] == ["/entity/loc:pyongyang"]


def test_a_fitted_map_draws_only_the_countries_in_view() -> None:
    fitted = ET.fromstring(place_map(PLACES))
    whole = ET.fromstring(place_map(PLACES, fit=False))
    shown = {
        p.get("data-country")
        for p in fitted.iter("{http://www.w3.org/2000/svg}path")
        if p.get("data-country")
    }
    everything = {
        p.get("data-country") for p in whole.iter("{http://www.w3.org/2000/svg}path") if p.get("data-country")
    }
    assert "408" in shown and "643" in shown  # North Korea, Russia
    assert "076" not in shown and "076" in everything  # Brazil
    # Both dots land inside the picture.
    for root in (fitted, whole):
        width, height = float(root.get("width") or 0), float(root.get("height") or 0)
        for circle in root.findall(".//s:g[@class='place']//s:circle", NS):
            assert (
                0 <= float(circle.get("cx") or -1) <= width and 0 <= float(circle.get("cy") or -1) <= height
            )
