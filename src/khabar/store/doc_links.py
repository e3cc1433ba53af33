"""Document links in the SQLite store: signatures, LSH buckets, anchors, cached line vectors and
the links themselves.

Written by the ``duplicates`` linker (:mod:`khabar.dedup.matching`); read by the views
(:mod:`khabar.views.duplicates`), which compose what the CLI, the API and the web UI show. How
signatures and vectors are computed and packed is :mod:`khabar.dedup`'s: rows only here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from khabar.store import _sql
from khabar.store.base import CopyRow

if TYPE_CHECKING:  # numpy is imported where signatures are read, not by every command
    import numpy as np

_SEP = "\x1f"


def _link_row(
    doc_id: str, other_id: str, kind: str, score: float, evidence: str, direction: str
) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "other_id": other_id,
        "kind": kind,
        "score": score,
        "evidence": json.loads(evidence),
        "direction": direction,
    }


class SQLiteLinkTables:
    """:class:`khabar.store.base.LinkTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

    # --- writes (the duplicates linker) -------------------------------------------------------
    def signed(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these documents already have a signature (they are being re-linked)."""
        sql = "SELECT doc_id FROM doc_signatures WHERE doc_id IN ({marks})"
        return {r[0] for r in _sql.rows_in(self.conn, sql, doc_ids)}

    def clear_document(self, doc_id: str, bands: Sequence[int]) -> None:
        """Forget a document's signature, its LSH buckets ``bands``, anchors and outgoing links."""
        q = self.conn.execute
        row = q("SELECT data FROM doc_signatures WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return
        anchors = json.loads(row[0]).get("anchors", [])
        if bands:
            sql = f"DELETE FROM doc_bands WHERE key IN ({_sql.marks(len(bands))}) AND doc_id = ?"
            q(sql, [*bands, doc_id])
        if anchors:
            sql = f"DELETE FROM doc_anchors WHERE key IN ({_sql.marks(len(anchors))}) AND doc_id = ?"
            q(sql, [*anchors, doc_id])
        q("DELETE FROM doc_signatures WHERE doc_id = ?", (doc_id,))
        q("DELETE FROM doc_links WHERE doc_id = ?", (doc_id,))

    def put_signature(
        self,
        *,
        doc_id: str,
        seq: int,
        lang: str,
        content_hash: str,
        canonical_id: str | None,
        shingles: int,
        minhash: np.ndarray,
        bands: Sequence[int],
        anchors: Iterable[str],
        data: dict[str, Any],
    ) -> None:
        """Store a document's signature with its LSH bucket keys and anchors (kept in ``data`` too)."""
        anchors = sorted(anchors)
        data = {**data, "anchors": anchors}
        self.conn.execute(
            "INSERT OR REPLACE INTO doc_signatures(doc_id, seq, lang, content_hash, canonical_id, shingles,"
            " minhash, data) VALUES (?,?,?,?,?,?,?,?)",
            (doc_id, seq, lang, content_hash, canonical_id, shingles, minhash.tobytes(), json.dumps(data)),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO doc_bands(key, seq, doc_id) VALUES (?,?,?)",
            [(k, seq, doc_id) for k in bands],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO doc_anchors(key, lang, seq, doc_id) VALUES (?,?,?,?)",
            [(a, lang, seq, doc_id) for a in anchors],
        )

    def hash_match(self, content_hash: str, seq: int) -> tuple[str, str | None] | None:
        """The earliest earlier document with this content hash: (id, its canonical id), or None."""
        row = self.conn.execute(
            "SELECT doc_id, canonical_id FROM doc_signatures WHERE content_hash = ? AND seq < ?"
            " ORDER BY seq LIMIT 1",
            (content_hash, seq),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def band_candidates(self, keys: Sequence[int], seq: int) -> list[str]:
        """Earlier documents sharing at least one LSH bucket with these keys."""
        sql = f"SELECT DISTINCT doc_id FROM doc_bands WHERE key IN ({_sql.marks(len(keys))}) AND seq < ?"
        return [r[0] for r in self.conn.execute(sql, [*keys, seq])]

    def signatures(self, doc_ids: Sequence[str]) -> dict[str, tuple[np.ndarray, int, str | None, int]]:
        """(minhash, shingle count, canonical id, seq) of each of these documents."""
        import numpy as np

        if not doc_ids:
            return {}
        sql = (
            "SELECT doc_id, minhash, shingles, canonical_id, seq FROM doc_signatures"
            f" WHERE doc_id IN ({_sql.marks(len(doc_ids))})"
        )
        return {
            r[0]: (np.frombuffer(r[1], dtype=np.uint32), r[2], r[3], r[4])
            for r in self.conn.execute(sql, list(doc_ids))
        }

    def anchor_candidates(
        self,
        anchors: Iterable[str],
        seq: int,
        *,
        langs: Sequence[str] | None = None,
        min_shared: int = 1,
        limit: int = 20,
    ) -> dict[str, set[str]]:
        """Earlier documents (in ``langs``, or any language) sharing at least ``min_shared`` anchors:
        id -> the shared anchors, most shared first, at most ``limit``."""
        keys = sorted(set(anchors))
        if not keys or (langs is not None and not langs):
            return {}
        params: list[Any] = [*keys]
        where = f"key IN ({_sql.marks(len(keys))})"
        if langs is not None:
            where += f" AND lang IN ({_sql.marks(len(langs))})"
            params += list(langs)
        sql = (
            f"SELECT doc_id, group_concat(key, char(31)) FROM doc_anchors WHERE {where} AND seq < ?"
            " GROUP BY doc_id HAVING count(*) >= ? ORDER BY count(*) DESC, max(seq) DESC LIMIT ?"
        )
        rows = self.conn.execute(sql, [*params, seq, min_shared, limit])
        return {doc_id: set(shared.split(_SEP)) for doc_id, shared in rows}

    def document_anchors(self, doc_id: str) -> set[str]:
        """Every anchor stored for a document."""
        row = self.conn.execute("SELECT data FROM doc_signatures WHERE doc_id = ?", (doc_id,)).fetchone()
        return set(json.loads(row[0]).get("anchors", [])) if row else set()

    def add_link(self, doc_id: str, other_id: str, kind: str, score: float, evidence: dict[str, Any]) -> None:
        """Record that ``doc_id`` is a ``kind`` of ``other_id`` (replacing an earlier record of it)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO doc_links(doc_id, other_id, kind, score, evidence, added)"
            " VALUES (?,?,?,?,?,?)",
            (
                doc_id,
                other_id,
                kind,
                round(float(score), 4),
                json.dumps(evidence, ensure_ascii=False),
                _sql.now(),
            ),
        )

    def vectors(self, doc_id: str, model: str) -> tuple[bytes, int] | None:
        """A document's cached line vectors for ``model``: (packed bytes, dimension), or None."""
        row = self.conn.execute(
            "SELECT data, dim FROM line_vectors WHERE doc_id = ? AND model = ?", (doc_id, model)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put_vectors(self, doc_id: str, model: str, dim: int, packed: bytes) -> None:
        """Cache a document's packed line vectors for ``model``."""
        self.conn.execute(
            "INSERT OR REPLACE INTO line_vectors(doc_id, model, dim, data) VALUES (?,?,?,?)",
            (doc_id, model, dim, packed),
        )

    # --- reads (views, CLI, API, web UI) ------------------------------------------------------
    def links_of(self, doc_id: str) -> list[dict[str, Any]]:
        """Every link touching the document, both directions: the document's own (``out``: it is
        the copy/translation), then those pointing at it (``in``: it is the original)."""
        q = self.conn.execute
        out = [
            _link_row(d, o, k, s, e, "out")
            for d, o, k, s, e in q(
                "SELECT doc_id, other_id, kind, score, evidence FROM doc_links WHERE doc_id = ?", (doc_id,)
            )
        ]
        out += [
            _link_row(o, d, k, s, e, "in")
            for d, o, k, s, e in q(
                "SELECT doc_id, other_id, kind, score, evidence FROM doc_links WHERE other_id = ?", (doc_id,)
            )
        ]
        return out

    def duplicate_groups(
        self, *, kind: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[tuple[str, str]]:
        """(original id, link kind) of each group of documents linked to one original by one kind
        (of ``kind``, or any): largest groups first, then the most recently linked, then by id."""
        where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self.conn.execute(
            f"SELECT other_id, kind FROM doc_links {where} GROUP BY other_id, kind"
            " ORDER BY count(*) DESC, max(added) DESC, other_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [(other_id, group_kind) for other_id, group_kind in rows]

    def copies_of(self, other_id: str, kind: str) -> list[CopyRow]:
        """The documents linked to ``other_id`` by ``kind`` (its copies or translations), highest
        score first."""
        rows = self.conn.execute(
            "SELECT doc_id, score, evidence FROM doc_links WHERE other_id = ? AND kind = ?"
            " ORDER BY score DESC",
            (other_id, kind),
        )
        return [CopyRow(doc_id, score, json.loads(evidence)) for doc_id, score, evidence in rows]

    def canonical_of(self, doc_id: str) -> str | None:
        """The original a document is a copy of, or None."""
        row = self.conn.execute(
            "SELECT canonical_id FROM doc_signatures WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return row[0] if row else None
