"""Document links in the store: the readers the CLI, API and web UI use."""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pytest

from khabar.dedup import kinds as link_kinds
from khabar.dedup import semantic
from khabar.dedup.matching import load_vectors, save_vectors
from khabar.document import CitedSource, Document, Provenance, Segment, Source
from khabar.store.sqlite import SQLiteStore
from khabar.views import duplicates as link_views

URL = "https://example.org/original"


def make(uri: str, lines: list[str], lang: str, cited: str | None = None) -> Document:
    text = "\n".join(lines)
    segments, pos = [], 0
    for line in lines:
        segments.append(Segment(pos, pos + len(line), "body", lang))
        pos += len(line) + 1
    prov = Provenance(cited=[CitedSource("url", cited)] if cited else [])
    return Document(
        source=Source(uri=uri, kind="txt"),
        raw=text,
        text=text,
        lang=lang,
        segments=segments,
        provenance=prov,
        title=lines[0][:20],
    )


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    with SQLiteStore(":memory:") as s:
        yield s


@pytest.fixture
def docs(store: SQLiteStore) -> dict[str, Document]:
    out = {
        "ur": make(
            "a", ["13 ستمبر کو شوئیگو نے پیانگ یانگ کا دورہ کیا", "14 ستمبر کو ملاقات ہوئی"], "ur", URL
        ),
        "hi": make("b", ["13 सितंबर को शोइगु ने प्योंगयांग का दौरा किया", "14 सितंबर को मुलाकात हुई"], "hi", URL),
        "copy": make("c", ["13 ستمبر کو شوئیگو نے پیانگ یانگ کا دورہ کیا", "14 ستمبر کو ملاقات ہوئی"], "ur"),
        "other": make("d", ["کرکٹ ٹیم نے میچ جیت لیا"], "ur"),
    }
    store.put_batch(list(out.values()))
    with store.conn:
        numbers = {"numbers": ["13", "14"]}
        store.links.add_link(out["hi"].id, out["ur"].id, link_kinds.TRANSLATION, 0.95, numbers)
        store.links.add_link(out["hi"].id, out["ur"].id, link_kinds.SAME_SOURCE, 1.0, {"cited_urls": [URL]})
        store.links.add_link(out["copy"].id, out["ur"].id, link_kinds.DUPLICATE, 1.0, {"content_hash": "x"})
    return out


def test_schema_has_the_link_tables(store: SQLiteStore) -> None:
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"doc_signatures", "doc_bands", "doc_anchors", "doc_links", "line_vectors"} <= tables


def test_links_for_gives_both_directions_strongest_first(
    store: SQLiteStore, docs: dict[str, Document]
) -> None:
    rows = link_views.links_for(store, docs["ur"].id)
    assert [(r["kind"], r["direction"]) for r in rows] == [
        (link_kinds.DUPLICATE, "in"),
        (link_kinds.TRANSLATION, "in"),
        (link_kinds.SAME_SOURCE, "in"),
    ]
    assert all(r["doc_id"] == docs["ur"].id for r in rows)
    assert rows[1]["other_id"] == docs["hi"].id and rows[1]["evidence"] == {"numbers": ["13", "14"]}
    out = link_views.links_for(store, docs["hi"].id)
    assert {(r["kind"], r["direction"], r["other_id"]) for r in out} == {
        (link_kinds.TRANSLATION, "out", docs["ur"].id),
        (link_kinds.SAME_SOURCE, "out", docs["ur"].id),
    }
    assert link_views.links_for(store, docs["other"].id) == []
    json.dumps(rows)  # JSON-safe


def test_list_duplicates_groups_members_under_their_original(
    store: SQLiteStore, docs: dict[str, Document]
) -> None:
    groups = link_views.list_duplicates(store)
    assert {(g["canonical"], g["kind"]) for g in groups} == {
        (docs["ur"].id, link_kinds.DUPLICATE),
        (docs["ur"].id, link_kinds.TRANSLATION),
        (docs["ur"].id, link_kinds.SAME_SOURCE),
    }
    (translation,) = link_views.list_duplicates(store, kind=link_kinds.TRANSLATION)
    head, member = translation["members"]
    assert head["doc_id"] == docs["ur"].id and head["lang"] == "ur" and head["role"] == "canonical"
    assert member == {
        "doc_id": docs["hi"].id,
        "score": 0.95,
        "role": "member",
        "evidence": {"numbers": ["13", "14"]},
        "title": docs["hi"].title,
        "lang": "hi",
        "outlet": None,
        "uri": "b",
        "published": None,
    }
    # Key order is what `khabar duplicates --json` prints.
    assert list(head) == ["doc_id", "score", "role", "title", "lang", "outlet", "uri", "published"]
    assert list(member) == [
        "doc_id",
        "score",
        "role",
        "evidence",
        "title",
        "lang",
        "outlet",
        "uri",
        "published",
    ]
    assert len(link_views.list_duplicates(store, limit=1)) == 1
    assert len(link_views.list_duplicates(store, limit=2, offset=2)) == 1
    json.dumps(groups)


def test_origin(store: SQLiteStore, docs: dict[str, Document]) -> None:
    origin = link_views.origin(store, docs["hi"].id)
    assert origin == {
        "doc_id": docs["hi"].id,
        "cited_urls": [URL],
        "agencies": [],
        "canonical": None,
        "translation_of": docs["ur"].id,
        "translations": [docs["ur"].id],
        "same_source": [docs["ur"].id],
    }
    origin_ur = link_views.origin(store, docs["ur"].id)
    assert origin_ur is not None and origin_ur["translation_of"] is None
    assert origin_ur["translations"] == [docs["hi"].id]
    assert link_views.origin(store, "nope") is None


def test_aligned_lines_without_vectors(
    store: SQLiteStore, docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    rows = link_views.aligned_lines(store, docs["ur"].id, docs["hi"].id)
    assert len(rows) == 2
    assert [r["a"]["text"][:2] for r in rows] == ["13", "14"]
    assert [r["b"]["text"][:2] for r in rows] == ["13", "14"]
    assert rows[0]["a"] == {
        "start": 0,
        "end": len(docs["ur"].text.splitlines()[0]),
        "text": docs["ur"].text.splitlines()[0],
    }
    assert link_views.aligned_lines(store, docs["ur"].id, "nope") == []


def test_aligned_lines_uses_cached_vectors(
    store: SQLiteStore, docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    eye = np.eye(2, 384, dtype=np.float32)
    with store.conn:
        save_vectors(store, docs["ur"].id, eye)
        save_vectors(store, docs["hi"].id, eye[::-1].copy())
    cached = load_vectors(store, docs["hi"].id)
    assert cached is not None and np.allclose(cached, eye[::-1])
    rows = link_views.aligned_lines(store, docs["ur"].id, docs["hi"].id)
    # The vectors say line 1 of each matches line 2 of the other: only one of the crossing pairs is kept.
    paired = [(r["a"]["text"][:2], r["b"]["text"][:2]) for r in rows if r["a"] and r["b"]]
    assert len(paired) == 1 and paired[0] in {("13", "14"), ("14", "13")}
    assert len(rows) == 3
