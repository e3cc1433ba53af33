"""``khabar alerts``: add, list, ingest makes the item and posts it once, check, items, remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.alerts import deliver
from tests.conftest import SHARED, khabar
from tests.support.receiver import Receiver

SEED_004 = str(next((SHARED / "seeds").glob("004*")))


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deliver, "BACKOFF", 0.0)


def test_add_shoigu_then_ingest_seed_004_gives_one_item_posted_once(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    # The webhook is down for ingest's three tries; 'alerts check' posts the item, once.
    with Receiver(fail_first=3) as hook:
        code, output = khabar("alerts", "add", "Shoigu", "--webhook", hook.url, "--db", db)
        assert code == 0 and "alert 1 saved" in output and "per:sergei-shoigu" in output
        code, output = khabar("ingest", SEED_004, "--db", db)
        assert code == 0 and "1 new alert item: khabar alerts" in output, output
        assert hook.attempts == 3 and hook.received == []
        code, output = khabar("alerts", "--db", db)
        assert code == 0 and "1 unread / 1" in output and "1 to post" in output
        code, output = khabar("alerts", "check", "--db", db)
        assert code == 0 and "0 new items" in output and "posted 1 items, 0 failed" in output
        code, output = khabar("alerts", "check", "--db", db)
        assert code == 0 and "posted" not in output
        assert hook.attempts == 4 and len(hook.received) == 1
    (body,) = hook.received
    code, output = khabar("alerts", "items", "1", "--json", "--db", db)
    assert code == 0
    (item,) = json.loads(output)
    doc_id = item["doc_id"]
    assert body["item"]["doc_id"] == doc_id and body["document"]["id"] == doc_id
    assert item["document"]["uri"].endswith(Path(SEED_004).name)
    assert item["matched"]["entity_name"] == "Sergei Shoigu"
    # listed items are read now; the text form names the document and what matched
    code, output = khabar("alerts", "--db", db)
    assert "0 unread / 1" in output
    code, output = khabar("alerts", "items", "1", "--db", db)
    assert doc_id in output and "[ur]" in output and "entity Sergei Shoigu" in output
    assert khabar("alerts", "items", "1", "--unread", "--db", db)[1].startswith("alert 1 has no unread")


def test_bad_alerts_are_refused_and_removed_ones_are_gone(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    code, output = khabar("alerts", "add", "Shoigu", "--type", "PARTY", "--db", db)
    assert code == 2 and "unknown event type" in output
    code, output = khabar("alerts", "add", "x", "--webhook", "ftp://h/x", "--db", db)
    assert code == 2 and "http://" in output
    code, output = khabar("alerts", "add", "--type", "consult", "--lang", "ur", "--name", "talks", "--db", db)
    assert code == 0 and "type CONSULT" in output and "lang ur" in output
    assert "talks" in khabar("alerts", "--db", db)[1]
    assert khabar("alerts", "remove", "1", "--db", db) == (0, "alert 1 removed\n")
    code, output = khabar("alerts", "remove", "1", "--db", db)
    assert code == 2 and "no alert 1" in output
    assert khabar("alerts", "--db", db)[1].startswith("no alerts")
