"""Many writers, one store (issue 16, item 6): two ``khabar ingest`` processes of overlapping
inputs on one SQLite file, with four reader threads querying it, both exit 0 and every input is
stored exactly once, linked, in an intact database — run after run."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from khabar.document import Document, Source
from khabar.errors import StoreError
from khabar.store import _sql
from khabar.store.sqlite import SQLiteStore
from tests.support.writers import build_corpus, run_pair, store_check, writer_env

FILES = 60
RUNS = 5


def _reader(db: Path) -> None:
    """What a web request does: open the store, search, count, read a document, close."""
    with SQLiteStore(db) as store:
        hits = store.search("Pakistan", limit=5)
        store.stats()
        if hits:
            store.get(hits[0].id)


@pytest.mark.parametrize("run", range(RUNS))
def test_two_writers_and_four_readers_store_every_document_once(tmp_path: Path, run: int) -> None:
    folders = build_corpus(tmp_path / "in", FILES, seed=run)
    db = tmp_path / "shared.db"
    # The duplicates linker is left out: loading its sentence-embedding model takes ~30 s per
    # process; bench/concurrency.py runs every linker.
    result = run_pair(db, folders, env=writer_env(links="events,stories"), reader=lambda: _reader(db))
    assert result.exit_codes == [0, 0], "\n---\n".join(result.outputs)
    assert result.reader_errors == []
    assert result.reads > 0
    check = store_check(db)
    assert check["integrity"] == "ok"
    assert check["documents"] + check["rejects"] == FILES
    assert check["uris"] == FILES and check["both"] == 0
    # Each document was new to exactly one of the writers.
    assert sum(result.stored) == FILES, result.outputs
    # And that writer linked it: every event merged, every article in a story, no failures.
    assert check["event_mentions"] == check["event_annotations"]
    assert check["in_stories"] == check["articles"]
    assert check["link_failures"] == 0


def test_put_is_idempotent_across_connections(tmp_path: Path) -> None:
    """Two connections putting the same documents: each is new to exactly one of them."""
    db = tmp_path / "s.db"
    docs = [
        Document(source=Source(uri=f"mem://{i}", kind="txt"), raw=f"text {i}", text=f"text {i}")
        for i in range(40)
    ]
    for d in docs:
        d.lang, d.script, d.title = "en", "Latn", f"title {d.source.uri}"
    SQLiteStore(db).close()
    fresh: list[list[bool]] = []
    barrier = threading.Barrier(2)

    def put_all() -> None:
        with SQLiteStore(db) as store:
            barrier.wait()
            fresh.append([store.put(d) for d in docs])

    threads = [threading.Thread(target=put_all) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a != b for a, b in zip(*fresh, strict=True)] == [True] * len(docs)
    with SQLiteStore(db) as store:
        assert store.stats()["documents"] == len(docs)


def test_a_write_waits_for_another_writers_lock(tmp_path: Path) -> None:
    """A write transaction held by another connection delays a put; it does not fail it."""
    db = tmp_path / "s.db"
    SQLiteStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.5, holder.commit)
    released.start()
    doc = Document(source=Source(uri="mem://x", kind="txt"), raw="x y", text="x y")
    doc.lang, doc.script, doc.title = "en", "Latn", "x"
    with SQLiteStore(db, busy_timeout=10) as store:
        assert store.put(doc) is True
    released.join()
    holder.close()


def test_locked_after_the_busy_timeout_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no busy wait at all, the retry with backoff still gets the write through."""
    monkeypatch.setattr(_sql, "BACKOFF", 0.05)
    db = tmp_path / "s.db"
    SQLiteStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.3, holder.commit)
    released.start()
    doc = Document(source=Source(uri="mem://y", kind="txt"), raw="y z", text="y z")
    doc.lang, doc.script, doc.title = "en", "Latn", "y"
    with SQLiteStore(db, busy_timeout=0) as store:
        assert store.put_batch([doc]) == [True]
    released.join()
    holder.close()


def test_a_lock_that_never_comes_is_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sql, "RETRIES", 1)
    monkeypatch.setattr(_sql, "BACKOFF", 0.01)
    db = tmp_path / "s.db"
    SQLiteStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with (
        SQLiteStore(db, busy_timeout=0) as store,
        pytest.raises(StoreError, match="locked by another writer"),
    ):
        store.start_run("ingest x")
    holder.rollback()
    holder.close()


def test_busy_is_told_from_other_errors() -> None:
    assert _sql.is_busy(sqlite3.OperationalError("database is locked"))
    assert not _sql.is_busy(sqlite3.OperationalError("no such table: x"))
    assert not _sql.is_busy(sqlite3.IntegrityError("UNIQUE constraint failed: documents.id"))
