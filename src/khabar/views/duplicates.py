"""Duplicate, translation and same-source links as the CLI, the API and the web UI show them: a
document's links strongest first, what it derives from, and two documents aligned line by line."""

from __future__ import annotations

from typing import Any

import numpy as np

from khabar.dedup import align, semantic
from khabar.dedup.crosslang import content_lines
from khabar.dedup.kinds import KINDS, SAME_SOURCE, TRANSLATION
from khabar.dedup.matching import load_vectors, save_vectors
from khabar.document import Document
from khabar.store.base import Store

# The document fields of a duplicate group's members, in the order they are shown.
_MEMBER_FIELDS = ("title", "lang", "outlet", "uri", "published")


def links_for(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Every link touching the document, both directions, strongest kind first.

    ``direction`` is ``out`` when this document is the copy/translation, ``in`` when it is the
    original; ``doc_id`` is always this document and ``other_id`` the one at the other end.
    """
    rank = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(store.links.links_of(doc_id), key=lambda r: (rank.get(r["kind"], len(KINDS)), -r["score"]))


def list_duplicates(
    store: Store, *, kind: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Groups of linked documents: an original (``canonical``) and its copies or translations.

    One group per original and link kind, largest groups first. Each member carries the link's
    score and evidence; the canonical document itself is the first member, with score 1.0. Members
    carry their document's ``title``, ``lang``, ``outlet``, ``uri`` and ``published`` when stored.
    """
    out = []
    for canonical, group_kind in store.links.duplicate_groups(kind=kind, limit=limit, offset=offset):
        copies = store.links.copies_of(canonical, group_kind)
        meta = store.summaries([canonical, *(c.doc_id for c in copies)])
        members = [{"doc_id": canonical, "score": 1.0, "role": "canonical", **_member_meta(meta, canonical)}]
        members += [
            {
                "doc_id": c.doc_id,
                "score": c.score,
                "role": "member",
                "evidence": c.evidence,
                **_member_meta(meta, c.doc_id),
            }
            for c in copies
        ]
        out.append({"canonical": canonical, "kind": group_kind, "members": members})
    return out


def _member_meta(summaries: dict[str, dict[str, Any]], doc_id: str) -> dict[str, Any]:
    """The document fields a group member shows, from :meth:`Store.summaries` rows (none when the
    document is not stored)."""
    row = summaries.get(doc_id)
    return {} if row is None else {key: row[key] for key in _MEMBER_FIELDS}


def origin(store: Store, doc_id: str) -> dict[str, Any] | None:
    """What a document derives from (see :func:`origin_of`), or None for an unknown id."""
    doc = store.get(doc_id)
    return None if doc is None else origin_of(store, doc, links_for(store, doc.id))


def origin_of(store: Store, doc: Document, links: list[dict[str, Any]]) -> dict[str, Any]:
    """What ``doc`` derives from, given its :func:`links_for` rows: the sources it cites, the copy
    it duplicates, what it translates.

    ``canonical`` is the original of a copy (None when the document is not a copy);
    ``translation_of`` the earlier page it translates; ``translations`` every page linked to it
    as a translation either way; ``same_source`` pages citing the same original.
    """
    out_translation = [r for r in links if r["kind"] == TRANSLATION and r["direction"] == "out"]
    return {
        "doc_id": doc.id,
        "cited_urls": doc.provenance.cited_urls,
        "agencies": doc.provenance.agencies,
        "canonical": store.links.canonical_of(doc.id),
        "translation_of": out_translation[0]["other_id"] if out_translation else None,
        "translations": list(dict.fromkeys(r["other_id"] for r in links if r["kind"] == TRANSLATION)),
        "same_source": list(dict.fromkeys(r["other_id"] for r in links if r["kind"] == SAME_SOURCE)),
    }


def aligned_lines(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Two documents' content lines side by side, in order, paired where they say the same thing.

    Uses cached line vectors (or the semantic extra when installed) and otherwise a cheap
    alignment by shared numbers, names and consonant keys and by position.
    """
    doc_a, doc_b = store.get(a), store.get(b)
    if doc_a is None or doc_b is None:
        return []
    vectors: list[np.ndarray | None] = []
    for doc in (doc_a, doc_b):
        cached = load_vectors(store, doc.id)
        if cached is None and semantic.available():
            cached = semantic.embed_lines([line.text for line in content_lines(doc)])
            with store.transaction():
                save_vectors(store, doc.id, cached)
        vectors.append(cached)
    return align.align_documents(doc_a, doc_b, vectors[0], vectors[1])
