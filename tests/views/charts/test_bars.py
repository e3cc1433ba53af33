"""The quad bar chart: a bar per column with a rectangle per quad, a band per episode, links,
and markup that stays well-formed XML whatever the labels hold."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.views.charts.bars import Band, Column, domain, quad_bars

NS = {"s": "http://www.w3.org/2000/svg"}
MONDAY = dt.date(2024, 9, 9)


def _week(n: int, **counts: int) -> Column:
    start = MONDAY + dt.timedelta(weeks=n)
    return Column(start.isoformat(), start, 7, counts, href=f"/story/x?week={start.isoformat()}")


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_a_bar_per_column_a_rect_per_quad_and_a_band_per_episode() -> None:
    columns = [
        _week(0, verbal_cooperation=3, verbal_conflict=1),
        _week(2, material_conflict=2),
        _week(9, verbal_cooperation=1, material_cooperation=1, material_conflict=1),
    ]
    bands = [
        Band("ep-1", MONDAY, MONDAY + dt.timedelta(days=3), "first", 1, "/story/ep-1"),
        Band("ep-2", MONDAY + dt.timedelta(weeks=9), MONDAY + dt.timedelta(weeks=9), "second", 2),
    ]
    root = _parse(quad_bars(columns, bands=bands, chart_id="c"))
    assert root.get("id") == "c"
    bars = root.findall(".//s:g[@class='bar']", NS)
    assert [b.get("data-key") for b in bars] == [c.key for c in columns]
    assert [int(b.get("data-count") or 0) for b in bars] == [4, 2, 3]
    assert [len(b.findall(".//s:rect", NS)) for b in bars] == [2, 1, 3]
    links = root.findall(".//s:g[@class='bar']/s:a", NS)
    assert [a.get("href") for a in links] == [c.href for c in columns]
    found = root.findall(".//s:g[@class='band']", NS)
    assert [b.get("data-episode") for b in found] == ["ep-1", "ep-2"]
    assert found[0].find("s:a", NS) is not None and found[1].find("s:a", NS) is None
    # Stacked, tallest bar reaches the top: heights are proportional to counts.
    heights = [sum(float(r.get("height") or 0) for r in b.findall(".//s:rect", NS)) for b in bars]
    assert heights[0] > heights[2] > heights[1] > 0
    assert abs(heights[0] / heights[1] - 2.0) < 0.01


def test_bars_are_placed_in_time_order_and_a_shared_span_lines_charts_up() -> None:
    columns = [_week(0, verbal_cooperation=1), _week(5, verbal_cooperation=1)]
    root = _parse(quad_bars(columns))
    xs = [float(b.find(".//s:rect", NS).get("x") or 0) for b in root.findall(".//s:g[@class='bar']", NS)]  # type: ignore[union-attr]
    assert xs[0] < xs[1]
    span = domain([*columns, _week(20, verbal_conflict=1)])
    wide = _parse(quad_bars(columns, span=span))
    x_wide = [float(b.find(".//s:rect", NS).get("x") or 0) for b in wide.findall(".//s:g[@class='bar']", NS)]  # type: ignore[union-attr]
    assert x_wide[1] - x_wide[0] < xs[1] - xs[0]


def test_nothing_to_draw_gives_no_svg() -> None:
    assert quad_bars([]) == ""


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 400),
            st.dictionaries(
                st.sampled_from(["verbal_cooperation", "material_conflict", "other"]), st.integers(1, 50)
            ),
            st.text(max_size=20),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda t: t[0],
    )
)
def test_any_labels_and_counts_give_well_formed_svg(rows: list[tuple[int, dict[str, int], str]]) -> None:
    columns = [
        Column(str(n), MONDAY + dt.timedelta(days=n), 7, counts, label=label, href=f"/x?l={label}")
        for n, counts, label in rows
    ]
    root = _parse(quad_bars(columns))
    bars = root.findall(".//s:g[@class='bar']", NS)
    assert len(bars) == len(columns)
    assert [len(b.findall(".//s:rect", NS)) for b in bars] == [
        len([v for v in c.counts.values() if v]) for c in columns
    ]
