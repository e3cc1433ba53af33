"""Alerts in a real browser: an alert saved on the alerts page gets an item when seed 004 is
uploaded, the page shows it by title with its unread count, and its Atom feed parses."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser
import pytest
from playwright.sync_api import Browser

from khabar.store.sqlite import SQLiteStore
from tests.browser.conftest import SEEDS, TOKEN, Server, start_server, stop_server

SEED_004 = next(SEEDS.glob("004*"))


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``khabar serve`` over a store holding nothing yet (the shared one already has the seeds)."""
    db = tmp_path_factory.mktemp("alerts-browser") / "khabar.db"
    SQLiteStore(db).close()
    proc, url = start_server(db)
    try:
        yield Server(url=url, db=db, token=TOKEN)
    finally:
        stop_server(proc)


def test_an_alert_saved_in_the_ui_gets_seed_004_and_its_feed_parses(
    browser: Browser, empty_server: Server
) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = empty_server.url
    try:
        page.goto(base + "/alerts")
        page.fill("#alert-query", "Shoigu")
        page.fill("#alert-token", empty_server.token)
        page.click("#alert-save")
        page.wait_for_selector("#alert-rule")
        assert page.url == base + "/alerts/1"
        assert "Sergei Shoigu" in page.locator("#alert-rule").inner_text()

        page.goto(base + "/upload")
        page.fill("#token", empty_server.token)
        page.set_input_files(
            "#file",
            files=[{"name": SEED_004.name, "mimeType": "text/plain", "buffer": SEED_004.read_bytes()}],
        )
        page.click("#upload-button")
        page.wait_for_selector("#upload-result[data-status]", timeout=60_000)
        assert page.locator("#upload-result").get_attribute("data-status") == "200"

        page.goto(base + "/search")  # every page's menu shows the unread items
        page.wait_for_selector("#nav-alerts .unread-count:not([hidden])")
        assert page.locator("#nav-alerts .unread-count").inner_text().strip() == "1"
        page.goto(base + "/alerts")
        row = page.locator("#alert-list tr[data-alert='1']")
        assert row.locator("[data-testid=unread]").inner_text() == "1"
        row.locator("a.alert-link").click()
        page.wait_for_selector("#alert-items")
        items = page.locator("#alert-items li.alert-item")
        assert items.count() == 1
        with SQLiteStore(empty_server.db) as store:
            (doc,) = store.documents()
        assert items.first.get_attribute("data-doc") == doc.id
        assert items.first.locator("a.doc-link").inner_text() == doc.title
        assert "شوئیگو" in items.first.locator("mark").inner_text()

        feed = page.request.get(base + "/alerts/1.atom")
        assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
        parsed = feedparser.parse(feed.body())
        assert not parsed.bozo, parsed.bozo_exception
        assert [e.link for e in parsed.entries] == [f"{base}/document/{doc.id}"]
        page.goto(base + "/alerts")
        assert page.locator("#alert-list [data-testid=unread]").inner_text() == "0"
        page.wait_for_load_state("networkidle")
        assert page.locator("#nav-alerts .unread-count").is_hidden()
    finally:
        context.close()
