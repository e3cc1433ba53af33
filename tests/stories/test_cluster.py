"""The story clusterer on hand-built documents: episodes, threads, links, incrementality."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.document import Document
from khabar.kb import load_kb
from khabar.store.sqlite import SQLiteStore
from khabar.stories.cluster import Clusterer, date_factor, link_stories
from khabar.views.documents import with_links
from khabar.views.stories import get_story, list_stories, story_of
from tests.stories.helpers import TRADE, VISIT, news

OTHER_VISIT = {
    "per:andrei-belousov": 3,
    "per:no-kwang-chol": 1,
    "loc:pyongyang": 2,
    "loc:russia": 2,
    "loc:north-korea": 3,
}


@pytest.fixture
def store() -> SQLiteStore:
    return SQLiteStore(":memory:")


def cluster(store: SQLiteStore, docs: list[Document]) -> dict[str, int]:
    store.put_batch(docs)
    with store.transaction():
        return Clusterer(store, load_kb(), today=date(2026, 1, 1)).run(docs)


def episode_of(store: SQLiteStore, doc: Document) -> str:
    owner = story_of(store, doc.id)
    assert owner is not None and owner["episode"] is not None
    return str(owner["episode"]["id"])


def thread_of(store: SQLiteStore, doc: Document) -> str:
    owner = story_of(store, doc.id)
    assert owner is not None and owner["thread"] is not None
    return str(owner["thread"]["id"])


def test_same_happening_is_one_episode_across_languages(store: SQLiteStore) -> None:
    ur = news("ur", VISIT, "2024-09-13", lang="ur", title="شوئیگو پیانگ یانگ میں")
    hi = news("hi", VISIT, "2024-09-14", lang="hi", title="शोइगु प्योंगयांग में")
    counts = cluster(store, [ur, hi])
    assert counts["documents"] == 2 and counts["episodes"] == 1 and counts["threads"] == 1
    assert episode_of(store, ur) == episode_of(store, hi)
    episode = get_story(store, episode_of(store, ur))
    assert episode is not None
    assert episode["title"] == {"ur": "شوئیگو پیانگ یانگ میں", "hi": "शोइगु प्योंगयांग में"}
    assert (episode["start"], episode["end"]) == ("2024-09-13", "2024-09-14")
    assert sorted(episode["languages"]) == ["hi", "ur"]
    assert ur.story == episode["id"]
    # The story lives once, in the story tables: the stored document does not hold it, the
    # export composes it.
    stored = store.get(ur.id)
    assert stored is not None and stored.story is None
    assert with_links(store, stored).story == episode["id"]
    assert store.stories.episode_of(ur.id) == episode["id"]


def test_months_apart_are_episodes_of_one_thread(store: SQLiteStore) -> None:
    first = news("a", VISIT, "2024-09-13")
    second = news("b", OTHER_VISIT, "2024-11-29")
    third = news("c", VISIT, "2025-06-17")
    cluster(store, [third, first, second])  # out of order on purpose
    episodes = {episode_of(store, d) for d in (first, second, third)}
    assert len(episodes) == 3
    assert len({thread_of(store, d) for d in (first, second, third)}) == 1
    thread = get_story(store, thread_of(store, first))
    assert thread is not None and thread["level"] == "thread" and len(thread["episodes"]) == 3
    assert [e["start"] for e in thread["episodes"]] == ["2024-09-13", "2024-11-29", "2025-06-17"]
    assert set(thread["title"]["ur"].split(" – ")) == {"روس", "شمالی کوریا"}
    kinds = [i["kind"] for i in thread["timeline"]]
    assert kinds.count("episode") == 3 and kinds.count("document") == 3


def test_unrelated_story_gets_its_own_thread(store: SQLiteStore) -> None:
    visit = news("a", VISIT, "2025-03-11")
    trade = news("b", TRADE, "2025-03-11")
    cluster(store, [visit, trade])
    assert episode_of(store, visit) != episode_of(store, trade)
    assert thread_of(store, visit) != thread_of(store, trade)


def test_shared_countries_alone_do_not_make_an_episode(store: SQLiteStore) -> None:
    a = news("a", {"loc:russia": 3, "loc:north-korea": 3, "per:sergei-shoigu": 1}, "2024-09-13")
    b = news("b", {"loc:russia": 3, "loc:north-korea": 3, "per:andrei-belousov": 1}, "2024-09-13")
    cluster(store, [a, b])
    assert episode_of(store, a) != episode_of(store, b)


def test_incremental_batches_extend_stored_stories(store: SQLiteStore) -> None:
    a = news("a", VISIT, "2024-09-13")
    cluster(store, [a])
    b = news("b", VISIT, "2024-09-15", lang="hi")
    counts = cluster(store, [b])
    assert counts["episodes"] == 0 and counts["threads"] == 0
    assert episode_of(store, a) == episode_of(store, b)
    again = cluster(store, [])
    assert again["documents"] == 0
    # Re-running the linker on stored documents changes nothing.
    with store.conn:
        assert link_stories(store, [a, b])["already"] == 2
    assert len(list_stories(store, level="episode")) == 1


def test_translation_link_joins_the_episode(store: SQLiteStore) -> None:
    a = news("a", VISIT, "2024-09-13")
    cluster(store, [a])
    b = news("b", {"u:xyz": 1}, None, lang="hi")  # nothing in common but the link
    store.put_batch([b])
    store.conn.execute(
        "INSERT INTO doc_links(doc_id, other_id, kind, score, evidence, added) VALUES (?,?,?,?,?,?)",
        (b.id, a.id, "translation_of", 0.9, "{}", "2026-01-01"),
    )
    with store.conn:
        counts = Clusterer(store, load_kb()).run([b])
    assert counts["by_link"] == 1
    assert episode_of(store, a) == episode_of(store, b)


def test_date_factor() -> None:
    assert date_factor("2024-09-14", "2024-09-13", "2024-09-13") == 1.0
    assert date_factor("2024-09-20", "2024-09-13", "2024-09-14") == 0.0
    assert date_factor("2024-09-10", "2024-09-11", "2024-09-18") == 1.0
    assert date_factor("2024-09-20", "2024-09-09", "2024-09-18") == 0.0  # would span more than allowed
    assert date_factor("XXXX-09-13", "2024-09-13", "2024-09-13") == 1.0
    assert date_factor("2024-09", "2024-09-13", "2024-09-13") == pytest.approx(0.8)
    assert date_factor("2024-10", "2024-09-13", "2024-09-13") == 0.0
    assert date_factor(None, "2024-09-13", "2024-09-13") == pytest.approx(0.7)


def test_event_types_weigh_in_but_are_not_entities(store: SQLiteStore) -> None:
    from khabar.document import Event
    from khabar.stories.profile import build_profile

    doc = news("a", VISIT, "2024-09-13")
    doc.events = [
        Event("ACCUSE", 0, 1, 0, 1),
        Event("ACCUSE", 0, 1, 0, 1),
        Event("AGREE", 0, 1, 0, 1, historical=True),
    ]
    profile = build_profile(doc, load_kb())
    assert "ev:ACCUSE" in profile.entities and "ev:AGREE" not in profile.entities
    assert "ev:ACCUSE" not in profile.anchors and "ev:ACCUSE" not in profile.states
    cluster(store, [doc])
    listed = list_stories(store, level="episode")[0]
    assert all(not e["id"].startswith("ev:") for e in listed["entities"])


def test_a_later_report_of_the_same_month_stays_in_the_thread(store: SQLiteStore) -> None:
    a = news("a", VISIT, "2024-09-13")
    b = news("b", {"per:sergei-shoigu": 2, "per:kim-jong-un": 1, "loc:pyongyang": 1}, "2024-09-28")
    cluster(store, [a, b])
    assert episode_of(store, a) != episode_of(store, b)
    assert thread_of(store, a) == thread_of(store, b)
