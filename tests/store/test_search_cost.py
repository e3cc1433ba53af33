"""What one search page costs the SQLite store, structurally (issue 16): the number of statements
does not grow with the store or with the number of hits, the facets are counted in one grouped
statement from indexes, their cached answer goes stale with any write, and the outlet counters
that the page reads agree with a recount."""

from __future__ import annotations

from pathlib import Path

from khabar.api import data
from khabar.document import Document, Mention, Provenance, Segment, Source
from khabar.store.base import FACET_CANDIDATES
from khabar.store.sqlite import SQLiteStore
from khabar.text.offsets import OffsetMap

NAME = "پاکستان"


def _doc(i: int, outlet: str, country: str | None = None, page: str = "article") -> Document:
    text = f"{NAME} میں خبر نمبر {i} آئی۔ یہ دوسرا جملہ ہے۔"
    doc = Document(
        source=Source(uri=f"t/{i}.txt", kind="txt"), raw=text, text=text, lang="ur", title=f"خبر {i}"
    )
    doc.segments = [Segment(0, len(text), "body", "ur")]
    doc.raw_map = OffsetMap.identity(len(text))
    doc.provenance = Provenance(outlet=outlet, country=country, outlet_kind="private" if country else None)
    doc.page_kind = page
    doc.mentions = [Mention(0, len(NAME), "GPE", "loc:pakistan", 0.9, NAME, "loc:pakistan")]
    return doc


def _fill(path: Path, n: int) -> SQLiteStore:
    store = SQLiteStore(path)
    store.put_batch(
        [
            _doc(i, f"news{i % 3}.example", "PK" if i % 2 else None, "homepage" if i % 5 == 0 else "article")
            for i in range(n)
        ]
    )
    return store


def _trace(seen: list[str]) -> object:
    """A trace callback keeping the store's own statements (not those FTS5 runs inside one, which
    SQLite reports as comments)."""

    def keep(sql: str) -> None:
        if not sql.startswith("--"):
            seen.append(sql)

    return keep


def _statements(store: SQLiteStore, query: str) -> list[str]:
    """The statements that the search page's store reads issue (hits, facets, counters)."""
    seen: list[str] = []
    store.conn.set_trace_callback(_trace(seen))  # type: ignore[arg-type]
    filters = data.search_filters(lang=None, since=None, until=None, outlet=None, event_type=None)
    try:
        data.search(store, query, limit=20, offset=0, filters=filters)
        data.search_facets(store, query, filters=filters)
        store.stats()
    finally:
        store.conn.set_trace_callback(None)
    return seen


def test_a_search_page_issues_as_many_statements_on_a_bigger_store(tmp_path: Path) -> None:
    small, big = _fill(tmp_path / "s.db", 30), _fill(tmp_path / "b.db", 120)
    # "خبر" finds every document by its words; the name also by its entity (no text hit for 2).
    for query in ("خبر", NAME, "loc:pakistan"):
        few, many = _statements(small, query), _statements(big, query)
        assert len(few) == len(many) <= 12, (query, few, many)
    small.close()
    big.close()


def test_entity_hits_read_their_documents_in_one_statement(tmp_path: Path) -> None:
    store = _fill(tmp_path / "k.db", 40)
    seen: list[str] = []
    store.conn.set_trace_callback(_trace(seen))  # type: ignore[arg-type]
    hits = store.search("", entities=("loc:pakistan",), limit=25)
    store.conn.set_trace_callback(None)
    assert len(hits) == 25
    assert sum("FROM documents" in s for s in seen) == 1, seen
    store.close()


def test_facets_are_counted_in_one_statement_from_the_indexes(tmp_path: Path) -> None:
    store = _fill(tmp_path / "k.db", 30)
    seen: list[str] = []
    store.conn.set_trace_callback(_trace(seen))  # type: ignore[arg-type]
    store.search_facets(NAME, entities=("loc:pakistan",))
    store.conn.set_trace_callback(None)
    counting = [s for s in seen if "GROUP BY" in s]
    assert len(counting) == 1
    assert str(FACET_CANDIDATES) in counting[0]  # bound: the traced text has the values in it
    plan = " ".join(str(row[3]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + counting[0]))
    assert "SEARCH e USING PRIMARY KEY (entity=?)" in plan  # doc_entities, not the mention rows
    assert "SEARCH f USING INTEGER PRIMARY KEY" in plan and "SEARCH o USING INTEGER PRIMARY KEY" in plan
    assert "SCAN f" not in plan and "SCAN o" not in plan
    store.close()


def test_cached_facets_go_stale_with_any_write(tmp_path: Path) -> None:
    store = _fill(tmp_path / "k.db", 10)
    first = store.search_facets(NAME, entities=("loc:pakistan",))
    assert sum(n for _v, n in first["outlet"]) == 10
    again = store.search_facets(NAME, entities=("loc:pakistan",))
    assert again == first
    again["outlet"].clear()  # the caller's copy, not the cache
    assert store.search_facets(NAME, entities=("loc:pakistan",)) == first
    store.put(_doc(100, "news9.example"))  # this connection writes
    mine = store.search_facets(NAME, entities=("loc:pakistan",))
    assert ("news9.example", 1) in mine["outlet"]
    with SQLiteStore(tmp_path / "k.db") as other:  # another connection writes
        other.put(_doc(101, "news8.example"))
    theirs = store.search_facets(NAME, entities=("loc:pakistan",))
    assert ("news8.example", 1) in theirs["outlet"]
    assert sum(n for _v, n in theirs["outlet"]) == 12
    store.close()


def test_outlet_counters_agree_with_a_recount(tmp_path: Path) -> None:
    store = _fill(tmp_path / "k.db", 25)
    stats, recount = store.stats(), store.stats_recount()
    for name in ("page_kinds", "outlet_kinds", "countries"):
        assert stats[name] == recount[name] and list(stats[name]) == list(recount[name]), name
    assert stats["countries"] == {"": 13, "PK": 12}
    store.conn.execute("DELETE FROM documents WHERE uri = 't/1.txt'")
    stats, recount = store.stats(), store.stats_recount()
    for name in ("page_kinds", "outlet_kinds", "countries"):
        assert stats[name] == recount[name], name
    store.close()


def test_cached_hits_go_stale_with_any_write(tmp_path: Path) -> None:
    store = _fill(tmp_path / "k.db", 3)
    first = store.search("خبر", limit=10)
    assert len(first) == 3 and store.search("خبر", limit=10) == first
    assert len(store.search("خبر", limit=2)) == 2  # another page size is another answer
    with SQLiteStore(tmp_path / "k.db") as other:
        other.put(_doc(50, "news1.example"))
    assert len(store.search("خبر", limit=10)) == 4
    store.put(_doc(51, "news1.example"))
    assert len(store.search("خبر", limit=10)) == 5
    store.close()
