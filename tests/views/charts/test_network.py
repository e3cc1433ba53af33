"""The co-mention network: a circle per entity sized by documents, a line per shared pair, the
same layout for the same data, every node inside the picture."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from khabar.views.charts.network import Edge, Node, layout, network

NS = {"s": "http://www.w3.org/2000/svg"}
NODES = [
    Node("per:a", "A", 5, "PERSON", "/entity/per:a"),
    Node("loc:b", "B", 3, "LOC"),
    Node("org:c", "C", 1, "ORG"),
    Node("u:d", "D & <d>", 1),
]
EDGES = [Edge("per:a", "loc:b", 3), Edge("per:a", "org:c", 1)]


def test_nodes_and_edges_are_drawn_with_sizes() -> None:
    root = ET.fromstring(network(NODES, EDGES, chart_id="n"))
    nodes = root.findall(".//s:g[@class='node']", NS)
    assert [n.get("data-entity") for n in nodes] == [n.id for n in NODES]
    radius = [float(n.find(".//s:circle", NS).get("r") or 0) for n in nodes]  # type: ignore[union-attr]
    assert radius[0] > radius[1] > radius[2] == radius[3]
    edges = root.findall(".//s:line[@class='edge']", NS)
    assert [(e.get("data-a"), e.get("data-b")) for e in edges] == [("per:a", "loc:b"), ("per:a", "org:c")]
    widths = [float(e.get("stroke-width") or 0) for e in edges]
    assert widths[0] > widths[1]


def test_the_layout_is_deterministic_and_inside_the_box() -> None:
    first = layout(NODES, EDGES, 600, 400)
    assert first == layout(NODES, EDGES, 600, 400)
    assert all(0 <= x <= 600 and 0 <= y <= 400 for x, y in first.values())
    assert len({(round(x), round(y)) for x, y in first.values()}) == len(NODES)


def test_no_nodes_no_svg() -> None:
    assert network([], []) == ""
