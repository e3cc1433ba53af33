"""Document, entity and stats endpoints and pages on the seed store."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from khabar.api.app import WEB


@pytest.fixture
def client(any_client: TestClient) -> TestClient:
    """This module's API contract runs on both backends."""
    return any_client


def test_seed_000_page_is_urdu_right_to_left_with_entities(
    client: TestClient, seed_ids: dict[str, str]
) -> None:
    page = client.get(f"/document/{seed_ids['000']}").text
    tag = re.search(r'<div id="doc-text"[^>]*>', page)
    assert tag is not None
    assert 'dir="rtl"' in tag.group(0) and 'lang="ur"' in tag.group(0)
    assert re.search(r'<mark class="ent ent-person"[^>]*data-entity="per:sergei-shoigu"', page)
    assert '<a href="/entity/per:sergei-shoigu">سرگئی شوئیگو</a>' in page
    assert '<mark class="time"' in page
    assert '<details id="removed">' in page and "تبصرہ (0)" in page
    assert 'id="cited"' in page and "baoquocte.vn" in page


def test_urdu_font_stack_is_nastaliq_first() -> None:
    css = (WEB / "static" / "khabar.css").read_text(encoding="utf-8")
    stack = re.search(r"--urdu:\s*([^;]+);", css)
    assert stack is not None
    fonts = [f.strip().strip('"') for f in stack.group(1).split(",")]
    assert fonts[:3] == ["Noto Nastaliq Urdu", "Noto Naskh Arabic", "Noto Sans Arabic"]
    assert "@import" not in css and "url(http" not in css  # nothing fetched from outside


def test_hindi_page_is_left_to_right_devanagari(client: TestClient, seed_ids: dict[str, str]) -> None:
    page = client.get(f"/document/{seed_ids['001']}").text
    tag = re.search(r'<div id="doc-text"[^>]*>', page)
    assert tag is not None and 'dir="ltr"' in tag.group(0) and 'lang="hi"' in tag.group(0)


def test_document_json_follows_the_export_schema(client: TestClient, seed_ids: dict[str, str]) -> None:
    body = client.get(f"/api/documents/{seed_ids['000']}").json()
    schema = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
    export_table = schema.read_text(encoding="utf-8").split("\n## ")[0]  # the export record's fields
    documented = set(re.findall(r"^\| `(\w+)` \|", export_table, re.M))
    assert {"id", "text", "mentions", "story"} <= documented
    assert documented <= set(body)
    assert {"removed", "spans", "links", "origin", "story_id", "rejected"} <= set(body)
    assert body["lang"] == "ur" and body["id"] == seed_ids["000"]
    text = body["text"]
    for span in body["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
    shoigu = [s for s in body["spans"] if s["ref"] == "per:sergei-shoigu" and s["kind"] == "mention"]
    assert shoigu and all(text[s["start"] : s["end"]].endswith("شوئیگو") for s in shoigu)


def test_document_prefix_and_missing(client: TestClient, seed_ids: dict[str, str]) -> None:
    assert client.get(f"/api/documents/{seed_ids['002'][:10]}").json()["id"] == seed_ids["002"]
    missing = client.get("/api/documents/0000000000000000")
    assert missing.status_code == 404 and "search" in missing.json()["detail"]
    page = client.get("/document/0000000000000000")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


def test_document_list_is_paginated_with_total(client: TestClient) -> None:
    body = client.get("/api/documents", params={"limit": 2}).json()
    assert body["total"] == 5 and len(body["items"]) == 2 and body["next"] == 2
    last = client.get("/api/documents", params={"limit": 2, "offset": 4}).json()
    assert len(last["items"]) == 1 and last["next"] is None


def test_entity_in_any_script_has_aliases_documents_and_co_mentions(
    client: TestClient, seed_ids: dict[str, str]
) -> None:
    by_name = client.get("/api/entities/शोइगु").json()
    assert by_name["id"] == "per:sergei-shoigu"
    assert {"Latn", "Arab", "Deva"} <= set(by_name["aliases"])
    assert {d["id"] for d in by_name["documents"]} >= {seed_ids[s] for s in ("000", "001", "004")}
    assert any(c["id"] == "per:kim-jong-un" for c in by_name["co_mentions"])
    assert isinstance(by_name["events"], list)
    page = client.get("/entity/per:sergei-shoigu").text
    assert 'id="aliases"' in page and 'data-script="Arab"' in page and "شوئیگو" in page
    assert '<svg id="co-graph"' in page and 'id="entity-events"' in page
    assert client.get("/api/entities/Nobody%20Atall%20Xyz").status_code == 404


def test_entity_list_and_stats(client: TestClient) -> None:
    body = client.get("/api/entities", params={"type": "PERSON", "limit": 3}).json()
    assert len(body["items"]) == 3 and body["total"] >= 3
    assert all(e["type"] == "PERSON" for e in body["items"])
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 5 and stats["languages"] == {"ur": 4, "hi": 1}
    assert client.get("/stats").status_code == 200


def test_openapi_and_docs_page(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/search",
        "/api/documents/{doc_id}",
        "/api/entities/{name}",
        "/api/events",
        "/api/claims",
        "/api/stories/{story_id}",
        "/api/stats",
        "/api/ingest",
    ):
        assert path in schema["paths"], path
    assert not any(p.startswith(("/document/", "/search")) for p in schema["paths"])  # pages are not API
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text and '<script src="http' not in docs.text


def test_every_listed_entity_has_a_page(client: TestClient) -> None:
    for entity in client.get("/api/entities", params={"limit": 200}).json()["items"]:
        response = client.get(f"/entity/{quote(entity['id'], safe=':')}")
        assert response.status_code == 200, entity
