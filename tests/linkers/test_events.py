"""Cross-document merge: date and mode compatibility, combining mentions, incremental linking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from khabar.config import Config
from khabar.events.merge import combine, dates_compatible, modes_compatible
from khabar.jobs import ingest, relink
from khabar.store.sqlite import SQLiteStore
from khabar.views.documents import with_event_ids
from khabar.views.events import list_events
from tests.conftest import SHARED


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("2024-09-13", "2024-09-14", True),
        ("2024-09-13", "2024-09-20", False),
        ("XXXX-09-14", "2024-09-13", True),
        ("2024-06", "XXXX-06", True),
        ("2024-06", "2024", True),
        ("2024-06", "2025-06-17", False),
        ("2024-06", "2024-07", False),
        ("2024-09-13", None, False),
    ],
)
def test_dates_compatible(a: str, b: str | None, ok: bool) -> None:
    assert dates_compatible(a, b) is ok


def test_modes_compatible() -> None:
    assert modes_compatible("visit", "host") and modes_compatible("meet", "discuss")
    assert modes_compatible(None, "visit")
    assert not modes_compatible("visit", "meet")


def test_combine_turns_a_hosting_into_the_visit_it_belongs_to() -> None:
    visit = {
        "type": "CONSULT",
        "mode": "visit",
        "actors": ["per:andrei-belousov"],
        "recipients": ["loc:north-korea"],
        "actor_states": ["loc:russia"],
        "recipient_states": ["loc:north-korea"],
        "time": "2024-11-29",
        "time_precision": "day",
        "time_source": "sentence",
        "confidence": 0.9,
    }
    host = {
        "type": "CONSULT",
        "mode": "host",
        "actors": ["per:no-kwang-chol"],
        "recipients": ["per:andrei-belousov"],
        "actor_states": ["loc:north-korea"],
        "recipient_states": ["loc:russia"],
        "time": "XXXX-11-30",
        "time_precision": "day",
        "time_source": "document",
        "place": "loc:pyongyang",
        "confidence": 0.8,
    }
    merged = combine([host, visit])
    assert merged["mode"] == "visit"
    assert merged["actors"] == ["per:andrei-belousov"]
    assert merged["hosts"] == ["per:no-kwang-chol"]
    assert merged["recipients"] == ["loc:north-korea", "per:no-kwang-chol"]
    assert (merged["date"], merged["precision"]) == ("2024-11-29", "day")
    assert merged["place"] == "loc:pyongyang"
    assert merged["actor_states"] == ["loc:russia"] and merged["recipient_states"] == ["loc:north-korea"]


def _meet(store: SQLiteStore) -> list[dict[str, object]]:
    return [
        e
        for e in list_events(store, entity="per:sergei-shoigu", type="CONSULT", limit=500)
        if e["mode"] == "meet" and e["date"] == "2024-09-13"
    ]


def test_merge_is_incremental_across_runs_and_relinking_adds_nothing(tmp_path: Path) -> None:
    for name in ("000_0b561a0f2779ceac.txt", "001_7479646e0f45031a.txt"):
        (tmp_path / name[:3]).mkdir()
        shutil.copy(SHARED / "seeds" / name, tmp_path / name[:3] / name)
    db = tmp_path / "k.db"
    config = Config(db=db)
    with SQLiteStore(db) as store:
        first = ingest([str(tmp_path / "000")], store, config)
        assert first.links["events"]["events"] > 0
        second = ingest([str(tmp_path / "001")], store, config)
        assert second.links["events"]["merged"] > 0
        [meet] = _meet(store)
        assert len(meet["documents"]) == 2
        before = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        counts = relink(store, config)
        assert counts["events"].get("events", 0) == 0 and counts["events"]["already_linked"] > 0
        assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == before
        # Every event annotation knows the merged event it belongs to: the fact lives in the event
        # tables (event_mentions), not in the stored annotation.
        orphans = store.conn.execute(
            "SELECT count(*) FROM annotations a WHERE a.kind = 'events' AND NOT EXISTS"
            " (SELECT 1 FROM event_mentions m WHERE m.doc_id = a.doc_id AND m.idx = a.idx)"
        ).fetchone()[0]
        assert orphans == 0
        # ... and the views compose it onto the document: no event is left without its merged id.
        for doc in store.documents():
            assert all(e.id for e in with_event_ids(store, doc).events)
