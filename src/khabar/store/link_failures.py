"""Linker failures recorded against the document they failed on, in the SQLite store.

When a linker raises on a batch, :func:`khabar.linking.run_linkers` links the batch document by
document; a document the linker still fails on gets a row here, so the run goes on and
``khabar link-failures`` shows what was not linked and why.
"""

from __future__ import annotations

from khabar.store import _sql
from khabar.store.base import LinkFailureRow


class SQLiteLinkFailureTables:
    """:class:`khabar.store.base.LinkFailureTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

    def record(self, doc_id: str, linker: str, error: str, detail: str, run_id: int | None = None) -> None:
        """Record (or replace) the failure of ``linker`` on the document; commits at once."""
        with _sql.write(self.conn):
            self.conn.execute(
                "INSERT INTO link_failures(doc_id, linker, error, detail, run_id, at) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(doc_id, linker) DO UPDATE SET error = excluded.error,"
                " detail = excluded.detail, run_id = excluded.run_id, at = excluded.at",
                (doc_id, linker, error, detail, run_id, _sql.now()),
            )

    def clear(self, doc_ids: list[str], linker: str) -> None:
        """Forget earlier failures of ``linker`` on these documents (they were linked since)."""
        with _sql.write(self.conn):
            self.conn.executemany(
                "DELETE FROM link_failures WHERE doc_id = ? AND linker = ?", [(d, linker) for d in doc_ids]
            )

    def list(self, *, limit: int = 100) -> list[LinkFailureRow]:
        """Recorded failures, newest first."""
        rows = self.conn.execute(
            "SELECT doc_id, linker, error, detail, run_id, at FROM link_failures ORDER BY at DESC, doc_id"
            " LIMIT ?",
            (limit,),
        )
        return [LinkFailureRow(*row) for row in rows]

    def count(self) -> int:
        """How many document-linker failures are recorded."""
        return int(self.conn.execute("SELECT count(*) FROM link_failures").fetchone()[0])
