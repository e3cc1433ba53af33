"""Build examples/warc/demo.warc.gz from three of the demo HTML pages.

Run from anywhere: ``python examples/make_warc.py``. The archive is written by hand as
WARC/1.1 records, each in its own gzip member (as crawlers do), so the script needs only the
standard library. Record ids, dates and gzip headers are fixed, so the output is the same
byte for byte on every run and the committed file can be checked against it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import uuid
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent
OUTPUT = EXAMPLES / "warc" / "demo.warc.gz"

#: (page under examples/html, the URL it was "fetched" from, when it was fetched)
PAGES = (
    (
        "en_frontier_ledger_agreement.html",
        "https://www.frontierledger.example/region/2025/03/11/three-way-transit-deal-tashkent",
        "2025-03-11T12:02:41Z",
    ),
    (
        "ur_aina_denial.html",
        "https://www.aina-asia.example/ur/news/2025/03/13/torkham-trucks-denial",
        "2025-03-13T11:47:09Z",
    ),
    (
        "hi_pados_torkham_dispute.html",
        "https://www.dainik-pados.example/videsh/torkham-truck-aarop-pakistan-inkaar",
        "2025-03-13T13:20:55Z",
    ),
)

#: Namespace for the record ids: uuid5 of (namespace, URL and record type) never changes.
ID_NAMESPACE = uuid.UUID("6f1c2b3e-9d4a-4c7e-8b1f-2a5d9e0c7b11")
#: gzip header time, fixed so rebuilding gives identical bytes.
GZIP_MTIME = 0
USER_AGENT = "khabar-demo/0.1 (+examples/make_warc.py)"


def record(kind: str, target: str, date: str, block: bytes, content_type: str) -> bytes:
    """One gzip-compressed WARC/1.1 record holding ``block``."""
    record_id = uuid.uuid5(ID_NAMESPACE, f"{kind} {target}")
    digest = base64.b32encode(hashlib.sha1(block).digest()).decode("ascii")
    headers = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
        f"WARC-Date: {date}",
    ]
    if target:
        headers.append(f"WARC-Target-URI: {target}")
    headers += [
        f"WARC-Block-Digest: sha1:{digest}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block)}",
    ]
    raw = ("\r\n".join(headers) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(raw, mtime=GZIP_MTIME)


def http_request(url: str) -> bytes:
    """The GET request a crawler would have sent for ``url``."""
    scheme_less = url.split("://", 1)[1]
    host, _, path = scheme_less.partition("/")
    lines = [f"GET /{path} HTTP/1.1", f"Host: {host}", f"User-Agent: {USER_AGENT}", "Accept: text/html"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def http_response(body: bytes) -> bytes:
    """A 200 response carrying an HTML ``body``."""
    lines = [
        "HTTP/1.1 200 OK",
        "Content-Type: text/html; charset=utf-8",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def build() -> bytes:
    """The whole archive: a warcinfo record, then a request and a response per page."""
    info = b"software: khabar examples/make_warc.py\r\nformat: WARC File Format 1.1\r\n"
    parts = [record("warcinfo", "", PAGES[0][2], info, "application/warc-fields")]
    for name, url, date in PAGES:
        body = (EXAMPLES / "html" / name).read_bytes()
        parts.append(record("request", url, date, http_request(url), "application/http; msgtype=request"))
        parts.append(record("response", url, date, http_response(body), "application/http; msgtype=response"))
    return b"".join(parts)


def main() -> None:
    """Write the archive and say where it went."""
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes, {len(PAGES)} pages)")


if __name__ == "__main__":
    main()
