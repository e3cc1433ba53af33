"""The analyst UI in a real browser: search in three scripts, a right-to-left Urdu document with
highlighted entities, an entity page, a story in date order, uploads, and hostile text kept inert."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.browser.conftest import Server, Tab

SHOIGU_SEEDS = {"000", "001", "004"}
ENTITY = "per:sergei-shoigu"


def _search(tab: Tab, query: str) -> None:
    tab.goto("/")
    tab.page.fill("#q", query)
    tab.page.press("#q", "Enter")
    tab.page.wait_for_selector("#results, #no-results")


@pytest.mark.parametrize("query", ["Shoigu", "شوئیگو", "शोइगु"])
def test_search_in_every_script_finds_the_seed_pages_about_shoigu(
    tab: Tab, server: Server, query: str
) -> None:
    _search(tab, query)
    assert parse_qs(urlsplit(tab.page.url).query)["q"] == [query]
    links = tab.page.locator(".hit a.doc-link")
    ids = {
        href.rsplit("/", 1)[1] for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    }
    by_id = {doc_id: seed for seed, doc_id in server.seeds.items()}
    assert {by_id[i] for i in ids if i in by_id} >= SHOIGU_SEEDS
    # The result lines name the seed files the hits came from.
    shown = " ".join(tab.page.locator(".hit .meta").all_inner_texts())
    for seed in SHOIGU_SEEDS:
        assert re.search(rf"\b{seed}_[0-9a-f]{{16}}\.txt\b", shown), (seed, shown)
    assert tab.dialogs == []


def test_urdu_document_is_right_to_left_with_entities_that_lead_to_their_page(
    tab: Tab, server: Server
) -> None:
    tab.goto(f"/document/{server.seeds['000']}")
    text = tab.page.locator("#doc-text")
    assert text.get_attribute("lang") == "ur"
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "شوئیگو" in text.inner_text()
    marks = tab.page.locator("#doc-text mark.ent[data-entity]")
    assert marks.count() >= 3
    shoigu = tab.page.locator(f'#doc-text mark.ent[data-entity="{ENTITY}"]').first
    # Highlighted: the mark has a background of its own, and sits in right-to-left text.
    assert shoigu.evaluate("el => getComputedStyle(el).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    assert shoigu.evaluate("el => getComputedStyle(el).direction") == "rtl"
    shoigu.locator("a").click()
    tab.page.wait_for_url(re.compile(r"/entity/"))
    entity = tab.page.locator("#entity")
    assert entity.get_attribute("data-entity") == ENTITY
    assert "Shoigu" in tab.page.locator("#entity-name").inner_text()
    listed = tab.page.locator("#entity a[href^='/document/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert {f"/document/{server.seeds[s]}" for s in SHOIGU_SEEDS} <= set(listed)
    assert tab.dialogs == []


def test_hindi_document_is_left_to_right(tab: Tab, server: Server) -> None:
    tab.goto(f"/document/{server.seeds['001']}")
    text = tab.page.locator("#doc-text")
    assert text.get_attribute("lang") == "hi"
    assert text.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert tab.page.locator(f'#doc-text mark.ent[data-entity="{ENTITY}"]').count() >= 1


def test_story_lists_its_documents_in_date_order(tab: Tab, server: Server) -> None:
    tab.goto("/stories")
    stories = tab.page.locator("#story-list .story-item a.story-link")
    assert stories.count() >= 1, "no story formed from the seeds and the demo corpus"
    # The story with the most documents: the test is about ordering, so it needs several.
    best, most = "", 0
    for href in stories.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        tab.goto(href)
        n = tab.page.locator("ol#story-docs li[data-published]").count()
        if n > most:
            best, most = href, n
    assert most >= 2, "every story has a single document"
    tab.goto(best)
    days = tab.page.locator("ol#story-docs li[data-published]").evaluate_all(
        "els => els.map(e => e.dataset.published)"
    )
    dated = [d for d in days if d]
    assert len(dated) >= 2 and dated == sorted(dated)
    assert days == dated + [""] * (len(days) - len(dated))  # undated documents come last
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dated)
    # Every listed document opens.
    first = tab.page.locator("ol#story-docs li a.doc-link").first
    first.click()
    tab.page.wait_for_selector("#doc-text")


def test_upload_with_the_token_is_ingested_and_found(tab: Tab, server: Server) -> None:
    text = "زرغونہ آباد میں نئی لائبریری کا افتتاح ہو گیا۔ شہر کے لوگوں نے کتابیں عطیہ کیں۔\n"
    tab.goto("/upload")
    tab.page.fill("#token", server.token)
    tab.page.set_input_files(
        "#file", files=[{"name": "zarghuna.txt", "mimeType": "text/plain", "buffer": text.encode("utf-8")}]
    )
    tab.page.click("#upload-button")
    result = tab.page.locator("#upload-result")
    tab.page.wait_for_selector("#upload-result[data-status]", timeout=60_000)
    assert result.get_attribute("data-status") == "200", result.inner_text()
    assert "1 stored" in result.inner_text()
    result.locator("a.doc-link").first.click()
    tab.page.wait_for_selector("#doc-text")
    assert "زرغونہ آباد" in tab.page.locator("#doc-text").inner_text()
    _search(tab, "زرغونہ")
    assert tab.page.locator(".hit a.doc-link").count() == 1


def test_upload_without_the_right_token_is_refused(tab: Tab, server: Server) -> None:
    tab.goto("/upload")
    tab.page.fill("#token", "not-the-token")
    tab.page.set_input_files("#file", files=[{"name": "x.txt", "mimeType": "text/plain", "buffer": b"hello"}])
    tab.page.click("#upload-button")
    tab.page.wait_for_selector("#upload-result[data-status]")
    assert tab.page.locator("#upload-result").get_attribute("data-status") == "401"
    files = {"file": ("x.txt", b"hello world", "text/plain")}
    assert httpx.post(server.url + "/api/ingest", files=files).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert httpx.post(server.url + "/api/ingest", files=files, headers=wrong).status_code == 401


def test_a_50_mb_upload_is_refused_with_413(server: Server) -> None:
    body = b"x" * (50 * 1024 * 1024)
    headers = {"Authorization": f"Bearer {server.token}"}
    response = httpx.post(
        server.url + "/api/ingest",
        files={"file": ("big.txt", body, "text/plain")},
        headers=headers,
        timeout=60,
    )
    assert response.status_code == 413
    assert httpx.get(server.url + "/api/stats").json()["documents"] > 0  # still serving


def test_hostile_text_renders_as_inert_text(tab: Tab, server: Server) -> None:
    tab.goto(f"/document/{server.hostile_id}")
    tab.page.wait_for_load_state("networkidle")
    shown = tab.page.locator("#doc-text").inner_text()
    assert "<script>alert(1)</script>" in shown
    assert "<img src=x onerror=alert(2)>" in shown
    assert "<img src=x onerror=alert(4)>" in tab.page.locator("#doc-title").inner_text()
    for selector in ("#doc-text script", "#doc-text img", "#doc-text svg", "img[src='x']", "#doc-title img"):
        assert tab.page.locator(selector).count() == 0, selector
    _search(tab, "hostile")
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.locator(".hit").count() >= 1
    assert tab.page.locator(".hit img, .hit script, .hit svg").count() == 0
    assert tab.dialogs == []
