"""SQL plumbing every store module shares: the row timestamp, ``?`` placeholders, ``IN (…)``
lookups split into statements SQLite accepts, and write transactions that wait for other
writers (the busy timeout, ``BEGIN IMMEDIATE``, retry with backoff).

The table modules are written against :class:`Connection`, which an ``sqlite3`` connection
satisfies as it is and :class:`khabar.store._pg.PGConnection` satisfies for PostgreSQL (it
translates the SQLite dialect, :mod:`khabar.store._dialect`)."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from khabar.errors import StoreError

# Ids per ``IN (…)`` statement: under SQLite's default limit of 999 host parameters in older
# builds, with room for a few more parameters beside the list.
CHUNK = 900


class Connection(Protocol):
    """What the table modules use of a database connection (``sqlite3.Connection`` as it is)."""

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open."""
        ...

    @property
    def total_changes(self) -> int:
        """Rows changed since the connection opened (SQLite's counter)."""
        ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any:
        """Run one statement; a cursor over its rows."""
        ...

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        """Run one statement once per parameter row."""
        ...

    def commit(self) -> None:
        """Commit the open transaction."""
        ...

    def rollback(self) -> None:
        """Roll the open transaction back."""
        ...


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


def rows_in(conn: Connection, sql: str, ids: Sequence[str]) -> Iterator[Any]:
    """Rows of ``sql``, whose ``{marks}`` is the ``IN`` list, for ``ids`` :data:`CHUNK` at a time."""
    for part, placeholders in chunks(ids):
        yield from conn.execute(sql.format(marks=placeholders), part)


# --- many writers, one file -------------------------------------------------------------------
#: Seconds a statement waits for another connection's lock before SQLite gives up (the busy
#: handler); ``KHABAR_BUSY_TIMEOUT`` overrides it for every store opened in the process.
BUSY_TIMEOUT = 60.0
#: Whole-transaction attempts after SQLite still reports the database locked, and the first
#: pause between them (doubled each time, with jitter).
RETRIES = 6
BACKOFF = 0.05

T = TypeVar("T")


def counter_stats(conn: Connection) -> dict[str, Any]:
    """The part of ``Store.stats`` both stores read from the ``counts`` table alike: documents by
    language, kind, page kind, outlet kind and country, rejects by reason, annotations by kind."""
    counts: dict[str, list[tuple[str, int]]] = {}
    for name, key, n in conn.execute(
        "SELECT name, key, n FROM counts WHERE name IN ('lang', 'kind', 'reason', 'annotation',"
        " 'page_kind', 'outlet_kind', 'country') AND n > 0 ORDER BY name, n DESC, key"
    ):
        counts.setdefault(name, []).append((key, int(n)))
    languages = dict(counts.get("lang", []))
    reasons = dict(counts.get("reason", []))
    return {
        "documents": sum(languages.values()),
        "languages": languages,
        "kinds": dict(counts.get("kind", [])),
        "page_kinds": dict(counts.get("page_kind", [])),
        "outlet_kinds": dict(counts.get("outlet_kind", [])),
        "countries": dict(counts.get("country", [])),
        "rejects": sum(reasons.values()),
        "reject_reasons": reasons,
        "annotations": dict(counts.get("annotation", [])),
    }


def busy_timeout() -> float:
    """The busy timeout in seconds: ``KHABAR_BUSY_TIMEOUT`` when set, else :data:`BUSY_TIMEOUT`."""
    value = os.environ.get("KHABAR_BUSY_TIMEOUT", "")
    try:
        return max(0.0, float(value)) if value else BUSY_TIMEOUT
    except ValueError:
        return BUSY_TIMEOUT


#: PostgreSQL errors after which the whole transaction is worth running again (by class name,
#: so this module needs no PostgreSQL driver): another transaction won a lock cycle or a race.
_PG_RETRY = {"DeadlockDetected", "SerializationFailure", "LockNotAvailable"}


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite saying another connection holds the lock, or PostgreSQL
    rolling a transaction back for a deadlock or a serialisation failure (worth waiting for)."""
    if type(exc).__name__ in _PG_RETRY:
        return True
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def _pause(attempt: int) -> None:
    time.sleep(BACKOFF * (2**attempt) * (0.5 + random.random()))


class StoreBusy(StoreError):
    """Another connection kept the write lock past every wait and retry."""


def _begin(conn: Connection) -> None:
    """``BEGIN IMMEDIATE``: each try waits up to the busy timeout; tried again with backoff."""
    for attempt in range(RETRIES + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if attempt == RETRIES:
                raise StoreBusy(
                    f"the database stayed locked by another writer through {RETRIES + 1} waits ({exc});"
                    " try again when the other khabar command has finished"
                ) from exc
            _pause(attempt)


@contextmanager
def write(conn: Connection) -> Iterator[None]:
    """A write transaction that takes the write lock up front (``BEGIN IMMEDIATE``).

    A deferred transaction reads first and upgrades to a write later; when another writer
    committed in between, SQLite fails the upgrade at once with SQLITE_BUSY (the busy timeout
    does not apply), so every write here starts with the lock. Taking the lock waits up to the
    busy timeout and is retried with backoff after that (:class:`StoreBusy` when it never
    comes). Inside an open transaction this joins it: the outer one commits or rolls back.
    Commits on success, rolls back on any error.
    """
    if conn.in_transaction:
        yield
        return
    _begin(conn)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    if conn.in_transaction:
        conn.commit()


def retrying(conn: Connection, work: Callable[[], T]) -> T:
    """Run ``work`` in one :func:`write` transaction, again from the start (with backoff) when
    SQLite reports the database locked part way through it; other errors are raised at once.
    Inside an open transaction ``work`` just joins it (the outer transaction's owner decides)."""
    if conn.in_transaction:
        return work()
    for attempt in range(RETRIES + 1):
        try:
            with write(conn):
                return work()
        except Exception as exc:
            if not is_busy(exc) or attempt == RETRIES:
                raise
            _pause(attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def statements(script: str) -> Iterator[str]:
    """The complete SQL statements of ``script`` in order (a trigger body's ``;`` stays inside
    its statement), so a migration can run inside a transaction that ``executescript`` would commit."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \t\r\n;"):
        yield pending.strip()
