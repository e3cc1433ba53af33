"""The batch forms the clusterer reads and updates stories with give what the per-document forms gave."""

from __future__ import annotations

import json
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from khabar.dates import sort_key
from khabar.store.stories import SQLiteStoryTables
from khabar.stories.cluster import _add_date
from khabar.stories.index import rank_candidates
from khabar.stories.record import StoryRecord

STORY_IDS = st.sampled_from([f"ep-{c}" for c in "abcdefghijklmnop"])
KEYS = st.sampled_from([f"2024-0{m}|e{e}" for m in range(1, 4) for e in range(6)])
DATES = st.sampled_from(["2024-09-13", "2024-09-11", "2024-09", "XXXX-09-12", "2023-01-02", "2024-09-14"])


@given(st.sets(st.tuples(KEYS, STORY_IDS), max_size=60), st.lists(KEYS, min_size=1, max_size=8, unique=True))
def test_rank_candidates_orders_as_the_sql_lookup(rows: set[tuple[str, str]], keys: list[str]) -> None:
    """Most keys first, ties by id, at most ``limit``: the SQL GROUP BY ... ORDER BY count(*) DESC, id."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE story_index (key TEXT, story_id TEXT, PRIMARY KEY (key, story_id)) WITHOUT ROWID"
    )
    conn.executemany("INSERT INTO story_index VALUES (?,?)", sorted(rows))
    tables = SQLiteStoryTables(conn)
    index = tables.index_entries(keys)
    for limit in (1, 3, 12):
        assert rank_candidates(index, keys, limit) == tables.candidates(keys, limit)


@given(st.lists(DATES, min_size=1, max_size=12))
def test_span_and_main_day_kept_up_to_date(values: list[str]) -> None:
    """Adding dates one at a time gives the span and most frequent day of the whole list."""
    story = StoryRecord(id="ep-x", level="episode")
    story.data = {}
    for value in values:
        _add_date(story, value)
    counts = story.data["dates"]
    ordered = sorted(counts, key=sort_key)
    assert (story.start, story.end) == (ordered[0], ordered[-1])
    assert story.data["date"] == sorted(counts.items(), key=lambda kv: (-kv[1], sort_key(kv[0])))[0][0]


def test_story_json_is_read_when_first_used() -> None:
    story = StoryRecord(
        id="th-x", level="thread", raw_data=json.dumps({"documents": 2, "states": {"loc:russia": 1.0}})
    )
    assert story.data["documents"] == 2
    story.data["documents"] = 3
    assert story.data == {"documents": 3, "states": {"loc:russia": 1.0}}
    assert story.raw_data is None
