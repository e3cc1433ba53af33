"""Alerts on the web: the page and its form, an alert's page and Atom feed, /api/alerts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from khabar.alerts import deliver
from khabar.api import create_app
from khabar.config import Config
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from tests.api.conftest import HOSTILE, SEEDS, TOKEN, hostile_document
from tests.support.receiver import Receiver

SEED_004 = next(SEEDS.glob("004*"))
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "alerts.db"


@pytest.fixture
def web(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c


def test_an_alert_made_on_the_page_gets_seed_004_and_its_feed_parses(
    web: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deliver, "BACKOFF", 0.0)
    assert web.get("/alerts").status_code == 200
    form = {"query": "Shoigu", "type": "", "lang": "", "webhook": "", "name": "", "token": "wrong"}
    assert web.post("/alerts", data=form).status_code == 401
    with Receiver(fail_first=1) as hook:
        form.update(token=TOKEN, webhook=hook.url)
        made = web.post("/alerts", data=form, follow_redirects=False)
        assert made.status_code == 303 and made.headers["location"] == "/alerts/1"
        with SQLiteStore(db) as store:
            ingest([str(SEED_004)], store, Config(db=db))
            (doc,) = store.documents()
        assert [b["item"]["doc_id"] for b in hook.received] == [doc.id] and hook.attempts == 2
    listed = web.get("/alerts")
    assert 'data-testid="unread">1<' in listed.text and 'data-testid="items">1<' in listed.text
    assert "/alerts/1.atom" in listed.text
    (alert,) = web.get("/api/alerts").json()["items"]
    assert (alert["unread"], alert["items"], alert["undelivered"]) == (1, 1, 0)
    assert alert["entities"] == [{"id": "per:sergei-shoigu", "name": "Sergei Shoigu"}]
    one = web.get("/api/alerts/1").json()
    assert [i["document"]["id"] for i in one["items"]] == [doc.id] and one["alert"]["unread"] == 1

    feed = web.get("/alerts/1.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Khabar alert: Shoigu"
    (entry,) = parsed.entries
    assert entry.title == doc.title and entry.link.endswith(f"/document/{doc.id}")
    assert "Sergei Shoigu" in entry.summary and "شوئیگو" in entry.summary

    page = web.get("/alerts/1")
    assert page.status_code == 200 and f'data-doc="{doc.id}"' in page.text
    assert doc.title in page.text and "<mark>سرگئی شوئیگو</mark>" in page.text
    assert 'class="badge new"' in page.text
    assert web.get("/api/alerts").json()["items"][0]["unread"] == 0  # the page marked it read
    assert 'class="badge new"' not in web.get("/alerts/1").text


def test_the_json_api_saves_lists_and_deletes(web: TestClient) -> None:
    body = {"query": "شوئیگو", "type": "consult", "lang": "ur"}
    assert web.post("/api/alerts", json=body).status_code == 401
    made = web.post("/api/alerts", json=body, headers=AUTH)
    assert made.status_code == 201
    record = made.json()
    assert (record["type"], record["lang"], record["name"]) == ("CONSULT", "ur", "شوئیگو · CONSULT · ur")
    bad = web.post("/api/alerts", json={"query": "x", "type": "PARTY"}, headers=AUTH)
    assert bad.status_code == 422 and "unknown event type" in bad.json()["detail"]
    one = web.get(f"/api/alerts/{record['id']}").json()
    assert one["items"] == [] and one["alert"]["query"] == "شوئیگو" and one["next"] is None
    assert web.get("/api/alerts/99").status_code == 404
    assert web.get("/alerts/99.atom").status_code == 404
    assert web.delete(f"/api/alerts/{record['id']}").status_code == 401
    assert web.delete(f"/api/alerts/{record['id']}", headers=AUTH).json() == {"removed": record["id"]}
    assert web.get("/api/alerts").json()["items"] == []


def test_a_bad_form_is_shown_again_with_the_reason(web: TestClient) -> None:
    page = web.post("/alerts", data={"query": "", "type": "", "token": TOKEN})
    assert page.status_code == 422 and 'id="alert-error"' in page.text and "needs" in page.text
    page = web.post("/alerts", data={"query": "<b>x</b>", "webhook": "javascript:alert(1)", "token": TOKEN})
    assert page.status_code == 422 and "<b>x</b>" not in page.text  # escaped in the form again


def test_hostile_text_is_escaped_on_the_page_and_in_the_feed(web: TestClient, db: Path) -> None:
    with SQLiteStore(db) as store:
        alert = store.alerts.add(
            name="<script>n</script>",
            query="Tashkent",
            entities=[],
            type=None,
            lang=None,
            webhook=None,
            checked=0,
        )
        doc = hostile_document()
        store.put(doc)
        from khabar.alerts.check import check_alerts

        assert check_alerts(store).new_items == 1
    page = web.get(f"/alerts/{alert}").text
    assert "<script>" not in page and "&lt;script&gt;" in page
    parsed = feedparser.parse(web.get(f"/alerts/{alert}.atom").content)
    assert not parsed.bozo
    assert parsed.entries[0].title == doc.title  # the title as text, markup and all
    assert HOSTILE.split()[0] in parsed.entries[0].summary
