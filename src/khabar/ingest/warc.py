"""WARC archives: one Document per HTML or plain-text response, streamed record by record.

The caller hands over an already decompressed stream (``gzip.GzipFile`` for ``.warc.gz``),
because Python's gzip reader raises ``EOFError`` when a file ends inside a member, while
FastWARC's own reader stops quietly. That is how a truncated archive is noticed: it yields
the records read so far and then one ``truncated_warc`` reject, never an exception.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from khabar.document import Document, Source
from khabar.ingest.decode import PREVIEW_BYTES
from khabar.ingest.html import html_document, looks_like_html, outlet_of
from khabar.ingest.text import (
    MAX_DOCUMENT_BYTES,
    ByteStream,
    rejected_document,
    text_document,
    too_large_document,
)

#: Payload content types read as web pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Payload content types read as plain text.
TEXT_TYPES = frozenset({"text/plain"})

_DOCUMENT_RECORDS = (WarcRecordType.response, WarcRecordType.resource)
# What a damaged stream raises: gzip cut short (EOFError), bad gzip or WARC header
# (OSError, incl. gzip.BadGzipFile), corrupt deflate data (zlib.error).
_STREAM_ERRORS = (EOFError, OSError, zlib.error)


class _Tellable:
    """A forward-only view of a stream with the ``tell`` FastWARC calls on Python streams.

    FastWARC panics (a BaseException) when ``tell`` is missing or raises, as it does on a pipe.
    """

    def __init__(self, stream: ByteStream) -> None:
        # read1 returns what one underlying read gives. GzipFile.read(n) keeps reading to
        # fill n bytes, so a member cut short would raise and lose the good records
        # decompressed before it in the same call.
        self._read = getattr(stream, "read1", stream.read)
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        """Read from the wrapped stream, counting the bytes."""
        data = self._read(size)
        self._position += len(data)
        return data

    def tell(self) -> int:
        """Bytes read so far."""
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        """Not supported: archives are read forward only."""
        raise io.UnsupportedOperation("WARC input is read forward only")

    def close(self) -> None:
        """Leave the wrapped stream open: whoever opened it closes it."""


class _ShortRecord(Exception):
    """A record's payload ends before its Content-Length (an uncompressed WARC cut short)."""


def read_warc(
    stream: ByteStream,
    uri: str,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    records: tuple[int, int | None] | None = None,
    preceding: int = 0,
) -> Iterator[Document]:
    """Yield a Document per response or resource record of the (decompressed) WARC ``stream``.

    ``uri`` names the archive; each record's Document has ``uri#record-id``. Request,
    metadata, warcinfo and revisit records are skipped; responses that are not 2xx pages
    or plain text become ``unsupported_payload`` rejects. An archive with no response or
    resource record is one ``only_metadata_records`` reject (``no_records`` if it has none).

    ``records=(start, stop)`` reads only the response and resource records numbered
    ``start <= n < stop`` (from 0; ``stop`` None: to the end), skipping the payloads before
    them unread: a shard of the archive (:mod:`khabar.ingest.shards`). The Documents are the
    ones a whole read yields for those records; only a range that reaches the end reports a
    cut-off archive, and only the whole archive one without pages. ``preceding`` is the number
    of response and resource records before the stream's first byte (a stream opened at
    a record's offset, :func:`document_offsets`).
    """
    start, stop = records or (0, None)
    records_read = 0
    documents = preceding
    position = 0
    try:
        iterator = ArchiveIterator(_Tellable(stream), parse_http=True, auto_decode="all", stream_detect=False)
        for record in iterator:
            records_read += 1
            position = record.stream_pos
            if not (record.headers.get("Content-Length") or "").strip().isdigit():
                raise _ShortRecord("the record header has no Content-Length")
            if record.record_type in _DOCUMENT_RECORDS:
                if stop is not None and documents >= stop:
                    return
                documents += 1
                if documents > start:
                    yield _record_document(record, uri, max_bytes)
                    continue
            _read_payload(record, 0)
    except (*_STREAM_ERRORS, _ShortRecord) as exc:
        yield _truncated(uri, position, records_read, exc)
        return
    if documents == 0 and start == 0 and stop is None:
        yield _no_documents(uri, records_read)


