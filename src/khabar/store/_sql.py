"""SQL plumbing every store module shares: the row timestamp, ``?`` placeholders and ``IN (…)``
lookups split into statements SQLite accepts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

# Ids per ``IN (…)`` statement: under SQLite's default limit of 999 host parameters in older
# builds, with room for a few more parameters beside the list.
CHUNK = 900


def now() -> str:
    """The current UTC time as stored in ``added``/``updated``/``started`` columns (to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def marks(n: int) -> str:
    """``n`` placeholders for an ``IN (…)`` list: ``?,?,…``."""
    return ",".join("?" * n)


def chunks(values: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """``values`` in order, in parts of at most :data:`CHUNK`, each with its placeholders (:func:`marks`)."""
    for i in range(0, len(values), CHUNK):
        part = list(values[i : i + CHUNK])
        yield part, marks(len(part))


def rows_in(conn: sqlite3.Connection, sql: str, ids: Sequence[str]) -> Iterator[Any]:
    """Rows of ``sql``, whose ``{marks}`` is the ``IN`` list, for ``ids`` :data:`CHUNK` at a time."""
    for part, placeholders in chunks(ids):
        yield from conn.execute(sql.format(marks=placeholders), part)
