"""Events, claims and dyads on the seed store, through the API and the pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(any_client: TestClient) -> TestClient:
    """This module's API contract runs on both backends."""
    return any_client


EVENT_KEYS = {
    "id",
    "type",
    "mode",
    "quad",
    "date",
    "actors",
    "recipients",
    "documents",
    "languages",
    "evidence",
}


def test_events_of_shoigu_in_any_script(client: TestClient) -> None:
    by_latin = client.get("/api/events", params={"entity": "Shoigu", "limit": 200}).json()
    by_urdu = client.get("/api/events", params={"entity": "شوئیگو", "limit": 200}).json()
    assert by_latin["items"], "the seeds code Shoigu's visits to Pyongyang"
    assert [e["id"] for e in by_latin["items"]] == [e["id"] for e in by_urdu["items"]]
    for event in by_latin["items"]:
        assert set(event) >= EVENT_KEYS
        parties = [p["id"] for p in event["actors"] + event["recipients"]]
        states = [p.get("state") for p in event["actors"] + event["recipients"]]
        assert "per:sergei-shoigu" in parties + states


def test_event_page_marks_the_trigger_in_its_evidence(client: TestClient) -> None:
    event = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/events/{event['id']}").json()["id"] == event["id"]
    html = client.get(f"/event/{event['id']}").text
    assert 'id="evidence"' in html and '<mark class="event">' in html
    for doc_id in event["documents"]:
        assert f'href="/document/{doc_id}"' in html


def test_events_list_pages_and_filters(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    assert len(first["items"]) <= 2 and first["limit"] == 2
    if first["next"] is not None:
        second = client.get("/api/events", params={"limit": 2, "offset": first["next"]}).json()
        assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    consult = client.get("/api/events", params={"type": "consult", "limit": 200}).json()["items"]
    assert all(e["type"] == "CONSULT" for e in consult)
    html = client.get("/events", params={"type": "CONSULT"}).text
    assert html.count('class="event-row"') == min(len(consult), 20)


def test_claims_with_speakers_and_answer_links(client: TestClient) -> None:
    body = client.get("/api/claims", params={"limit": 200}).json()
    assert body["items"], "the seeds quote KCNA and officials"
    for claim in body["items"]:
        assert {"doc_id", "idx", "speaker", "stance", "text", "answers", "answered_by"} <= set(claim)
    html = client.get("/claims").text
    assert 'id="claim-list"' in html
    assert html.count('class="claim-item"') == min(len(body["items"]), 20)
    answered = [c for c in body["items"] if c["answered_by"]]
    for claim in answered[:1]:
        assert "answered by" in client.get("/claims", params={"doc_id": claim["doc_id"]}).text


def test_document_page_shows_its_events(client: TestClient, seed_ids: dict[str, str]) -> None:
    doc = client.get(f"/api/documents/{seed_ids['004']}").json()
    html = client.get(f"/document/{seed_ids['004']}").text
    assert html.count('class="event-item"') == len(doc["events"])
    if doc["events"]:
        assert re.search(r'<mark class="event" data-type="[A-Z]+"', html)


def test_russia_north_korea_dyad_by_month_and_quad(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "روس", "b": "उत्तर कोरिया"}).json()
    assert body["a"] == "loc:russia" and body["b"] == "loc:north-korea"
    assert body["items"], "Shoigu's and Belousov's visits are Russia ↔ North Korea events"
    months = [row["month"] for row in body["items"]]
    assert months == sorted(months) and all(re.fullmatch(r"\d{4}-\d{2}", m) for m in months)
    html = client.get("/dyad", params={"a": "Russia", "b": "North Korea"}).text
    assert 'id="dyad-table"' in html
    assert len(re.findall(r"<tr data-month=", html)) == len(set(months))
