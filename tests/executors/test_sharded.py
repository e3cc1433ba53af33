"""Sharded ingest (``--executor local|ray``) against a single-process ingest of the same input:
the same documents in the same order, the same events, links and stories; a killed run re-run
does only the shards not done; a failing shard is retried, then recorded as failed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from khabar.config import Config
from khabar.executors import ingest_sharded
from khabar.executors.work import FAIL_SHARDS_ENV
from khabar.ingest import read_paths
from khabar.ingest.shards import plan_shards, read_shard
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from tests.conftest import SHARED
from tests.support.warc_corpus import build_warc

ROOT = Path(__file__).resolve().parents[2]
#: Linkers without the embedding step of translation matching (slow); all three still run.
LINKS = ("events", "duplicates", "stories")


def _config(db: Path) -> Config:
    return Config(db=db, links=LINKS, batch_size=7)


def _summary(db: Path) -> dict[str, object]:
    """What a run leaves: documents in storage order, rejects, events, links and stories."""
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")],
            "rejects": sorted(r[0] for r in conn.execute("SELECT id FROM rejects")),
            "events": one("SELECT count(*) FROM events"),
            "links": sorted(conn.execute("SELECT doc_id, other_id, kind FROM doc_links").fetchall()),
            "stories": one("SELECT count(*) FROM stories"),
            "story_documents": one("SELECT count(*) FROM story_documents"),
            "pending": one("SELECT count(*) FROM link_pending"),
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed texts beside a small WARC of evaluation pages and COUNTER pages."""
    folder = tmp_path_factory.mktemp("corpus")
    build_warc(folder / "pages.warc.gz", pages=12, counter=24)
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("single") / "k.db"
    store = SQLiteStore(db)
    ingest([str(corpus)], store, _config(db))
    store.close()
    return _summary(db)


def test_shards_read_as_the_whole_input(corpus: Path) -> None:
    shards = plan_shards([str(corpus)], shard_size=5)
    assert len({s.id for s in shards}) == len(shards)
    assert [d.id for s in shards for d in read_shard(s)] == [d.id for d in read_paths([str(corpus)])]
    assert [s.id for s in plan_shards([str(corpus)], shard_size=5)] == [s.id for s in shards]
    ranged = [u for s in shards for u in s.units if u.kind == "warc"]
    assert len(ranged) == 8 and all(u.offset is not None for u in ranged)


def test_jsonl_line_ranges_read_as_the_whole_file(tmp_path: Path) -> None:
    lines = [f'{{"text": "item {n} of the feed", "url": "https://x.example/{n}"}}' for n in range(23)]
    lines[4], lines[9] = "", "not json"
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    shards = plan_shards([str(path)], shard_size=6)
    assert len(shards) == 4
    assert [d.id for s in shards for d in read_shard(s)] == [d.id for d in read_paths([str(path)])]


def test_local_executor_stores_what_one_process_stores(
    corpus: Path, single: dict[str, object], tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    store = SQLiteStore(db)
    report = ingest_sharded(
        [str(corpus)], store, _config(db), partial(SQLiteStore, db), executor="local", workers=2, shard_size=4
    )
    rows = store.shards.rows(report.run_key)
    store.close()
    assert report.done == report.shards == len(rows) and not report.failed
    assert {r.state for r in rows} == {"done"} and {r.attempts for r in rows} == {1}
    assert _summary(db) == single
    assert single["events"] and single["links"] and single["stories"]  # the comparison means something


def test_ray_executor_stores_what_one_process_stores(
    corpus: Path, single: dict[str, object], tmp_path: Path
) -> None:
    """One real Ray runtime (about 10-20 s to start on the 2-core test machine)."""
    db = tmp_path / "k.db"
    store = SQLiteStore(db)
    report = ingest_sharded(
        [str(corpus)], store, _config(db), partial(SQLiteStore, db), executor="ray", workers=2, shard_size=6
    )
    store.close()
    assert report.done == report.shards and not report.failed
    assert _summary(db) == single


def test_failing_shard_is_retried_then_recorded(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FAIL_SHARDS_ENV, "2")
    db = tmp_path / "k.db"
    store = SQLiteStore(db)
    config = _config(db)
    opener = partial(SQLiteStore, db)
    report = ingest_sharded([str(corpus)], store, config, opener, workers=2, shard_size=4, retries=2)
    rows = {r.position: r for r in store.shards.rows(report.run_key)}
    assert rows[2].state == "failed" and rows[2].attempts == 3 and "on purpose" in (rows[2].error or "")
    assert [label for label in report.failed] == [rows[2].label]
    assert all(r.state == "done" and r.attempts == 1 for p, r in rows.items() if p != 2)
    # The next run tries the failed shard again, and only that one.
    monkeypatch.delenv(FAIL_SHARDS_ENV)
    again = ingest_sharded([str(corpus)], store, config, opener, workers=2, shard_size=4)
    rows = {r.position: r for r in store.shards.rows(report.run_key)}
    store.close()
    assert again.done == 1 and again.done_before == report.shards - 1 and not again.failed
    assert rows[2].state == "done" and rows[2].attempts == 4 and rows[2].run_id == again.run_id
    assert all(r.run_id == report.run_id for p, r in rows.items() if p != 2)


def test_killed_run_resumes_with_the_shards_not_done(
    corpus: Path, single: dict[str, object], tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    command = [sys.executable, "-m", "khabar", "ingest", str(corpus), "--db", str(db)]
    command += ["--executor", "local", "--workers", "2", "--shard-size", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KHABAR_LINKS": ",".join(LINKS)}
    env |= {"KHABAR_BATCH_SIZE": "7", "KHABAR_CONFIG": str(tmp_path / "none.toml")}
    process = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        done = _done_shards(db)
        if done >= 3:
            os.killpg(process.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    process.wait()
    assert done >= 3, "the run ended before it could be killed"
    first = {r[0]: r[1:] for r in _ledger(db)}
    killed_done = {k for k, (state, _a, _r) in first.items() if state == "done"}
    assert killed_done and len(killed_done) < len(first)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    second = {r[0]: r[1:] for r in _ledger(db)}
    assert {state for state, _a, _r in second.values()} == {"done"}
    (first_run,) = {first[k][2] for k in killed_done}
    for shard_id, (_state, attempts, run_id) in second.items():
        if shard_id in killed_done:  # not done again
            assert (attempts, run_id) == (1, first_run)
        else:
            assert run_id != first_run
    summary = _summary(db)
    assert summary["pending"] == 0
    documents = summary["documents"]
    assert isinstance(documents, list) and len(documents) == len(set(documents))
    assert set(documents) == set(single["documents"])  # type: ignore[call-overload]
    assert summary["rejects"] == single["rejects"]


def _done_shards(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=0.2)
        try:
            return conn.execute("SELECT count(*) FROM shard_ledger WHERE state = 'done'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _ledger(db: Path) -> list[tuple[str, str, int, int]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT shard_id, state, attempts, run_id FROM shard_ledger").fetchall()
    finally:
        conn.close()
