"""GET /api/search and the search page: any script, entity expansion, pagination, errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(any_client: TestClient) -> TestClient:
    """This module's API contract runs on both backends."""
    return any_client


# The seed pages about Sergei Shoigu: 000 (Urdu), 001 (Hindi) and 004 (Urdu).
SHOIGU_SEEDS = {"000", "001", "004"}


@pytest.mark.parametrize("query", ["Shoigu", "شوئیگو", "शोइगु"])
def test_shoigu_in_every_script_finds_his_seed_pages(
    client: TestClient, seed_ids: dict[str, str], query: str
) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200
    body = response.json()
    found = {h["id"] for h in body["items"]}
    assert {seed_ids[s] for s in SHOIGU_SEEDS} <= found
    assert "per:sergei-shoigu" in body["entities"]
    assert set(body) >= {"query", "entities", "items", "limit", "offset", "next"}
    hit = body["items"][0]
    assert set(hit) == {"id", "title", "lang", "uri", "url", "snippet", "score"}
    assert "[" in hit["snippet"] and "]" in hit["snippet"]


def test_search_page_lists_the_same_documents(client: TestClient, seed_ids: dict[str, str]) -> None:
    page = client.get("/search", params={"q": "शोइगु"}).text
    for seed in SHOIGU_SEEDS:
        assert f'href="/document/{seed_ids[seed]}"' in page
    assert 'class="hit"' in page and 'class="doc-link"' in page
    assert 'id="q"' in page and 'value="शोइगु"' in page
    assert '<mark class="hit-term">' in page


def test_pagination_walks_every_hit_once(client: TestClient) -> None:
    everything = [h["id"] for h in client.get("/api/search", params={"q": "Shoigu"}).json()["items"]]
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        body = client.get("/api/search", params={"q": "Shoigu", "limit": 1, "offset": offset}).json()
        assert len(body["items"]) <= 1 and body["limit"] == 1 and body["offset"] == offset
        seen += [h["id"] for h in body["items"]]
        offset = body["next"]
    assert seen == everything


def test_language_filter(client: TestClient, seed_ids: dict[str, str]) -> None:
    body = client.get("/api/search", params={"q": "Shoigu", "lang": "hi"}).json()
    assert [h["id"] for h in body["items"]] == [seed_ids["001"]]


def test_entity_filter_keeps_documents_mentioning_it(client: TestClient, seed_ids: dict[str, str]) -> None:
    body = client.get("/api/search", params={"q": "پیانگ یانگ", "entity": "Shoigu"}).json()
    found = {h["id"] for h in body["items"]}
    assert found and found <= {seed_ids[s] for s in SHOIGU_SEEDS}


def test_unknown_entity_filter_is_404_with_advice(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "x", "entity": "Nobody Atall Xyz"})
    assert response.status_code == 404
    assert "/api/entities" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({}, "q"),
        ({"q": "x", "limit": 500}, "limit"),
        ({"q": "x", "offset": -1}, "offset"),
        ({"q": "x", "since": "yesterday"}, "since"),
    ],
)
def test_bad_parameters_are_422_saying_which(
    client: TestClient, params: dict[str, object], word: str
) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.startswith(word)


def test_no_match_is_an_empty_page(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "zzqqxxnotaword"}).json()
    assert body["items"] == [] and body["next"] is None
    assert "No document matches" in client.get("/search", params={"q": "zzqqxxnotaword"}).text


def test_search_page_filters(client: TestClient, seed_ids: dict[str, str]) -> None:
    html = client.get("/search", params={"q": "پیانگ یانگ", "entity": "Shoigu", "lang": "ur"}).text
    found = set(re.findall(r'<li class="hit" data-doc="(\w+)"', html))
    assert found and found <= {seed_ids["000"], seed_ids["004"]}
    assert '<details id="filters" open>' in html
    assert client.get("/search", params={"q": "x", "entity": "Nobody Atall Xyz"}).status_code == 404
