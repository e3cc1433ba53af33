"""Answers of an SQLite store's reads, kept until anything is written to the store.

SQLite's ``PRAGMA data_version`` changes when another connection (of this process or another)
commits; ``total_changes`` counts the rows the connection itself wrote. One store's cache checks
both on its own connection (:func:`own_version`). A cache shared by several stores of one file
(:mod:`khabar.store.reuse`) asks a connection of its own that never writes
(:func:`watcher_version`): every store's commits are another connection's to it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


def own_version(conn: sqlite3.Connection) -> Callable[[], Hashable]:
    """What moves when anything is committed, as ``conn`` sees it (others' commits, its writes)."""
    return lambda: (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)


def watcher_version(path: str) -> Callable[[], Hashable]:
    """What moves when any connection commits to the file at ``path``, from a connection of its
    own, shared by every thread: data_version is only comparable on one connection."""
    watcher = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    # A lock of ours around it made every request wait behind the thread that held it until that
    # thread got the GIL back (~5 ms under load); SQLite serialises the calls itself when built
    # thread-safe (threadsafety 3), holding its mutex only inside the call.
    lock = threading.Lock() if sqlite3.threadsafety < 3 else contextlib.nullcontext()

    def version() -> Hashable:
        with lock:
            return int(watcher.execute("PRAGMA data_version").fetchone()[0])

    return version


class ReadCache:
    """The last ``size`` answers of reads, by key, valid while ``version()`` gives what it gave
    when they were computed. Safe to share between threads."""

    def __init__(self, version: Callable[[], Hashable], size: int) -> None:
        """A cache of at most ``size`` answers, checked against ``version``."""
        self.version = version
        self.size = size
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[Hashable, object]] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer kept for ``key`` if nothing was written since, else ``compute()`` (kept).

        A copy of its lists and dicts is returned, so a caller changing it leaves the kept
        answer as it was; what they hold (hits, tuples, strings) is immutable and shared."""
        version = self.version()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == version:
                self._kept.move_to_end(key)
                return _containers_copied(kept[1])  # type: ignore[return-value]
        answer = compute()  # read after the version: a commit in between makes it a miss later
        with self._lock:
            self._kept[key] = (version, answer)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return _containers_copied(answer)


def _containers_copied(answer: T) -> T:
    # deepcopy of a page of frozen hits cost ~1 ms (measured), more than a kept answer saves.
    if isinstance(answer, list):
        return [_containers_copied(item) for item in answer]  # type: ignore[return-value]
    if isinstance(answer, dict):
        return {key: _containers_copied(value) for key, value in answer.items()}  # type: ignore[return-value]
    return answer
