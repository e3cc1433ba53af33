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

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from khabar.document import Document
from khabar.kb import KnowledgeBase

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

_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d\d)$")
# A leap year to compare year-less days in (29 February must exist).
_PLACEHOLDER_YEAR = 2000


@dataclass(frozen=True)
class ContentDate:
    """A document's or story's date: ``2024-09-13``, ``2024-09`` or year-less ``XXXX-09-13``."""

    value: str
    precision: str  # day | month
    source: str  # text | event | published | text+office (year from office tenure)


@lru_cache(maxsize=4096)
def parse_day(value: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of an ISO day value (``XXXX`` for an unknown year), else None."""
    m = _DAY.match(value)
    if not m:
        return None
    year = None if m.group(1) == "XXXX" else int(m.group(1))
    month, day = int(m.group(2)), int(m.group(3))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return year, month, day


def parse_month(value: str) -> tuple[int | None, int] | None:
    """(year or None, month) of an ISO month or day value, else None."""
    day = parse_day(value)
    if day:
        return day[0], day[1]
    m = _MONTH.match(value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return (None if m.group(1) == "XXXX" else int(m.group(1))), int(m.group(2))


@lru_cache(maxsize=4096)
def ordinal(value: str, year: int | None = None) -> int | None:
    """Day number of an ISO day value; a year-less day is placed in ``year`` (or a leap year)."""
    parts = parse_day(value)
    if not parts:
        return None
    y, m, d = parts
    y = y if y is not None else (year if year is not None else _PLACEHOLDER_YEAR)
    try:
        return date(y, m, min(d, calendar.monthrange(y, m)[1])).toordinal()
    except ValueError:
        return None


def day_gap(a: str, b: str) -> int | None:
    """Days between two day values; year-less days are compared by month and day. None if not days."""
    pa, pb = parse_day(a), parse_day(b)
    if not pa or not pb:
        return None
    if pa[0] is None or pb[0] is None:
        oa = ordinal("XXXX" + a[4:10], _PLACEHOLDER_YEAR)
        ob = ordinal("XXXX" + b[4:10], _PLACEHOLDER_YEAR)
    else:
        oa, ob = ordinal(a), ordinal(b)
    if oa is None or ob is None:
        return None
    return abs(oa - ob)


def shift_month(value: str, days: int) -> str | None:
    """The month (``YYYY-MM`` or ``XXXX-MM``) of day ``value`` moved by ``days``."""
    parts = parse_day(value)
    o = ordinal(value)
    if not parts or o is None:
        return None
    moved = date.fromordinal(o + days)
    year = f"{moved.year:04d}" if parts[0] is not None else "XXXX"
    return f"{year}-{moved.month:02d}"


def month_of(value: str) -> str | None:
    """``YYYY-MM`` (or ``XXXX-MM``) of an ISO month or day value."""
    parts = parse_month(value)
    if not parts:
        return None
    return f"{parts[0]:04d}-{parts[1]:02d}" if parts[0] is not None else f"XXXX-{parts[1]:02d}"


def sort_key(value: str | None) -> str:
    """A key that sorts dated values in time order and year-less or missing ones last."""
    if not value:
        return "~~"
    return value if value[:1].isdigit() else "~" + value


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
        if parse_day(t.value):
            days.append((t.start, t.value[:10], "text"))
        elif _MONTH.match(t.value):
            months.append((t.start, t.value))
    for e in doc.events:
        # An event without its own time expression (time_ref None) carries the publication date.
        usable = bool(e.time and e.time_ref is not None and parse_day(e.time))
        usable = usable and not (e.historical or e.future or e.hypothetical)
        if usable and e.confidence >= MIN_TIME_CONFIDENCE and not on_page_line(e.evidence_start):
            days.append((e.evidence_start, (e.time or "")[:10], "event"))
    if days:
        _, value, source = min(days)
        if value.startswith("XXXX"):
            latest = _latest_year(doc, today)
            year = infer_year(value, doc, kb, latest)
            if year is not None:
                return ContentDate(f"{year:04d}{value[4:]}", "day", source + "+office")
        return ContentDate(value, "day", source)
    if pub and pub.source != "file_mtime" and pub.confidence >= MIN_PUBLISHED_CONFIDENCE:
        if parse_day(pub.value):
            return ContentDate(pub.value[:10], "day", "published")
        if _MONTH.match(pub.value):
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


def _bounds(start: str, end: str) -> tuple[date | None, date | None]:
    lo = hi = None
    if start[:4].isdigit():
        y, m = int(start[:4]), int(start[5:7]) if len(start) >= 7 else 1
        d = int(start[8:10]) if len(start) >= 10 else 1
        lo = date(y, m, d)
    if end[:4].isdigit():
        y, m = int(end[:4]), int(end[5:7]) if len(end) >= 7 else 12
        d = int(end[8:10]) if len(end) >= 10 else calendar.monthrange(y, m)[1]
        hi = date(y, m, d)
    return lo, hi


def infer_year(value: str, doc: Document, kb: KnowledgeBase, latest_year: int) -> int | None:
    """The earliest year placing year-less day ``value`` inside the most office terms the document
    names (a title such as "secretary" attached to a person the KB gives dated roles); else None."""
    parts = parse_day(value)
    if not parts:
        return None
    _, month, day = parts
    terms: dict[tuple[str, str], list[tuple[date | None, date | None]]] = {}
    for m in doc.mentions:
        if m.label != "ROLE" or not m.role_of or not (m.entity or "").startswith("role:"):
            continue
        person = kb.get(m.role_of)
        if person is None:
            continue
        role = (m.entity or "")[5:]
        spans = [_bounds(r.start, r.end) for r in person.roles if r.role == role and r.start]
        if spans:
            terms[(m.role_of, role)] = spans
    if not terms:
        return None
    first = min(lo.year for spans in terms.values() for lo, _ in spans if lo)
    best_year, best = None, 0
    for year in range(max(first, latest_year - MAX_YEARS_BACK), latest_year + 1):
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        held = sum(
            any((lo is None or lo <= when) and (hi is None or when <= hi) for lo, hi in spans)
            for spans in terms.values()
        )
        if held > best:
            best_year, best = year, held
    return best_year
