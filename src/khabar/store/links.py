"""Document links in the SQLite store: signatures, LSH buckets, anchors, links and their readers.

Writers are used by the ``duplicates`` linker (:mod:`khabar.dedup.link`); readers (``links_for``,
``list_duplicates``, ``origin``, ``aligned_lines``) serve the CLI, the API and the web UI and
return JSON-safe dicts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from khabar.document import Document
from khabar.store.sqlite import SQLiteStore

#: Link kinds, strongest first: an exact copy, a near copy (same language), a translation
#: (another language), and a page citing the same original URL or agency wire.
DUPLICATE = "duplicate_of"
NEAR_DUPLICATE = "near_duplicate_of"
TRANSLATION = "translation_of"
SAME_SOURCE = "same_source_as"
KINDS = (DUPLICATE, NEAR_DUPLICATE, TRANSLATION, SAME_SOURCE)

_SEP = "\x1f"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _rows_in(store: SQLiteStore, sql: str, ids: Sequence[str]) -> Iterator[Any]:
    """Rows of ``sql``, whose ``{marks}`` is the ``IN`` list, for ``ids`` 500 at a time (under
    SQLite's parameter limit)."""
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        yield from store.conn.execute(sql.format(marks=_marks(len(chunk))), chunk)


# --- writes (the duplicates linker) ---------------------------------------------------------------
def sequence_numbers(store: SQLiteStore, doc_ids: Sequence[str]) -> dict[str, int]:
    """Each stored document's insertion number (documents.rowid)."""
    return dict(_rows_in(store, "SELECT id, rowid FROM documents WHERE id IN ({marks})", doc_ids))


def languages(store: SQLiteStore) -> set[str]:
    """Languages of the stored documents (one walk over the language index)."""
    return {r[0] for r in store.conn.execute("SELECT DISTINCT lang FROM documents")}


def signed(store: SQLiteStore, doc_ids: Sequence[str]) -> set[str]:
    """Which of these documents already have a signature (they are being re-linked)."""
    return {
        r[0] for r in _rows_in(store, "SELECT doc_id FROM doc_signatures WHERE doc_id IN ({marks})", doc_ids)
    }


def clear_document(store: SQLiteStore, doc_id: str) -> None:
    """Forget a document's signature, buckets, anchors and outgoing links (before re-linking it)."""
    from khabar.dedup.signature import band_keys

    q = store.conn.execute
    row = q("SELECT minhash, data FROM doc_signatures WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        return
    bands = band_keys(np.frombuffer(row[0], dtype=np.uint32))
    anchors = json.loads(row[1]).get("anchors", [])
    q(f"DELETE FROM doc_bands WHERE key IN ({_marks(len(bands))}) AND doc_id = ?", [*bands, doc_id])
    if anchors:
        q(f"DELETE FROM doc_anchors WHERE key IN ({_marks(len(anchors))}) AND doc_id = ?", [*anchors, doc_id])
    q("DELETE FROM doc_signatures WHERE doc_id = ?", (doc_id,))
    q("DELETE FROM doc_links WHERE doc_id = ?", (doc_id,))


def put_signature(
    store: SQLiteStore,
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
    conn = store.conn
    anchors = sorted(anchors)
    data = {**data, "anchors": anchors}
    conn.execute(
        "INSERT OR REPLACE INTO doc_signatures(doc_id, seq, lang, content_hash, canonical_id, shingles,"
        " minhash, data) VALUES (?,?,?,?,?,?,?,?)",
        (doc_id, seq, lang, content_hash, canonical_id, shingles, minhash.tobytes(), json.dumps(data)),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO doc_bands(key, seq, doc_id) VALUES (?,?,?)", [(k, seq, doc_id) for k in bands]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO doc_anchors(key, lang, seq, doc_id) VALUES (?,?,?,?)",
        [(a, lang, seq, doc_id) for a in anchors],
    )


def hash_match(store: SQLiteStore, content_hash: str, seq: int) -> tuple[str, str | None] | None:
    """The earliest earlier document with this content hash: (id, its canonical id), or None."""
    row = store.conn.execute(
        "SELECT doc_id, canonical_id FROM doc_signatures WHERE content_hash = ? AND seq < ?"
        " ORDER BY seq LIMIT 1",
        (content_hash, seq),
    ).fetchone()
    return (row[0], row[1]) if row else None


def band_candidates(store: SQLiteStore, keys: Sequence[int], seq: int) -> list[str]:
    """Earlier documents sharing at least one LSH bucket with these keys."""
    sql = f"SELECT DISTINCT doc_id FROM doc_bands WHERE key IN ({_marks(len(keys))}) AND seq < ?"
    return [r[0] for r in store.conn.execute(sql, [*keys, seq])]


def signatures(
    store: SQLiteStore, doc_ids: Sequence[str]
) -> dict[str, tuple[np.ndarray, int, str | None, int]]:
    """(minhash, shingle count, canonical id, seq) of each of these documents."""
    if not doc_ids:
        return {}
    sql = (
        "SELECT doc_id, minhash, shingles, canonical_id, seq FROM doc_signatures"
        f" WHERE doc_id IN ({_marks(len(doc_ids))})"
    )
    return {
        r[0]: (np.frombuffer(r[1], dtype=np.uint32), r[2], r[3], r[4])
        for r in store.conn.execute(sql, list(doc_ids))
    }


def anchor_candidates(
    store: SQLiteStore,
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
    where = f"key IN ({_marks(len(keys))})"
    if langs is not None:
        where += f" AND lang IN ({_marks(len(langs))})"
        params += list(langs)
    sql = (
        f"SELECT doc_id, group_concat(key, char(31)) FROM doc_anchors WHERE {where} AND seq < ?"
        " GROUP BY doc_id HAVING count(*) >= ? ORDER BY count(*) DESC, max(seq) DESC LIMIT ?"
    )
    rows = store.conn.execute(sql, [*params, seq, min_shared, limit])
    return {doc_id: set(shared.split(_SEP)) for doc_id, shared in rows}


def document_anchors(store: SQLiteStore, doc_id: str) -> set[str]:
    """Every anchor stored for a document."""
    row = store.conn.execute("SELECT data FROM doc_signatures WHERE doc_id = ?", (doc_id,)).fetchone()
    return set(json.loads(row[0]).get("anchors", [])) if row else set()


def add_link(
    store: SQLiteStore, doc_id: str, other_id: str, kind: str, score: float, evidence: dict[str, Any]
) -> None:
    """Record that ``doc_id`` is a ``kind`` of ``other_id`` (replacing an earlier record of it)."""
    store.conn.execute(
        "INSERT OR REPLACE INTO doc_links(doc_id, other_id, kind, score, evidence, added)"
        " VALUES (?,?,?,?,?,?)",
        (doc_id, other_id, kind, round(float(score), 4), json.dumps(evidence, ensure_ascii=False), _now()),
    )


def get_vectors(store: SQLiteStore, doc_id: str, model: str) -> np.ndarray | None:
    """Cached line vectors of a document for ``model``, or None."""
    from khabar.dedup.semantic import unpack

    row = store.conn.execute(
        "SELECT dim, data FROM line_vectors WHERE doc_id = ? AND model = ?", (doc_id, model)
    ).fetchone()
    return unpack(row[1], row[0]) if row else None


def put_vectors(store: SQLiteStore, doc_id: str, model: str, vectors: np.ndarray) -> None:
    """Cache a document's line vectors."""
    from khabar.dedup.semantic import pack

    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else 384
    store.conn.execute(
        "INSERT OR REPLACE INTO line_vectors(doc_id, model, dim, data) VALUES (?,?,?,?)",
        (doc_id, model, dim, pack(vectors)),
    )


# --- reads (CLI, API, web UI) ----------------------------------------------------------------------
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


def links_for(store: SQLiteStore, doc_id: str) -> list[dict[str, Any]]:
    """Every link touching the document, both directions, strongest kind first.

    ``direction`` is ``out`` when this document is the copy/translation, ``in`` when it is the
    original; ``doc_id`` is always this document and ``other_id`` the one at the other end.
    """
    q = store.conn.execute
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
    rank = {kind: i for i, kind in enumerate(KINDS)}
    out.sort(key=lambda r: (rank.get(r["kind"], len(KINDS)), -r["score"]))
    return out


def list_duplicates(
    store: SQLiteStore, *, kind: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Groups of linked documents: an original (``canonical``) and its copies or translations.

    One group per original and link kind, largest groups first. Each member carries the link's
    score and evidence; the canonical document itself is the first member, with score 1.0.
    """
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    groups = store.conn.execute(
        f"SELECT other_id, kind, count(*) FROM doc_links {where} GROUP BY other_id, kind"
        " ORDER BY count(*) DESC, max(added) DESC, other_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    out = []
    for canonical, group_kind, _ in groups:
        rows = store.conn.execute(
            "SELECT doc_id, score, evidence FROM doc_links WHERE other_id = ? AND kind = ?"
            " ORDER BY score DESC",
            (canonical, group_kind),
        ).fetchall()
        meta = _doc_meta(store, [canonical, *(r[0] for r in rows)])
        members = [{"doc_id": canonical, "score": 1.0, "role": "canonical", **meta.get(canonical, {})}]
        members += [
            {"doc_id": d, "score": s, "role": "member", "evidence": json.loads(e), **meta.get(d, {})}
            for d, s, e in rows
        ]
        out.append({"canonical": canonical, "kind": group_kind, "members": members})
    return out


def _doc_meta(store: SQLiteStore, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    sql = (
        f"SELECT id, title, lang, outlet, uri, published FROM documents WHERE id IN ({_marks(len(doc_ids))})"
    )
    return {
        r[0]: {"title": r[1], "lang": r[2], "outlet": r[3], "uri": r[4], "published": r[5]}
        for r in store.conn.execute(sql, list(doc_ids))
    }


def origin(store: SQLiteStore, doc_id: str) -> dict[str, Any] | None:
    """What a document derives from (see :func:`origin_of`), or None for an unknown id."""
    doc = store.get(doc_id)
    return None if doc is None else origin_of(store, doc, links_for(store, doc.id))


def origin_of(store: SQLiteStore, doc: Document, links: list[dict[str, Any]]) -> dict[str, Any]:
    """What ``doc`` derives from, given its :func:`links_for` rows: the sources it cites, the copy
    it duplicates, what it translates.

    ``canonical`` is the original of a copy (None when the document is not a copy);
    ``translation_of`` the earlier page it translates; ``translations`` every page linked to it
    as a translation either way; ``same_source`` pages citing the same original.
    """
    row = store.conn.execute("SELECT canonical_id FROM doc_signatures WHERE doc_id = ?", (doc.id,)).fetchone()
    out_translation = [r for r in links if r["kind"] == TRANSLATION and r["direction"] == "out"]
    return {
        "doc_id": doc.id,
        "cited_urls": doc.provenance.cited_urls,
        "agencies": doc.provenance.agencies,
        "canonical": row[0] if row else None,
        "translation_of": out_translation[0]["other_id"] if out_translation else None,
        "translations": list(dict.fromkeys(r["other_id"] for r in links if r["kind"] == TRANSLATION)),
        "same_source": list(dict.fromkeys(r["other_id"] for r in links if r["kind"] == SAME_SOURCE)),
    }


def aligned_lines(store: SQLiteStore, a: str, b: str) -> list[dict[str, Any]]:
    """Two documents' content lines side by side, in order, paired where they say the same thing.

    Uses cached line vectors (or the semantic extra when installed) and otherwise a cheap
    alignment by shared numbers, names and consonant keys and by position.
    """
    from khabar.dedup import align, semantic

    doc_a, doc_b = store.get(a), store.get(b)
    if doc_a is None or doc_b is None:
        return []
    vectors: list[np.ndarray | None] = []
    for doc in (doc_a, doc_b):
        cached = get_vectors(store, doc.id, semantic.MODEL)
        if cached is None and semantic.available():
            from khabar.dedup.crosslang import content_lines

            cached = semantic.embed_lines([line.text for line in content_lines(doc)])
            with store.conn:
                put_vectors(store, doc.id, semantic.MODEL, cached)
        vectors.append(cached)
    return align.align_documents(doc_a, doc_b, vectors[0], vectors[1])


class SQLiteLinkTables:
    """:class:`khabar.store.base.LinkTables` on the store's SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
