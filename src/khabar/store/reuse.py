"""SQLite stores kept open between requests and lent out to one request at a time.

Opening an SQLite store costs a connection, its pragmas, the schema check and, above all, a cold
page cache: on a 20,000-document store a search page spent more time reading pages back into a
new connection's cache than answering its queries. A server thread borrows an idle store for a
request and gives it back afterwards; the next request, on whichever thread, gets the store used
last (its cache the warmest), so a handful of stores serve any number of server threads.

A store is lent to one borrower at a time (a second borrow opens another one), not kept when a
write was left open in it, and not reused once the file at its path is another file (a store
deleted and created again at the same path). Other targets (a PostgreSQL address, ``:memory:``)
are opened and closed per borrow: the PostgreSQL store has its own pool of connections.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.config import is_store_url
from khabar.store._cache import ReadCache, watcher_version
from khabar.store.base import Store
from khabar.store.factory import open_store

if TYPE_CHECKING:
    from khabar.store.sqlite import SQLiteStore

#: Idle stores kept per file: more concurrent requests than this open (and close) their own.
IDLE = 16


def _identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, or None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class StorePool:
    """Idle SQLite stores by path, lent by :meth:`lend`, the most recently returned first; the
    stores of one file share their cache of search answers."""

    def __init__(self, idle: int = IDLE) -> None:
        """No store is open until the first :meth:`lend`; at most ``idle`` are kept per path."""
        self.idle = idle
        self._lock = threading.Lock()
        self._stores: dict[str, list[tuple[SQLiteStore, tuple[int, int] | None]]] = {}
        self._answers: dict[str, tuple[ReadCache, tuple[int, int] | None]] = {}

    @contextmanager
    def lend(self, target: str | Path) -> Iterator[Store]:
        """The store ``target`` names, for the ``with`` block: an idle one still on the file at
        that path, else a newly opened one."""
        key = str(target)
        if is_store_url(key) or key == ":memory:":
            other = open_store(target)
            try:
                yield other
            finally:
                other.close()
            return
        store, identity = self._take(key)
        try:
            yield store
        finally:
            self._give_back(key, store, identity)

    def _take(self, key: str) -> tuple[SQLiteStore, tuple[int, int] | None]:
        identity = _identity(key)
        stale: list[SQLiteStore] = []
        found = None
        with self._lock:
            idle = self._stores.get(key, [])
            while idle:
                store, seen = idle.pop()
                if seen == identity:
                    found = store
                    break
                stale.append(store)  # another file is at the path now
        for store in stale:
            store.close()
        if found is not None:
            return found, identity
        from khabar.store.sqlite import READ_CACHE, SQLiteStore  # on the first borrow (start-up time)

        store = SQLiteStore(key, any_thread=True)  # creates the file when missing
        identity = _identity(key)
        with self._lock:
            shared = self._answers.get(key)
            if shared is None or shared[1] != identity:
                shared = self._answers[key] = (ReadCache(watcher_version(key), READ_CACHE), identity)
        store._share_answers(shared[0])  # the pool is in the store package
        return store, identity

    def _give_back(self, key: str, store: SQLiteStore, identity: tuple[int, int] | None) -> None:
        if not store.conn.in_transaction:
            with self._lock:
                idle = self._stores.setdefault(key, [])
                if len(idle) < self.idle:
                    idle.append((store, identity))
                    return
        store.close()

    def close(self) -> None:
        """Close every idle store."""
        with self._lock:
            stores = [store for idle in self._stores.values() for store, _seen in idle]
            self._stores.clear()
            self._answers.clear()
        for store in stores:
            store.close()
