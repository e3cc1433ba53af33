"""Answers of an SQLite connection's reads, kept until anything is written to the store.

SQLite's ``PRAGMA data_version`` changes when another connection (of this process or another)
commits; ``total_changes`` counts the rows this connection wrote. Together they tell whether an
answer computed earlier on this connection could differ now: if neither moved, nothing was
written and the answer stands.
"""

from __future__ import annotations

import copy
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class ReadCache:
    """The last ``size`` answers of one connection's reads, by key, valid until a write."""

    def __init__(self, conn: sqlite3.Connection, size: int) -> None:
        """A cache of at most ``size`` answers for reads on ``conn``."""
        self.conn = conn
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[tuple[int, int], object]] = OrderedDict()

    def version(self) -> tuple[int, int]:
        """What moves when anything is committed to the store (see the module docstring)."""
        return (int(self.conn.execute("PRAGMA data_version").fetchone()[0]), self.conn.total_changes)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer kept for ``key`` if nothing was written since, else ``compute()`` (kept).

        A deep copy is returned, so a caller changing it leaves the kept answer as it was."""
        version = self.version()
        kept = self._kept.get(key)
        if kept is not None and kept[0] == version:
            self._kept.move_to_end(key)
            return copy.deepcopy(kept[1])  # type: ignore[return-value]
        answer = compute()
        self._kept[key] = (version, answer)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return copy.deepcopy(answer)
