"""The pictures in a real browser: the story chart has a bar per active week and clicking one
lists that week's happenings; the story map shows Pyongyang and Vostochny; the dyad and network
pages draw their charts. Every picture is inline SVG that needs no script."""

from __future__ import annotations

import pytest

from khabar.store.sqlite import SQLiteStore
from khabar.views.pictures import day_of, story_events, week_start
from khabar.views.stories import get_story, story_of
from tests.browser.conftest import Server, Tab


@pytest.fixture(scope="module")
def thread(server: Server) -> dict[str, object]:
    """The Russia–North Korea thread (seed 000's) and the weeks its day-dated events fall in."""
    with SQLiteStore(server.db) as store:
        found = story_of(store, server.seeds["000"])
        assert found and found["thread"], "seed 000 is in no thread"
        record = get_story(store, found["thread"]["id"])
        assert record is not None
        weeks = sorted(
            {week_start(d).isoformat() for e in story_events(store, record) if (d := day_of(e["date"]))}
        )
    return {"id": record["id"], "weeks": weeks}


def test_story_chart_has_a_bar_per_active_week_and_a_click_lists_its_happenings(
    tab: Tab, thread: dict[str, object]
) -> None:
    tab.page.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(f"/story/{thread['id']}")
    chart = tab.page.locator("svg#story-chart")
    assert chart.is_visible()
    bars = chart.locator("g.bar")
    assert bars.evaluate_all("els => els.map(e => e.dataset.key)") == thread["weeks"]
    assert chart.locator("g.band").count() == 4
    box = bars.nth(1).locator("rect").first.bounding_box()
    assert box is not None and box["height"] > 5 and box["width"] >= 3
    bars.nth(1).locator("a").click()
    tab.page.wait_for_selector("#story-week")
    week = thread["weeks"][1]  # type: ignore[index]
    assert f"week={week}" in tab.page.url
    items = tab.page.locator("#week-happenings li.happening-item")
    assert items.count() >= 1
    dates = items.evaluate_all("els => els.map(e => e.dataset.date)")
    assert all(week <= d for d in dates)
    assert tab.page.locator("#story-week").is_visible()
    # A happening opens to its events (<details>, no script needed).
    first = items.first
    assert not first.locator("li.happening-event").first.is_visible()
    first.locator("summary").click()
    assert first.locator("li.happening-event").first.is_visible()
    assert not tab.dialogs


def test_story_map_shows_pyongyang_and_vostochny_markers(tab: Tab, thread: dict[str, object]) -> None:
    tab.goto(f"/story/{thread['id']}")
    for place in ("loc:pyongyang", "loc:vostochny-cosmodrome"):
        marker = tab.page.locator(f'svg#story-map g.place[data-place="{place}"] circle')
        marker.scroll_into_view_if_needed()
        box = marker.bounding_box()
        assert box is not None and box["width"] > 4, place
    label = tab.page.locator('svg#story-map g.place[data-place="loc:pyongyang"] text').text_content() or ""
    assert label.startswith("Pyongyang (")
    # Both markers inside the map, and the outline of North Korea under them.
    frame = tab.page.locator("svg#story-map").bounding_box()
    dot = tab.page.locator('svg#story-map g.place[data-place="loc:pyongyang"] circle').bounding_box()
    assert frame and dot and frame["x"] <= dot["x"] <= frame["x"] + frame["width"]
    assert tab.page.locator('svg#story-map path[data-country="408"]').count() == 1


def test_dyad_page_draws_months_and_languages(tab: Tab) -> None:
    tab.goto("/dyads?a=Russia&b=North%20Korea")
    assert tab.page.locator("svg#dyad-chart g.bar").count() >= 3
    assert tab.page.locator("#dyad-languages figure[data-lang]").count() >= 2
    tab.page.locator("svg#dyad-chart g.bar a").first.click()
    tab.page.wait_for_load_state()
    assert "/events?" in tab.page.url and "since=" in tab.page.url


def test_network_and_map_pages_render_without_script(browser: object, server: Server) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(server.url + "/network")
        assert page.locator("svg#co-network g.node").count() >= 5
        page.goto(server.url + "/map")
        assert page.locator('svg#place-map g.place[data-place="loc:pyongyang"]').count() == 1
    finally:
        context.close()
