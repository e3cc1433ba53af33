"""Partial ISO dates and the arithmetic every layer does on them.

Time resolution writes values such as ``2024``, ``2024-09``, ``2024-09-13``, ``XXXX-09-13`` (year
left open) and ``2024-09-13T10:54+05:30``; events, merging, stories and the anchor choice read
them back. This module is the one reader (:func:`parse_partial`, giving a :class:`PartialDate`)
and holds the helpers built on it: real days (:func:`day_of`, :func:`safe_date`), day numbers
and gaps (:func:`ordinal`, :func:`day_gap`), whether two values can be one day
(:func:`same_day_possible`), period bounds (:func:`first_day`, :func:`last_day`,
:func:`late_day`), terms in office (:func:`term_span`, :func:`in_term`), and the year of a
year-less day from office terms (:func:`year_all_offices_hold` for events,
:func:`year_most_offices_hold` for stories).

Bottom layer: standard library only.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

# Year, then month and day (each may be written XX for unknown), then anything after "T".
_PARTIAL = re.compile(r"^(\d{4}|XXXX)(?:-(\d\d|XX)(?:-(\d\d|XX))?)?(?:T(.*))?$")
#: A leap year to place year-less days in (29 February must exist).
PLACEHOLDER_YEAR = 2000
#: The day of a month every month has: a month-level value's "late" day (see :func:`late_day`).
LATE_DAY_OF_MONTH = 28


#: Years a news date may lie in. A date parsed outside them (year 1 from a page's "01/01/0001",
#: 9999 from a placeholder) is refused where it is parsed, with :func:`implausible_year` as reason.
MIN_PLAUSIBLE_YEAR = 1900
MAX_PLAUSIBLE_YEAR = 2100


@dataclass(frozen=True)
class PartialDate:
    """A partial ISO value: each of year, month and day is None when not written or written X."""

    year: int | None
    month: int | None
    day: int | None
    precision: str  # year | month | day: how many parts are written
    clock: str = ""  # what follows "T": "10:54+05:30", "MO"

    @property
    def complete(self) -> bool:
        """Whether every written part below the year is known (no ``XX`` month or day)."""
        if self.precision == "day":
            return self.month is not None and self.day is not None
        return self.precision == "year" or self.month is not None

    @property
    def date_part(self) -> str:
        """The value without its time: ``2024-09-13``, ``XXXX-09``, ``2024``."""
        parts = [f"{self.year:04d}" if self.year is not None else "XXXX"]
        if self.precision in ("month", "day"):
            parts.append(f"{self.month:02d}" if self.month is not None else "XX")
        if self.precision == "day":
            parts.append(f"{self.day:02d}" if self.day is not None else "XX")
        return "-".join(parts)


def _part(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


@lru_cache(maxsize=8192)
def parse_partial(value: str | None) -> PartialDate | None:
    """The :class:`PartialDate` of an ISO value (``XXXX``/``XX`` for unknown parts), else None."""
    if not value:
        return None
    m = _PARTIAL.match(value)
    if not m:
        return None
    year, month, day, clock = m.groups()
    precision = "day" if day is not None else "month" if month is not None else "year"
    return PartialDate(_part(year), _part(month), _part(day), precision, clock or "")


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)``, or None for a day the calendar does not have (31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_of(value: str) -> date | None:
    """The calendar day of a value written to the day with a known year, else None."""
    p = parse_partial(value)
    if p is None or p.precision != "day" or p.year is None or p.month is None or p.day is None:
        return None
    return safe_date(p.year, p.month, p.day)


@lru_cache(maxsize=4096)
def parse_day(value: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a day value (``XXXX`` for an unknown year), else None.

    Month and day must lie in 1–12 and 1–31; whether the month has that day is not checked.
    """
    p = parse_partial(value)
    if p is None or p.month is None or p.day is None:
        return None
    if not 1 <= p.month <= 12 or not 1 <= p.day <= 31:
        return None
    return p.year, p.month, p.day


def parse_month(value: str) -> tuple[int | None, int] | None:
    """(year or None, month) of a month or day value, else None."""
    day = parse_day(value)
    if day:
        return day[0], day[1]
    p = parse_partial(value)
    if p is None or p.precision != "month" or p.clock or p.month is None or not 1 <= p.month <= 12:
        return None
    return p.year, p.month


@lru_cache(maxsize=4096)
def ordinal(value: str, year: int | None = None) -> int | None:
    """Day number of a day value; a year-less day is placed in ``year`` (or a leap year)."""
    parts = parse_day(value)
    if not parts:
        return None
    y, m, d = parts
    y = y if y is not None else (year if year is not None else PLACEHOLDER_YEAR)
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
        oa = ordinal("XXXX" + a[4:10], PLACEHOLDER_YEAR)
        ob = ordinal("XXXX" + b[4:10], PLACEHOLDER_YEAR)
    else:
        oa, ob = ordinal(a), ordinal(b)
    if oa is None or ob is None:
        return None
    return abs(oa - ob)


