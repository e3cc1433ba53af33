"""/api/search and the search page filter by outlet, country, outlet kind and page kind, and show
the facet counts of what was found."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.api.app import create_app
from khabar.store.sqlite import SQLiteStore
from tests.store.test_outlet_facets import DOCS, _doc


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "k.db"
    with SQLiteStore(db) as s:
        s.put_batch([_doc(*row) for row in DOCS])
    return TestClient(create_app(db))


def test_api_search_filters_and_counts_facets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "پیانگ"}).json()
    assert len(body["items"]) == 5
    facets = {name: {r["value"]: r["count"] for r in rows} for name, rows in body["facets"].items()}
    assert facets["country"] == {"PK": 3, "KP": 1, "": 1}
    assert facets["outlet_kind"] == {"private": 2, "state": 2, "": 1}
    assert facets["page_kind"] == {"article": 4, "homepage": 1}
    assert facets["outlet"]["dawn.com"] == 2
    state = client.get("/api/search", params={"q": "پیانگ", "kind": "state", "country": "pk"}).json()
    assert [h["uri"] for h in state["items"]] == ["b"]
    assert state["facets"]["outlet"] == [{"value": "app.com.pk", "count": 1}]
    pages = client.get("/api/search", params={"q": "پیانگ", "page_kind": "homepage"}).json()
    assert [h["uri"] for h in pages["items"]] == ["d"]
    by_outlet = client.get("/api/search", params={"q": "پیانگ", "outlet": "kcna.kp"}).json()
    assert [h["uri"] for h in by_outlet["items"]] == ["c"]
    assert client.get("/api/search", params={"q": "x", "country": "PAK"}).status_code == 422


def test_the_search_page_shows_facets_that_narrow_the_search(client: TestClient) -> None:
    page = client.get("/search", params={"q": "پیانگ"}).text
    assert 'id="facets"' in page and 'data-facet="country"' in page
    assert "Counted over the 2,000 newest matches" in page  # the analyst is told the counts' bound
    assert 'href="/search?q=%D9%BE%DB%8C%D8%A7%D9%86%DA%AF&amp;kind=state"' in page
    narrowed = client.get("/search", params={"q": "پیانگ", "kind": "state"}).text
    assert narrowed.count('class="hit"') == 2
    assert '<option value="state" selected>' in narrowed
    assert 'class="facet-value active">state<' in narrowed
    assert 'id="facets"' not in client.get("/search").text  # no query, no facets


def test_the_document_page_shows_the_outlet_record_and_a_listing_s_links(tmp_path: Path) -> None:
    from khabar.config import Config
    from khabar.document import Document, Source
    from khabar.jobs import ingest_documents
    from tests.clean import pages

    db = tmp_path / "p.db"
    home = Document(
        source=Source(uri="home.html", kind="html", url="https://www.dawn.com/"),
        html=pages.english_homepage(),
        meta={"title": "Dawn - home"},
    )
    with SQLiteStore(db) as s:
        ingest_documents([home], s, Config(), "test")
    page = TestClient(create_app(db)).get(f"/document/{home.id}").text
    assert "Dawn · dawn.com" in page and "(PK, private)" in page
    assert 'data-kind="homepage"' in page and 'id="page-links"' in page
    assert pages.EN_HEADLINES[3] in page
