"""The co-mention network: entities as circles (area by documents), a line between two entities
for the documents mentioning both (width by their number), laid out by a fixed number of
force-directed steps from a circle, so the same data always gives the same picture."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.views.charts.svg import el, halo_text, linked, shorten, svg, title

STEPS = 150


@dataclass(frozen=True)
class Node:
    """An entity: id, display name, documents mentioning it, kind (PERSON, LOC, ORG…), link."""

    id: str
    name: str
    documents: int
    kind: str = ""
    href: str | None = None


@dataclass(frozen=True)
class Edge:
    """Two entity ids and the documents mentioning both."""

    a: str
    b: str
    documents: int


KIND_COLOURS = {"PERSON": "#4a6a8f", "LOC": "#2f7d3a", "ORG": "#9b5f16"}


def layout(
    nodes: Sequence[Node], edges: Sequence[Edge], width: float, height: float
) -> dict[str, tuple[float, float]]:
    """Positions by Fruchterman–Reingold steps from a circle (largest node first); deterministic."""
    n = len(nodes)
    if n == 0:
        return {}
    cx, cy = width / 2, height / 2
    radius = min(width, height) * 0.38
    pos = {
        node.id: [
            cx + radius * math.cos(2 * math.pi * i / n - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * i / n - math.pi / 2),
        ]
        for i, node in enumerate(nodes)
    }
    if n == 1:
        return {nodes[0].id: (cx, cy)}
    ideal = math.sqrt(width * height / n) * 0.7
    strongest = max((e.documents for e in edges), default=1) or 1
    heat = width / 10
    ids = [node.id for node in nodes]
    for step in range(STEPS):
        move = {i: [0.0, 0.0] for i in ids}
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = max(math.hypot(dx, dy), 0.01)
                f = ideal * ideal / d
                move[a][0] += dx / d * f
                move[a][1] += dy / d * f
                move[b][0] -= dx / d * f
                move[b][1] -= dy / d * f
        for e in edges:
            if e.a not in pos or e.b not in pos:
                continue
            dx, dy = pos[e.a][0] - pos[e.b][0], pos[e.a][1] - pos[e.b][1]
            d = max(math.hypot(dx, dy), 0.01)
            f = d * d / ideal * 0.3 * (0.3 + e.documents / strongest)
            move[e.a][0] -= dx / d * f
            move[e.a][1] -= dy / d * f
            move[e.b][0] += dx / d * f
            move[e.b][1] += dy / d * f
        for key in ids:  # a pull to the middle keeps parts that share nothing on the page
            move[key][0] += (cx - pos[key][0]) * 0.002 * ideal
            move[key][1] += (cy - pos[key][1]) * 0.002 * ideal
        t = heat * (1 - step / STEPS)
        for key in ids:
            dx, dy = move[key]
            d = max(math.hypot(dx, dy), 0.01)
            pos[key][0] = min(width - 80, max(80, pos[key][0] + dx / d * min(d, t)))
            pos[key][1] = min(height - 34, max(24, pos[key][1] + dy / d * min(d, t)))
    return {key: (p[0], p[1]) for key, p in pos.items()}


def network(
    nodes: Sequence[Node], edges: Sequence[Edge], *, width: int = 760, height: int = 460, chart_id: str = ""
) -> str:
    """SVG of the co-mention network (empty string without nodes)."""
    if not nodes:
        return ""
    pos = layout(nodes, edges, width, height)
    most = max(n.documents for n in nodes) or 1
    strongest = max((e.documents for e in edges), default=1) or 1
    parts = []
    for e in edges:
        if e.a in pos and e.b in pos:
            (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
            parts.append(
                el(
                    "line",
                    title(f"{e.documents} documents"),
                    x1=x1,
                    y1=y1,
                    x2=x2,
                    y2=y2,
                    stroke="#9fb3c8",
                    stroke_width=1 + 5 * e.documents / strongest,
                    stroke_opacity=0.8,
                    class_="edge",
                    data_a=e.a,
                    data_b=e.b,
                    data_documents=e.documents,
                )
            )
    for node in nodes:
        x, y = pos[node.id]
        r = 5 + 13 * math.sqrt(node.documents / most)
        dot = el(
            "circle",
            title(f"{node.name}: {node.documents} documents"),
            cx=x,
            cy=y,
            r=r,
            fill=KIND_COLOURS.get(node.kind, "#6b7785"),
            stroke="#fff",
            stroke_width=1.5,
        )
        label = halo_text(shorten(node.name, 28), x=x, y=y + r + 12, text_anchor="middle", font_size=11)
        body = dot + label
        body = linked(body, node.href)
        parts.append(el("g", body, class_="node", data_entity=node.id, data_documents=node.documents))
    return svg(
        width,
        height,
        "".join(parts),
        id=chart_id or None,
        class_="chart network",
        aria_label="co-mention network",
        font_family="sans-serif",
    )
