"""When a document's happening took place: its content date, not the page's banner date.

The rule, in order (the first that gives a date wins):

1. the first day-level date in the running text — a time expression in a body, heading, title or
   caption segment (never a dateline or source line: those hold the page's render or update
   day), or the day of a coded event read from such an expression, whichever comes first in the
   text — with confidence of at least :data:`MIN_TIME_CONFIDENCE`;
2. the publication date, when it is a real one (not the file's modification time);
3. the first month-level date in the running text.

A day written without a year ("13 ستمبر", value ``XXXX-09-13``) is placed in the earliest year in
which the offices the document gives its people were held (Shoigu as "Security Council
secretary" → from May 2024, so 2024); without such a clue it keeps ``XXXX``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khabar.dates import (
    day_part,
    implausible_year,
    parse_day,
    parse_month,
    with_year,
    year_most_offices_hold,
    year_of,
)
from khabar.document import Document
from khabar.kb import KnowledgeBase, Role

# Times below this confidence are not used. 0.3 keeps seed 004's weekday-resolved "منگل کے روز"
# (0.34, the day Shoigu arrived) and drops guesses the time stage marks as weaker than that.
MIN_TIME_CONFIDENCE = 0.3

# A publication date below this confidence (a bare page banner) is not used as the content date.
MIN_PUBLISHED_CONFIDENCE = 0.3

# Years searched when placing a year-less day by office tenure: at most this many back from
# the latest possible year. Offices in the KB reach back to the 1990s.
MAX_YEARS_BACK = 40

# Segment kinds whose dates describe the page, not the happening.
PAGE_SEGMENTS = frozenset({"dateline", "source"})


@dataclass(frozen=True)
class ContentDate:
    """A document's or story's date: ``2024-09-13``, ``2024-09`` or year-less ``XXXX-09-13``."""

    value: str
    precision: str  # day | month
    source: str  # text | event | published | text+office (year from office tenure)


def content_date(doc: Document, kb: KnowledgeBase, today: date | None = None) -> ContentDate | None:
    """The date of what ``doc`` reports (see the module docstring for the rule), or None."""
    page = [(s.start, s.end) for s in doc.segments if s.kind in PAGE_SEGMENTS]

    def on_page_line(offset: int) -> bool:
        return any(start <= offset < end for start, end in page)

    pub = doc.published
    mtime_day = pub.value[:10] if pub and pub.source == "file_mtime" else ""
    days: list[tuple[int, str, str]] = []
    months: list[tuple[int, str]] = []
    for t in doc.times:
        if t.confidence < MIN_TIME_CONFIDENCE or on_page_line(t.start) or t.type not in ("DATE", "TIME"):
            continue
        if mtime_day and t.anchor == mtime_day:
            continue  # resolved against the file's modification day: not a real anchor
        if implausible_year(t.value):
            continue  # "the 1857 uprising" is background, never the date of what is reported
        if day := day_part(t.value):
            days.append((t.start, day, "text"))
        elif _is_month(t.value):
            months.append((t.start, t.value))
    for e in doc.events:
        # An event without its own time expression (time_ref None) carries the publication date.
        day = day_part(e.time or "") if e.time_ref is not None else None
        usable = not (e.historical or e.future or e.hypothetical) and e.confidence >= MIN_TIME_CONFIDENCE
        if day and usable and not implausible_year(day) and not on_page_line(e.evidence_start):
            days.append((e.evidence_start, day, "event"))
    if days:
        _, value, source = min(days)
        if year_of(value) is None:
            latest = _latest_year(doc, today)
            year = document_year(value, doc, kb, latest)
            if year is not None:
                return ContentDate(with_year(value, year), "day", source + "+office")
        return ContentDate(value, "day", source)
    if pub and pub.source != "file_mtime" and pub.confidence >= MIN_PUBLISHED_CONFIDENCE:
        if day := day_part(pub.value):
            return ContentDate(day, "day", "published")
        if _is_month(pub.value):
            return ContentDate(pub.value, "month", "published")
    if months:
        return ContentDate(min(months)[1], "month", "text")
    return None


def _latest_year(doc: Document, today: date | None) -> int:
    """No happening is reported later than the page was fetched (or today)."""
    fetched = doc.source.fetched or ""
    if fetched[:4].isdigit():
        return int(fetched[:4])
    return (today or date.today()).year


def _is_month(value: str) -> bool:
    """Whether ``value`` is written to the month (``2024-09``, ``XXXX-09``), not to the day."""
    return parse_day(value) is None and parse_month(value) is not None


def document_year(value: str, doc: Document, kb: KnowledgeBase, latest_year: int) -> int | None:
    """The earliest year placing year-less day ``value`` inside the most office terms the document
    names (a title such as "secretary" attached to a person the KB gives dated roles); else None.

    Searches at most :data:`MAX_YEARS_BACK` years back from ``latest_year``; an office held in
    several terms counts when the day lies in any of them.
    """
    parts = parse_day(value)
    if not parts:
        return None
    _, month, day = parts
    offices: dict[tuple[str, str], list[Role]] = {}
    for m in doc.mentions:
        if m.label != "ROLE" or not m.role_of or not (m.entity or "").startswith("role:"):
            continue
        person = kb.get(m.role_of)
        if person is None:
            continue
        role = (m.entity or "")[5:]
        terms = [r for r in person.roles if r.role == role and r.start]
        if terms:
            offices[(m.role_of, role)] = terms
    return year_most_offices_hold(month, day, offices.values(), latest=latest_year, years_back=MAX_YEARS_BACK)
