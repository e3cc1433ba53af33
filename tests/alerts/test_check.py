"""Checking alerts after ingest, and posting their items to a loopback webhook once each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from khabar.alerts import deliver
from khabar.alerts.check import check_alerts
from khabar.alerts.deliver import deliver_pending
from khabar.alerts.saved import create_alert
from khabar.config import Config
from khabar.document import Document, Segment, Source
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from tests.conftest import SHARED
from tests.support.receiver import Receiver

SEED_004 = next((SHARED / "seeds").glob("004*"))


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deliver, "BACKOFF", 0.0)


def _doc(uri: str, text: str) -> Document:
    doc = Document(source=Source(uri=uri, kind="txt"), raw=text, text=text, lang="en", title=text[:12])
    doc.segments = [Segment(0, len(text), "body", "en")]
    return doc


def test_seed_004_makes_one_item_posted_once_after_a_failed_try(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    with Receiver(fail_first=1) as hook:
        with SQLiteStore(db) as store:
            alert = create_alert(store, "Shoigu", webhook=hook.url)
            ingest([str(SEED_004)], store, Config(db=db))
            (doc,) = store.documents()
            (item,) = store.alerts.items(alert.id)
            assert item.doc_id == doc.id
            assert item.matched["kind"] == "entity" and item.matched["entity"] == "per:sergei-shoigu"
            assert "شوئیگو" in item.matched["text"]
            assert item.delivered is not None
            assert hook.attempts == 2 and len(hook.received) == 1  # 503, then retried
            (body,) = hook.received
            assert body["item"]["id"] == item.id and body["document"]["id"] == doc.id
            assert body["alert"]["query"] == "Shoigu"
            assert hook.headers[0]["X-Khabar-Item"] == str(item.id)
            # a second check, and the same seed again, send and make nothing
            assert check_alerts(store).new_items == 0
            assert deliver_pending(store).delivered == []
            ingest([str(SEED_004)], store, Config(db=db))
        with SQLiteStore(db) as store:  # after a restart too
            assert check_alerts(store).new_items == 0
            assert deliver_pending(store).delivered == []
            assert [a.items for a in store.alerts.all()] == [1]
        assert hook.attempts == 2


def test_a_new_alert_watches_what_comes_next_unless_it_looks_back(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "k.db") as store:
        store.put_batch([_doc("a.txt", "Talks in Pyongyang on Tuesday")])
        forward = create_alert(store, "pyongyang")
        back = create_alert(store, "pyongyang", look_back=True, name="all of it")
        report = check_alerts(store)
        assert report.items == {back.id: report.items[back.id]} and report.new_items == 1
        store.put_batch([_doc("b.txt", "Pyongyang again")])
        report = check_alerts(store)
        assert sorted(report.items) == [forward.id, back.id] and report.new_items == 2
        assert check_alerts(store).new_items == 0


def _pending(store: SQLiteStore, n: int, webhook: str) -> int:
    docs = [_doc(f"{i}.txt", f"Shoigu item {i}") for i in range(n)]
    store.put_batch(docs)
    alert = create_alert(store, "Shoigu", webhook=webhook, look_back=True)
    assert check_alerts(store).new_items == n
    return alert.id


def test_a_webhook_that_stays_down_keeps_the_items_in_order(tmp_path: Path) -> None:
    waits: list[float] = []
    with Receiver(fail_first=4) as hook, SQLiteStore(tmp_path / "k.db") as store:
        alert = _pending(store, 2, hook.url)
        report = deliver_pending(store, attempts=3, backoff=0.25, sleep=waits.append)
        assert report.delivered == [] and list(report.failed.values()) == ["HTTP 503"]
        assert hook.attempts == 3 and waits == [0.25, 0.5]  # backoff doubles; the next item waits
        first, second = store.alerts.undelivered(alert)
        assert (first.attempts, first.error, second.attempts) == (3, "HTTP 503", 0)
        report = deliver_pending(store, attempts=3, sleep=waits.append)  # 4th try fails, then up
        assert report.delivered == [first.id, second.id]
        assert [b["item"]["id"] for b in hook.received] == [first.id, second.id]
        assert deliver_pending(store).delivered == []


def test_what_is_retried(tmp_path: Path) -> None:
    calls: list[str] = []

    def refused(url: str, body: dict[str, Any], headers: dict[str, str]) -> int:
        calls.append(url)
        raise httpx.ConnectError("refused")

    def gone(url: str, body: dict[str, Any], headers: dict[str, str]) -> int:
        calls.append(url)
        return 410

    with SQLiteStore(tmp_path / "k.db") as store:
        _pending(store, 1, "http://127.0.0.1:9/hook")
        report = deliver_pending(store, post=refused, attempts=3, sleep=lambda _s: None)
        assert len(calls) == 3 and "ConnectError" in next(iter(report.failed.values()))
        calls.clear()
        deliver_pending(store, post=gone, attempts=3, sleep=lambda _s: None)
        assert len(calls) == 1  # a 4xx other than 408/429 is not retried


def test_a_look_back_goes_a_page_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.alerts import check

    monkeypatch.setattr(check, "PAGE", 2)
    with SQLiteStore(tmp_path / "k.db") as store:
        store.put_batch(
            [_doc(f"{i}.txt", f"Report {i} from Pyongyang" if i % 2 else f"Report {i}") for i in range(7)]
        )
        early = create_alert(store, "pyongyang", look_back=True)
        store.alerts.set_checked([early.id], 3)  # as if stopped after the third document
        late = create_alert(store, "report", look_back=True)
        report = check_alerts(store)
        assert report.documents == 7
        assert len(report.items[early.id]) == 2  # the 4th and 6th stored only
        assert len(report.items[late.id]) == 7
        assert [a.checked for a in store.alerts.all()] == [7, 7]
