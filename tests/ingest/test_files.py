"""Dispatch by file name and content, directory walks, stdin, and read_paths on bad input."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest

from khabar.document import Document
from khabar.errors import InputError
from khabar.ingest import STDIN_URI, kind_for, read_paths
from khabar.ingest.decode import PREVIEW_CHARS
from tests.conftest import HUGE_FILE_BYTES, warc_response

PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><p>خبر</p></body></html>"


def _outcomes(docs: list[Document]) -> list[str]:
    return [d.rejects[0].reason if d.rejected else "" for d in docs]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "txt"),
        ("a.TEXT", "txt"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.xhtml", "html"),
        ("a.html.gz", "html"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("crawl.arc.gz", "arc"),
        ("wire.jsonl", "jsonl"),
        ("wire.ndjson", "jsonl"),
        ("wire.jsonl.gz", "jsonl"),
        ("photo.jpg", None),
        ("notes", None),
        ("notes.gz", None),
    ],
)
def test_kind_for(name: str, kind: str | None) -> None:
    assert kind_for(Path(name)) == kind


def test_text_file_document(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("طورخم پر ٹرک\n", encoding="utf-8")
    os.utime(path, (1741687200, 1741687200))
    (doc,) = read_paths([str(path)])
    assert doc.raw == "طورخم پر ٹرک\n"
    assert doc.source.kind == "txt"
    assert doc.source.uri == str(path.resolve())
    assert doc.source.fetched == "2025-03-11T10:00:00Z"
    assert doc.source.outlet is None


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.php").write_text(PAGE, encoding="utf-8")
    (tmp_path / "story.dat").write_text("Plain story text.", encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02" * 100)
    by_name = {Path(d.source.uri).name: d for d in read_paths([str(tmp_path)])}
    assert by_name["page.php"].source.kind == "html"
    assert by_name["page.php"].html == PAGE
    assert by_name["story.dat"].source.kind == "txt"
    assert by_name["story.dat"].raw == "Plain story text."
    assert by_name["blob.bin"].rejects[0].reason == "binary_content"
    assert by_name["blob.bin"].source.kind == "unknown"


def test_gzipped_html_and_arc_files(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "old.arc.gz").write_bytes(
        gzip.compress(b"filedesc://old.arc 0.0.0.0 20250311 text/plain 10\n")
    )
    page, arc = read_paths([str(tmp_path / "page.html.gz"), str(tmp_path / "old.arc.gz")])
    assert page.html == PAGE
    assert page.source.kind == "html"
    assert arc.rejects[0].reason == "unsupported_payload"


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 200_000))
    (doc,) = read_paths([str(path)], max_bytes=10_000)
    assert doc.rejects[0].reason == "too_large"
    assert "decompresses to more than 10000 bytes" in doc.rejects[0].detail
    assert doc.meta["size"] == path.stat().st_size


def test_directory_walk_is_sorted_recursive_and_skips_hidden_and_project_files(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/c.txt", ".hidden.txt", ".git/x.txt", "make.py", "README.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"text of {rel}", encoding="utf-8")
    names = [str(Path(d.source.uri).relative_to(tmp_path)) for d in read_paths([str(tmp_path)])]
    assert names == ["a/c.txt", "a/z.txt", "b.txt"]


def test_explicitly_named_project_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\nThe minister arrived.", encoding="utf-8")
    (doc,) = read_paths([str(path)])
    assert doc.raw.startswith("# Notes")


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    docs = list(read_paths([str(tmp_path)]))
    assert [d.raw for d in docs] == ["one"]


def test_broken_symlink_becomes_an_unreadable_document(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (doc,) = read_paths([str(tmp_path)])
    assert doc.rejects[0].reason == "unreadable"
    assert "gone.txt" in doc.rejects[0].detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_becomes_an_unreadable_document(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        (doc,) = read_paths([str(path)])
    finally:
        path.chmod(0o644)
    assert doc.rejects[0].reason == "unreadable"


def test_missing_path_raises_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    with pytest.raises(InputError, match="does not exist"):
        read_paths([str(tmp_path / "a.txt"), str(tmp_path / "nope")])
    with pytest.raises(InputError, match="max_bytes"):
        read_paths([str(tmp_path)], max_bytes=0)


def test_empty_directory_yields_nothing(tmp_path: Path) -> None:
    assert list(read_paths([str(tmp_path)])) == []


def test_bad_inputs_directory(bad_inputs_dir: Path, bad_input_outcomes: dict[str, list[str]]) -> None:
    docs = list(read_paths([str(bad_inputs_dir)]))
    got: dict[str, list[str]] = {}
    for doc in docs:
        name = Path(doc.source.uri.split("#", 1)[0]).name
        got.setdefault(name, []).append(doc.rejects[0].reason if doc.rejected else "")
    assert got == bad_input_outcomes
    by_name = {Path(d.source.uri.split("#", 1)[0]).name: d for d in docs}
    latin = by_name["accents_latin1.txt"]
    assert "café" in latin.raw and "résumé" in latin.raw and "Zürich" in latin.raw
    huge = by_name["huge_line.txt"]
    assert huge.meta["size"] == HUGE_FILE_BYTES
    assert huge.raw == "x" * PREVIEW_CHARS
    assert by_name["image.txt"].raw == ""
    assert by_name["empty.txt"].meta["size"] == 0
    for doc in docs:
        assert doc.id and "size" in doc.meta


def test_reading_the_same_directory_twice_gives_the_same_ids(bad_inputs_dir: Path) -> None:
    first = [d.id for d in read_paths([str(bad_inputs_dir)])]
    second = [d.id for d in read_paths([str(bad_inputs_dir)])]
    assert first == second
    assert len(set(first)) == len(first)


def test_same_bytes_at_another_path_get_another_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("same", encoding="utf-8")
    (tmp_path / "b.txt").write_text("same", encoding="utf-8")
    a, b = read_paths([str(tmp_path)])
    assert a.id != b.id


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "b.txt").write_text("second", encoding="utf-8")
    docs = read_paths([str(tmp_path / "b.txt"), str(tmp_path / "a.txt")])
    assert [d.raw for d in docs] == ["second", "first"]


# --- stdin -------------------------------------------------------------------------------


def _stdin(data: bytes, max_bytes: int = 5 * 1024 * 1024) -> list[Document]:
    return list(read_paths(["-"], stdin=io.BytesIO(data), max_bytes=max_bytes))


def test_stdin_text() -> None:
    (doc,) = _stdin("समझौते पर हस्ताक्षर हुए।\n".encode())
    assert doc.source.uri == STDIN_URI
    assert doc.source.kind == "txt"
    assert doc.raw == "समझौते पर हस्ताक्षर हुए।\n"


def test_stdin_html() -> None:
    (doc,) = _stdin(PAGE.encode())
    assert doc.source.kind == "html"
    assert doc.html == PAGE


def test_stdin_jsonl_is_streamed_line_by_line() -> None:
    data = b"".join(json.dumps({"text": f"item {i}"}).encode() + b"\n" for i in range(3))
    docs = _stdin(data)
    assert [d.raw for d in docs] == ["item 0", "item 1", "item 2"]
    assert [d.source.uri for d in docs] == [f"{STDIN_URI}#L{i}" for i in (1, 2, 3)]


def test_stdin_gzipped_warc() -> None:
    docs = _stdin(warc_response("https://a.example/x", PAGE.encode()))
    assert [(d.source.kind, d.source.url) for d in docs] == [("warc", "https://a.example/x")]


def test_stdin_too_large_stops_reading_at_the_limit() -> None:
    # A stream may never end (`yes | khabar ingest -`): reading stops just past the limit.
    stream = io.BytesIO(b"y" * 50_000)
    (doc,) = read_paths(["-"], max_bytes=10_000, stdin=stream)
    assert doc.rejects[0].reason == "too_large"
    assert doc.meta["size"] == 10_001
    assert "reading stopped after 10001 bytes" in doc.rejects[0].detail
    assert stream.tell() < 50_000


def test_stdin_empty_and_binary() -> None:
    assert _outcomes(_stdin(b"")) == ["empty_file"]
    assert _outcomes(_stdin(b"\x89PNG\r\n\x1a\n\x00\x00\x00")) == ["binary_content"]


def test_stdin_can_sit_between_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("file", encoding="utf-8")
    docs = read_paths([str(tmp_path / "a.txt"), "-"], stdin=io.BytesIO(b"piped"))
    assert [d.raw for d in docs] == ["file", "piped"]


def test_rejected_uris_name_the_file(bad_inputs_dir: Path) -> None:
    for doc in read_paths([str(bad_inputs_dir)]):
        assert re.match(re.escape(str(bad_inputs_dir)), doc.source.uri)


def test_named_pipe_in_a_walk_is_rejected_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (doc,) = read_paths([str(tmp_path)])
    assert doc.rejects[0].reason == "not_a_regular_file"
    assert "not a regular file" in doc.rejects[0].detail


def test_stdin_gzipped_warc_cut_short_keeps_the_first_record() -> None:
    first = warc_response("https://a.example/1", PAGE.encode())
    second = warc_response("https://a.example/2", PAGE.encode() * 50)
    docs = _stdin(first + second[: len(second) // 2])
    assert _outcomes(docs) == ["", "truncated_warc"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x1f\x8b\x08\x00garbage that is not deflate data at all",
        gzip.compress(" ".join(f"news{i * 7919 % 100003}" for i in range(5000)).encode())[:-2000],  # cut
    ],
)
def test_broken_gzip_is_rejected_not_raised(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "page.html.gz").write_bytes(data)
    (doc,) = read_paths([str(tmp_path / "page.html.gz")])
    assert doc.rejects[0].reason == "undecodable"
    (piped,) = _stdin(data)
    assert piped.rejects[0].reason == "undecodable"
