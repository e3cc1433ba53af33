"""Link tables on SQLite: duplicate groups come back as rows (the view composes what is shown)."""

from __future__ import annotations

from khabar.document import Document, Segment, Source
from khabar.store.base import CopyRow
from khabar.store.sqlite import SQLiteStore


def _doc(uri: str, text: str) -> Document:
    return Document(
        source=Source(uri=uri, kind="txt"),
        raw=text,
        text=text,
        lang="ur",
        segments=[Segment(0, len(text), "body", "ur")],
    )


def test_duplicate_groups_and_copies_are_rows(store: SQLiteStore) -> None:
    a, b, c, d = (_doc(u, f"متن نمبر {u}") for u in "abcd")
    store.put_batch([a, b, c, d])
    with store.transaction():
        store.links.add_link(b.id, a.id, "duplicate_of", 0.9, {"content_hash": "x"})
        store.links.add_link(c.id, a.id, "duplicate_of", 0.97, {})
        store.links.add_link(d.id, c.id, "translation_of", 0.8, {"numbers": ["1"]})
    # Largest group first; a kind filter and paging.
    assert store.links.duplicate_groups() == [(a.id, "duplicate_of"), (c.id, "translation_of")]
    assert store.links.duplicate_groups(kind="translation_of") == [(c.id, "translation_of")]
    assert store.links.duplicate_groups(limit=1, offset=1) == [(c.id, "translation_of")]
    # Highest score first, evidence parsed.
    assert store.links.copies_of(a.id, "duplicate_of") == [
        CopyRow(c.id, 0.97, {}),
        CopyRow(b.id, 0.9, {"content_hash": "x"}),
    ]
    assert store.links.copies_of(a.id, "translation_of") == []
