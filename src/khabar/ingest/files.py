"""Files, directories and byte streams: pick the reader for each input and hand it the bytes.

Containers (WARC, JSON Lines) are streamed; single documents (text, HTML) are read whole up
to the size limit. gzip is recognised by its magic number, whatever the file is called.
Every failure to read becomes a rejected Document; nothing here raises on bad input.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BufferedReader
from pathlib import Path

from khabar.document import Document, Source
from khabar.ingest.decode import PREVIEW_BYTES, SNIFF_BYTES, binary_reason
from khabar.ingest.html import html_document, looks_like_html
from khabar.ingest.jsonl import looks_like_jsonl, read_jsonl
from khabar.ingest.text import (
    MAX_DOCUMENT_BYTES,
    ByteStream,
    rejected_document,
    text_document,
    too_large_document,
)
from khabar.ingest.warc import read_warc

#: File name endings (lower case) and the reader each selects; compound endings first.
SUFFIX_KINDS = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".arc.gz", "arc"),
    (".arc", "arc"),
    (".jsonl.gz", "jsonl"),
    (".ndjson.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".txt", "txt"),
    (".text", "txt"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
)

#: Endings skipped while walking a directory: project files that sit next to corpora
#: (scripts, READMEs, configuration) and are not news. Name such a file explicitly to read it.
WALK_SKIP_SUFFIXES = frozenset(
    {".py", ".pyc", ".md", ".rst", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".lock", ".sh", ".css", ".js"}
)

#: The name standard input gets as a Document URI.
STDIN_URI = "<stdin>"

_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"


def kind_for(path: Path) -> str | None:
    """The reader a file's name selects (txt, html, warc, jsonl, arc), or None to sniff its bytes.

    A ``.gz`` ending is looked through: ``page.html.gz`` is html.
    """
    name = path.name.lower()
    for suffix, kind in SUFFIX_KINDS:
        if name.endswith(suffix):
            return kind
    if name.endswith(".gz"):
        return kind_for(path.with_name(path.name[:-3]))
    return None


def read_path(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Document]:
    """Yield the Documents of a file, or of every file under a directory (sorted, hidden skipped)."""
    if path.is_dir():
        yield from _read_dir(path, max_bytes, set())
    else:
        yield from read_file(path, max_bytes=max_bytes)


def read_file(
    path: Path,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    records: tuple[int, int | None] | None = None,
    offset: int | None = None,
) -> Iterator[Document]:
    """Yield the Documents of one file: one for text or HTML, one per record or line for containers.

    ``records`` selects a range of a container's records (WARC records from 0, JSON Lines lines
    from 1; see :func:`~khabar.ingest.warc.read_warc`); a single document ignores it. A WARC
    range may give the byte ``offset`` where its first record starts in the file
    (:func:`~khabar.ingest.warc.document_offsets`), so the records before it are not read.
    """
    uri = os.path.abspath(path)
    kind = kind_for(path)
    source = Source(uri=uri, kind=kind or "unknown")
    try:
        info = path.stat()
        if path.is_symlink() and not stat.S_ISREG(info.st_mode):
            yield _not_regular(source, "a link to a pipe, socket or device; name the target to read it")
            return
        if stat.S_ISSOCK(info.st_mode):
            yield _not_regular(source, "a socket")
            return
        handle = path.open("rb")
    except OSError as exc:
        yield rejected_document(source, "unreadable", f"{uri}: {exc.strerror or exc}")
        return
    source.fetched = _mtime(info.st_mtime)
    # Pipes and devices report size 0; only a regular file's size can be trusted.
    size = info.st_size if stat.S_ISREG(info.st_mode) else None
    with handle:
        try:
            if offset is not None and kind == "warc" and records is not None:
                handle.seek(offset)
            else:
                offset = None
            yield from _read_open_file(handle, source, kind, size, max_bytes, records, offset is not None)
        except OSError as exc:  # an I/O error mid-read; containers report their own
            yield rejected_document(source, "unreadable", f"{uri}: {exc.strerror or exc}", size=size)


def read_stream(
    stream: ByteStream, uri: str = STDIN_URI, *, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Document]:
    """Yield the Documents of a byte stream such as stdin, sniffing its format.

    WARC if it starts like one, JSON Lines if its first line is a JSON object, HTML if it
    looks like markup, plain text otherwise; gzip is undone first.
    """
    head = _read_up_to(stream, SNIFF_BYTES)
    body: ByteStream = _Prefixed(head, stream)
    compressed = head.startswith(_GZIP_MAGIC)
    if compressed:
        unpacked = gzip.GzipFile(fileobj=_Prefixed(head, stream), mode="rb")
        head = _sniff_head(unpacked, SNIFF_BYTES)
        if not head:
            detail = f"{uri}: gzip data that decompresses to nothing usable"
            yield rejected_document(Source(uri=uri, kind="unknown"), "undecodable", detail)
            return
        body = _Prefixed(head, unpacked)
    if head.startswith(_WARC_MAGIC):
        yield from read_warc(body, uri, max_bytes=max_bytes)
    elif looks_like_jsonl(head):
        yield from read_jsonl(body, uri, max_bytes=max_bytes)
    else:
        kind = "html" if looks_like_html(head) else "txt"
        source = Source(uri=uri, kind=kind)
        yield _single_document(body, source, kind, max_bytes, stored=None, compressed=compressed)


def _read_dir(directory: Path, max_bytes: int, seen: set[str]) -> Iterator[Document]:
    for entry in walk(directory, seen):
        if isinstance(entry, Document):
            yield entry
        else:
            yield from read_file(entry, max_bytes=max_bytes)


def walk(directory: Path, seen: set[str] | None = None) -> Iterator[Path | Document]:
    """The files a directory read takes, in reading order (sorted, recursively, hidden files and
    project files skipped), and a rejected Document for each entry it cannot read as a file
    (a folder it cannot list, a pipe, socket or device). A symlink loop is followed once."""
    seen = set() if seen is None else seen
    real = os.path.realpath(directory)
    if real in seen:  # a symlink loop: this directory is already being read
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        uri = os.path.abspath(directory)
        yield rejected_document(Source(uri=uri, kind="dir"), "unreadable", f"{uri}: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith(".") or Path(entry.name).suffix.lower() in WALK_SKIP_SUFFIXES:
            continue
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError:
            is_dir, is_file = False, True  # let read_file report why it cannot be opened
        if is_dir:
            yield from walk(path, seen)
        elif is_file or not path.exists():  # a broken link: read_file says what is missing
            yield path
        else:
            # Opening a named pipe found by a walk would block until someone writes to it.
            source = Source(uri=os.path.abspath(path), kind="unknown")
            yield _not_regular(source, "a pipe, socket or device; name it explicitly to read it")


def _read_open_file(
    handle: BufferedReader,
    source: Source,
    kind: str | None,
    size: int | None,
    max_bytes: int,
    records: tuple[int, int | None] | None = None,
    at_range: bool = False,
) -> Iterator[Document]:
    if size == 0:
        yield rejected_document(source, "empty_file", f"{source.uri}: the file is empty (0 bytes)")
        return
    if kind == "arc":
        detail = f"{source.uri}: ARC (pre-WARC) archives are not read; convert them to WARC first"
        yield rejected_document(source, "unsupported_payload", detail, size=size)
        return
    compressed = handle.peek(len(_GZIP_MAGIC))[: len(_GZIP_MAGIC)] == _GZIP_MAGIC
    stream: ByteStream = gzip.GzipFile(fileobj=handle, mode="rb") if compressed else handle
    if kind == "warc":
        preceding = records[0] if at_range and records else 0  # the handle starts at the range
        yield from read_warc(stream, source.uri, max_bytes=max_bytes, records=records, preceding=preceding)
    elif kind == "jsonl":
        fetched = source.fetched
        yield from read_jsonl(stream, source.uri, fetched=fetched, max_bytes=max_bytes, records=records)
    elif size is not None and size > max_bytes and not compressed:
        # Reject without reading (let alone decoding) the whole file.
        yield too_large_document(source, handle.read(PREVIEW_BYTES), size, max_bytes)
    else:
        yield _single_document(stream, source, kind, max_bytes, stored=size, compressed=compressed)


def _single_document(
    stream: ByteStream,
    source: Source,
    kind: str | None,
    max_bytes: int,
    *,
    stored: int | None,
    compressed: bool,
) -> Document:
    """One text or HTML Document from a whole stream; ``stored`` is its byte size when known."""
    try:
        data = _read_up_to(stream, max_bytes + 1)
    except (EOFError, OSError, zlib.error) as exc:
        detail = f"{source.uri}: the compressed data is cut short or corrupt ({exc})"
        return rejected_document(source, "undecodable", detail, size=stored)
    if len(data) > max_bytes:
        # A stream or device may never end (`yes | khabar ingest -`, /dev/zero): stop at the limit.
        return too_large_document(
            source, data[:PREVIEW_BYTES], stored, max_bytes, compressed=compressed, read=len(data)
        )
    if kind is None:  # an unknown ending: decide from the bytes
        if binary_reason(data):
            return text_document(data, source)
        kind = "html" if looks_like_html(data) else "txt"
        source.kind = kind
    if kind == "html":
        return html_document(data, source)
    return text_document(data, source)


def _read_up_to(stream: ByteStream, limit: int) -> bytes:
    """Read until ``limit`` bytes or the end: pipes and decompressors return short reads."""
    parts: list[bytes] = []
    got = 0
    while got < limit:
        part = stream.read(limit - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _sniff_head(stream: gzip.GzipFile, limit: int) -> bytes:
    """Up to ``limit`` decompressed bytes, stopping early (quietly) where the data breaks.

    The reader that continues from here meets the same error at the same place and reports
    it after the good records, which a failed sniff would have hidden.
    """
    parts: list[bytes] = []
    got = 0
    try:
        while got < limit and (part := stream.read1(limit - got)):
            parts.append(part)
            got += len(part)
    except (EOFError, OSError, zlib.error):
        pass
    return b"".join(parts)


def _not_regular(source: Source, what: str) -> Document:
    detail = f"{source.uri}: not a regular file ({what})"
    return rejected_document(source, "not_a_regular_file", detail)


def _mtime(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class _Prefixed:
    """A read-only stream that replays ``head`` and then continues with ``rest``."""

    def __init__(self, head: bytes, rest: ByteStream) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes (all remaining when negative)."""
        if self._head:
            if size is None or size < 0:
                out, self._head = self._head + self._rest.read(), b""
                return out
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._rest.read(size)

    def read1(self, size: int = -1) -> bytes:
        """Like :meth:`read`, but with at most one read of the wrapped stream (see warc._Tellable)."""
        if self._head:
            return self.read(size if size is not None and size >= 0 else len(self._head))
        return getattr(self._rest, "read1", self._rest.read)(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        """Not supported: the stream is read forward only."""
        raise io.UnsupportedOperation("this input stream is read forward only")
