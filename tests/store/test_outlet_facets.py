"""Search by outlet, outlet country, outlet kind and page kind, the facet counts beside the hits, and
the migration that adds the columns to a database written before them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.document import Document, Mention, Provenance, Segment, Source
from khabar.store import open_store
from khabar.store.migrations import MIGRATIONS
from khabar.store.sqlite import SQLiteStore
from khabar.text.offsets import OffsetMap


def _doc(
    uri: str, text: str, outlet: str | None, country: str | None, kind: str | None, page: str
) -> Document:
    doc = Document(source=Source(uri=uri, kind="html"), raw=text, text=text, lang="ur", title=uri)
    doc.segments = [Segment(0, len(text), "body", "ur")]
    doc.raw_map = OffsetMap.identity(len(text))
    doc.provenance = Provenance(outlet=outlet, country=country, outlet_kind=kind, outlet_name=outlet)
    doc.page_kind = page
    if "شوئیگو" in text:
        start = text.index("شوئیگو")
        doc.mentions = [Mention(start, start + 6, "PERSON", "per:s", 0.9, "شوئیگو", "per:s")]
    return doc


DOCS = [
    ("a", "پیانگ یانگ میں ملاقات", "dawn.com", "PK", "private", "article"),
    ("b", "پیانگ یانگ سے خبر", "app.com.pk", "PK", "state", "article"),
    ("c", "پیانگ یانگ معاہدہ", "kcna.kp", "KP", "state", "article"),
    ("d", "پیانگ یانگ تازہ ترین خبریں", "dawn.com", "PK", "private", "homepage"),
    ("e", "سرگئی شوئیگو پہنچے", "inquilab.com", "IN", "private", "article"),
    ("f", "پیانگ یانگ کی خبر", None, None, None, "article"),
]


@pytest.fixture
def store(store_target: str | Path) -> Iterator[SQLiteStore]:
    s = open_store(store_target)  # each backend
    s.put_batch([_doc(*row) for row in DOCS])
    yield s
    s.close()


def _uris(store: SQLiteStore, query: str, **filters: str) -> set[str]:
    return {h.uri for h in store.search(query, **filters)}  # type: ignore[arg-type]


def test_filters_by_outlet_country_kind_and_page_kind(store: SQLiteStore) -> None:
    assert _uris(store, "پیانگ") == {"a", "b", "c", "d", "f"}
    assert _uris(store, "پیانگ", country="PK") == {"a", "b", "d"}
    assert _uris(store, "پیانگ", outlet_kind="state") == {"b", "c"}
    assert _uris(store, "پیانگ", country="PK", outlet_kind="state") == {"b"}
    assert _uris(store, "پیانگ", page_kind="homepage") == {"d"}
    assert _uris(store, "پیانگ", page_kind="article", outlet="dawn.com") == {"a"}
    assert _uris(store, "پیانگ", country="IN") == set()
    assert {h.uri for h in store.search("", entities=["per:s"], country="IN")} == {"e"}
    assert {h.uri for h in store.search("", entities=["per:s"], country="PK")} == set()


def test_facets_count_what_the_search_finds(store: SQLiteStore) -> None:
    facets = store.search_facets("پیانگ")
    assert dict(facets["outlet"]) == {"dawn.com": 2, "app.com.pk": 1, "kcna.kp": 1, "": 1}
    assert facets["outlet"][0] == ("dawn.com", 2)  # most first
    assert dict(facets["country"]) == {"PK": 3, "KP": 1, "": 1}
    assert dict(facets["outlet_kind"]) == {"private": 2, "state": 2, "": 1}
    assert dict(facets["page_kind"]) == {"article": 4, "homepage": 1}
    narrowed = store.search_facets("پیانگ", country="PK", page_kind="article")
    assert dict(narrowed["outlet"]) == {"dawn.com": 1, "app.com.pk": 1}
    by_entity = store.search_facets("", entities=["per:s"])
    assert dict(by_entity["country"]) == {"IN": 1}
    assert store.search_facets("nothingmatches")["outlet"] == []


def test_a_database_from_before_the_outlet_columns_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    before = next(i for i, script in enumerate(MIGRATIONS) if "TABLE IF NOT EXISTS doc_outlets" in script)
    for script in MIGRATIONS[:before]:
        conn.executescript(script)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(before),))
    data = json.dumps({"provenance": {"outlet": "dawn.com", "country": "PK", "outlet_kind": "private"}})
    conn.execute(
        "INSERT INTO documents(id, uri, kind, outlet, lang, script, title, text, data, added)"
        " VALUES ('d1', 'a.html', 'html', 'dawn.com', 'ur', 'Arab', '', 'x', ?, 'now')",
        (data,),
    )
    conn.execute("INSERT INTO docs_fts(rowid, title, body) VALUES (1, '', 'پیانگ')")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as s:
        assert s.schema_version == len(MIGRATIONS)
        assert [h.uri for h in s.search("پیانگ", country="PK", page_kind="article")] == ["a.html"]
        assert dict(s.search_facets("پیانگ")["outlet_kind"]) == {"private": 1}
