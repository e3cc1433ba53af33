"""Nothing fetched is lost: every response (and the request that asked for it) appended to a WARC.

Written with warcio rather than FastWARC: warcio builds the HTTP header block from a status
line and header list, computes the block and payload digests and writes one gzip member per
record, which is what an append-only archive needs; FastWARC's strength is reading (Khabar's
reader uses it), and writing with it means assembling the HTTP block and digests by hand.
Each record is flushed and fsynced before ``append`` returns, so a kill -9 loses at most the
record being written. Opening an archive that such a kill left with a torn last member cuts
that member off first, so later appends stay readable (a gzip reader stops at a torn member).
"""

from __future__ import annotations

import io
import os
import zlib
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from khabar import __version__
from khabar.fetch.policy import FetchResult

#: Response headers that described the wire form of a body the archive stores decoded.
WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class WarcWriter:
    """Append fetch results to the gzip WARC at ``path`` (created with a warcinfo record when missing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        #: Bytes of a torn last record cut off on opening (0 for a sound or new file).
        self.repaired = _cut_torn_tail(self.path) if self.path.exists() else 0
        self._file = self.path.open("ab")
        self._writer = WARCWriter(self._file, gzip=True)
        if self._file.seek(0, os.SEEK_END) == 0:
            info = {"software": f"Khabar/{__version__} (khabar.fetch)", "format": "WARC File Format 1.1"}
            self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, info))
            self._sync()

    def append(self, result: FetchResult) -> tuple[str, int]:
        """Write ``result``'s request and response records; return the response's record id and offset.

        The body is stored as received after content decoding, so ``Content-Encoding`` is
        renamed ``X-Archive-Orig-Content-Encoding`` and ``Content-Length`` is the stored size.
        A body cut short (``result.truncated``) is marked with ``WARC-Truncated``. Raises
        ``ValueError`` for a result without a response (nothing to archive).
        """
        if result.status is None:
            raise ValueError(f"{result.final_url}: no response to archive ({result.error})")
        writer = self._writer
        headers = [
            (f"X-Archive-Orig-{name}" if name.lower() == "content-encoding" else name, value)
            for name, value in result.headers.items()
            if name.lower() not in WIRE_HEADERS - {"content-encoding"}
        ]
        headers.append(("Content-Length", str(len(result.body))))
        status_line = f"{result.status} {result.reason_phrase}".strip()
        http = StatusAndHeaders(status_line, headers, protocol=result.http_version or "HTTP/1.1")
        warc_headers = {"WARC-Date": _warc_date(result.fetched_at)}
        if result.truncated:
            warc_headers["WARC-Truncated"] = result.truncated
        response = writer.create_warc_record(
            result.final_url,
            "response",
            payload=io.BytesIO(result.body),
            length=len(result.body),
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        parts = urlsplit(result.final_url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = [(k, v) for k, v in result.request_headers.items()]
        request = writer.create_warc_record(
            result.final_url,
            "request",
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", request_headers, is_http_request=True),
            warc_headers_dict={"WARC-Date": _warc_date(result.fetched_at), "WARC-Concurrent-To": record_id},
        )
        offset = self._file.seek(0, os.SEEK_END)
        writer.write_record(response)
        self._sync()
        writer.write_record(request)
        self._sync()
        return record_id.strip("<>"), offset

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _sync(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())


def _cut_torn_tail(path: Path) -> int:
    """Truncate ``path`` after its last complete gzip member; return the bytes cut off."""
    size = path.stat().st_size
    good = _complete_length(path)
    if good < size:
        with path.open("r+b") as stream:
            stream.truncate(good)
            stream.flush()
            os.fsync(stream.fileno())
    return size - good


def _complete_length(path: Path) -> int:
    """Bytes of ``path`` up to the end of its last complete gzip member (output discarded)."""
    good = position = 0
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            while chunk:
                try:
                    inflater.decompress(chunk)
                except zlib.error:
                    return good
                if not inflater.eof:
                    position += len(chunk)
                    break
                position += len(chunk) - len(inflater.unused_data)
                good, chunk = position, inflater.unused_data
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return good


def _warc_date(iso: str) -> str:
    """WARC-Date form (``2025-03-13T10:00:00Z``) of a result's ``fetched_at``."""
    if not iso:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return iso.replace("+00:00", "Z")
