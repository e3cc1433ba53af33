"""The shard ledger of sharded ingests, in the SQLite store (:class:`~khabar.store.base.ShardTables`).

One row per shard of a run's input, keyed by the run's argument fingerprint and the shard's id
(:mod:`khabar.ingest.shards`). The driver of a sharded ingest (:mod:`khabar.executors`) marks a
shard running when it hands it to a worker, done once its documents are stored and failed
after its last attempt, each write committed at once, so a killed run leaves a ledger that
says what is left. The SQL is plain (upserts with ``ON CONFLICT``) so other backends share it.
"""

from __future__ import annotations

from collections.abc import Sequence

from khabar.store import _sql
from khabar.store.base import ShardRow

_COLUMNS = "run_key, shard_id, position, label, state, attempts, error, run_id, read, stored, updated"


class SQLiteShardTables:
    """:class:`khabar.store.base.ShardTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

    def plan(self, run_key: str, shards: Sequence[tuple[str, int, str]]) -> None:
        """Record ``(shard id, position, label)`` of a run as planned; known shards keep their state."""
        at = _sql.now()
        with _sql.write(self.conn):
            self.conn.executemany(
                "INSERT INTO shard_ledger(run_key, shard_id, position, label, updated) VALUES (?,?,?,?,?)"
                " ON CONFLICT(run_key, shard_id) DO NOTHING",
                [(run_key, shard_id, position, label, at) for shard_id, position, label in shards],
            )

    def unfinished(self, run_key: str) -> set[str]:
        """Ids of the run's shards that are not done (planned, running or failed)."""
        rows = self.conn.execute(
            "SELECT shard_id FROM shard_ledger WHERE run_key = ? AND state != 'done'", (run_key,)
        )
        return {row[0] for row in rows}

    def started(self, run_key: str, shard_id: str, run_id: int) -> int:
        """Mark a shard running for ``run_id`` and count the attempt; the attempts so far."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE shard_ledger SET state = 'running', attempts = attempts + 1, run_id = ?, updated = ?"
                " WHERE run_key = ? AND shard_id = ?",
                (run_id, _sql.now(), run_key, shard_id),
            )
            row = self.conn.execute(
                "SELECT attempts FROM shard_ledger WHERE run_key = ? AND shard_id = ?", (run_key, shard_id)
            ).fetchone()
        return int(row[0]) if row else 0

    def done(self, run_key: str, shard_id: str, run_id: int, read: int, stored: int) -> None:
        """Mark a shard done: its documents are stored."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE shard_ledger SET state = 'done', error = NULL, run_id = ?, read = ?, stored = ?,"
                " updated = ? WHERE run_key = ? AND shard_id = ?",
                (run_id, read, stored, _sql.now(), run_key, shard_id),
            )

    def failed(self, run_key: str, shard_id: str, run_id: int, error: str) -> None:
        """Mark a shard failed with its error (after its last attempt)."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE shard_ledger SET state = 'failed', error = ?, run_id = ?, updated = ?"
                " WHERE run_key = ? AND shard_id = ?",
                (error, run_id, _sql.now(), run_key, shard_id),
            )

    def rows(self, run_key: str | None = None) -> list[ShardRow]:
        """The ledger (of one run key), by run key and position."""
        if run_key is None:
            cursor = self.conn.execute(f"SELECT {_COLUMNS} FROM shard_ledger ORDER BY run_key, position")
        else:
            cursor = self.conn.execute(
                f"SELECT {_COLUMNS} FROM shard_ledger WHERE run_key = ? ORDER BY position", (run_key,)
            )
        return [ShardRow(*row) for row in cursor]
