"""The normalize stage: puts ``Document.text`` in canonical form and freezes it.

Every later span is an offset into the text this stage writes, so it also carries the
segments over to the new text and extends ``raw_map`` to reach the raw input from it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from khabar.document import Document
from khabar.errors import PipelineError, Reject
from khabar.registry import stage
from khabar.text.normalize import canonical
from khabar.text.offsets import OffsetMap


@stage("normalize", requires=("text", "segments", "lang"), assigns=("text", "raw_map", "segments", "frozen"))
def normalize(doc: Document) -> Document:
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


def forward(new_to_old: OffsetMap, old: int) -> int:
    """The new-text position that old-text position ``old`` becomes under a monotonic map.

    It is the number of new characters that come from old positions before ``old``, so a
    boundary in the old text lands on the matching boundary in the new one: characters
    deleted at it disappear, and a character the new text spells with several keeps all of
    them on the same side.
    """
    starts = new_to_old.src_starts
    k = bisect_left(starts, old) - 1  # the last run that starts before ``old``
    if k < 0:
        return 0
    run_len = _run_end(new_to_old, k) - new_to_old.dst_starts[k]
    return new_to_old.dst_starts[k] + min(old - starts[k], run_len)


def remap_span(new_to_old: OffsetMap, start: int, end: int) -> tuple[int, int]:
    """Carry the old-text span ``[start, end)`` over to the new text of ``new_to_old``."""
    return forward(new_to_old, start), forward(new_to_old, end)


def _run_end(offsets: OffsetMap, k: int) -> int:
    return offsets.dst_starts[k + 1] if k + 1 < len(offsets.dst_starts) else offsets.dst_len


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
