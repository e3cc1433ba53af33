"""The co-mention graph of an entity as inline SVG: the entity in the middle, the entities mentioned
in the same documents around it, edge width by shared documents. Drawn on the server, no script."""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

from khabar.api.highlight import entity_href

SIZE = 420
RADIUS = 150
MAX_NODES = 16


def co_mention_graph(center: str, others: list[dict[str, Any]]) -> Markup:
    """SVG markup for ``center`` and up to :data:`MAX_NODES` co-mentioned entities (id, name, documents)."""
    nodes = others[:MAX_NODES]
    mid = SIZE / 2
    top = max((int(o.get("documents") or 0) for o in nodes), default=1) or 1
    parts = [
        f'<svg id="co-graph" class="graph" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}"'
        ' role="img" aria-label="co-mention graph">'
    ]
    placed = []
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        x, y = mid + RADIUS * math.cos(angle), mid + RADIUS * math.sin(angle)
        width = 1 + 5 * int(node.get("documents") or 0) / top
        parts.append(
            f'<line x1="{mid:.0f}" y1="{mid:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke-width="{width:.1f}"/>'
        )
        placed.append((node, x, y, math.sin(angle)))
    for node, x, y, below in placed:
        label = escape(str(node.get("name") or node.get("id")))
        href = escape(entity_href(str(node.get("id"))))
        count = int(node.get("documents") or 0)
        parts.append(
            f'<a href="{href}" data-entity="{escape(str(node.get("id")))}">'
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="7"/>'
            f'<text x="{x:.0f}" y="{y + (20 if below > 0.2 else -11):.0f}" text-anchor="middle">'
            f"{label} ({count})</text></a>"
        )
    parts.append(f'<circle class="center" cx="{mid:.0f}" cy="{mid:.0f}" r="11"/>')
    parts.append(
        f'<text class="center" x="{mid:.0f}" y="{mid + 28:.0f}" text-anchor="middle">{escape(center)}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
