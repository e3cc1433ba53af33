"""Plain-text Documents and the rejected Documents readers build."""

from __future__ import annotations

import pytest

from khabar.document import Source
from khabar.errors import Reject
from khabar.ingest.text import (
    INGEST_STAGE,
    decode_payload,
    rejected_document,
    text_document,
    too_large_document,
)


def _source() -> Source:
    return Source(uri="/corpus/a.txt", kind="txt", fetched="2025-03-11T10:00:00Z")


def test_text_document_holds_decoded_text_and_hints() -> None:
    data = "تاشقند میں معاہدہ\n".encode()
    doc = text_document(data, _source())
    assert doc.raw == "تاشقند میں معاہدہ\n"
    assert doc.html is None
    assert not doc.rejected
    assert doc.meta == {"encoding": "utf-8", "size": len(data)}
    assert doc.id == text_document(data, _source()).id  # same uri and bytes, same id


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty_file"),
        (b" \n\t\r\n ", "empty_file"),
        ("\u00a0\u2003\n".encode(), "empty_file"),  # Unicode spaces only
        (b"\x00\x01\x02\x03binary", "binary_content"),
        (bytes(range(0x80, 0x100)) * 8, "undecodable"),
    ],
)
def test_unusable_bytes_become_rejected_documents(data: bytes, reason: str) -> None:
    with pytest.raises(Reject) as caught:
        decode_payload(data)
    assert caught.value.reason == reason
    doc = text_document(data, _source())
    assert doc.rejected
    assert doc.rejects[0].stage == INGEST_STAGE
    assert doc.rejects[0].reason == reason
    assert doc.meta["size"] == len(data)


def test_rejected_document_keeps_a_preview_and_a_stable_id() -> None:
    doc = rejected_document(_source(), "invalid_json", "line 3: bad", data=b"{not json")
    assert doc.raw == "{not json"
    assert doc.rejects[0].detail == "line 3: bad"
    again = rejected_document(_source(), "invalid_json", "line 3: bad", data=b"{not json")
    other = rejected_document(_source(), "invalid_json", "line 3: bad", data=b"{not json!")
    assert doc.id == again.id
    assert doc.id != other.id


def test_too_large_document_reports_size_and_limit() -> None:
    doc = too_large_document(_source(), b"x" * 10, 10_000_000, 5)
    assert doc.rejects[0].reason == "too_large"
    assert "10000000 bytes" in doc.rejects[0].detail
    assert "limit of 5 bytes" in doc.rejects[0].detail
    assert doc.meta["size"] == 10_000_000
    assert doc.raw == "x" * 10
