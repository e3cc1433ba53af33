"""Watched sources, the fetch queue and failed fetches, in the SQLite store.

Rows only: what to poll when and what to fetch is :mod:`khabar.monitor`'s to decide. Every
write commits at once, so a watch killed at any moment keeps every step it had recorded.
"""

from __future__ import annotations

from collections.abc import Iterable

from khabar.store import _sql
from khabar.store.base import FetchFailureRow, QueuedUrl, SourceRow

_SOURCE_COLUMNS = (
    "id, url, name, kind, parent, interval, added, last_fetch, last_status, last_error, next_poll,"
    " etag, last_modified, items, errors, failing"
)
_QUEUE_COLUMNS = "url, source, found, published, title, state, attempts, error, doc_id"
# Home pages first: polling one registers the feeds it advertises, which are then due at once.
_KIND_ORDER = "CASE kind WHEN 'home' THEN 0 ELSE 1 END"


class SQLiteSourceTables:
    """:class:`khabar.store.base.SourceTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

    def add(
        self, url: str, kind: str, *, name: str | None, interval: float, parent: int | None = None
    ) -> tuple[int, bool]:
        """Register a source (once per URL); its id and whether it was new."""
        with _sql.write(self.conn):
            cur = self.conn.execute(
                "INSERT INTO sources(url, name, kind, parent, interval, added) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(url) DO NOTHING",
                (url, name, kind, parent, interval, _sql.now()),
            )
        row = self.conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
        return int(row[0]), cur.rowcount == 1

    def remove(self, key: str) -> int:
        """Remove the source with this id or URL and the sources found from it; how many went."""
        source = self.get(key)
        if source is None:
            return 0
        before = self._count()
        with _sql.write(self.conn):
            self.conn.execute("DELETE FROM sources WHERE id = ?", (source.id,))
        return before - self._count()

    def _count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM sources").fetchone()[0])

    def get(self, key: str | int) -> SourceRow | None:
        """The source with this id or URL."""
        column = "id" if isinstance(key, int) or key.isdigit() else "url"
        value = int(key) if column == "id" else key
        row = self.conn.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE {column} = ?", (value,)
        ).fetchone()
        return SourceRow(*row) if row else None

    def all(self) -> list[SourceRow]:
        """Every source, by id."""
        return [
            SourceRow(*r) for r in self.conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id")
        ]

    def due(self, now: float) -> list[SourceRow]:
        """Sources whose next poll is at or before ``now``, home pages first, then by id."""
        rows = self.conn.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE next_poll <= ? ORDER BY {_KIND_ORDER}, id", (now,)
        )
        return [SourceRow(*r) for r in rows]

    def polled(
        self,
        source: int,
        *,
        fetched: str,
        status: int | None,
        error: str | None,
        next_poll: float,
        etag: str | None = None,
        last_modified: str | None = None,
        new_items: int = 0,
    ) -> None:
        """Record a poll: its outcome, the validators for the next one and when it is due."""
        failed = 1 if error else 0
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE sources SET last_fetch = ?, last_status = ?, last_error = ?, next_poll = ?,"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
                " items = items + ?, errors = errors + ?,"
                " failing = CASE WHEN ? <> 0 THEN failing + 1 ELSE 0 END WHERE id = ?",
                (fetched, status, error, next_poll, etag, last_modified, new_items, failed, failed, source),
            )

    def enqueue(self, rows: Iterable[tuple[str, int | None, str | None, str | None]]) -> int:
        """Queue (url, source, published, title) rows whose URL is not known yet; how many were new."""
        found = _sql.now()
        with _sql.write(self.conn):
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT INTO fetch_queue(url, source, found, published, title) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(url) DO NOTHING",
                ((url, source, found, published, title) for url, source, published, title in rows),
            )
            return self.conn.total_changes - before

    def queued(self, limit: int) -> list[QueuedUrl]:
        """URLs waiting to be fetched, oldest found first."""
        rows = self.conn.execute(
            f"SELECT {_QUEUE_COLUMNS} FROM fetch_queue WHERE state = 'queued' ORDER BY found, url LIMIT ?",
            (limit,),
        )
        return [QueuedUrl(*r) for r in rows]

    def settle(
        self,
        url: str,
        state: str,
        *,
        error: str | None = None,
        doc_id: str | None = None,
        warc: str | None = None,
        warc_offset: int | None = None,
    ) -> None:
        """Record what became of a queued URL (one more attempt counted)."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE fetch_queue SET state = ?, error = ?, doc_id = coalesce(?, doc_id), fetched = ?,"
                " warc = coalesce(?, warc), warc_offset = coalesce(?, warc_offset), attempts = attempts + 1"
                " WHERE url = ?",
                (state, error, doc_id, _sql.now(), warc, warc_offset, url),
            )

    def queue_counts(self) -> dict[str, int]:
        """Queued URLs per state."""
        rows = self.conn.execute("SELECT state, count(*) FROM fetch_queue GROUP BY state ORDER BY state")
        return {state: int(n) for state, n in rows}

    def failed(self, source: int | None, url: str, error: str, detail: str, status: int | None) -> None:
        """Record a failed fetch with its reason."""
        with _sql.write(self.conn):
            self.conn.execute(
                "INSERT INTO fetch_failures(at, source, url, error, detail, status)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_sql.now(), source, url, error, detail, status),
            )

    def failures(self, *, source: int | None = None, limit: int = 100) -> list[FetchFailureRow]:
        """Failed fetches, newest first (of one source when given)."""
        where, params = ("WHERE source = ?", (source, limit)) if source is not None else ("", (limit,))
        rows = self.conn.execute(
            f"SELECT id, at, source, url, error, detail, status FROM fetch_failures {where}"
            " ORDER BY id DESC LIMIT ?",
            params,
        )
        return [FetchFailureRow(*r) for r in rows]