def shift_month(value: str, days: int) -> str | None:
    """The month (``YYYY-MM`` or ``XXXX-MM``) of day ``value`` moved by ``days``; None when that
    leaves the calendar (before year 1 or after 9999) or ``value`` is not a day."""
    parts = parse_day(value)
    o = ordinal(value)
    if not parts or o is None:
        return None
    try:
        moved = date.fromordinal(o + days)
    except (ValueError, OverflowError):  # past 1 January of year 1 or 31 December 9999
        return None
    year = f"{moved.year:04d}" if parts[0] is not None else "XXXX"
    return f"{year}-{moved.month:02d}"


def month_of(value: str) -> str | None:
    """``YYYY-MM`` (or ``XXXX-MM``) of a month or day value."""
    parts = parse_month(value)
    if not parts:
        return None
    return f"{parts[0]:04d}-{parts[1]:02d}" if parts[0] is not None else f"XXXX-{parts[1]:02d}"


def sort_key(value: str | None) -> str:
    """A key that sorts dated values in time order and year-less or missing ones last."""
    if not value:
        return "~~"
    return value if value[:1].isdigit() else "~" + value


def same_day_possible(a: str | None, b: str | None, window: int) -> bool:
    """Whether two values (``XXXX`` years, month or year precision allowed) can be one day,
    two day-level values being at most ``window`` days apart."""
    pa, pb = parse_partial(a), parse_partial(b)
    if pa is None or pb is None:
        return False
    if pa.year is not None and pb.year is not None and pa.year != pb.year:
        return False
    if pa.month is None or pb.month is None:
        return True
    if pa.day is not None and pb.day is not None:
        year = pa.year or pb.year or PLACEHOLDER_YEAR  # any leap year works for a day difference
        da, db = safe_date(year, pa.month, pa.day), safe_date(year, pb.month, pb.day)
        return da is not None and db is not None and abs((da - db).days) <= window
    return pa.month == pb.month


def first_day(value: str) -> date | None:
    """The first day of the period a value with a known year names (``2024-05`` → 1 May)."""
    p = parse_partial(value)
    if p is None or p.year is None or not p.complete:
        return None
    return safe_date(p.year, p.month or 1, p.day or 1)


def last_day(value: str) -> date | None:
    """The last day of the period a value with a known year names (``2024-05`` → 31 May)."""
    point = _last_point(value)
    return safe_date(*point) if point else None


def late_day(value: str) -> date | None:
    """A day late in the period a value with a known year names, one every month has: the day
    itself, the 28th of a month, 28 December of a year. Used to tell background from news
    without calling a month "old" before it is over."""
    p = parse_partial(value)
    if p is None or p.year is None or not p.complete or p.clock:
        return None
    return safe_date(p.year, p.month or 12, p.day or LATE_DAY_OF_MONTH)


def year_of(value: str | None) -> int | None:
    """The year a partial value is written in; None when unknown (``XXXX``), missing or unreadable."""
    p = parse_partial(value)
    return p.year if p is not None else None


def implausible_year(value: str | None) -> str | None:
    """Why ``value``'s year cannot be a news date (a sentence), or None when it can or is unknown."""
    year = year_of(value)
    if year is None or MIN_PLAUSIBLE_YEAR <= year <= MAX_PLAUSIBLE_YEAR:
        return None
    side = "before" if year < MIN_PLAUSIBLE_YEAR else "after"
    bound = MIN_PLAUSIBLE_YEAR if year < MIN_PLAUSIBLE_YEAR else MAX_PLAUSIBLE_YEAR
    return f"year {year:04d} is {side} {bound}: not a plausible news date"


def with_year(value: str, year: int) -> str:
    """``value`` written in ``year``: ``XXXX-09-13`` and 2024 give ``2024-09-13``."""
    if parse_partial(value) is None:
        raise ValueError(f"not a partial ISO value: {value!r}")
    return f"{year:04d}{value[4:]}"


def day_part(value: str) -> str | None:
    """``YYYY-MM-DD`` (or ``XXXX-MM-DD``) of a value written to the day, its time dropped; else None."""
    p = parse_partial(value)
    return p.date_part if p is not None and parse_day(value) else None


def first_ordinal(value: str) -> int | None:
    """Day number of a day value, or of the first day of a month value (a year-less one placed in
    :data:`PLACEHOLDER_YEAR`, as :func:`ordinal` does); None for a year or an unreadable value."""
    if parse_day(value):
        return ordinal(value)
    month = parse_month(value)
    if month is None:
        return None
    year = month[0] if month[0] is not None else PLACEHOLDER_YEAR
    first = safe_date(year, month[1], 1)  # None for year 0000
    return first.toordinal() if first else None


#: A day as (year, month, day). Tuples compare like days and also hold a day written past the
#: month's end (``XXXX-02-30`` read "as written", see :func:`year_all_offices_hold`).
Day = tuple[int, int, int]
#: A term's first and last day; None where the term gives no bound (open).
Span = tuple[Day | None, Day | None]


class Term(Protocol):
    """A term in office: ISO start and end (partial, or empty when not known)."""

    @property
    def start(self) -> str: ...

    @property
    def end(self) -> str: ...