def document_offsets(handle: ByteStream) -> list[int]:
    """Where each response and resource record of the archive file ``handle`` starts, in bytes
    of the file as stored (gzip detected; each member's offset in a ``.warc.gz``), up to where
    the archive breaks off. A worker opens the file at such an offset to read a shard."""
    offsets: list[int] = []
    try:
        for record in ArchiveIterator(_Tellable(handle), parse_http=False):
            if not (record.headers.get("Content-Length") or "").strip().isdigit():
                break  # where read_warc stops too
            if record.record_type in _DOCUMENT_RECORDS:
                offsets.append(record.stream_pos)
            record.reader.consume()
    except (*_STREAM_ERRORS, _ShortRecord):
        pass
    return offsets


def _record_document(record: WarcRecord, uri: str, max_bytes: int) -> Document:
    record_id = (record.record_id or f"offset-{record.stream_pos}").strip("<>")
    target = record.headers.get("WARC-Target-URI") or None
    source = Source(
        uri=f"{uri}#{record_id}",
        kind="warc",
        fetched=record.headers.get("WARC-Date") or None,
        outlet=outlet_of(target),
        url=target,
        record=record_id,
    )
    content_type, charset, problem = _payload_type(record)
    if problem:
        head, size = _read_payload(record, PREVIEW_BYTES)
        return rejected_document(source, "unsupported_payload", problem, data=head, size=size)
    payload, size = _read_payload(record, max_bytes + 1)
    if size > max_bytes:
        return too_large_document(source, payload[:PREVIEW_BYTES], size, max_bytes)
    if content_type in HTML_TYPES or (content_type is None and looks_like_html(payload)):
        return html_document(payload, source, declared=charset)
    return text_document(payload, source, declared=charset)


def _read_payload(record: WarcRecord, keep: int) -> tuple[bytes, int]:
    """Read a record's payload to its end, keeping the first ``keep`` bytes; return them and the size.

    Raises :class:`_ShortRecord` when the payload stops before the record's length.
    """
    expected = record.content_length
    kept = record.reader.read(keep) if keep else b""
    size = len(kept) + record.reader.consume()
    if size < expected and not _is_encoded(record):
        raise _ShortRecord(f"the payload ends after {size} of {expected} bytes")
    return kept, size


def _payload_type(record: WarcRecord) -> tuple[str | None, str | None, str | None]:
    """``(content type, charset, reason it is unsupported or None)`` of a record's payload."""
    if record.record_type == WarcRecordType.response:
        if not record.is_http or record.http_headers is None:
            return None, None, f"a response record that is not HTTP ({record.headers.get('Content-Type')})"
        status = record.http_headers.status_code
        if status is None or not 200 <= status < 300:
            return None, None, f"HTTP status {status}, not a page"
        content_type, charset = record.http_content_type, record.http_charset
    else:
        fields = (record.headers.get("Content-Type") or "").split(";")
        content_type = fields[0].strip().lower() or None
        charset = next(
            (f.split("=", 1)[1].strip() for f in fields[1:] if f.strip().lower().startswith("charset=")),
            None,
        )
    if content_type is not None and content_type not in HTML_TYPES | TEXT_TYPES:
        return content_type, charset, f"content type {content_type} is not a page or text"
    return content_type, charset, None


def _is_encoded(record: WarcRecord) -> bool:
    # A gzip or chunked HTTP body is decoded on the fly, so its length differs from the record's.
    headers = record.http_headers
    if headers is None:
        return False
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    return encoding != "identity" or bool(headers.get("Transfer-Encoding"))


def _no_documents(uri: str, records_read: int) -> Document:
    source = Source(uri=uri, kind="warc")
    if records_read == 0:
        detail = f"{uri}: no WARC record could be read from the archive"
        return rejected_document(source, "no_records", detail)
    detail = (
        f"{uri}: {records_read} records, none a response or resource (only warcinfo, request, "
        "metadata or revisit records): no page to read"
    )
    return rejected_document(source, "only_metadata_records", detail)


def _truncated(uri: str, position: int, records_read: int, exc: BaseException) -> Document:
    detail = (
        f"{uri}: the archive is cut short or corrupt after {records_read} records; the last "
        f"record read starts at byte {position} of the decompressed stream ({type(exc).__name__}: {exc})"
    )
    return rejected_document(Source(uri=uri, kind="warc"), "truncated_warc", detail)
