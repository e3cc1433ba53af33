"""The JSON Lines reader: good items, hints, bad lines, long lines, gzip."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from khabar.document import Document
from khabar.ingest import read_paths
from khabar.ingest.jsonl import looks_like_jsonl, read_jsonl

ITEM = {
    "id": "w-1",
    "url": "https://www.srpa.example/en/1",
    "title": "Transit deal signed",
    "published": "2025-03-11T16:45:00+05:00",
    "lang": "en",
    "text": "Three countries signed a transit deal in Tashkent.",
}


def _lines(*objects: object) -> bytes:
    return b"".join(
        (o if isinstance(o, bytes) else json.dumps(o, ensure_ascii=False).encode()) + b"\n" for o in objects
    )


def _read(data: bytes, max_bytes: int = 5 * 1024 * 1024) -> list[Document]:
    return list(
        read_jsonl(io.BytesIO(data), "/data/wire.jsonl", fetched="2025-03-12T00:00:00Z", max_bytes=max_bytes)
    )


def test_item_fields_go_to_source_and_meta() -> None:
    (doc,) = _read(_lines(ITEM))
    assert doc.raw == ITEM["text"]
    assert doc.html is None
    assert doc.source.kind == "jsonl"
    assert doc.source.uri == "/data/wire.jsonl#L1"
    assert doc.source.record == "1"
    assert doc.source.url == ITEM["url"]
    assert doc.source.outlet == "srpa.example"
    assert doc.source.fetched == "2025-03-12T00:00:00Z"
    assert doc.meta["title"] == ITEM["title"]
    assert doc.meta["published"] == ITEM["published"]
    assert doc.meta["lang"] == "en"
    assert doc.meta["id"] == "w-1"
    assert not doc.rejected


def test_date_and_source_aliases_and_html_items() -> None:
    item = {
        "html": "<html><head><link rel='canonical' href='https://x.example/a'></head></html>",
        "date": "2025-03-13",
    }
    item |= {"source": "Aina Asia", "text": "extract"}
    (doc,) = _read(_lines(item))
    assert doc.html == item["html"]
    assert doc.raw == ""
    assert doc.meta["text"] == "extract"
    assert doc.meta["published"] == "2025-03-13"
    assert doc.source.outlet == "Aina Asia"
    assert doc.source.url == "https://x.example/a"


def test_bad_lines_are_rejected_with_their_line_numbers_and_blank_lines_skipped() -> None:
    data = _lines(ITEM, b"", b"   ", b"{not json", ["a", "list"], {"title": "no text"}, {"text": "   "}, ITEM)
    docs = _read(data)
    outcomes = [(d.source.record, d.rejects[0].reason if d.rejected else "") for d in docs]
    assert outcomes == [
        ("1", ""),
        ("4", "invalid_json"),
        ("5", "invalid_json"),
        ("6", "missing_text"),
        ("7", "missing_text"),
        ("8", ""),
    ]
    assert docs[1].raw == "{not json"
    assert "line 4" in docs[1].rejects[0].detail


def test_a_line_over_the_limit_is_rejected_without_stopping_the_file() -> None:
    long_item = {"text": "x" * 5000}
    docs = _read(_lines(ITEM, long_item, ITEM), max_bytes=1000)
    assert [d.rejects[0].reason if d.rejected else "" for d in docs] == ["", "too_large", ""]
    assert docs[1].meta["size"] == len(json.dumps(long_item))
    assert docs[2].source.record == "3"


def test_last_line_without_newline_and_crlf_endings() -> None:
    data = json.dumps(ITEM).encode() + b"\r\n" + json.dumps(ITEM).encode()
    docs = _read(data)
    assert [d.source.record for d in docs] == ["1", "2"]
    assert not any(d.rejected for d in docs)


def test_ids_are_stable_and_differ_per_line() -> None:
    first = _read(_lines(ITEM, ITEM))
    second = _read(_lines(ITEM, ITEM))
    assert [d.id for d in first] == [d.id for d in second]
    assert first[0].id != first[1].id


def test_gzipped_jsonl_file_and_a_truncated_one(tmp_path: Path) -> None:
    packed = gzip.compress(_lines(*[ITEM] * 50))
    (tmp_path / "ok.jsonl.gz").write_bytes(packed)
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    ok = list(read_paths([str(tmp_path / "ok.jsonl.gz")]))
    assert len(ok) == 50
    assert not any(d.rejected for d in ok)
    cut = list(read_paths([str(tmp_path / "cut.jsonl.gz")]))
    assert cut[-1].rejects[0].reason == "unreadable"
    assert all(not d.rejected for d in cut[:-1])


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"text": "a"}\n{"text": "b"}\n', True),
        (b'\n\n  {"text": "a"}\n', True),
        (b'{\n  "text": "pretty printed"\n}\n', False),
        (b"[1, 2]\n", False),
        (b"plain text\n", False),
        (b"", False),
    ],
)
def test_looks_like_jsonl(head: bytes, expected: bool) -> None:
    assert looks_like_jsonl(head) is expected
