"""Done-when of issue #6 (stories): the five seed pages form one Russia–North Korea thread with
dated episodes in order, and the demo corpus forms its own story."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.config import Config
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from khabar.views.stories import get_story, list_stories, story_of
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    db = tmp_path_factory.mktemp("stories") / "stories.db"
    store = SQLiteStore(db)
    ingest([str(SEEDS), str(EXAMPLES)], store, Config(db=db))
    return store


def _seed_ids(store: SQLiteStore) -> dict[str, str]:
    return {
        Path(uri).name[:3]: doc_id
        for doc_id, uri in store.conn.execute(
            "SELECT id, uri FROM documents WHERE uri LIKE ?", (f"{SEEDS}%",)
        )
    }


def test_seeds_are_one_thread_with_dated_episodes_in_order(store: SQLiteStore) -> None:
    seeds = _seed_ids(store)
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    owners = {k: story_of(store, v) for k, v in seeds.items()}
    threads = {o["thread"]["id"] for o in owners.values() if o and o["thread"]}
    assert len(threads) == 1, owners
    thread = get_story(store, threads.pop())
    assert thread is not None
    assert {d["id"] for d in thread["documents"]} == set(seeds.values())  # nothing else joined
    episodes = thread["episodes"]
    months = [e["start"][:7] for e in episodes]
    assert months == ["2023-09", "2024-09", "2024-11", "2025-06"]
    # Which seed is in which episode: Vostochny 2023, Shoigu 2024 (Urdu + Hindi), Belousov, Shoigu 2025.
    episode = {k: o["episode"]["id"] for k, o in owners.items() if o and o["episode"]}
    assert [episode[k] for k in ("003", "000", "002", "004")] == [e["id"] for e in episodes]
    assert episode["000"] == episode["001"]
    assert sorted(episodes[1]["languages"]) == ["hi", "ur"]
    assert set(thread["title"]["ur"].split(" – ")) == {"روس", "شمالی کوریا"}
    assert set(thread["title"]["hi"].split(" – ")) == {"रूस", "उत्तर कोरिया"}
    # The timeline lists the episodes in date order, each before its documents.
    dated = [i for i in thread["timeline"] if i["kind"] == "episode"]
    assert [i["id"] for i in dated] == [e["id"] for e in episodes]


def test_the_demo_corpus_is_its_own_story(store: SQLiteStore) -> None:
    seeds = set(_seed_ids(store).values())
    demo = [
        doc_id
        for (doc_id,) in store.conn.execute("SELECT id FROM documents WHERE uri LIKE ?", (f"{EXAMPLES}%",))
    ]
    assert len(demo) == 17
    threads = {story_of(store, d)["thread"]["id"] for d in demo}  # type: ignore[index]
    assert len(threads) == 1
    thread = get_story(store, threads.pop())
    assert thread is not None
    assert not seeds & {d["id"] for d in thread["documents"]}
    assert sorted(thread["languages"]) == ["en", "hi", "ur"]
    assert thread["start"] == "2025-03-10" and thread["end"] == "2025-03-15"
    assert "Pakistan" in thread["title"]["en"]


def test_listing_and_entity_filter(store: SQLiteStore) -> None:
    threads = list_stories(store, level="thread")
    assert len(threads) == 2
    shoigu = list_stories(store, entity="per:sergei-shoigu")
    assert {s["level"] for s in shoigu} == {"episode", "thread"}
    assert len([s for s in shoigu if s["level"] == "episode"]) == 2  # September 2024 and June 2025
    for s in shoigu:
        assert any(e["id"] == "per:sergei-shoigu" for e in s["entities"]) or s["level"] == "thread"


def test_one_page_at_a_time_in_another_order_gives_the_same_stories(tmp_path: Path) -> None:
    db = tmp_path / "incremental.db"
    store = SQLiteStore(db)
    for name in ("004", "002", "000", "003", "001"):
        (page,) = SEEDS.glob(f"{name}_*.txt")
        ingest([str(page)], store, Config(db=db))
    seeds = _seed_ids(store)
    owners = {k: story_of(store, v) for k, v in seeds.items()}
    assert len({o["thread"]["id"] for o in owners.values() if o and o["thread"]}) == 1
    episodes = {k: o["episode"]["id"] for k, o in owners.items() if o and o["episode"]}
    assert len(set(episodes.values())) == 4 and episodes["000"] == episodes["001"]
    thread = get_story(store, owners["000"]["thread"]["id"])  # type: ignore[index]
    assert thread is not None
    assert [e["start"][:7] for e in thread["episodes"]] == ["2023-09", "2024-09", "2024-11", "2025-06"]
