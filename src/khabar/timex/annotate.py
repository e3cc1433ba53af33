"""A document's times: tag every time expression, choose an anchor, resolve each to an ISO value.

The anchor is chosen by :func:`khabar.timex.pubdate.choose_anchor` (publication date when the
page states one; a page banner only when the story does not contradict it; a cited source's
date; else none). When the content refutes a banner, ``published`` becomes the story's own month
and the banner is recorded as the page date among the candidates.
"""

from __future__ import annotations

import re

from khabar.dates import parse_partial
from khabar.document import Document, TimeRef
from khabar.timex.pubdate import choose_anchor
from khabar.timex.resolve import Anchor, Resolved, resolve
from khabar.timex.tagger import Timex, tag

#: Segment kinds whose time expressions are not about the story (URLs, page date lines).
SKIPPED_KINDS = frozenset({"source"})
_SENTENCE_END = re.compile(r"[۔।.?!؟\n]")


def _is_day(value: str) -> bool:
    """Whether ``value`` is a day without a time (``2024-09-13``, ``XXXX-09-13``)."""
    p = parse_partial(value)
    return p is not None and p.precision == "day" and p.complete and value == p.date_part


def _inside(t: Timex, spans: list[tuple[int, int]]) -> bool:
    return any(s <= t.start < e for s, e in spans)


def _story_day(body: list[Timex]) -> tuple[int, int] | None:
    """The story's own (month, day): the first day-level date of the body (a news lead's date)."""
    for t in body:
        if t.month is not None and t.day is not None:
            return t.month, t.day
    return None


def _attach_clock(doc: Document, refs: list[TimeRef], timexes: list[Timex]) -> None:
    """Give a bare clock time ("صبح۶؍ بجے") the day of the date before it in its sentence."""
    for i, (ref, t) in enumerate(zip(refs, timexes, strict=True)):
        if t.type != "TIME" or t.day is not None or not ref.value.startswith("XXXX-XX-XX"):
            continue
        for j in range(i - 1, -1, -1):
            prev = refs[j]
            if _SENTENCE_END.search(doc.text, prev.end, ref.start):
                break
            day = prev.value.split("T")[0]
            if _is_day(day):
                ref.value = day + ref.value[len("XXXX-XX-XX") :]
                ref.resolved_by = "context"
                ref.confidence = round(min(prev.confidence, ref.confidence + 0.3), 3)
                ref.evidence = f'on the day of "{prev.text}" earlier in the sentence'
                ref.anchor = prev.anchor
                break


def _ref(t: Timex, r: Resolved, anchor: Anchor | None) -> TimeRef:
    return TimeRef(
        start=t.start,
        end=t.end,
        value=r.value,
        granularity=r.granularity,
        type=t.type,
        resolved_by=r.resolved_by,
        confidence=r.confidence,
        text=t.text,
        anchor=anchor.day.isoformat() if anchor else "",
        evidence=r.evidence,
    )


def resolve_document_times(doc: Document) -> Document:
    """Fill ``times`` with every time expression resolved to ISO; correct ``published``."""
    skipped = [(s.start, s.end) for s in doc.segments if s.kind in SKIPPED_KINDS]
    datelines = [(s.start, s.end) for s in doc.segments if s.kind == "dateline"]
    found = [t for t in tag(doc.text) if not _inside(t, skipped)]
    body = [t for t in found if not _inside(t, datelines)]
    choice = choose_anchor(doc, body)
    anchor = choice.anchor
    story = _story_day(body) if anchor is None else None
    refs = [_ref(t, resolve(t, anchor, story), anchor) for t in found]
    _attach_clock(doc, refs, found)
    doc.times = refs
    doc.published = choice.published
    return doc
