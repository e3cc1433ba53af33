"""SQLite stores kept open per thread and lent out for one request at a time.

Opening an SQLite store costs a connection, its pragmas, the schema check and, above all, a cold
page cache: on a 20,000-document store a search page spent more time reading pages back into a
new connection's cache than answering its queries. A server thread borrows its own store for a
request and gives it back afterwards, so the next request on that thread finds it open and warm.

A store is not lent twice at once (a nested borrow in the same thread opens another one, closed
after it), not kept when a write was left open in it, and not reused once the file at its path is
another file (a store deleted and created again at the same path). Other targets (a PostgreSQL
address) are opened and closed per borrow: that store has its own pool of connections.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khabar.config import is_store_url
from khabar.store.base import Store
from khabar.store.factory import open_store


def _identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, or None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class ThreadStores:
    """Stores opened once per thread and target, lent out by :meth:`lend`."""

    def __init__(self) -> None:
        """No store is open until the first :meth:`lend` in a thread."""
        self._local = threading.local()

    def _idle(self) -> dict[str, tuple[Store, tuple[int, int] | None]]:
        idle: dict[str, tuple[Store, tuple[int, int] | None]] | None = getattr(self._local, "idle", None)
        if idle is None:
            idle = self._local.idle = {}
        return idle

    @contextmanager
    def lend(self, target: str | Path) -> Iterator[Store]:
        """The store ``target`` names, for the ``with`` block: this thread's open one when it is
        idle and still the file at that path, else a newly opened one."""
        key = str(target)
        if is_store_url(key) or key == ":memory:":
            store = open_store(target)
            try:
                yield store
            finally:
                store.close()
            return
        idle = self._idle()
        kept = idle.pop(key, None)
        if kept is not None and kept[1] != _identity(key):
            kept[0].close()  # another file is at the path now
            kept = None
        store = kept[0] if kept is not None else open_store(target)
        identity = kept[1] if kept is not None else _identity(key)
        try:
            yield store
        finally:
            conn = getattr(store, "conn", None)
            if key in idle or conn is None or conn.in_transaction:
                store.close()
            else:
                idle[key] = (store, identity)

    def close(self) -> None:
        """Close this thread's idle stores (other threads' close when their thread ends)."""
        idle = self._idle()
        for store, _identity in idle.values():
            store.close()
        idle.clear()
