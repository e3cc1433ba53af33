"""Plain-text documents, and the rejected documents every reader makes from bad input.

A reader never drops input and never raises on bad input: it returns a Document that
already carries a ``RejectRecord("ingest", reason, detail)``, with a preview of what the
input held (``raw``) and its size (``meta["size"]``), so the store keeps it.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from khabar.document import Document, RejectRecord, Source, document_id
from khabar.errors import Reject
from khabar.ingest.decode import DecodeFailure, binary_reason, decode_bytes, preview

#: Largest single document (file, WARC payload or JSONL line) a reader accepts, in bytes.
#: A news page is rarely over 1 MiB even with inline scripts; 5 MiB leaves room for
#: bloated markup while keeping one document's decode and clean well under a second.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

#: The stage name readers record on the rejects they make.
INGEST_STAGE = "ingest"


class ByteStream(Protocol):
    """What readers need from an input: ``read`` (open files, stdin, gzip streams all fit)."""

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes; all that is left when ``size`` is negative; b"" at the end."""
        ...


def decode_payload(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode one document's bytes; raise :class:`Reject` for empty, binary or undecodable input."""
    if not data:
        raise Reject("empty_file", "the input is empty (0 bytes)")
    reason = binary_reason(data)
    if reason:
        raise Reject("binary_content", f"this is not text: it {reason}")
    try:
        text, encoding = decode_bytes(data, declared)
    except DecodeFailure as exc:
        raise Reject("undecodable", f"{exc} ({len(data)} bytes)") from None
    if not text.strip():
        raise Reject("empty_file", f"the input holds only whitespace ({len(data)} bytes)")
    return text, encoding


def text_document(data: bytes, source: Source, *, declared: str | None = None) -> Document:
    """A Document whose ``raw`` is the decoded text, or a rejected one if the bytes are unusable."""
    try:
        text, encoding = decode_payload(data, declared)
    except Reject as rej:
        return rejected_document(source, rej.reason, rej.detail, data=data)
    return Document(source=source, raw=text, meta={"encoding": encoding, "size": len(data)})


def rejected_document(
    source: Source, reason: str, detail: str, *, data: bytes = b"", size: int | None = None
) -> Document:
    """A Document set aside by ingest, keeping a preview of ``data`` and its byte size.

    ``data`` may be only the head of a large input; pass the full ``size`` then. The id
    depends on the URI, the reason, the size and the bytes seen, so it is stable across runs.
    """
    size = len(data) if size is None else size
    digest = hashlib.sha256(data).hexdigest()
    doc = Document(
        source=source,
        raw=preview(data),
        id=document_id(source.uri, f"{reason}\0{size}\0{digest}\0{detail}"),
        meta={"size": size},
    )
    doc.rejects.append(RejectRecord(INGEST_STAGE, reason, detail))
    return doc


def too_large_document(
    source: Source,
    head: bytes,
    size: int | None,
    max_bytes: int,
    *,
    compressed: bool = False,
    read: int | None = None,
) -> Document:
    """A rejected Document for input over ``max_bytes``; ``head`` is the part read for a preview.

    ``size`` is the input's stored byte size, None for a stream or device whose size is unknown
    (reading stopped after ``read`` bytes, just past the limit); ``compressed`` says the limit
    was hit while decompressing it.
    """
    if size is None:
        got = read if read is not None else len(head)
        where = "decompressed " if compressed else ""
        detail = f"a stream over the limit of {max_bytes} bytes: reading stopped after {got} {where}bytes"
        size = got
    elif compressed:
        detail = f"decompresses to more than {max_bytes} bytes (input is {size} bytes)"
    else:
        detail = f"{size} bytes, over the limit of {max_bytes} bytes"
    detail += "; raise max_bytes to read it"
    return rejected_document(source, "too_large", detail, data=head, size=size)
