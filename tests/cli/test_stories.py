"""``khabar stories``, ``khabar story`` and ``khabar relink`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.store.sqlite import SQLiteStore
from tests.conftest import SHARED, khabar


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories_cli") / "seeds.db"
    code, output = khabar("ingest", str(SHARED / "seeds"), "--db", str(db))
    assert code == 0, output
    return db


def _thread_id(db: Path) -> str:
    with SQLiteStore(db) as store:
        return str(store.conn.execute("SELECT id FROM stories WHERE level = 'thread'").fetchone()[0])


def test_stories_lists_the_thread_with_dated_episodes(seeds_db: Path) -> None:
    code, output = khabar("stories", "--db", str(seeds_db))
    assert code == 0, output
    assert "4 episodes" in output and "روس – شمالی کوریا" in output
    dates = [line.split()[1] for line in output.splitlines() if line.strip().startswith("·")]
    assert dates == ["2023-09-13", "2024-09-13", "2024-11-29", "2025-06-17"]
    code, output = khabar(
        "stories", "--level", "episode", "--entity", "शोइगु", "--json", "--db", str(seeds_db)
    )
    assert code == 0, output
    assert sorted(s["start"] for s in json.loads(output)) == ["2024-09-13", "2025-06-17"]
    code, output = khabar("stories", "--level", "nonsense", "--db", str(seeds_db))
    assert code == 2 and "unknown level" in output


def test_story_shows_a_timeline(seeds_db: Path) -> None:
    thread = _thread_id(seeds_db)
    code, output = khabar("story", thread[:8], "--db", str(seeds_db))
    assert code == 0, output
    assert "timeline" in output and "2023-09-13 → 2025-06-17" in output
    assert output.count(" episode ") == 4
    assert "003_163c5ec9996d9a74.txt" in output  # where each document came from
    code, output = khabar("story", thread, "--json", "--db", str(seeds_db))
    story = json.loads(output)
    assert story["id"] == thread and len(story["documents"]) == 5
    with SQLiteStore(seeds_db) as store:
        doc_id = store.conn.execute("SELECT id FROM documents LIMIT 1").fetchone()[0]
    code, output = khabar("story", doc_id, "--db", str(seeds_db))  # a document id shows its thread
    assert code == 0 and thread in output
    code, output = khabar("story", "nope", "--db", str(seeds_db))
    assert code == 1 and "no story" in output


def test_relink_rebuilds_the_same_stories(seeds_db: Path) -> None:
    before = _thread_id(seeds_db)
    code, output = khabar("relink", "--db", str(seeds_db))
    assert code == 0, output
    assert "stories: documents 5, episodes 4, threads 1" in output
    assert _thread_id(seeds_db) == before
