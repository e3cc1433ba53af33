"""WarcWriter: what it appends is read back by Khabar's WARC reader and by warcio."""

from __future__ import annotations

from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from khabar.fetch import Fetcher, FetchPolicy, FetchResult, WarcWriter
from khabar.ingest import read_paths
from tests.support.outlet import Outlet


def _result(url: str, body: bytes, **extra: object) -> FetchResult:
    headers = {"content-type": "text/html; charset=utf-8", "content-encoding": "gzip", "etag": '"e1"'}
    return FetchResult(
        url=url,
        final_url=url,
        status=200,
        headers=headers,
        body=body,
        fetched_at="2025-03-13T10:00:00Z",
        reason_phrase="OK",
        request_headers={"user-agent": "Khabar/test", "accept-encoding": "gzip"},
        **extra,  # type: ignore[arg-type]
    )


def test_appended_pages_are_read_back(tmp_path: Path) -> None:
    warc = tmp_path / "crawl" / "pages.warc.gz"
    pages = {
        f"https://news.example/2025/03/13/story-{i}/": f"<html><body><p>خبر {i}</p></body></html>"
        for i in range(3)
    }
    with WarcWriter(warc) as writer:
        placed = [writer.append(_result(url, html.encode())) for url, html in pages.items()]
    offsets = [offset for _, offset in placed]
    assert 0 < offsets[0] < offsets[1] < offsets[2]  # after the warcinfo record

    documents = list(read_paths([str(warc)]))
    assert [d.source.url for d in documents] == list(pages)
    assert all(not d.rejected and d.html and "خبر" in d.html for d in documents)
    assert [d.source.record for d in documents] == [record_id for record_id, _ in placed]

    with warc.open("rb") as stream:
        records = []
        for record in ArchiveIterator(stream):
            records.append(record)
            if record.rec_type == "warcinfo":
                assert b"Khabar/" in record.content_stream().read()
    assert [r.rec_type for r in records] == ["warcinfo"] + ["response", "request"] * 3
    records = records[1:]
    response = records[0]
    assert response.rec_headers.get_header("WARC-Target-URI") == next(iter(pages))
    assert response.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert response.rec_headers.get_header("WARC-Date") == "2025-03-13T10:00:00Z"
    # The body is stored decoded: the wire encoding is kept only as a note.
    assert response.http_headers.get_header("Content-Encoding") is None
    assert response.http_headers.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
    assert records[1].rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header(
        "WARC-Record-ID"
    )
    # Each offset is where its response record starts: a reader can seek straight to it.
    for record_id, offset in placed:
        with warc.open("rb") as stream:
            stream.seek(offset)
            found = next(iter(ArchiveIterator(stream)))
            assert found.rec_headers.get_header("WARC-Record-ID") == f"<{record_id}>"


def test_records_survive_a_cut_and_appends_continue(tmp_path: Path) -> None:
    warc = tmp_path / "pages.warc.gz"
    with WarcWriter(warc) as writer:
        writer.append(_result("https://news.example/a/one-story-here/", b"<html><body>one</body></html>"))
        _, second = writer.append(
            _result("https://news.example/a/two-story-here/", b"<html><body>two</body></html>")
        )
    # A kill during the second append leaves a partial member: the first page is still read.
    warc.write_bytes(warc.read_bytes()[: second + 40])
    documents = list(read_paths([str(warc)]))
    assert documents[0].source.url == "https://news.example/a/one-story-here/" and not documents[0].rejected
    assert documents[-1].rejected and documents[-1].rejects[0].reason == "truncated_warc"
    # The next writer cuts the torn record off, so what it appends is read too.
    with WarcWriter(warc) as writer:
        assert writer.repaired == 40
        writer.append(_result("https://news.example/a/three-story-here/", b"<html><body>three</body></html>"))
    again = list(read_paths([str(warc)]))
    assert [d.source.url for d in again] == [
        "https://news.example/a/one-story-here/",
        "https://news.example/a/three-story-here/",
    ]
    assert not any(d.rejected for d in again)
    with WarcWriter(warc) as sound:
        assert sound.repaired == 0


def test_truncated_bodies_are_marked_and_failures_refused(tmp_path: Path) -> None:
    with WarcWriter(tmp_path / "x.warc.gz") as writer:
        writer.append(_result("https://news.example/big/", b"<html>" + b"x" * 100, truncated="length"))
        with pytest.raises(ValueError, match="no response"):
            writer.append(
                FetchResult(url="https://news.example/t", final_url="https://news.example/t", error="timeout")
            )
    with (tmp_path / "x.warc.gz").open("rb") as stream:
        first = next(r for r in ArchiveIterator(stream) if r.rec_type == "response")
        assert first.rec_headers.get_header("WARC-Truncated") == "length"


def test_fetched_outlet_pages_round_trip(outlet: Outlet, tmp_path: Path) -> None:
    warc = tmp_path / "outlet.warc.gz"
    urls = outlet.article_urls()[:2]
    with Fetcher(FetchPolicy(host_delay=0)) as fetcher, WarcWriter(warc) as writer:
        for url in urls:
            writer.append(fetcher.fetch(url))
    documents = list(read_paths([str(warc)]))
    assert [d.source.url for d in documents] == urls and all(not d.rejected for d in documents)
