"""The few SVG pieces every chart writes: escaped elements, the PLOVER quad colours, a legend."""

from __future__ import annotations

import re
from html import escape as _escape

#: PLOVER quads in display order and the colour each is drawn in (cooperation green, conflict red).
QUAD_COLOURS: dict[str, str] = {
    "verbal_cooperation": "#8cc084",
    "material_cooperation": "#2f7d3a",
    "verbal_conflict": "#f0a35e",
    "material_conflict": "#b5452f",
}
OTHER_COLOUR = "#9aa5b1"
#: Characters XML 1.0 does not allow anywhere (C0 controls but tab and newlines, surrogates,
#: U+FFFE and U+FFFF): dropped from text and attributes, or the SVG would not parse.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(value: str, quote: bool = True) -> str:
    """``value`` escaped for XML text or an attribute, without the characters XML forbids."""
    return _escape(NOT_XML.sub("", value), quote=quote)


def quad_label(quad: str) -> str:
    """ "verbal_cooperation" -> "verbal cooperation"."""
    return quad.replace("_", " ")


def quad_colour(quad: str) -> str:
    """The fill of a quad (grey for anything outside the four)."""
    return QUAD_COLOURS.get(quad, OTHER_COLOUR)


def attrs(**values: object) -> str:
    """XML attributes from keyword arguments (``class_`` -> ``class``, ``data_x`` -> ``data-x``);
    None values are left out, every value is escaped."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = f"{value:.1f}".rstrip("0").rstrip(".")
        parts.append(f'{name}="{escape(str(value), quote=True)}"')
    return " ".join(parts)


def el(tag: str, content: str = "", **values: object) -> str:
    """One element; ``content`` is markup already (escape text with :func:`text`)."""
    head = f"<{tag} {attrs(**values)}".rstrip()
    return f"{head}>{content}</{tag}>" if content else f"{head}/>"


def text(value: object) -> str:
    """Text escaped for element content."""
    return escape(str(value), quote=False)


def title(value: object) -> str:
    """A ``<title>`` child: the tooltip and accessible name of its parent."""
    return f"<title>{text(value)}</title>"


def linked(body: str, href: str | None) -> str:
    """``body`` inside a link to ``href`` (as it is without one)."""
    return el("a", body, href=href) if href else body


def halo_text(value: object, **values: object) -> str:
    """A dark label with a white halo, readable over outlines and dots."""
    return el(
        "text", text(value), **values, fill="#1f2933", stroke="#fff", stroke_width=3, paint_order="stroke"
    )


def svg(width: int, height: int, body: str, **values: object) -> str:
    """The outer ``<svg>`` with a view box of ``width`` × ``height``."""
    head = attrs(
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        **values,
    )
    return f"<svg {head}>{body}</svg>"


def legend(quads: list[str], x: float, y: float) -> str:
    """A row of colour swatches naming ``quads``."""
    parts = []
    for quad in quads:
        parts.append(
            el(
                "g",
                el("rect", x=x, y=y - 9, width=10, height=10, fill=quad_colour(quad))
                + el("text", text(quad_label(quad)), x=x + 14, y=y, font_size=11),
                class_="legend-item",
                data_quad=quad,
            )
        )
        x += 24 + 6.5 * len(quad_label(quad))
    return el("g", "".join(parts), class_="legend")


def shorten(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
