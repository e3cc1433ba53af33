"""A run stopped between storing a batch and linking it is finished by the next ingest, and known
input is skipped before any stage runs.

The stop is made deterministic by raising from the linkers' entry point right after the first
batch was committed: the store's state is then exactly what ``kill -9`` at that moment leaves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from khabar import jobs
from khabar.config import Config, load_config
from khabar.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [str(ROOT / "examples" / "text"), str(ROOT / "examples" / "html")]


class Killed(BaseException):
    """Stands for the process dying: nothing after it runs."""


def _config(db: Path) -> Config:
    # Small batches, so the corpus takes several; without the semantic check (slow, not the point).
    return load_config(None, env={}, db=db, batch_size=4, links=("events", "stories"))


def _derived(db: Path) -> dict[str, Any]:
    with SQLiteStore(db) as store:
        count = store.conn.execute
        return {
            "documents": count("SELECT count(*) FROM documents").fetchone()[0],
            "event_mentions": count("SELECT count(*) FROM event_mentions").fetchone()[0],
            "events": count("SELECT count(*) FROM events").fetchone()[0],
            "story_documents": count("SELECT count(*) FROM story_documents").fetchone()[0],
            "stories": count("SELECT count(*) FROM stories").fetchone()[0],
            "pending": count("SELECT count(*) FROM link_pending").fetchone()[0],
        }


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("whole") / "k.db"
    with SQLiteStore(db) as store:
        jobs.ingest(CORPUS, store, _config(db))
    return _derived(db)


@pytest.mark.parametrize("stop_at_batch", [1, 2])
def test_a_run_killed_before_its_linkers_is_finished_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uninterrupted: dict[str, Any], stop_at_batch: int
) -> None:
    db = tmp_path / "k.db"
    calls = {"n": 0}
    real = jobs.run_linkers

    def dies_before_linking(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == stop_at_batch:
            raise Killed
        return real(*args)

    monkeypatch.setattr(jobs, "run_linkers", dies_before_linking)
    with SQLiteStore(db) as store, pytest.raises(Killed):
        jobs.ingest(CORPUS, store, _config(db))
    monkeypatch.setattr(jobs, "run_linkers", real)
    left = _derived(db)
    assert left["pending"] > 0 and left["documents"] < uninterrupted["documents"]

    with SQLiteStore(db) as store:
        report = jobs.ingest(CORPUS, store, _config(db))
    assert report.relinked == left["pending"]
    assert _derived(db) == uninterrupted  # without a khabar relink


def test_known_input_is_skipped_before_the_stages(tmp_path: Path, uninterrupted: dict[str, Any]) -> None:
    db = tmp_path / "k.db"
    with SQLiteStore(db) as store:
        first = jobs.ingest(CORPUS, store, _config(db))
        again = jobs.ingest(CORPUS, store, _config(db))
    assert first.stored == uninterrupted["documents"] + first.rejected
    assert again.read == first.read
    assert again.already_stored == first.stored - first.rejected
    processed = {name: counts.get("in", 0) for name, counts in again.stages.items()}
    assert sum(processed.values()) == first.rejected * len(processed)  # only the rejects run again
    assert _derived(db) == uninterrupted
