"""Stores lent per request (khabar.store.reuse): reused while idle (from any thread), never lent
twice at once, not kept with a write left open, and opened again when the file at the path is
another file."""

from __future__ import annotations

import threading
from pathlib import Path

from khabar.store.reuse import StorePool
from khabar.store.sqlite import SQLiteStore
from tests.store.test_search_cost import _doc


def test_a_thread_gets_its_idle_store_back(tmp_path: Path) -> None:
    stores = StorePool()
    db = tmp_path / "k.db"
    with stores.lend(db) as first:
        pass
    with stores.lend(db) as second:
        assert second is first
        assert second.stats()["documents"] == 0  # still open
    stores.close()


def test_a_nested_borrow_gets_another_store_and_closes_it(tmp_path: Path) -> None:
    stores = StorePool()
    db = tmp_path / "k.db"
    with stores.lend(db) as outer, stores.lend(db) as inner:
        assert inner is not outer
    with stores.lend(db) as again:
        assert again in (outer, inner)
        assert again.stats()["documents"] == 0
    stores.close()


def test_another_thread_gets_the_idle_store_and_two_at_once_get_two(tmp_path: Path) -> None:
    stores = StorePool()
    db = tmp_path / "k.db"
    with stores.lend(db) as mine:
        pass
    seen: list[object] = []
    both = threading.Barrier(2)

    def borrow() -> None:
        with stores.lend(db) as theirs:
            seen.append(theirs)
            theirs.stats()  # usable from this thread
            both.wait(timeout=10)  # both borrowers hold a store at once

    workers = [threading.Thread(target=borrow) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(seen) == 2 and seen[0] is not seen[1]
    assert mine in seen  # the idle one went to one of them
    stores.close()


def test_no_more_than_idle_stores_are_kept(tmp_path: Path) -> None:
    stores = StorePool(idle=1)
    db = tmp_path / "k.db"
    with stores.lend(db) as first, stores.lend(db) as second:
        assert first is not second
    with stores.lend(db) as kept, stores.lend(db) as fresh:
        # second went back first and was kept; first found the pool full and was closed
        assert kept is second and fresh is not first
    stores.close()


def test_a_store_left_in_a_write_is_not_kept(tmp_path: Path) -> None:
    stores = StorePool()
    db = tmp_path / "k.db"
    with stores.lend(db) as store:
        assert isinstance(store, SQLiteStore)
        store.conn.execute("BEGIN IMMEDIATE")
    with stores.lend(db) as fresh:
        assert fresh is not store
        assert isinstance(fresh, SQLiteStore) and not fresh.conn.in_transaction
    stores.close()


def test_a_file_made_again_at_the_path_is_opened_again(tmp_path: Path) -> None:
    stores = StorePool()
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
    stores = StorePool()
    db = tmp_path / "k.db"
    with stores.lend(db) as store:
        assert store.stats()["runs"] == 0
    with SQLiteStore(db) as other:
        other.start_run("elsewhere")
    with stores.lend(db) as store:
        assert store.stats()["runs"] == 1
    stores.close()


def test_the_lent_stores_share_answers_that_go_stale_with_any_write(tmp_path: Path) -> None:
    stores = StorePool()
    db = tmp_path / "k.db"
    with stores.lend(db) as a, stores.lend(db) as b:
        a.put(_doc(1, "news1.example"))
        assert len(a.search("خبر")) == 1
        seen: list[str] = []
        assert isinstance(b, SQLiteStore)
        b.conn.set_trace_callback(seen.append)
        assert len(b.search("خبر")) == 1
        assert not any("docs_fts" in s for s in seen)  # a's answer, not searched again
        b.put(_doc(2, "news1.example"))  # b writes: a's next answer is new
        assert len(a.search("خبر")) == 2
        b.conn.set_trace_callback(None)
    with SQLiteStore(db) as other:  # another process, say
        other.put(_doc(3, "news1.example"))
    with stores.lend(db) as c:
        assert len(c.search("خبر")) == 3
    stores.close()
