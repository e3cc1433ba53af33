"""The WARC reader on archives written by FastWARC and by hand, whole and cut short."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from khabar.document import Document
from khabar.ingest import read_paths
from khabar.ingest.warc import read_warc
from tests.conftest import warc_response

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAGE = "<html><head><title>معاہدہ</title></head><body><p>تاشقند میں دستخط</p></body></html>".encode()


def _record(kind: str, url: str, block: bytes, content_type: str, record_id: str) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Date: 2025-03-13T11:47:09Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _http(body: bytes, content_type: str, status: str = "200 OK", extra: str = "") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def _response(url: str, body: bytes, content_type: str, record_id: str, status: str = "200 OK") -> bytes:
    block = _http(body, content_type, status)
    return _record("response", url, block, "application/http; msgtype=response", record_id)


def _read(data: bytes, max_bytes: int = 5 * 1024 * 1024) -> list[Document]:
    return list(read_warc(io.BytesIO(data), "/crawl/a.warc", max_bytes=max_bytes))


def test_response_records_become_documents_and_others_are_skipped() -> None:
    data = (
        _record("warcinfo", "", b"software: test\r\n", "application/warc-fields", "0")
        + _record(
            "request", "https://www.news.example/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http", "1"
        )
        + _response("https://www.news.example/a", PAGE, "text/html; charset=utf-8", "2")
        + _record("metadata", "https://www.news.example/a", b"via: x\r\n", "application/warc-fields", "3")
    )
    (doc,) = _read(data)
    assert doc.source.kind == "warc"
    assert doc.source.uri == "/crawl/a.warc#urn:uuid:2"
    assert doc.source.record == "urn:uuid:2"
    assert doc.source.url == "https://www.news.example/a"
    assert doc.source.outlet == "news.example"
    assert doc.source.fetched == "2025-03-13T11:47:09Z"
    assert doc.html == PAGE.decode()
    assert doc.raw == ""
    assert doc.meta["title"] == "معاہدہ"


def test_plain_text_payload_goes_to_raw_and_http_charset_is_honoured() -> None:
    text = "وزير خارجہ تاشقند پہنچ گئيں"
    data = _response("https://a.example/t", text.encode("cp1256"), "text/plain; charset=windows-1256", "1")
    (doc,) = _read(data)
    assert doc.html is None
    assert doc.raw == text
    assert doc.meta["encoding"] == "cp1256"


def test_images_and_error_pages_are_rejected_as_unsupported_payload() -> None:
    data = (
        _response("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", "1")
        + _response("https://a.example/missing", b"<html>not found</html>", "text/html", "2", "404 Not Found")
        + _response("https://a.example/ok", PAGE, "text/html", "3")
    )
    image, missing, page = _read(data)
    assert image.rejects[0].reason == "unsupported_payload"
    assert "image/png" in image.rejects[0].detail
    assert image.raw == ""  # binary: no preview
    assert image.meta["size"] == 10
    assert missing.rejects[0].reason == "unsupported_payload"
    assert "404" in missing.rejects[0].detail
    assert not page.rejected


def test_resource_record_without_http() -> None:
    data = _record("resource", "file:///saved/page.html", PAGE, "text/html; charset=utf-8", "9")
    (doc,) = _read(data)
    assert doc.html == PAGE.decode()
    assert doc.source.outlet is None


def test_gzip_encoded_http_body_is_decoded() -> None:
    body = gzip.compress(PAGE)
    block = _http(body, "text/html; charset=utf-8", extra="Content-Encoding: gzip\r\n")
    (doc,) = _read(_record("response", "https://a.example/z", block, "application/http", "1"))
    assert doc.html == PAGE.decode()


def test_payload_over_the_limit_is_rejected_and_reading_continues() -> None:
    big = b"<html><body>" + b"x" * 5000 + b"</body></html>"
    data = _response("https://a.example/big", big, "text/html", "1") + _response(
        "https://a.example/ok", PAGE, "text/html", "2"
    )
    large, ok = _read(data, max_bytes=1000)
    assert large.rejects[0].reason == "too_large"
    assert large.meta["size"] == len(big)
    assert not ok.rejected


def test_gzip_cut_in_the_middle_yields_records_so_far_then_one_reject(tmp_path: Path) -> None:
    first = warc_response("https://news.example/1", PAGE)
    second = warc_response("https://news.example/2", PAGE + b" " * 20 + bytes(range(32, 127)) * 40)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(first + second[: len(second) - 60])
    docs = list(read_paths([str(path)]))
    assert [d.rejects[0].reason if d.rejected else "" for d in docs] == ["", "truncated_warc"]
    assert docs[0].source.url == "https://news.example/1"
    detail = docs[1].rejects[0].detail
    assert str(path) in detail
    assert "byte" in detail
    assert docs[1].source.uri == str(path)


def test_uncompressed_archive_cut_inside_a_payload() -> None:
    whole = _response("https://a.example/1", PAGE, "text/html", "1") + _response(
        "https://a.example/2", PAGE, "text/html", "2"
    )
    docs = _read(whole[: len(whole) - 40])
    assert [d.rejected for d in docs] == [False, True]
    assert docs[1].rejects[0].reason == "truncated_warc"


def test_uncompressed_archive_cut_inside_a_header() -> None:
    first = _response("https://a.example/1", PAGE, "text/html", "1")
    docs = _read(first + b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Rec")
    assert [d.rejects[0].reason if d.rejected else "" for d in docs] == ["", "truncated_warc"]


def test_bytes_that_are_not_a_warc_give_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are notes, not an archive\n" * 10)
    (doc,) = read_paths([str(path)])
    assert doc.rejects[0].reason == "truncated_warc"


def test_warc_from_a_pipe_without_tell() -> None:
    class Pipe:
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def read(self, size: int = -1) -> bytes:
            return self._data.read(size)

    docs = list(read_warc(Pipe(_response("https://a.example/1", PAGE, "text/html", "1")), "<stdin>"))
    assert [d.source.url for d in docs] == ["https://a.example/1"]


def test_demo_warc_holds_three_of_the_demo_pages() -> None:
    docs = list(read_paths([str(EXAMPLES / "warc" / "demo.warc.gz")]))
    assert not any(d.rejected for d in docs)
    assert {d.source.outlet for d in docs} == {
        "frontierledger.example",
        "aina-asia.example",
        "dainik-pados.example",
    }
    pages = {p.read_text(encoding="utf-8") for p in (EXAMPLES / "html").glob("*.html")}
    assert len(docs) == 3
    assert all(d.html in pages for d in docs)
