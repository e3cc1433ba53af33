"""The script toggle: an Urdu seed shown in Devanagari, a Hindi seed in Urdu script."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from khabar.kb import load_kb


@pytest.fixture
def client(any_client: TestClient) -> TestClient:
    """This module's API contract runs on both backends."""
    return any_client


SHOIGU = "per:sergei-shoigu"


def _deva_shoigu() -> list[str]:
    entity = load_kb().get(SHOIGU)
    assert entity is not None
    return entity.aliases["Deva"]


def test_urdu_seed_title_in_devanagari_names_shoigu(client: TestClient, seed_ids: dict[str, str]) -> None:
    body = client.get(f"/api/documents/{seed_ids['000']}", params={"script": "Deva"}).json()
    assert body["lang"] == "ur" and body["shown_script"] == "Deva"
    assert any(name in body["title_script"] for name in _deva_shoigu()), body["title_script"]
    assert not any("\u0600" <= c <= "\u06ff" for c in body["title_script"] + body["text_script"])
    assert "title_script" not in client.get(f"/api/documents/{seed_ids['000']}").json()


def test_document_page_toggles_between_scripts(client: TestClient, seed_ids: dict[str, str]) -> None:
    doc = seed_ids["000"]
    page = client.get(f"/document/{doc}").text
    assert f'href="/document/{doc}?script=Deva"' in page
    shown = client.get(f"/document/{doc}", params={"script": "Deva"}).text
    title = shown.split('id="doc-title"', 1)[1].split("</h1>", 1)[0]
    assert 'data-script="Deva"' in title and any(name in title for name in _deva_shoigu())
    assert 'id="script-original"' in shown


def test_hindi_seed_in_urdu_script(client: TestClient, seed_ids: dict[str, str]) -> None:
    body = client.get(f"/api/documents/{seed_ids['001']}", params={"script": "Arab"}).json()
    assert body["lang"] == "hi"
    assert not any("\u0900" <= c <= "\u097f" for c in body["text_script"])
    page = client.get(f"/document/{seed_ids['001']}", params={"script": "Arab"}).text
    assert 'dir="rtl" data-script="Arab"' in page


def test_unknown_script_is_refused(client: TestClient, seed_ids: dict[str, str]) -> None:
    assert client.get(f"/api/documents/{seed_ids['000']}", params={"script": "Latn"}).status_code == 422
