"""Putting a document's text in canonical form and freezing it.

Every later span is an offset into the text written here, so the segments are carried over to
the new text and ``raw_map`` is extended to reach the raw input from it.
"""

from __future__ import annotations

from dataclasses import replace

from khabar.document import Document
from khabar.errors import PipelineError, Reject
from khabar.text.normalize import canonical, remap_span
from khabar.text.offsets import OffsetMap


def freeze_canonical_text(doc: Document) -> Document:
    """Replace ``doc.text`` by its canonical form, remap segments and ``raw_map``, freeze it."""
    if doc.frozen:
        raise PipelineError(
            f"document {doc.id} is already normalised (frozen); run the normalize stage once, "
            "before any stage that records spans"
        )
    raw_map = _text_to_raw(doc)
    lang = None if doc.lang in ("", "und") else doc.lang
    text, new_to_old = canonical(doc.text, lang)
    if not text.strip():
        raise Reject("empty_after_normalize", "nothing but white space and invisible characters")
    segments = []
    for seg in doc.segments:
        start, end = remap_span(new_to_old, seg.start, seg.end)
        if end > start or seg.end == seg.start:  # a segment whose content vanished is dropped
            segments.append(replace(seg, start=start, end=end))
    doc.text = text
    doc.segments = segments
    doc.raw_map = new_to_old.compose(raw_map)
    doc.frozen = True
    return doc


def _text_to_raw(doc: Document) -> OffsetMap:
    """The map from the current text to raw, checked to cover the text."""
    if doc.raw_map.dst_len == len(doc.text) and (doc.raw_map.dst_starts or not doc.text):
        return doc.raw_map
    if not doc.raw_map.dst_starts and doc.text == doc.raw:
        return OffsetMap.identity(len(doc.text))  # no stage changed the text before this one
    raise PipelineError(
        f"document {doc.id}: raw_map covers {doc.raw_map.dst_len} characters but text has "
        f"{len(doc.text)}; the stage that last changed text must also update raw_map"
    )
