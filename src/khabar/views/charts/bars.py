"""Bars of events by PLOVER quad on a time axis, stacked, with shaded bands behind them: the story
timeline (a bar per week, an episode per band) and the dyad chart (a bar per month)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from khabar.views.charts.svg import (
    QUAD_COLOURS,
    el,
    legend,
    linked,
    quad_colour,
    quad_label,
    svg,
    text,
    title,
)

LEFT, RIGHT, TOP, BOTTOM = 36, 12, 48, 34
MIN_BAR = 3.0


@dataclass(frozen=True)
class Column:
    """One bar: the days it covers from ``start``, counts by quad, and where a click leads."""

    key: str
    start: dt.date
    days: int
    counts: dict[str, int]
    label: str = ""
    href: str | None = None

    @property
    def total(self) -> int:
        """Events in the bar."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class Band:
    """A shaded span behind the bars (an episode), numbered, with its label as a tooltip."""

    key: str
    start: dt.date
    end: dt.date
    label: str
    number: int
    href: str | None = None


@dataclass
class _Scale:
    first: dt.date
    last: dt.date
    x0: float
    x1: float
    ticks: list[tuple[dt.date, str]] = field(default_factory=list)

    def x(self, day: dt.date) -> float:
        span = max((self.last - self.first).days, 1)
        return self.x0 + (self.x1 - self.x0) * (day - self.first).days / span


def domain(columns: Sequence[Column], bands: Sequence[Band] = ()) -> tuple[dt.date, dt.date]:
    """The first day and the day after the last of what the columns and bands cover."""
    starts = [c.start for c in columns] + [b.start for b in bands]
    ends = [c.start + dt.timedelta(days=c.days) for c in columns]
    ends += [b.end + dt.timedelta(days=1) for b in bands]
    return min(starts), max(ends)


def _scale(
    columns: Sequence[Column],
    bands: Sequence[Band],
    x0: float,
    x1: float,
    span: tuple[dt.date, dt.date] | None,
) -> _Scale:
    first, last = span or domain(columns, bands)
    pad = dt.timedelta(days=max(3, (last - first).days // 50))
    scale = _Scale(first - pad, last + pad, x0, x1)
    months = (scale.last.year - scale.first.year) * 12 + scale.last.month - scale.first.month
    step = 1 if months <= 8 else 3 if months <= 30 else 12
    day = dt.date(scale.first.year, scale.first.month, 1)
    while day <= scale.last:
        if day >= scale.first and (day.month - 1) % step == 0:
            scale.ticks.append((day, str(day.year) if step == 12 else day.strftime("%Y-%m")))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return scale


def quad_bars(
    columns: Sequence[Column],
    *,
    bands: Sequence[Band] = (),
    width: int = 760,
    height: int = 230,
    chart_id: str = "",
    label: str = "events by PLOVER quad",
    span: tuple[dt.date, dt.date] | None = None,
    peak: int = 0,
) -> str:
    """SVG of ``columns`` as stacked bars by quad (in :data:`QUAD_COLOURS` order) on a time axis,
    with ``bands`` shaded behind them. Each bar is a link when it has an ``href``. ``span``
    (first day, day after the last) and ``peak`` (the top of the count axis) let several charts
    share their axes. Empty input gives an empty string."""
    if not columns and not bands:
        return ""
    scale = _scale(columns, bands, LEFT, width - RIGHT, span)
    base, top = height - BOTTOM, TOP
    most = max([peak, *(c.total for c in columns)]) or 1
    unit = (base - top) / most
    quads = [q for q in QUAD_COLOURS if any(c.counts.get(q) for c in columns)]
    quads += sorted({q for c in columns for q in c.counts} - set(QUAD_COLOURS))
    parts = [legend(quads, LEFT, 14)]
    for band in bands:
        x_a, x_b = scale.x(band.start), scale.x(band.end + dt.timedelta(days=1))
        x_b = max(x_b, x_a + 6)
        mid = (x_a + x_b) / 2
        shade = el(
            "rect",
            title(f"{band.number}. {band.label}"),
            x=x_a,
            y=top - 14,
            width=x_b - x_a,
            height=base - top + 14,
            fill="#dfe7f1",
            fill_opacity=0.7,
        )
        mark = el("circle", cx=mid, cy=top - 14, r=8, fill="#4a6a8f") + el(
            "text", text(band.number), x=mid, y=top - 10, text_anchor="middle", font_size=10, fill="#fff"
        )
        body = shade + mark
        body = linked(body, band.href)
        parts.append(
            el(
                "g",
                body,
                class_="band",
                data_episode=band.key,
                data_start=band.start.isoformat(),
                data_end=band.end.isoformat(),
            )
        )
    parts.append(el("line", x1=LEFT, y1=base, x2=width - RIGHT, y2=base, stroke="#6b7785"))
    for day, name in scale.ticks:
        x = scale.x(day)
        parts.append(el("line", x1=x, y1=base, x2=x, y2=base + 4, stroke="#6b7785"))
        parts.append(
            el("text", text(name), x=x, y=base + 16, text_anchor="middle", font_size=10, fill="#3b4652")
        )
    for n in sorted({most, (most + 1) // 2}):
        y = base - n * unit
        parts.append(
            el("text", text(n), x=LEFT - 6, y=y + 4, text_anchor="end", font_size=10, fill="#3b4652")
        )
        parts.append(
            el("line", x1=LEFT, y1=y, x2=width - RIGHT, y2=y, stroke="#d5dbe1", stroke_dasharray="2 3")
        )
    for col in columns:
        x_a = scale.x(col.start)
        bar_w = max(MIN_BAR, scale.x(col.start + dt.timedelta(days=col.days)) - x_a - 1)
        y = base
        rects = []
        for quad in quads:
            n = col.counts.get(quad, 0)
            if n:
                y -= n * unit
                rects.append(
                    el(
                        "rect",
                        x=x_a,
                        y=y,
                        width=bar_w,
                        height=n * unit,
                        fill=quad_colour(quad),
                        data_quad=quad,
                        data_count=n,
                    )
                )
        tip = f"{col.label or col.key}: {col.total} events — " + ", ".join(
            f"{quad_label(q)} {col.counts[q]}" for q in quads if col.counts.get(q)
        )
        body = title(tip) + "".join(rects)
        body = linked(body, col.href)
        parts.append(el("g", body, class_="bar", data_key=col.key, data_count=col.total))
    return svg(
        width,
        height,
        "".join(parts),
        id=chart_id or None,
        class_="chart quad-bars",
        aria_label=label,
        font_family="sans-serif",
    )
