"""PostgreSQL connections for the store: a pool per server address, and the adapter that lets the
table modules run their SQLite-dialect SQL on one psycopg connection (:class:`PGConnection`).

psycopg is imported here only, and only when a ``postgresql://`` store is opened (the
``postgres`` extra): the embedded SQLite store never needs it.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Iterable
from typing import Any

from khabar.errors import StoreError
from khabar.store._dialect import to_postgres

#: The advisory lock every write transaction takes first: PostgreSQL's stand-in for SQLite's
#: ``BEGIN IMMEDIATE``, so writers (the linkers above all) run one at a time, as on SQLite,
#: while readers never wait (MVCC). A 64-bit key of its own ("khabar" in ASCII).
WRITE_LOCK = 0x6B6861626172

#: Connections a process keeps open per server (``KHABAR_PG_POOL`` overrides).
POOL_SIZE = 8

#: Run on every new connection. psycopg prepares a statement on the server once it has run five
#: times on a connection, and PostgreSQL then may switch to one generic plan for all parameter
#: values. For full-text search that plan walks the rowid index backwards and tests every row
#: (right for a word in most documents, ruinous for a rare one): on 100,000 documents a search
#: for a word in none of them took 1.1 s on a server's pooled connections instead of 0.1 ms.
#: The searches' best plans depend on their words, so every execution is planned for its values.
SESSION_SETUP = "SET plan_cache_mode = force_custom_plan"

_pools: dict[str, Any] = {}
_pools_lock = threading.Lock()


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - the extra is in dev
        raise StoreError("a postgresql:// store needs psycopg: pip install 'khabar[postgres]'") from exc
    return psycopg


def _pool(url: str) -> Any | None:
    """The process's pool for ``url`` (made on first use), or None without psycopg_pool."""
    try:
        from psycopg_pool import ConnectionPool
    except ImportError:  # pragma: no cover - psycopg_pool is optional: one connection per store
        return None
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            size = int(os.environ.get("KHABAR_PG_POOL", "") or POOL_SIZE)
            pool = ConnectionPool(
                url,
                min_size=1,
                max_size=max(1, size),
                kwargs={"autocommit": True},
                configure=configure,
                open=False,
            )
            pool.open(wait=True, timeout=30)
            _pools[url] = pool
        return pool


def configure(raw: Any) -> None:
    """Prepare a new connection (autocommit) for the store's use: :data:`SESSION_SETUP`."""
    raw.execute(SESSION_SETUP)


def close_pool(url: str) -> None:
    """Close the pool of ``url`` if the process has one (its connections are closed)."""
    with _pools_lock:
        pool = _pools.pop(url, None)
    if pool is not None:
        pool.close(timeout=1.0)


@atexit.register
def close_pools() -> None:
    """Close every pool of the process (at exit, and for tests that stop their server)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.close(timeout=1.0)
        _pools.clear()


def connect(url: str) -> tuple[Any, Any | None]:
    """A psycopg connection to ``url`` in autocommit mode and the pool it came from (or None)."""
    psycopg = _driver()
    try:
        pool = _pool(url)
        if pool is not None:
            return pool.getconn(timeout=60), pool
        raw = psycopg.connect(url, autocommit=True)
        configure(raw)
        return raw, None
    except Exception as exc:
        raise StoreError(f"cannot connect to the PostgreSQL store {redact(url)}: {exc}") from exc


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user = head.partition("//")
    return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"


class PGConnection:
    """One psycopg connection behind the :class:`khabar.store._sql.Connection` interface: SQL
    in SQLite's dialect is rewritten (:func:`khabar.store._dialect.to_postgres`), transactions
    are explicit (``BEGIN``, ``COMMIT``), and ``BEGIN IMMEDIATE`` takes :data:`WRITE_LOCK`."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self._idle = _driver().pq.TransactionStatus.IDLE

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the connection."""
        return bool(self.raw.info.transaction_status != self._idle)

    @property
    def total_changes(self) -> int:
        """Not kept on PostgreSQL: the PostgreSQL tables count a statement's ``rowcount``."""
        raise NotImplementedError("PostgreSQL keeps no total_changes; count cursor.rowcount")

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        """Run one statement (SQLite dialect); the psycopg cursor over its rows."""
        if sql.startswith("BEGIN"):
            cur = self.raw.execute("BEGIN")
            if sql == "BEGIN IMMEDIATE":
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return cur
        return self.raw.execute(to_postgres(sql), list(parameters))

    def pg(self, sql: str | bytes, parameters: Any = (), /) -> Any:
        """Run one statement written for PostgreSQL (``%s`` placeholders)."""
        return self.raw.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        """Run one statement (SQLite dialect) once per parameter row."""
        rows = [list(p) for p in parameters]
        cur = self.raw.cursor()
        if rows:
            cur.executemany(to_postgres(sql), rows)
        return cur

    def commit(self) -> None:
        """Commit the open transaction."""
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        """Roll the open transaction back."""
        if self.in_transaction:
            self.raw.execute("ROLLBACK")
