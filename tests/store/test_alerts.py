"""Alert tables on SQLite: alerts and their items survive reopening, an item is made once."""

from __future__ import annotations

from pathlib import Path

from khabar.document import Document, Segment, Source
from khabar.store import open_store


def _doc(uri: str, text: str) -> Document:
    doc = Document(source=Source(uri=uri, kind="txt"), raw=text, text=text, lang="en", title=text[:10])
    doc.segments = [Segment(0, len(text), "body", "en")]
    return doc


def test_alerts_and_items_survive_reopening(store_target: str | Path) -> None:
    db = store_target
    with open_store(db) as store:
        first, second = _doc("a.txt", "Shoigu in Pyongyang"), _doc("b.txt", "Rain in Lahore")
        store.put_batch([first, second])
        assert store.alerts.last_document() == 2
        alert = store.alerts.add(
            name="Shoigu",
            query="Shoigu",
            entities=["per:sergei-shoigu"],
            type="CONSULT",
            lang=None,
            webhook="http://127.0.0.1:9/h",
            checked=1,
        )
        with store.transaction():
            item = store.alerts.add_item(alert, first.id, {"kind": "text", "text": "Shoigu"})
            assert item is not None
            assert store.alerts.add_item(alert, first.id, {"kind": "text"}) is None  # once per document
            store.alerts.set_checked([alert], 2)
        assert [d.id for _seq, d in store.alerts.documents_after(1, 10)] == [second.id]
    with open_store(db) as store:
        (row,) = store.alerts.all()
        assert (row.id, row.name, row.entities, row.type, row.checked) == (
            alert,
            "Shoigu",
            ("per:sergei-shoigu",),
            "CONSULT",
            2,
        )
        assert (row.items, row.unread, row.undelivered) == (1, 1, 1)
        (bare,) = store.alerts.all(counts=False)
        assert bare._replace(items=1, unread=1, undelivered=1) == row
        (got,) = store.alerts.items(alert)
        assert got.matched == {"kind": "text", "text": "Shoigu"} and not got.read
        store.alerts.record_failure(got.id, 3, "HTTP 503")
        assert store.alerts.undelivered(alert)[0].attempts == 3
        store.alerts.mark_delivered(got.id)
        assert store.alerts.undelivered(alert) == []
        assert store.alerts.mark_read(alert) == 1
        assert store.alerts.mark_read(alert) == 0
        assert store.alerts.items(alert, unread_only=True) == []
        got = store.alerts.get(alert)
        assert got is not None and (got.unread, got.undelivered) == (0, 0)
        assert store.alerts.remove(alert) is True
        assert store.alerts.remove(alert) is False
        assert store.alerts.all() == [] and store.alerts.items(alert) == []


def test_marking_some_items_read(store_target: str | Path) -> None:
    with open_store(store_target) as store:
        docs = [_doc(f"{i}.txt", f"Shoigu report {i}") for i in range(3)]
        store.put_batch(docs)
        alert = store.alerts.add(
            name="n", query="Shoigu", entities=[], type=None, lang=None, webhook=None, checked=0
        )
        with store.transaction():
            ids = [store.alerts.add_item(alert, d.id, {}) for d in docs]
        assert store.alerts.mark_read(alert, [i for i in ids[:2] if i is not None]) == 2
        assert [i.id for i in store.alerts.items(alert, unread_only=True)] == [ids[2]]
        assert [i.id for i in store.alerts.items(alert)] == ids[::-1]  # newest first
