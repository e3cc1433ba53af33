"""A WARC built from ``../shared/eval`` for the scale-out tests and benchmark: the evaluation web
pages (trafilatura's and ScrapingHub's sets) and COUNTER Urdu news documents wrapped as pages.

Nothing is copied into the project: the archive is written to a temporary folder at run time.
"""

from __future__ import annotations

import gzip
import html
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
HTML_DIRS = (
    SHARED_EVAL / "html" / "trafilatura_eval" / "html",
    SHARED_EVAL / "html" / "scrapinghub_aeb" / "html",
)
COUNTER = SHARED_EVAL / "urdu_news" / "counter" / "counter.txt"
#: COUNTER lines per wrapped document.
COUNTER_LINES = 3


def eval_pages() -> Iterator[tuple[str, bytes]]:
    """``(url, markup)`` of every evaluation page, in a fixed order."""
    for folder in HTML_DIRS:
        for path in sorted(folder.glob("*.htm*")):
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)
            yield f"https://eval.example/{folder.parent.name}/{path.name.split('.')[0]}", data


def counter_pages() -> Iterator[tuple[str, bytes]]:
    """``(url, markup)``: COUNTER documents of :data:`COUNTER_LINES` lines, each a small Urdu page."""
    lines = [ln.strip() for ln in COUNTER.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for n, i in enumerate(range(0, len(lines) - COUNTER_LINES, COUNTER_LINES)):
        body = lines[i : i + COUNTER_LINES]
        title = html.escape(body[0][:80])
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body)
        page = (
            f'<!doctype html><html lang="ur" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
        )
        yield f"https://counter.example/news/{n:05d}.html", page.encode("utf-8")


def warc_response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    """One gzip-compressed WARC response record for ``url`` (HTTP 200, written with FastWARC)."""
    rec = WarcRecord()
    rec.init_headers(
        record_type=WarcRecordType.response, record_urn=f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}".encode()
    )
    rec.headers.set("WARC-Target-URI", url)
    rec.headers.set("WARC-Date", "2025-03-11T10:00:00Z")
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    rec.set_bytes_content(http.encode("ascii") + body)
    rec.is_http = True
    out = io.BytesIO()
    writer = GzipWriter(out)
    rec.write(writer)
    writer.close()
    return out.getvalue()


def build_warc(path: Path, *, pages: int | None = None, counter: int | None = None) -> int:
    """Write a ``.warc.gz`` of the first ``pages`` evaluation pages and ``counter`` COUNTER pages
    (all of each when None), interleaved so every range of the archive mixes both; the number of
    records written."""
    web = list(eval_pages())[:pages]
    urdu = list(counter_pages())[:counter]
    mixed: list[tuple[str, bytes]] = []
    for i in range(max(len(web), len(urdu))):
        mixed.extend(item[i] for item in (web, urdu) if i < len(item))
    with path.open("wb") as out:
        for url, body in mixed:
            out.write(warc_response(url, body))
    return len(mixed)
