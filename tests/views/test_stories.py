"""Story read functions (the contract the HTTP API and web UI code against) and story writes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from khabar.kb import load_kb
from khabar.store.sqlite import SQLiteStore
from khabar.stories.cluster import Clusterer
from khabar.views.documents import with_links
from khabar.views.stories import get_story, list_stories, story_of
from tests.stories.helpers import TRADE, VISIT, news

SUMMARY_KEYS = {
    "id",
    "level",
    "parent",
    "title",
    "start",
    "end",
    "documents",
    "languages",
    "outlets",
    "entities",
}


@pytest.fixture
def store() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    docs = [
        news("a", VISIT, "2024-09-13", title="visit"),
        news("b", VISIT, "2024-09-14", lang="hi", title="यात्रा"),
        news("c", TRADE, "2025-03-11", lang="en", title="trade deal"),
    ]
    store.put_batch(docs)
    with store.transaction():
        Clusterer(store, load_kb(), today=date(2026, 1, 1)).run(docs)
    return store


def ids(store: SQLiteStore) -> dict[str, str]:
    return {uri[6:]: i for i, uri in store.conn.execute("SELECT id, uri FROM documents")}


def test_list_stories_is_json_safe_and_most_recent_first(store: SQLiteStore) -> None:
    rows = list_stories(store)
    assert len(rows) == 4  # two episodes, two threads
    assert all(set(r) >= SUMMARY_KEYS for r in rows)
    json.dumps(rows)
    assert rows[0]["end"] == "2025-03-11"
    threads = list_stories(store, level="thread")
    assert [t["level"] for t in threads] == ["thread", "thread"]
    assert list_stories(store, level="thread", limit=1, offset=1) == threads[1:]
    visit = threads[1]
    assert visit["documents"] == 2 and sorted(visit["languages"]) == ["hi", "ur"]
    top = {e["id"]: e for e in visit["entities"]}
    assert top["per:sergei-shoigu"] == {"id": "per:sergei-shoigu", "name": "Sergei Shoigu", "documents": 2}
    trade = list_stories(store, entity="u:srmdn")
    assert {t["level"] for t in trade} == {"episode", "thread"}
    names = {e["id"]: e["name"] for e in trade[0]["entities"]}
    assert names["u:srmdn"] == "body"  # an unlinked name shows as written
    assert list_stories(store, entity="per:nobody") == []


def test_get_story_documents_episodes_events_and_timeline(store: SQLiteStore) -> None:
    doc = ids(store)
    owner = story_of(store, doc["a"])
    assert owner is not None and owner["episode"] and owner["thread"]
    episode = owner["episode"]
    assert episode["parent"] == owner["thread"]["id"]
    # Merged events (owner: events) appear once their tables are filled.
    store.conn.execute(
        "INSERT INTO events(id, type, mode, date, precision, place, data, added) VALUES (?,?,?,?,?,?,?,?)",
        ("ev1", "CONSULT", "visit", "2024-09-13", "day", "loc:pyongyang", "{}", "2026-01-01"),
    )
    store.conn.execute("INSERT INTO event_mentions(event_id, doc_id, idx) VALUES ('ev1', ?, 0)", (doc["a"],))
    story = get_story(store, episode["id"][:6])  # a unique prefix works
    assert story is not None and story["id"] == episode["id"]
    assert [d["title"] for d in story["documents"]] == ["visit", "यात्रा"]
    assert set(story["documents"][0]) >= {"id", "title", "lang", "published", "outlet", "url"}
    assert story["events"] == ["ev1"]
    assert story["episodes"] == []
    timeline = story["timeline"]
    assert [(i["date"], i["kind"]) for i in timeline] == [
        ("2024-09-13", "event"),
        ("2024-09-13", "document"),
        ("2024-09-14", "document"),
    ]
    assert timeline[0]["label"] == "CONSULT visit"
    thread = get_story(store, owner["thread"]["id"])
    assert thread is not None and [e["id"] for e in thread["episodes"]] == [episode["id"]]
    assert thread["timeline"][0]["kind"] == "episode"
    json.dumps(thread)


def test_missing_story_and_reset(store: SQLiteStore) -> None:
    assert get_story(store, "no-such-story") is None
    assert get_story(store, "") is None  # a prefix matching every story is not unique
    assert story_of(store, "0000000000000000") is None
    with store.transaction():
        assert store.stories.reset() == 4
    assert list_stories(store) == []
    doc = store.get(ids(store)["a"])
    assert doc is not None and with_links(store, doc).story is None
    assert store.stories.episode_of(doc.id) is None
