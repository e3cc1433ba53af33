"""Document model: ids, JSON round trip, body text and raw offsets."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from khabar.document import (
    CitedSource,
    Document,
    Event,
    Mention,
    Provenance,
    PublishedDate,
    RejectRecord,
    Removed,
    Segment,
    Source,
    document_id,
)
from khabar.text.offsets import OffsetMap


def _full_document() -> Document:
    raw = "بینر\nشوئیگو پیانگ یانگ پہنچے۔\nماخذ: https://example.org/a\nتبصرہ (0)"
    text = "شوئیگو پیانگ یانگ پہنچے۔\nماخذ: https://example.org/a"
    return Document(
        source=Source(uri="/tmp/a.txt", kind="txt", fetched="2025-06-17T00:00:00+00:00"),
        raw=raw,
        text=text,
        title="شوئیگو پیانگ یانگ پہنچے",
        lang="ur",
        script="Arab",
        lang_confidence=0.99,
        segments=[Segment(0, 24, "body", "ur", "Arab", 0.99), Segment(25, len(text), "source", "und")],
        published=PublishedDate("2025-06-17", "updated_line", 0.9, "Updated: June 17, 2025"),
        provenance=Provenance(
            outlet="example.org", cited=[CitedSource("url", "https://example.org/a", 31, len(text))]
        ),
        mentions=[Mention(0, 6, "PERSON", "Q312345", 0.9)],
        events=[Event("CONSULT", 18, 24, 0, 24, mode="visit", actors=["RUS"])],
        removed=[Removed("تبصرہ (0)", "comment_counter", 60, 69)],
        raw_map=OffsetMap.from_pieces([(0, 5, len(text))], len(raw)),
        frozen=True,
    )


def test_id_is_stable_and_depends_on_source_and_content() -> None:
    a = Document(source=Source(uri="x.txt", kind="txt"), raw="hello")
    b = Document(source=Source(uri="x.txt", kind="txt"), raw="hello")
    c = Document(source=Source(uri="y.txt", kind="txt"), raw="hello")
    d = Document(source=Source(uri="x.txt", kind="txt"), raw="hello!")
    assert a.id == b.id == document_id("x.txt", "hello")
    assert len({a.id, c.id, d.id}) == 3
    assert document_id("x", "é") == document_id("x", "é".encode())


def test_json_round_trip_keeps_every_field() -> None:
    doc = _full_document()
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert json.loads(doc.to_json())["schema_version"] == 1
    assert again.provenance.cited_urls == ["https://example.org/a"]


def test_body_text_excludes_non_body_segments() -> None:
    doc = _full_document()
    assert doc.body_text() == "شوئیگو پیانگ یانگ پہنچے۔"
    assert "ماخذ" not in doc.body_text()


def test_raw_span_points_at_the_same_text() -> None:
    doc = _full_document()
    seg = doc.segments[0]
    start, end = doc.raw_span(seg.start, seg.end)
    assert doc.raw[start:end] == doc.text[seg.start : seg.end]


def test_agencies_are_unique_in_page_order() -> None:
    prov = Provenance(
        cited=[CitedSource("agency", "KCNA"), CitedSource("agency", "RIA"), CitedSource("agency", "KCNA")]
    )
    assert prov.agencies == ["KCNA", "RIA"]


def test_rejected_flag() -> None:
    doc = Document(source=Source(uri="a", kind="txt"))
    assert not doc.rejected
    doc.rejects.append(RejectRecord("ingest", "empty_file"))
    assert doc.rejected


@given(st.text(alphabet="ابپتٹثجچیکہےں कखगघ abc\n0123", max_size=200), st.text(max_size=30))
def test_round_trip_any_text(text: str, uri: str) -> None:
    doc = Document(
        source=Source(uri=uri, kind="txt"), raw=text, text=text, raw_map=OffsetMap.identity(len(text))
    )
    assert Document.from_json(doc.to_json()) == doc
