"""Story tables on SQLite: what they spell out of other packages, and lookups over many ids read in
parts giving what one statement gives."""

from __future__ import annotations

import sqlite3
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from khabar.dedup import kinds as link_kinds
from khabar.store import _sql
from khabar.store.stories import SAME_EPISODE_LINKS, SQLiteStoryTables

DOCS = [f"doc{i}" for i in range(8)]
EVENT_IDS = [f"ev-{c}" for c in "abcdefgh"]
EVENTS = st.dictionaries(
    st.sampled_from(EVENT_IDS),
    st.sampled_from([None, "2024-09-13", "2024-09-11", "2024-09", "XXXX-09-12", "2023-01-02"]),
    max_size=8,
)
MENTIONS = st.sets(st.tuples(st.sampled_from(EVENT_IDS), st.sampled_from(DOCS)), max_size=20)
ENTITIES = st.lists(
    st.tuples(
        st.sampled_from([f"ep-{c}" for c in "abcdef"]),
        st.sampled_from(["loc:russia", "per:shoigu", "org:un", "loc:iran"]),
        st.sampled_from([0.5, 1.0, 2.25, 3.0]),
    ),
    max_size=20,
    unique_by=lambda row: row[:2],
)


def test_same_episode_links_are_dedups_kinds() -> None:
    """The store spells these kinds itself (it may not import dedup): they must not drift."""
    assert SAME_EPISODE_LINKS == (link_kinds.DUPLICATE, link_kinds.NEAR_DUPLICATE, link_kinds.TRANSLATION)
    assert set(SAME_EPISODE_LINKS) <= set(link_kinds.KINDS)


def _events_tables(events: dict[str, str | None], mentions: set[tuple[str, str]]) -> SQLiteStoryTables:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT, mode TEXT, date TEXT, place TEXT)")
    conn.execute("CREATE TABLE event_mentions (event_id TEXT, doc_id TEXT, idx INTEGER)")
    conn.executemany(
        "INSERT INTO events VALUES (?,?,?,?,?)", [(e, "CONSULT", None, d, "x") for e, d in events.items()]
    )
    conn.executemany(
        "INSERT INTO event_mentions VALUES (?,?,?)", [(e, d, i) for i, (e, d) in enumerate(sorted(mentions))]
    )
    return SQLiteStoryTables(conn)


@given(EVENTS, MENTIONS, st.lists(st.sampled_from(DOCS), max_size=10))
def test_mentioned_events_in_parts_as_in_one_statement(
    events: dict[str, str | None], mentions: set[tuple[str, str]], doc_ids: list[str]
) -> None:
    tables = _events_tables(events, mentions)
    whole = tables.mentioned_events(doc_ids)
    with mock.patch.object(_sql, "CHUNK", 2):
        assert tables.mentioned_events(doc_ids) == whole
    dates = [(e["date"] is not None, e["date"] or "", e["id"]) for e in whole]
    assert dates == sorted(dates)  # undated first, then by date, then id
    assert len({e["id"] for e in whole}) == len(whole)


def test_mentioned_events_without_the_events_tables_is_empty() -> None:
    assert SQLiteStoryTables(sqlite3.connect(":memory:")).mentioned_events(["doc1"]) == []
    assert _events_tables({}, set()).mentioned_events([]) == []


@given(ENTITIES, st.lists(st.sampled_from([f"ep-{c}" for c in "abcdefg"]), max_size=8))
def test_entities_by_weight_in_parts_as_in_one_statement(
    rows: list[tuple[str, str, float]], ids: list[str]
) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE story_entities (story_id TEXT, entity TEXT, weight REAL, documents INTEGER,"
        " PRIMARY KEY (story_id, entity))"
    )
    conn.executemany("INSERT INTO story_entities VALUES (?,?,?,1)", rows)
    tables = SQLiteStoryTables(conn)
    whole = tables.entities_by_weight(ids)
    with mock.patch.object(_sql, "CHUNK", 2):
        parts = tables.entities_by_weight(ids)
    assert (
        sorted(parts)
        == sorted(whole)
        == sorted(r for r in conn.execute("SELECT * FROM story_entities") if r[0] in ids)
    )
    for story in set(ids):  # each story's centroid in the same order (what the views read)
        assert [r for r in parts if r.story_id == story] == [r for r in whole if r.story_id == story]
    assert [(-r.weight, r.entity) for r in parts] == sorted((-r.weight, r.entity) for r in parts)
