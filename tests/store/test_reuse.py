"""Stores lent per thread (khabar.store.reuse): reused while idle, never lent twice at once, not
kept with a write left open, and opened again when the file at the path is another file."""

from __future__ import annotations

import threading
from pathlib import Path

from khabar.store.reuse import ThreadStores
from khabar.store.sqlite import SQLiteStore


def test_a_thread_gets_its_idle_store_back(tmp_path: Path) -> None:
    stores = ThreadStores()
    db = tmp_path / "k.db"
    with stores.lend(db) as first:
        pass
    with stores.lend(db) as second:
        assert second is first
        assert second.stats()["documents"] == 0  # still open
    stores.close()


def test_a_nested_borrow_gets_another_store_and_closes_it(tmp_path: Path) -> None:
    stores = ThreadStores()
    db = tmp_path / "k.db"
    with stores.lend(db) as outer, stores.lend(db) as inner:
        assert inner is not outer
    with stores.lend(db) as again:
        assert again in (outer, inner)
        assert again.stats()["documents"] == 0
    stores.close()


def test_other_threads_get_their_own_store(tmp_path: Path) -> None:
    stores = ThreadStores()
    db = tmp_path / "k.db"
    with stores.lend(db) as mine:
        pass
    seen: list[object] = []

    def borrow() -> None:
        with stores.lend(db) as theirs:
            seen.append(theirs)
            theirs.stats()

    worker = threading.Thread(target=borrow)
    worker.start()
    worker.join()
    assert seen and seen[0] is not mine
    stores.close()


def test_a_store_left_in_a_write_is_not_kept(tmp_path: Path) -> None:
    stores = ThreadStores()
    db = tmp_path / "k.db"
    with stores.lend(db) as store:
        assert isinstance(store, SQLiteStore)
        store.conn.execute("BEGIN IMMEDIATE")
    with stores.lend(db) as fresh:
        assert fresh is not store
        assert isinstance(fresh, SQLiteStore) and not fresh.conn.in_transaction
    stores.close()


def test_a_file_made_again_at_the_path_is_opened_again(tmp_path: Path) -> None:
    stores = ThreadStores()
    db = tmp_path / "k.db"
    with stores.lend(db) as old:
        old.start_run("first")
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    SQLiteStore(db).close()
    with stores.lend(db) as new:
        assert new is not old
        assert new.stats()["runs"] == 0
    stores.close()


def test_writes_of_another_connection_are_seen(tmp_path: Path) -> None:
    stores = ThreadStores()
    db = tmp_path / "k.db"
    with stores.lend(db) as store:
        assert store.stats()["runs"] == 0
    with SQLiteStore(db) as other:
        other.start_run("elsewhere")
    with stores.lend(db) as store:
        assert store.stats()["runs"] == 1
    stores.close()
