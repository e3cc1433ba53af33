"""Store contract: idempotent writes, rejects kept, search in every script (the ``store`` fixture runs
each on SQLite and on PostgreSQL); SQLite's own files and migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khabar.document import CitedSource, Document, Mention, Provenance, RejectRecord, Segment, Source
from khabar.errors import StoreError
from khabar.store.migrations import SCHEMA_VERSION
from khabar.store.sqlite import SQLiteStore, fts_query
from khabar.text.offsets import OffsetMap


def _doc(uri: str, text: str, lang: str = "ur", title: str = "") -> Document:
    doc = Document(source=Source(uri=uri, kind="txt"), raw=text, text=text, lang=lang, title=title)
    doc.segments = [Segment(0, len(text), "body", lang)]
    doc.raw_map = OffsetMap.identity(len(text))
    doc.provenance = Provenance(cited=[CitedSource("agency", "KCNA", 0, 4, "KCNA")])
    return doc


def test_put_is_idempotent_and_get_round_trips(store: SQLiteStore) -> None:
    doc = _doc("a.txt", "KCNA: سرگئی شوئیگو پیانگ یانگ پہنچے", title="شوئیگو")
    assert store.put(doc) is True
    assert store.put(doc) is False
    assert store.stats()["documents"] == 1
    again = store.get(doc.id)
    assert again == doc
    assert store.get(doc.id[:8]) == doc
    assert store.get("nonexistent") is None


def test_search_matches_whole_words_across_spellings(store: SQLiteStore) -> None:
    ur = _doc("ur.txt", "روسی سلامتی کونسل کے سکریٹری سرگئی شوئیگو")
    ur_other = _doc("ur2.txt", "روسی وزیر دفاع آندرے بیلوسوف")
    hi = _doc("hi.txt", "रूसी सुरक्षा परिषद के सचिव सर्गेई शोइगु", "hi")
    hi_compound = _doc("hi2.txt", "यह असुरक्षाबोध की बात है", "hi")
    for d in (ur, ur_other, hi, hi_compound):
        store.put(d)
    assert [h.id for h in store.search("شوئیگو")] == [ur.id]
    assert [h.id for h in store.search("شوئيگو")] == [ur.id]  # Arabic yeh spelling
    assert [h.id for h in store.search("सुरक्षा")] == [hi.id]
    assert store.search("सुरक्षा", lang="ur") == []
    hit = store.search("बीलोसोव OR")  # operators are words, not syntax
    assert hit == []
    assert "[" in store.search("शोइगु")[0].snippet


def test_fts_query_quotes_tokens() -> None:
    assert fts_query('शोइगु "OR" NEAR(') == '"शोइगु" AND "or" AND "near"'
    assert fts_query("  ,, ") == ""


def test_rejects_are_kept_with_reason_and_not_duplicated(store: SQLiteStore) -> None:
    bad = Document(source=Source(uri="/data/empty.txt", kind="txt"), raw="")
    bad.rejects.append(RejectRecord("ingest", "empty_file", "0 bytes"))
    assert store.put(bad) is True
    assert store.put(bad) is False
    [row] = store.rejects()
    assert (row.uri, row.stage, row.reason) == ("/data/empty.txt", "ingest", "empty_file")
    assert store.get(bad.id) is not None and store.get(bad.id).rejected
    assert store.stats()["reject_reasons"] == {"empty_file": 1}


def test_an_accepted_document_replaces_its_earlier_reject(store: SQLiteStore) -> None:
    doc = _doc("x.txt", "متن")
    failed = Document.from_dict(doc.to_dict())
    failed.rejects.append(RejectRecord("clean", "stage_error", "bug"))
    store.put(failed)
    store.put(doc)
    assert store.rejects() == [] and store.stats()["documents"] == 1


def test_runs_and_stats(store: SQLiteStore) -> None:
    run = store.start_run("ingest x")
    store.put(_doc("a.txt", "KCNA نے کہا"), run)
    store.finish_run(run, {"documents": 1})
    s = store.stats()
    assert s["runs"] == 1 and s["languages"] == {"ur": 1}
    assert s["top_agencies"] == [("KCNA", 1)]
    assert s["schema_version"] == SCHEMA_VERSION


def test_reopen_keeps_data_and_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    with SQLiteStore(path) as s:
        s.put(_doc("a.txt", "ایک"))
    with SQLiteStore(path) as s:
        assert s.stats()["documents"] == 1
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_or_corrupt_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a Khabar database"):
        SQLiteStore(junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE people(name)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="did not create"):
        SQLiteStore(other)
    with pytest.raises(StoreError, match="is a directory"):
        SQLiteStore(tmp_path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        SQLiteStore(path)


def _with_mentions(uri: str, text: str, lang: str, names: dict[str, str]) -> Document:
    doc = _doc(uri, text, lang)
    for surface, entity in names.items():
        start = text.index(surface)
        doc.mentions.append(
            Mention(start, start + len(surface), "PERSON", entity, 0.9, text=surface, entity=entity)
        )
    return doc


def test_entity_search_finds_every_script(store: SQLiteStore) -> None:
    ur = _with_mentions("ur.txt", "سرگئی شوئیگو پیانگ یانگ پہنچے", "ur", {"شوئیگو": "per:shoigu"})
    hi = _with_mentions("hi.txt", "सर्गेई शोइगु प्योंगयांग पहुंचे", "hi", {"शोइगु": "per:shoigu", "सर्गेई": "u:srg"})
    other = _with_mentions("x.txt", "آندرے بیلوسوف", "ur", {"بیلوسوف": "per:belousov"})
    for d in (ur, hi, other):
        store.put(d)
    assert store.search("Shoigu") == []  # no such word in any text
    hits = store.search("Shoigu", entities=["per:shoigu"])
    assert {h.id for h in hits} == {ur.id, hi.id}
    assert "[शोइगु]" in next(h.snippet for h in hits if h.id == hi.id)
    assert [h.id for h in store.search("Shoigu", entities=["per:shoigu"], lang="hi")] == [hi.id]
    counts = {ref: (docs, n) for ref, _label, docs, n, _surface in store.entity_counts()}
    assert counts["per:shoigu"] == (2, 2) and counts["per:belousov"] == (1, 1)
    assert [r[0] for r in store.entity_counts("ORG")] == []
    assert store.co_mentions(["per:shoigu"]) == [("u:srg", "PERSON", 1)]
    assert sorted(s for _d, s, _a, _b in store.entity_mentions(["per:shoigu"])) == ["شوئیگو", "शोइगु"]
    assert store.stats()["top_entities"][0] == ("per:shoigu", "PERSON", 2, "شوئیگو")


def test_version_1_database_is_migrated_and_refs_filled(tmp_path: Path) -> None:
    from khabar.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute(
        "INSERT INTO documents(id, uri, kind, lang, script, title, text, data, added)"
        " VALUES ('d1', 'a.txt', 'txt', 'ur', 'Arab', '', 'x', '{}', 'now')"
    )
    conn.execute(
        "INSERT INTO annotations VALUES ('d1', 'mentions', 0, 0, 1, 'PERSON', '{\"entity\": \"per:x\"}')"
    )
    conn.commit()
    conn.close()
    with SQLiteStore(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.entity_counts() == [("per:x", "PERSON", 1, 1, None)]
