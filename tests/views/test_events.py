"""Read queries over events and claims (the API and web UI contract) and the events TSV export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from khabar.config import Config
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from khabar.views.events import dyad_counts, get_event, list_claims, list_events
from khabar.views.export import EVENT_COLUMNS, write_events_tsv
from tests.conftest import SHARED

EVENT_KEYS = {
    "id",
    "type",
    "mode",
    "quad",
    "date",
    "precision",
    "place",
    "actors",
    "recipients",
    "documents",
    "languages",
    "evidence",
    "flags",
}
CLAIM_KEYS = {
    "doc_id",
    "idx",
    "speaker",
    "reporter",
    "stance",
    "target",
    "text",
    "start",
    "end",
    "evidence",
    "answers",
    "answered_by",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    db = tmp_path_factory.mktemp("events") / "k.db"
    opened = SQLiteStore(db)
    ingest([str(SHARED / "seeds")], opened, Config(db=db))
    return opened


def test_list_events_shape_and_json_safety(store: SQLiteStore) -> None:
    events = list_events(store, limit=500)
    assert events
    for e in events:
        assert set(e) >= EVENT_KEYS
        assert e["quad"] in {
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
        }
        for party in e["actors"] + e["recipients"]:
            assert set(party) >= {"id", "name", "state"}
        for ev in e["evidence"]:
            assert set(ev) >= {"doc_id", "idx", "lang", "text", "start", "end"}
            assert ev["text"]
    json.dumps(events, ensure_ascii=False)
    dated = [e["date"] for e in events if e["date"] and not e["date"].startswith("X")]
    assert dated == sorted(dated, reverse=True)  # newest first


def test_filters(store: SQLiteStore) -> None:
    shoigu = list_events(store, entity="per:sergei-shoigu", limit=500)
    assert shoigu and all(
        "per:sergei-shoigu" in {p["id"] for p in e["actors"] + e["recipients"]} for e in shoigu
    )
    accusations = list_events(store, type="accuse", limit=500)
    assert accusations and {e["type"] for e in accusations} == {"ACCUSE"}
    in_2023 = list_events(store, since="2023-01-01", until="2023-12", limit=500)
    assert in_2023 and all(e["date"].startswith("2023") for e in in_2023)
    doc_id = shoigu[0]["documents"][0]
    assert all(doc_id in e["documents"] for e in list_events(store, doc_id=doc_id[:8], limit=500))
    page = list_events(store, limit=2, offset=1)
    assert [e["id"] for e in page] == [e["id"] for e in list_events(store, limit=3)][1:]
    assert get_event(store, shoigu[0]["id"]) == shoigu[0]
    assert get_event(store, "ev-nope") is None


def test_claims(store: SQLiteStore) -> None:
    claims = list_claims(store, limit=500)
    assert claims and all(set(c) >= CLAIM_KEYS for c in claims)
    denials = list_claims(store, stance="deny", limit=500)
    assert denials and all(c["answers"] for c in denials)
    by_kcna = list_claims(store, entity="org:kcna", limit=500)
    assert by_kcna and all(
        "org:kcna"
        in {(c["speaker"] or {}).get("id"), (c["reporter"] or {}).get("id"), (c["target"] or {}).get("id")}
        for c in by_kcna
    )
    json.dumps(claims, ensure_ascii=False)


def test_dyad_counts(store: SQLiteStore) -> None:
    rows = dyad_counts(store, "loc:russia", "loc:north-korea")
    assert rows and all(set(r) == {"month", "quad", "count"} for r in rows)
    months = {r["month"] for r in rows}
    assert {"2024-06", "2024-09", "2024-11"} <= months
    assert rows == dyad_counts(store, "loc:north-korea", "loc:russia")


def test_events_tsv(store: SQLiteStore, tmp_path: Path) -> None:
    buffer = io.StringIO()
    n = write_events_tsv(store, buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue()), delimiter="\t"))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert n == len(rows) - 1 == store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert all(len(r) == len(EVENT_COLUMNS) for r in rows)
    col = {name: i for i, name in enumerate(EVENT_COLUMNS)}
    treaty = [
        r
        for r in rows[1:]
        if r[col["type"]] == "AGREE" and r[col["mode"]] == "sign" and int(r[col["n_documents"]]) >= 3
    ]
    assert treaty and "loc:russia" in treaty[0][col["actor_countries"]]
    # The happening column: every event names its happening, and the events of the Pyongyang
    # meeting of 2024-09-13 name one happening (the one the happenings view lists).
    from khabar.views.happenings import get_happening

    assert EVENT_COLUMNS[-1] == "happening"
    assert all(r[col["happening"]].startswith("hp-") for r in rows[1:])
    pyongyang = {
        r[col["happening"]]
        for r in rows[1:]
        if r[col["date"]] == "2024-09-13" and r[col["place_id"]] == "loc:pyongyang"
    }
    assert len(pyongyang) == 1
    happening = get_happening(store, pyongyang.pop())
    assert happening is not None and len(happening["documents"]) == 2
    events = {r[col["event_id"]] for r in rows[1:] if r[col["happening"]] == happening["id"]}
    assert events == {e["id"] for e in happening["events"]}
