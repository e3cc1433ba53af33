"""Every page renders, with empty annotation lists too; stories list documents in date order."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from tests.api.conftest import hostile_document

PAGES = ("/", "/search", "/entities", "/events", "/claims", "/stories", "/dyad", "/upload", "/stats", "/docs")


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_on_a_store_without_events_or_stories(small_client: TestClient, path: str) -> None:
    response = small_client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert '<nav id="nav">' in response.text


def test_document_page_with_no_events_claims_or_links(small_client: TestClient) -> None:
    html = small_client.get(f"/document/{hostile_document().id}").text
    for section in ("events-panel", "claims-panel", "links", "cited"):
        assert f'id="{section}"' in html
    assert "No coded events." in html and "No attributed claims." in html
    assert "The page names no source." in html


def test_empty_lists_in_the_api(small_client: TestClient) -> None:
    for path in ("/api/events", "/api/claims", "/api/stories"):
        body = small_client.get(path).json()
        assert body["items"] == [] and body["next"] is None and body["offset"] == 0, path
    assert small_client.get("/api/events/nope").status_code == 404
    assert small_client.get("/api/stories/nope").status_code == 404
    assert small_client.get("/story/nope").status_code == 404


def test_story_page_lists_documents_in_date_order(client: TestClient, seed_ids: dict[str, str]) -> None:
    stories = client.get("/api/stories", params={"limit": 200}).json()["items"]
    assert stories, "the seeds about Russia and North Korea form at least one story"
    biggest = max(stories, key=lambda s: s["documents"] if isinstance(s["documents"], int) else 0)
    story = client.get(f"/api/stories/{biggest['id']}").json()
    assert len(story["documents"]) >= 2
    html = client.get(f"/story/{biggest['id']}").text
    listing = re.search(r'<ol id="story-docs">(.*?)</ol>', html, re.S)
    assert listing is not None
    days = re.findall(r'<li data-doc="\w+" data-published="([^"]*)"', listing.group(1))
    assert len(days) == len(story["documents"])
    assert days == sorted(days)
    assert 'id="story-timeline"' in html and 'id="dyad"' in html
    timeline = client.get(f"/api/stories/{biggest['id']}/timeline").json()["items"]
    dated = [t["date"] for t in timeline if t.get("date")]
    assert dated == sorted(dated)


def test_document_page_links_to_its_story(client: TestClient, seed_ids: dict[str, str]) -> None:
    body = client.get(f"/api/documents/{seed_ids['000']}").json()
    if body["story_id"]:
        html = client.get(f"/document/{seed_ids['000']}").text
        assert f'href="/story/{body["story_id"]}"' in html
        assert client.get(f"/story/{body['story_id']}").status_code == 200


def test_translation_pair_side_by_side(client: TestClient, seed_ids: dict[str, str]) -> None:
    urdu, hindi = seed_ids["000"], seed_ids["001"]
    links = client.get(f"/api/documents/{urdu}/links").json()["items"]
    assert any(link["other_id"] == hindi and link["kind"] == "translation_of" for link in links)
    page = client.get(f"/document/{urdu}").text
    assert f'class="side-by-side" href="/translation?a={urdu}&amp;b={hindi}"' in page
    body = client.get("/api/translations", params={"a": urdu, "b": hindi}).json()
    assert body["a"]["id"] == urdu and body["b"]["id"] == hindi
    paired = [line for line in body["lines"] if line["a"] and line["b"]]
    assert len(paired) >= 3
    html = client.get("/translation", params={"a": urdu, "b": hindi}).text
    assert html.count('<td class="side-a" lang="ur" dir="rtl">') == len(body["lines"])
    assert html.count('<td class="side-b" lang="hi" dir="ltr">') == len(body["lines"])
    assert str(escape(paired[0]["a"]["text"])) in html


def test_dyad_page_and_api(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "Russia", "b": "شمالی کوریا"}).json()
    assert body["a"] == "loc:russia" and body["b"] == "loc:north-korea"
    for row in body["items"]:
        assert set(row) >= {"month", "quad", "count"}
    html = client.get("/dyad", params={"a": "Russia", "b": "North Korea"}).text
    assert 'id="dyad-table"' in html or 'id="dyad-empty"' in html
