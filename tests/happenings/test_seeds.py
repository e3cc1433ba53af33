"""Happenings on the five seed pages: the 2024-09-13 Pyongyang meeting is one happening told by
000 (ur) and 001 (hi), and no event or happening has a party that is not a named entity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from khabar.config import Config
from khabar.jobs import ingest, relink
from khabar.kb import load_kb
from khabar.store.sqlite import SQLiteStore
from khabar.views.events import list_events
from khabar.views.happenings import list_happenings
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
PYONGYANG_LINE = (
    "2024-09-13 · Pyongyang · Sergei Shoigu (Russia) visits North Korea; meets Kim Jong Un; talks;"
    " intent to cooperate — 2 documents, ur + hi"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    db = tmp_path_factory.mktemp("happenings") / "k.db"
    opened = SQLiteStore(db)
    ingest([str(SEEDS)], opened, Config(db=db))
    return opened


def _seed_ids(store: SQLiteStore) -> dict[str, str]:
    return {Path(d.source.uri).name[:3]: d.id for d in store.documents()}


def _pyongyang(store: SQLiteStore) -> list[dict[str, object]]:
    return [
        h
        for h in list_happenings(store, entity="per:sergei-shoigu", since="2024-09-13", until="2024-09-13")
        if h["place"] and h["place"]["id"] == "loc:pyongyang"
    ]


def test_the_pyongyang_meeting_is_one_happening_in_urdu_and_hindi(store: SQLiteStore) -> None:
    ids = _seed_ids(store)
    [meeting] = _pyongyang(store)
    assert meeting["date"] == "2024-09-13"
    assert set(meeting["documents"]) == {ids["000"], ids["001"]}
    assert meeting["languages"] == ["ur", "hi"]
    facets = {(e["type"], e["mode"]) for e in meeting["events"]}
    assert {("CONSULT", "visit"), ("CONSULT", "meet"), ("CONSULT", "discuss"), ("AGREE", "intent")} <= facets
    assert {s["doc_id"] for s in meeting["evidence"]} == {ids["000"], ids["001"]}
    assert {s["lang"] for s in meeting["evidence"]} == {"ur", "hi"}
    assert all(s["text"] for s in meeting["evidence"])
    assert meeting["line"] == PYONGYANG_LINE
    assert "شوئیگو" in meeting["lines"]["ur"] and "शोइगु" in meeting["lines"]["hi"]
    # Every merged event of that day in Pyongyang with Shoigu is in it, once.
    events = [
        e for e in list_events(store, entity="per:sergei-shoigu", limit=500) if e["date"] == "2024-09-13"
    ]
    assert {e["happening"] for e in events if e["place"] and e["place"]["id"] == "loc:pyongyang"} == {
        meeting["id"]
    }


def _named_in(store: SQLiteStore) -> dict[str, set[str]]:
    """Per document: the entities its name mentions stand for (not offices, not common nouns)."""
    return {
        d.id: {m.entity or m.kb_id or "" for m in d.mentions if m.label != "ROLE"} - {""}
        for d in store.documents()
    }


def test_no_event_or_happening_has_a_common_noun_as_a_party(store: SQLiteStore) -> None:
    kb = load_kb()
    named = _named_in(store)

    def party(entity: str, docs: list[str]) -> bool:
        return entity in kb or any(entity in named[d] for d in docs)

    checked = 0
    for doc in store.documents():
        for event in doc.events:
            for entity in event.actors + event.recipients:
                assert party(entity, [doc.id]), (doc.id, event.type, entity)
                checked += 1
    assert "گہرائی" in {n for d in store.documents() for e in d.events for n in e.recipient_nouns}
    for event in list_events(store, limit=500):
        for p in event["actors"] + event["recipients"]:
            assert party(p["id"], event["documents"]), (event["id"], p)
    for h in list_happenings(store, limit=500):
        for p in h["parties"]:
            assert party(p["id"], h["documents"]), (h["id"], p)
        for e in h["events"]:
            assert all(party(p["id"], h["documents"]) for p in e["actors"] + e["recipients"])
        assert "گہرائی" not in h["line"]
    assert checked > 50


def test_every_merged_event_is_in_exactly_one_happening(store: SQLiteStore) -> None:
    events = list_events(store, limit=500)
    assert events and all(e["happening"] for e in events)
    members = [e["id"] for h in list_happenings(store, limit=500) for e in h["events"]]
    assert sorted(members) == sorted(e["id"] for e in events)


def test_incremental_ingest_repair_and_relink_give_the_same_happenings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The merged events already tie 000 and 001; sentence embeddings would only cost time.
    monkeypatch.setattr("khabar.dedup.semantic.available", lambda: False)
    for name in ("000_0b561a0f2779ceac.txt", "001_7479646e0f45031a.txt", "003_163c5ec9996d9a74.txt"):
        (tmp_path / name[:3]).mkdir()
        shutil.copy(SEEDS / name, tmp_path / name[:3] / name)
    db = tmp_path / "k.db"
    config = Config(db=db)
    with SQLiteStore(db) as store:
        ingest([str(tmp_path / "000")], store, config)
        [alone] = _pyongyang(store)
        assert alone["languages"] == ["ur"]
        ingest([str(tmp_path / "001")], store, config)  # the Hindi translation arrives later
        [joined] = _pyongyang(store)
        assert joined["languages"] == ["ur", "hi"] and joined["id"] == alone["id"]
        everything = [(h["id"], h["line"]) for h in list_happenings(store, limit=500)]
        # A run killed after the events linker and before the happenings linker committed: the
        # next run groups every date with events outside any happening, not only its own dates.
        store.conn.execute("DELETE FROM happenings")
        assert list_happenings(store, limit=500) == []
        ingest([str(tmp_path / "003")], store, config)  # 2023: none of 000's or 001's dates
        after = [(h["id"], h["line"]) for h in list_happenings(store, limit=500)]
        assert set(everything) <= set(after)
        relink(store, config)
        assert [(h["id"], h["line"]) for h in list_happenings(store, limit=500)] == after


def test_a_store_linked_before_happenings_is_filled_by_the_next_run(tmp_path: Path) -> None:
    (tmp_path / "000").mkdir()
    (tmp_path / "002").mkdir()
    shutil.copy(SEEDS / "000_0b561a0f2779ceac.txt", tmp_path / "000")
    shutil.copy(SEEDS / "002_62624821c93737bf.txt", tmp_path / "002")
    db = tmp_path / "k.db"
    with SQLiteStore(db) as store:
        ingest([str(tmp_path / "000")], store, Config(db=db, links=("events", "duplicates", "stories")))
        assert list_happenings(store) == []
        ingest([str(tmp_path / "002")], store, Config(db=db))
        events = list_events(store, limit=500)
        assert all(e["happening"] for e in events)  # 000's dates too, not only 002's
