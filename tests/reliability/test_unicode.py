"""Invalid Unicode at the readers: lone surrogates, non-characters, deep JSON, non-UTF-8 file names."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from khabar.config import Config
from khabar.document import Document, Source
from khabar.ingest import INVALID_UNICODE_KEY, read_paths
from khabar.jobs import ingest, ingest_documents
from khabar.store.sqlite import SQLiteStore
from khabar.text.valid import REPLACEMENT, invalid_count, repair, repair_name

GOOD = "Officials said the border crossing at Torkham reopened on Monday after talks."


def _config(tmp_path: Path) -> Config:
    return Config(db=tmp_path / "k.db", stages=("clean", "langid", "normalize"), links=())


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)))
def test_repaired_text_always_encodes_and_repair_is_idempotent(text: str) -> None:
    fixed, n = repair(text)
    fixed.encode("utf-8")
    assert n == invalid_count(text)
    assert repair(fixed) == (fixed, 0)
    assert len(fixed) == len(text)  # one replacement per bad code point: offsets survive


def test_non_characters_and_surrogates_are_replaced() -> None:
    assert repair("a\ud800b\udfffc\ufdd0d\uffff\U0010fffe") == (
        f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d{REPLACEMENT}{REPLACEMENT}",
        5,
    )
    assert repair("clean ﷺ text") == ("clean ﷺ text", 0)  # U+FDFA is a character


def test_undecodable_file_name_bytes_stay_distinct() -> None:
    e9 = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    e8 = b"caf\xe8.txt".decode("utf-8", "surrogateescape")
    assert repair_name(e9) == ("caf\\xe9.txt", 1)
    assert repair_name(e9)[0] != repair_name(e8)[0]


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_surrogates_in_text_title_and_url_are_repaired_and_counted(tmp_path: Path) -> None:
    # json.dumps escapes the lone surrogate as \ud800 in the file, as the bug report's line does.
    bad = json.dumps({"text": "news \ud800 x " + GOOD, "title": "t\udfff", "url": "https://a.example/\ud800"})
    path = _jsonl(tmp_path, json.dumps({"text": GOOD}), bad)
    good, repaired = read_paths([str(path)])
    assert INVALID_UNICODE_KEY not in good.meta
    assert repaired.raw.startswith(f"news {REPLACEMENT} x")
    assert repaired.meta["title"] == f"t{REPLACEMENT}"
    assert repaired.source.url == f"https://a.example/{REPLACEMENT}"
    assert repaired.meta[INVALID_UNICODE_KEY] == 3
    repaired.to_json().encode("utf-8")


def test_a_surrogate_line_no_longer_loses_the_batch(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        json.dumps({"text": "first " + GOOD}),
        '{"text":"news \\ud800 x"}',
        json.dumps({"text": "third " + GOOD}),
    )
    with SQLiteStore(tmp_path / "k.db") as store:
        report = ingest([str(path)], store, _config(tmp_path))
        texts = [d.raw for d in store.documents()]
    assert report.read == 3
    assert any(t.startswith("first") for t in texts) and any(t.startswith("third") for t in texts)


def test_deeply_nested_line_is_rejected_as_too_deep(tmp_path: Path) -> None:
    deep = '{"text":"x","a":' + "[" * 100_000 + "]" * 100_000 + "}"
    path = _jsonl(tmp_path, json.dumps({"text": GOOD}), deep, json.dumps({"text": "again " + GOOD}))
    with SQLiteStore(tmp_path / "k.db") as store:
        report = ingest([str(path)], store, _config(tmp_path))
        rejects = store.rejects()
    assert report.read == 3 and report.rejected == 1
    assert [r.reason for r in rejects] == ["too_deep"]


def test_nested_hint_values_are_not_kept(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, json.dumps({"text": GOOD, "title": [[["x"]]], "id": 7}))
    (doc,) = read_paths([str(path)])
    assert "title" not in doc.meta and doc.meta["id"] == 7


def test_a_file_name_that_is_not_utf8_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")  # how os hands such a name to Python
    (folder / name).write_text(GOOD)
    with SQLiteStore(tmp_path / "k.db") as store:
        report = ingest([str(folder / name)], store, _config(tmp_path))
        (doc,) = store.documents()
    assert report.stored == 1
    assert doc.source.uri.endswith("caf\\xe9.txt")


class _PickyStore(SQLiteStore):
    """A store that refuses any accepted document whose text holds the word 'poison'."""

    def put_batch(self, docs: list[Document], run_id: int | None = None) -> list[bool]:
        if any("poison" in d.raw and not d.rejected for d in docs):
            raise ValueError("cannot store poison")
        return super().put_batch(docs, run_id)

    def put(self, doc: Document, run_id: int | None = None) -> bool:
        if "poison" in doc.raw and not doc.rejected:
            raise ValueError("cannot store poison")
        return super().put(doc, run_id)


def test_a_document_the_store_refuses_becomes_a_reject_and_the_batch_is_stored(tmp_path: Path) -> None:
    docs = [
        Document(source=Source(uri=f"/in/{i}.txt", kind="txt"), raw=f"{w} {GOOD}")
        for i, w in enumerate(["one", "poison", "three"])
    ]
    store = _PickyStore(tmp_path / "k.db")
    try:
        report = ingest_documents(docs, store, _config(tmp_path), "test")
        stored = sorted(d.source.uri for d in store.documents())
        rejects = store.rejects()
    finally:
        store.close()
    assert stored == ["/in/0.txt", "/in/2.txt"]
    assert [(r.stage, r.reason) for r in rejects] == [("store", "store_error")]
    assert report.read == 3 and report.rejected == 1 and report.reasons == {"store_error": 1}
