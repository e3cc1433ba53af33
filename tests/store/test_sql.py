"""The SQL plumbing the store modules share: placeholders, ``IN (…)`` lookups in parts, timestamps."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from khabar.store import _sql


def test_chunks_keep_order_and_stay_under_the_parameter_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _sql.CHUNK < 999
    values = [f"v{i}" for i in range(7)]
    monkeypatch.setattr(_sql, "CHUNK", 3)
    parts = list(_sql.chunks(values))
    assert parts == [(values[:3], "?,?,?"), (values[3:6], "?,?,?"), (values[6:], "?")]
    assert list(_sql.chunks([])) == []


def test_rows_in_reads_every_part(monkeypatch: pytest.MonkeyPatch) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?,?)", [(f"id{i}", i) for i in range(10)])
    monkeypatch.setattr(_sql, "CHUNK", 4)
    ids = [f"id{i}" for i in (9, 1, 5, 3, 7, 0)] + ["missing"]
    rows = _sql.rows_in(conn, "SELECT id, n FROM t WHERE id IN ({marks})", ids)
    assert dict(rows) == {"id9": 9, "id1": 1, "id5": 5, "id3": 3, "id7": 7, "id0": 0}


def test_marks_and_now() -> None:
    assert _sql.marks(3) == "?,?,?"
    stamp = _sql.now()
    assert datetime.fromisoformat(stamp).utcoffset() is not None and "." not in stamp