def _tuple(when: date | None) -> Day | None:
    return (when.year, when.month, when.day) if when else None


def term_span(start: str, end: str) -> Span | None:
    """The first and last day of a term in office from its ISO ``start`` and ``end`` (either may be
    empty: no bound known, the term is open on that side).

    A bound written as a year or a month covers that whole period: start ``2024-05`` is 1 May, end
    ``2024-09`` is 30 September, end ``2024`` is 31 December. Why the whole last month or year:
    ``roles.tsv`` writes a bound only to the precision known for certain, so an end ``2024-09``
    says the person still held the office in September; a story calls people by the title they
    hold at the time, so a text giving that title in September is evidence the day lies before
    the handover, not after it. It is also the start's rule, so a term ending ``2024-09`` and one
    ending ``2024-09-30`` are the same term.

    Returns None (the term is rejected) when a bound is written but cannot be read
    (``2019-02-30``, ``XXXX-05``): an unreadable start must not become "held since forever", nor
    an unreadable end "held ever after".
    """
    lo = first_day(start) if start else None
    hi = last_day(end) if end else None
    if (start and lo is None) or (end and hi is None):
        return None
    return _tuple(lo), _tuple(hi)


def _holds(span: Span, when: Day) -> bool:
    lo, hi = span
    return (lo is None or lo <= when) and (hi is None or when <= hi)


def _last_point(value: str) -> Day | None:
    """The last day of the period a value with a known year names, the day as written."""
    p = parse_partial(value)
    if p is None or p.year is None or not p.complete:
        return None
    month = p.month or 12
    if not 1 <= month <= 12:
        return None
    return p.year, month, p.day or calendar.monthrange(p.year, month)[1]


def in_term(value: str, start: str, end: str) -> bool:
    """Whether dated ``value`` lies in the term ``start``–``end`` (bounds read by :func:`term_span`):
    the last day of the period it names (the day itself, the end of a month or year) is inside
    the term. So a month counts when the term has begun by its end and not ended before it.
    False for a rejected term or a value without a known year."""
    span, when = term_span(start, end), _last_point(value)
    return span is not None and when is not None and _holds(span, when)


def _kept(offices: Iterable[Sequence[Term]], *, single_term_only: bool) -> list[list[Span]]:
    """The readable spans of each office that has a term with a start (what the year search needs),
    leaving out offices held in several terms when ``single_term_only``."""
    kept = []
    for terms in offices:
        started = [t for t in terms if t.start]
        if len(started) > 1 and single_term_only:
            continue
        spans = [span for span in (term_span(t.start, t.end) for t in started) if span is not None]
        if spans:
            kept.append(spans)
    return kept


def _starts(kept: list[list[Span]]) -> list[int]:
    return [lo[0] for spans in kept for lo, _ in spans if lo]


def _held(kept: list[list[Span]], when: Day) -> int:
    """How many offices hold on ``when`` (in any of their terms)."""
    return sum(any(_holds(span, when) for span in spans) for spans in kept)


def year_all_offices_hold(
    month: int, day: int, offices: Iterable[Sequence[Term]], *, latest: int | None, years_after_start: int
) -> int | None:
    """The earliest year in which every office holds on the year-less day ``month``-``day``; None
    when no year does. The rule events use for a year-less event day.

    ``offices`` holds, for each (person, office) a sentence names, the terms the person held that
    office: a story calls people by the title they hold at the time, so the day lies inside those
    terms, and news tells of a visit soon after an appointment more often than years later, hence
    the earliest year. An office held in several terms says nothing and is left out. The search
    runs from the latest term start (no earlier year can hold every office) to ``latest`` (the
    publication year), or to ``years_after_start`` after the latest start when that is None. The
    day is compared as written, as events always have (30 February falls between 28 February and
    1 March).
    """
    kept = _kept(offices, single_term_only=True)
    starts = _starts(kept)
    if not starts:
        return None
    last = latest if latest is not None else max(starts) + years_after_start
    years = range(max(starts), last + 1)
    return next((year for year in years if _held(kept, (year, month, day)) == len(kept)), None)


def year_most_offices_hold(
    month: int, day: int, offices: Iterable[Sequence[Term]], *, latest: int, years_back: int
) -> int | None:
    """The earliest year in which the most offices hold on the year-less day ``month``-``day``; None
    when none holds in any year. The rule stories use for a document's year-less content date.

    ``offices`` as for :func:`year_all_offices_hold`, but an office held in several terms counts
    when the day lies in any of them, and a document naming several offices need not match them
    all. Searches from the earliest term start, at most ``years_back`` years before ``latest``
    (the fetch year), to ``latest``, skipping years without that day (29 February).
    """
    kept = _kept(offices, single_term_only=False)
    starts = _starts(kept)
    if not starts:
        return None
    best_year, best = None, 0
    for year in range(max(min(starts), latest - years_back), latest + 1):
        if safe_date(year, month, day) is None:
            continue
        held = _held(kept, (year, month, day))
        if held > best:
            best_year, best = year, held
    return best_year
