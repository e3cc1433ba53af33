"""The normalize stage: canonical text, segments carried over, raw_map extended, text frozen."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.document import Document, Segment, Source
from khabar.errors import PipelineError, Reject
from khabar.registry import REGISTRY
from khabar.stages.normalize import normalize
from khabar.text.normalize import canonical, forward, remap_span
from khabar.text.offsets import OffsetMap

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def make_doc(
    text: str, lang: str = "ur", raw: str | None = None, raw_map: OffsetMap | None = None
) -> Document:
    """A document as the stages before normalize leave it, with one segment per non-empty line."""
    raw = text if raw is None else raw
    segments, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            segments.append(Segment(start, start + len(line), lang=lang))
        start += len(line) + 1
    return Document(
        source=Source(uri="test://doc", kind="txt"),
        raw=raw,
        text=text,
        lang=lang,
        segments=segments,
        raw_map=raw_map if raw_map is not None else OffsetMap.identity(len(text)),
    )


def test_stage_is_registered_with_its_fields() -> None:
    spec = REGISTRY["normalize"]
    assert spec.fn is normalize
    assert spec.requires == {"text", "segments", "lang"}
    assert spec.assigns == {"text", "raw_map", "segments", "frozen"}


def test_stage_replaces_text_and_keeps_segments_on_the_same_words() -> None:
    text = "  کـــم\u00a0\u00a0جونگ اُن نے\r\nروسي صدر  پوتن سے\u200e ملاقات كي\n"
    doc = make_doc(text)
    old = [text[s.start : s.end] for s in doc.segments]
    doc = normalize(doc)
    assert doc.text == "کم جونگ اُن نے\nروسی صدر پوتن سے ملاقات کی\n"
    words = [doc.text[s.start : s.end] for s in doc.segments]
    assert words == ["کم جونگ اُن نے", "روسی صدر پوتن سے ملاقات کی"]
    # The old first segment ended in the "\r" of "\r\n", which the new text does not keep.
    assert words == [canonical(o, "ur")[0].rstrip("\n") for o in old]
    assert doc.frozen


def test_stage_raw_map_reaches_the_raw_input_through_the_earlier_map() -> None:
    # The cleaner dropped two junk lines; its raw_map says where the kept lines came from.
    junk = ("Cookie notice\n", "Share on Facebook\n")
    lines = ("  کـم\u00a0\u00a0جونگ  اُن\n", "پوتن سے ملاقات\n")
    raw = junk[0] + lines[0] + junk[1] + lines[1]
    kept = [(raw.index(line), raw.index(line) + len(line)) for line in lines]
    text = "".join(raw[a:b] for a, b in kept)
    pieces, dst = [], 0
    for a, b in kept:
        pieces.append((dst, a, b - a))
        dst += b - a
    doc = make_doc(text, raw=raw, raw_map=OffsetMap.from_pieces(pieces, len(raw)))
    doc = normalize(doc)
    assert doc.text == "کم جونگ اُن\nپوتن سے ملاقات\n"
    for word, on_page in (("کم", "کـم"), ("جونگ", "جونگ"), ("اُن", "اُن"), ("ملاقات", "ملاقات")):
        start = doc.text.index(word)
        s, e = doc.raw_span(start, start + len(word))
        assert raw[s:e] == on_page
    first, second = doc.segments
    assert raw[slice(*doc.raw_span(first.start, first.end))] == "کـم\u00a0\u00a0جونگ  اُن"
    assert raw[slice(*doc.raw_span(second.start, second.end))] == "پوتن سے ملاقات"
    assert (doc.raw_map.dst_len, doc.raw_map.src_len) == (len(doc.text), len(raw))


def test_stage_freezes_text_and_refuses_a_second_run() -> None:
    doc = normalize(make_doc("کم جونگ ان"))
    assert doc.frozen
    with pytest.raises(PipelineError, match="already normalised"):
        normalize(doc)


def test_stage_rejects_text_that_is_only_blank() -> None:
    with pytest.raises(Reject) as info:
        normalize(make_doc(" \u00a0\u200e\n\t"))
    assert info.value.reason == "empty_after_normalize"


def test_stage_refuses_a_raw_map_that_does_not_cover_the_text() -> None:
    doc = make_doc("کم جونگ ان", raw="something else", raw_map=OffsetMap.identity(4))
    with pytest.raises(PipelineError, match="raw_map"):
        normalize(doc)


def test_stage_takes_an_empty_raw_map_as_identity_when_text_is_raw() -> None:
    doc = make_doc("کم  جونگ", raw_map=OffsetMap())
    doc = normalize(doc)
    assert doc.text == "کم جونگ"
    assert doc.raw_span(3, 7) == (4, 8)


def test_stage_maps_arabic_letter_forms_only_for_urdu() -> None:
    assert normalize(make_doc("كي", lang="ur")).text == "کی"
    assert normalize(make_doc("كي", lang="und")).text == "کی"  # untagged Arabic script: Urdu
    assert normalize(make_doc("في كتابه", lang="ar")).text == "في كتابه"


def test_stage_drops_segments_whose_content_vanished() -> None:
    doc = make_doc("کم\n\u200e\u0640\nان")
    doc.segments.append(Segment(0, 0))
    doc = normalize(doc)
    assert doc.text == "کم\n\nان"
    assert [(s.start, s.end) for s in doc.segments] == [(0, 2), (4, 6), (0, 0)]


def test_stage_output_survives_json_round_trip() -> None:
    doc = normalize(make_doc("  کـم\u00a0جونگ\r\nان  "))
    back = Document.from_json(doc.to_json())
    assert back.text == doc.text
    assert back.raw_map == doc.raw_map
    assert back.frozen
    assert back.segments == doc.segments


def test_stage_on_a_real_urdu_page_keeps_every_line_on_its_raw_line() -> None:
    path = SEEDS / "003_163c5ec9996d9a74.txt"
    raw = path.read_text(encoding="utf-8")
    doc = make_doc(raw)
    old = [raw[s.start : s.end] for s in doc.segments]
    doc = normalize(doc)
    assert len(doc.segments) == len(old)
    raw_lines = raw.split("\n")
    for seg, before in zip(doc.segments, old, strict=True):
        assert doc.text[seg.start : seg.end] == canonical(before, "ur")[0]
        s, e = doc.raw_span(seg.start, seg.end)
        assert raw[s:e] in before
        assert any(raw[s:e] in line for line in raw_lines)
        assert raw[s:e] == before.strip(" \u00a0")


# --- forward mapping ------------------------------------------------------------------------


@st.composite
def monotonic_maps(draw: st.DrawFn) -> tuple[OffsetMap, list[int], int]:
    """A new→old map built from a non-decreasing per-character index, with the index."""
    old_len = draw(st.integers(0, 30))
    index = sorted(draw(st.lists(st.integers(0, max(old_len - 1, 0)), max_size=30))) if old_len else []
    return OffsetMap.from_index(index, old_len), index, old_len


@given(monotonic_maps(), st.data())
def test_forward_counts_new_characters_from_before_the_old_position(
    case: tuple[OffsetMap, list[int], int], data: st.DataObject
) -> None:
    new_to_old, index, old_len = case
    old = data.draw(st.integers(0, old_len))
    assert forward(new_to_old, old) == sum(1 for p in index if p < old)


@given(st.lists(st.sampled_from(list("کمجونگاُن ـ\u00a0\u200e\nيك\r")), max_size=40).map("".join), st.data())
def test_remap_span_covers_exactly_the_output_of_the_old_span(text: str, data: st.DataObject) -> None:
    out, new_to_old = canonical(text, "ur")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    new_start, new_end = remap_span(new_to_old, start, end)
    assert [i for i in range(len(out)) if start <= new_to_old(i) < end] == list(range(new_start, new_end))


def test_remap_span_moves_a_word_past_deleted_characters() -> None:
    text = "\u200e  کـــم  جونگ"
    out, new_to_old = canonical(text, "ur")
    assert out == "کم جونگ"
    assert remap_span(new_to_old, text.index("جونگ"), len(text)) == (3, 7)
    assert remap_span(new_to_old, 0, text.index("جونگ")) == (0, 3)
