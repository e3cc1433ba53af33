"""``kill -9`` at deterministic points of a real ``khabar ingest``, then the same command again,
gives what an uninterrupted run gives (issue 16): no ``khabar relink``, nothing left pending.

Each killed run is the real command line in a subprocess (``tests/support/kill9.py``) that
``SIGKILL``s itself on the N-th call of one seam of the ingest job: no exception is raised and
no ``finally`` block, commit or rollback runs after it. ``test_resume.py`` covers the same
ground in-process; this one proves the state a real kill leaves is the one it simulates.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [str(ROOT / "examples" / "text"), str(ROOT / "examples" / "html")]  # 12 documents, 3 batches
LINKS = "events,duplicates,stories,happenings"
#: What is compared: the rows that say what was stored and linked (a key of each row, so a
#: document linked twice or to another story is seen, not only a count that happens to match).
TABLES = {
    "documents": "SELECT id FROM documents",
    "rejects": "SELECT id FROM rejects",
    "event_mentions": "SELECT event_id, doc_id, idx FROM event_mentions",
    "events": "SELECT id FROM events",
    "doc_links": "SELECT doc_id, other_id, kind FROM doc_links",
    "story_documents": "SELECT story_id, doc_id FROM story_documents",
    "stories": "SELECT id FROM stories",
    "happenings": "SELECT id FROM happenings",
    "happening_events": "SELECT event_id, happening_id FROM happening_events",
    "link_failures": "SELECT doc_id, linker FROM link_failures",
    "link_pending": "SELECT doc_id FROM link_pending",
}


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("KHABAR_CONFIG", None)
    env.update(KHABAR_BATCH_SIZE="4", KHABAR_LINKS=LINKS)
    return env


def _ingest(db: Path, point: str = "none", n: int = 0) -> subprocess.CompletedProcess[str]:
    """``khabar ingest CORPUS --db db``, killed at the ``n``-th call of ``point``."""
    command = [sys.executable, "-m", "tests.support.kill9", point, str(n), "ingest", *CORPUS, "--db", str(db)]
    # The hang guard also proves the extraction worker ended with its parent: it holds the same
    # stdout, and the output is complete only when every holder closed it.
    return subprocess.run(command, env=_env(), cwd=ROOT, capture_output=True, text=True, timeout=300)


def _state(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {name: sorted(conn.execute(sql).fetchall()) for name, sql in TABLES.items()}
    finally:
        conn.close()


def _counts(state: dict[str, list[tuple[object, ...]]]) -> dict[str, int]:
    return {name: len(rows) for name, rows in state.items()}


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[object, ...]]]:
    db = tmp_path_factory.mktemp("whole") / "k.db"
    done = _ingest(db)
    assert done.returncode == 0, done.stdout + done.stderr
    state = _state(db)
    counts = _counts(state)
    # The corpus exercises every linker, so a lost or repeated link would show.
    assert counts["documents"] == 12 and counts["link_pending"] == 0 and counts["link_failures"] == 0
    assert all(counts[t] for t in ("event_mentions", "events", "doc_links", "story_documents", "happenings"))
    return state


#: (point, n): kill at the n-th call of the point (tests/support/kill9.py POINTS says what each is).
KILLS = [
    ("committed", 1),  # the first batch committed, nothing linked
    ("committed", 2),  # the second batch committed; the first fully linked
    ("before_linkers", 3),  # the last batch committed, its linkers not begun
    ("before_stories", 2),  # mid-linkers: events (and duplicates) of batch 2 committed, stories not
    ("inside_events", 1),  # inside the events linker's open transaction
    ("before_links_done", 2),  # every linker of batch 2 committed, its pending marks still set
]


@pytest.mark.parametrize(("point", "n"), KILLS, ids=[f"{p}-{n}" for p, n in KILLS])
def test_a_killed_ingest_run_again_equals_an_uninterrupted_one(
    tmp_path: Path, uninterrupted: dict[str, list[tuple[object, ...]]], point: str, n: int
) -> None:
    db = tmp_path / "k.db"
    killed = _ingest(db, point, n)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert "read " not in killed.stdout  # it died in the run, before its summary
    left = _counts(_state(db))
    assert 0 < left["documents"] <= 12
    assert left["link_pending"] > 0  # the killed batch's marks survived the kill

    again = _ingest(db)
    assert again.returncode == 0, again.stdout + again.stderr
    stored = left["documents"]
    assert f"{12 - stored} stored, {stored} already stored" in again.stdout
    after = _state(db)
    assert _counts(after) == _counts(uninterrupted)
    assert after == uninterrupted


def test_a_run_killed_twice_still_ends_where_an_uninterrupted_one_does(
    tmp_path: Path, uninterrupted: dict[str, list[tuple[object, ...]]]
) -> None:
    """The second run is killed too, while it finishes the first run's pending links."""
    db = tmp_path / "k.db"
    assert _ingest(db, "before_linkers", 2).returncode == -signal.SIGKILL
    # The second run's first stories call is for the pending batch (finish_pending_links).
    assert _ingest(db, "before_stories", 1).returncode == -signal.SIGKILL
    assert _counts(_state(db))["link_pending"] > 0
    again = _ingest(db)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _state(db) == uninterrupted
