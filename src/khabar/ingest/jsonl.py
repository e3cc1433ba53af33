"""JSON Lines: one news item per line, read a chunk at a time so no file is held in memory.

Each object needs ``text`` or ``html``; ``url``, ``title``, ``published``/``date``,
``source``/``outlet``, ``id`` and ``lang`` are optional hints kept in the Document.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import Any

from khabar.document import Document, Source
from khabar.ingest.decode import PREVIEW_BYTES, DecodeFailure, decode_bytes
from khabar.ingest.html import canonical_url, outlet_of
from khabar.ingest.text import MAX_DOCUMENT_BYTES, ByteStream, rejected_document, too_large_document

#: Bytes read from the stream at a time. Large enough that the Python-level loop costs
#: nothing next to JSON parsing; small enough to stream a multi-gigabyte file.
READ_CHUNK_BYTES = 1 << 16

#: A line over the size limit is skipped to its end; one longer than this many limits (an endless
#: stream without newlines, such as a device) stops the reading instead.
LONG_LINE_FACTOR = 16

#: Optional fields copied into ``Document.meta``: meta key -> the object keys, in order of preference.
META_FIELDS = {
    "title": ("title",),
    "published": ("published", "date"),
    "lang": ("lang",),
    "id": ("id",),
}


def read_jsonl(
    stream: ByteStream,
    uri: str,
    *,
    fetched: str | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    records: tuple[int, int | None] | None = None,
) -> Iterator[Document]:
    """Yield a Document for each non-blank line of the JSON Lines ``stream``.

    ``uri`` names the file; each Document has ``uri#L<line>`` and ``record`` = the line
    number. Bad lines become rejected Documents (``invalid_json``, ``too_deep``,
    ``missing_text``, ``too_large``, ``undecodable``); a stream that breaks off (a truncated ``.jsonl.gz``)
    ends with one ``unreadable`` reject.

    ``records=(start, stop)`` reads only lines ``start <= n < stop`` (numbered from 1; ``stop``
    None: to the end), the lines before them split but not parsed: a shard of the file
    (:mod:`khabar.ingest.shards`). Only a range that reaches the end reports a broken-off
    stream, and only a whole read a file of blank lines.
    """
    first, stop = records or (1, None)
    lineno = 0
    records_read = 0
    try:
        for lineno, data, size in _lines(stream, max_bytes):
            if stop is not None and lineno >= stop:
                return
            if lineno < first or (size <= max_bytes and not data.strip()):
                continue
            records_read += 1
            source = Source(uri=f"{uri}#L{lineno}", kind="jsonl", fetched=fetched, record=str(lineno))
            if size > max_bytes * LONG_LINE_FACTOR:
                detail = f"line {lineno} runs past {size} bytes without ending; reading stopped there"
                yield rejected_document(source, "too_large", detail, data=data, size=size)
                return
            if size > max_bytes:
                yield too_large_document(source, data, size, max_bytes)
            else:
                yield _line_document(data, lineno, source)
    except (EOFError, OSError, zlib.error) as exc:
        detail = f"{uri}: reading stopped after line {lineno} ({type(exc).__name__}: {exc})"
        yield rejected_document(Source(uri=uri, kind="jsonl", fetched=fetched), "unreadable", detail)
        return
    if not records_read and first <= 1 and stop is None:
        detail = f"{uri}: {lineno} lines, all blank: no JSON record to read"
        yield rejected_document(Source(uri=uri, kind="jsonl", fetched=fetched), "no_records", detail, size=0)


def count_lines(stream: ByteStream) -> int:
    """How many lines the (decompressed) ``stream`` holds, a last one without a newline counted,
    read up to where it breaks off."""
    read = getattr(stream, "read1", stream.read)
    lines = 0
    last = b"\n"
    try:
        while chunk := read(READ_CHUNK_BYTES):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    except (EOFError, OSError, zlib.error):
        pass
    return lines + (last != b"\n")


def looks_like_jsonl(head: bytes) -> bool:
    """True when the first non-blank line of ``head`` is (or starts like) a JSON object."""
    for line in head.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True):
        if not line.strip():
            continue
        if not line.lstrip().startswith(b"{"):
            return False
        if not line.endswith(b"\n") and len(head) >= PREVIEW_BYTES:
            return True  # a long first line cut by the sniff window; trust the brace
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            return False
    return False


def _line_document(data: bytes, lineno: int, source: Source) -> Document:
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            line, _ = decode_bytes(data)
        except DecodeFailure as exc:
            return rejected_document(source, "undecodable", f"line {lineno}: {exc}", data=data)
    line = line.removeprefix("\ufeff")
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return rejected_document(source, "invalid_json", f"line {lineno}: {exc}", data=data)
    except RecursionError:
        detail = f"line {lineno}: the JSON is nested too deeply to read"
        return rejected_document(source, "too_deep", detail, data=data)
    if not isinstance(obj, dict):
        detail = f"line {lineno}: expected a JSON object, found {type(obj).__name__}"
        return rejected_document(source, "invalid_json", detail, data=data)
    text, markup = _string(obj, "text"), _string(obj, "html")
    if not (text or markup):
        detail = f"line {lineno}: the object has no non-empty 'text' or 'html' string"
        return rejected_document(source, "missing_text", detail, data=data)
    url = _string(obj, "url") or (canonical_url(markup) if markup else None)
    outlet = _string(obj, "outlet") or _string(obj, "source") or outlet_of(url)
    source.url, source.outlet = url, outlet
    meta: dict[str, Any] = {"size": len(data)}
    for key, names in META_FIELDS.items():
        value = next((obj[n] for n in names if obj.get(n) not in (None, "")), None)
        if isinstance(value, str | int | float):  # a nested object or list is no hint
            meta[key] = value
    if markup:
        if text:
            meta["text"] = text  # the item's own extract; the clean stage works from the markup
        return Document(source=source, html=markup, meta=meta)
    return Document(source=source, raw=text or "", meta=meta)


def _string(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _lines(stream: ByteStream, max_bytes: int) -> Iterator[tuple[int, bytes, int]]:
    """Yield ``(line number, bytes, size)`` per line without its newline.

    A line longer than ``max_bytes`` is not kept whole: its bytes are cut to a preview
    and ``size`` tells its full length.
    """
    # read1 (one underlying read) where there is one: GzipFile.read(n) keeps going to fill n
    # bytes and would lose the good lines before a cut-off end along with the bad ones.
    read = getattr(stream, "read1", stream.read)
    lineno = 0
    buf = bytearray()
    size = 0
    while chunk := read(READ_CHUNK_BYTES):
        start = 0
        while True:
            newline = chunk.find(b"\n", start)
            piece = chunk[start:] if newline < 0 else chunk[start:newline]
            if size <= max_bytes:
                buf += piece
                if size + len(piece) > max_bytes:
                    del buf[PREVIEW_BYTES:]  # over the limit: keep a preview, only count the rest
            size += len(piece)
            if newline < 0:
                if size > max_bytes * LONG_LINE_FACTOR:
                    yield lineno + 1, bytes(buf), size
                    return
                break
            lineno += 1
            yield lineno, bytes(buf).removesuffix(b"\r"), size
            buf.clear()
            size = 0
            start = newline + 1
    if size:
        yield lineno + 1, bytes(buf).removesuffix(b"\r"), size
