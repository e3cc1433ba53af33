"""Paging bounds at the edge: a 422 that says what is allowed, never a 500 (issue 16, item 7)."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from khabar.api.data import MAX_LIMIT, MAX_OFFSET
from tests.api.conftest import TOKEN

PAGED = [
    "/api/search?q=Shoigu",
    "/api/documents",
    "/api/entities",
    "/api/events",
    "/api/claims",
    "/api/happenings",
    "/api/stories",
    "/search?q=Shoigu",
    "/entities",
    "/events",
    "/claims",
    "/stories",
]
LIMITED = [p for p in PAGED if p.startswith("/api/")]
HUGE = [str(2**63 - 1), str(2**63), str(10**30), str(MAX_OFFSET + 1), "-1"]


def _with(path: str, **params: str) -> str:
    sep = "&" if "?" in path else "?"
    return path + sep + "&".join(f"{k}={v}" for k, v in params.items())


@pytest.mark.parametrize("path", PAGED)
@pytest.mark.parametrize("offset", HUGE)
def test_offset_out_of_bounds_is_a_422(client: TestClient, path: str, offset: str) -> None:
    response = client.get(_with(path, offset=offset))
    assert response.status_code == 422, response.text[:300]
    assert "offset" in response.text


@pytest.mark.parametrize("path", PAGED)
def test_the_largest_offset_is_an_empty_page(client: TestClient, path: str) -> None:
    response = client.get(_with(path, offset=str(MAX_OFFSET)))
    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize("path", LIMITED)
@pytest.mark.parametrize("limit", ["0", "-1", str(MAX_LIMIT + 1), str(2**63), "x"])
def test_limit_out_of_bounds_is_a_422(client: TestClient, path: str, limit: str) -> None:
    response = client.get(_with(path, limit=limit))
    assert response.status_code == 422, response.text[:300]
    assert "limit" in response.text


def test_uploading_lone_surrogates_is_not_a_500(small_client: TestClient) -> None:
    body = b'{"text": "news \\ud800 x from Peshawar, where traders met on Monday"}\n{"text": "second line"}\n'
    response = small_client.post(
        "/api/ingest",
        files={"file": ("wire.jsonl", io.BytesIO(body), "application/x-ndjson")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["read"] == 2
