"""Search filters and paging on both backends: language, date range, outlet, event type, offset
(the SQLite-only tests at the end read and change SQLite's own tables)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from khabar.document import Document, Event, Mention, Provenance, PublishedDate, Segment, Source
from khabar.store import open_store
from khabar.store.migrations import MIGRATIONS
from khabar.store.sqlite import _WORD_CHAR, SQLiteStore, _word_spans
from khabar.text.offsets import OffsetMap


def _doc(
    uri: str,
    text: str,
    *,
    lang: str = "ur",
    published: str | None = None,
    outlet: str | None = None,
    event: str | None = None,
    entity: tuple[str, str] | None = None,
) -> Document:
    doc = Document(source=Source(uri=uri, kind="txt"), raw=text, text=text, lang=lang, title=uri)
    doc.segments = [Segment(0, len(text), "body", lang)]
    doc.raw_map = OffsetMap.identity(len(text))
    doc.provenance = Provenance(outlet=outlet)
    if published:
        doc.published = PublishedDate(published, "html_meta")
    if event:
        doc.events = [Event(event, 0, 3, 0, len(text))]
    if entity:
        surface, entity_id = entity
        start = text.index(surface)
        doc.mentions = [Mention(start, start + len(surface), "PERSON", entity_id, 0.9, surface, entity_id)]
    return doc


@pytest.fixture
def store(store_target: str | Path) -> Iterator[SQLiteStore]:
    s = open_store(store_target)
    docs = [
        _doc(
            "a",
            "پیانگ یانگ میں ملاقات",
            published="2024-06-18T09:00:00+09:00",
            outlet="x.pk",
            event="CONSULT",
        ),
        _doc("b", "پیانگ یانگ سے خبر", published="2024-06-30", outlet="y.pk"),
        _doc("c", "پیانگ یانگ معاہدہ", published="2024-07-01", outlet="x.pk", event="AGREE"),
        _doc("d", "प्योंगयांग में बैठक", lang="hi", published="2023-09-13", event="CONSULT"),
        _doc("e", "سرگئی شوئیگو پہنچے", published="2024-09-13", outlet="y.pk", entity=("شوئیگو", "per:s")),
        _doc("f", "कोई तारीख नहीं शोइगु", lang="hi", entity=("शोइगु", "per:s")),
    ]
    for d in docs:
        s.put(d)
    yield s
    s.close()


def _uris(hits: list) -> list[str]:
    return sorted(h.uri for h in hits)


def test_date_range_is_an_iso_prefix_range(store: SQLiteStore) -> None:
    assert _uris(store.search("پیانگ")) == ["a", "b", "c"]
    assert _uris(store.search("پیانگ", until="2024-06")) == ["a", "b"]
    assert _uris(store.search("پیانگ", since="2024-06-30")) == ["b", "c"]
    assert _uris(store.search("پیانگ", since="2024-06-19", until="2024-06-30")) == ["b"]
    assert store.search("پیانگ", since="2025") == []


def test_outlet_event_type_and_language_filters(store: SQLiteStore) -> None:
    assert _uris(store.search("پیانگ", outlet="x.pk")) == ["a", "c"]
    assert _uris(store.search("پیانگ", event_type="CONSULT")) == ["a"]
    assert _uris(store.search("پیانگ", event_type="AGREE", outlet="x.pk")) == ["c"]
    assert store.search("پیانگ", event_type="THREATEN") == []
    assert _uris(store.search("प्योंगयांग", event_type="CONSULT", lang="hi")) == ["d"]
    assert store.search("प्योंगयांग", lang="ur") == []


def test_filters_apply_to_entity_hits(store: SQLiteStore) -> None:
    assert _uris(store.search("Shoigu", entities=["per:s"])) == ["e", "f"]
    assert _uris(store.search("Shoigu", entities=["per:s"], lang="hi")) == ["f"]
    assert _uris(store.search("Shoigu", entities=["per:s"], since="2024")) == ["e"]
    assert _uris(store.search("Shoigu", entities=["per:s"], outlet="y.pk")) == ["e"]
    assert store.search("Shoigu", entities=["per:s"], outlet="x.pk") == []


def test_offset_pages_through_text_then_entity_hits(store: SQLiteStore) -> None:
    everything = store.search("پیانگ", entities=["per:s"], limit=10)
    assert len(everything) == 5
    assert [h.uri for h in everything[3:]] == ["f", "e"]  # entity hits after the text hits, newest first
    pages = [store.search("پیانگ", entities=["per:s"], limit=2, offset=o) for o in (0, 2, 4)]
    assert [h.id for page in pages for h in page] == [h.id for h in everything]
    assert store.search("پیانگ", entities=["per:s"], limit=2, offset=10) == []


def _names(conn: sqlite3.Connection, kind: str) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def _names_at(version: int, kind: str) -> set[str]:
    """The tables or triggers a store of schema ``version`` has."""
    conn = sqlite3.connect(":memory:")
    for script in MIGRATIONS[:version]:
        conn.executescript(script)
    return _names(conn, kind)


def test_filter_tables_follow_deletes_and_are_filled_by_the_migration(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with SQLiteStore(db) as s:
        keep = _doc("k", "پیانگ یانگ ملاقات", outlet="x.pk", event="CONSULT")
        gone = _doc("g", "پیانگ یانگ معاہدہ", outlet="x.pk", event="CONSULT")
        s.put(keep)
        s.put(gone)
        with s.conn:
            s.conn.execute("DELETE FROM documents WHERE id = ?", (gone.id,))
        assert _uris(s.search("پیانگ", event_type="CONSULT", outlet="x.pk")) == ["k"]
        assert s.conn.execute("SELECT count(*) FROM doc_event_types").fetchone()[0] == 1
        # A store made before the filter tables existed (schema 5) gets them filled on opening:
        # every table of the later migrations is dropped (their triggers and indexes go with them).
        tables = _names(s.conn, "table") - _names_at(5, "table")
        triggers = _names(s.conn, "trigger") - _names_at(5, "trigger")
        s.conn.executescript(
            "".join(f"DROP TRIGGER {t};" for t in sorted(triggers))
            + "".join(f"DROP TABLE {t};" for t in sorted(tables))
            + "UPDATE meta SET value = '5' WHERE key = 'schema_version';"
        )
    with SQLiteStore(db) as s:
        assert _uris(s.search("پیانگ", event_type="CONSULT", outlet="x.pk", lang="ur")) == ["k"]
        assert s.conn.execute("SELECT count(*) FROM doc_entities").fetchone()[0] == 0


def test_snippet_brackets_the_words_found_in_a_window_of_whole_words(tmp_path: Path) -> None:
    filler = " ".join(f"لفظ{i}" for i in range(40))
    text = f"{filler} سرگئی شوئیگو پیانگ یانگ پہنچے اور شوئیگو نے کہا {filler}"
    with SQLiteStore(tmp_path / "s.db") as s:
        s.put(_doc("s", text))
        [hit] = s.search("شوئیگو پیانگ")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "[شوئیگو] [پیانگ] یانگ" in hit.snippet and hit.snippet.count("[شوئیگو]") == 2
    words = hit.snippet.strip("…").split()
    assert all(w.startswith(("لفظ", "[")) or w in text.split() for w in words)  # no word cut in half


def test_a_common_word_is_ranked_among_the_newest_candidates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import khabar.store.sqlite as sqlite_store

    with SQLiteStore(tmp_path / "c.db") as s:
        # The oldest document is the best bm25 match (the word three times in a short text).
        s.put(_doc("old", "خبر خبر خبر"))
        for i in range(4):
            s.put(_doc(f"new{i}", f"خبر ایک لمبی عبارت کے اندر صرف ایک بار آیا ہے نمبر {i}"))
        assert s.search("خبر", limit=1)[0].uri == "old"
        monkeypatch.setattr(sqlite_store, "SEARCH_CANDIDATES", 2)
        assert {h.uri for h in s.search("خبر", limit=2)} == {"new2", "new3"}
        assert len(s.search("خبر", limit=5)) == 5  # a page never holds fewer than asked


def test_mentioning_keeps_documents_that_mention_an_entity(store: SQLiteStore) -> None:
    assert _uris(store.search("پہنچے", mentioning=["per:s"])) == ["e"]
    assert _uris(store.search("Shoigu", entities=["per:s"], mentioning=["per:s"], lang="hi")) == ["f"]
    assert store.search("پیانگ", mentioning=["per:s"]) == []
    assert _uris(store.search("پیانگ", mentioning=["per:s", "nobody"], entities=["per:s"])) == ["e", "f"]
    with store.transaction():
        store.conn.execute(
            "DELETE FROM annotations WHERE kind = 'mentions' AND doc_id IN"
            " (SELECT id FROM documents WHERE uri = 'e')"
        )
        if not isinstance(store, SQLiteStore):  # SQLite's trigger does this; PostgreSQL's store writes it
            store.conn.execute(
                "DELETE FROM doc_entities WHERE doc_rowid IN (SELECT rowid FROM documents WHERE uri = 'e')"
            )
    assert _uris(store.search("Shoigu", entities=["per:s"], mentioning=["per:s"])) == ["f"]


def test_optimize_after_a_bulk_load_keeps_every_hit(store: SQLiteStore) -> None:
    before = [(h.id, h.snippet) for h in store.search("پیانگ")]
    store.optimize()
    assert [(h.id, h.snippet) for h in store.search("پیانگ")] == before != []


def test_a_deleted_document_leaves_the_full_text_index(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "k.db") as s:
        s.put(_doc("a", "پیانگ یانگ ملاقات"))
        gone = _doc("g", "پیانگ یانگ معاہدہ")
        s.put(gone)
        with s.conn:
            s.conn.execute("DELETE FROM documents WHERE id = ?", (gone.id,))
        assert _uris(s.search("معاہدہ")) == []
        # The next document takes the deleted one's rowid: it must be indexed, and found alone.
        assert s.put(_doc("n", "پیانگ یانگ معاہدہ نو"))
        assert _uris(s.search("معاہدہ")) == ["n"]


_ALPHABET = "ab ش\u064eوئ پ\u093eक-।"


@example(text="a-b ab a", words=["a", "a-b"])  # two whole words that start together
@given(
    text=st.text(alphabet=_ALPHABET, max_size=40),
    words=st.lists(st.text(alphabet=_ALPHABET.strip(), min_size=1, max_size=4), min_size=1, max_size=3),
)
def test_word_spans_are_what_a_pattern_of_the_words_finds(text: str, words: list[str]) -> None:
    # The pattern the snippets were first made with: the words as alternatives, longest first,
    # neither preceded nor followed by a character of a word.
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    pattern = re.compile(f"(?<!{_WORD_CHAR})(?:{alternatives})(?!{_WORD_CHAR})")
    assert _word_spans(text, words) == [m.span() for m in pattern.finditer(text)]
