"""Turn a tagged :class:`~khabar.timex.tagger.Timex` into an ISO value against an anchor.

Rules (news reports the past):

- a full date is ``explicit``;
- a day and month without a year take the year that puts them closest on or before the anchor
  (on or after it when the clause is in the future tense): ``year_inferred`` against a
  publication date, ``context`` against a context anchor (a cited source's date, the story's
  own dates);
- a month alone takes the latest such month on or before the anchor's month;
- "last <month>" (گزشتہ جون, पिछले जून, last June) is the latest such month *strictly before*
  the anchor's month: June of the anchor's year when the anchor is July–December, June of the
  year before when it is January–June;
- a weekday is the nearest such day on or before the anchor (on or after it in the future
  tense; a weekday equal to the anchor's is the anchor's day): ``weekday``;
- "N units ago/later", "last/this/next unit" and day words (آج, کل, कल) count from the anchor:
  ``relative_to_publication``; کل / कल is yesterday unless the clause is in the future tense;
- without an anchor a date keeps what it says ("XXXX-09-13") and is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from khabar.dates import safe_date
from khabar.timex.tagger import Timex

# Confidence of each way of resolving, before scaling by the anchor's trust. Set by hand as a
# ranking (no gold set of resolved Urdu/Hindi values exists): a written date is near certain;
# a year chosen by the closest-past rule is wrong only for future events written without a
# future verb; weekdays and counts from the anchor are as good as the anchor; vague words
# ("recently") say little.
EXPLICIT_CONFIDENCE = 0.95
PARTIAL_CONFIDENCE = 0.9  # an unanchored "XXXX-09-13" is exactly what the page says
YEAR_INFERRED_CONFIDENCE = 0.85
WEEKDAY_CONFIDENCE = 0.8
RELATIVE_CONFIDENCE = 0.85
VAGUE_CONFIDENCE = 0.5
UNRESOLVED_CONFIDENCE = 0.2
# An anchor this trusted (an "Updated:" line, 0.7 in the metadata stage) passes its
# confidence on unchanged; less trusted anchors scale it down in proportion.
TRUSTED_ANCHOR = 0.7


@dataclass(frozen=True)
class Anchor:
    """The day expressions are resolved against, and why it was chosen."""

    day: date
    source: str  # a publication-date source (updated_line, url, …), cited_url, or content
    by: str  # relative_to_publication | context
    confidence: float
    evidence: str = ""
    clock: str = ""  # "T10:54:00+05:30" when the anchor has a time of day


@dataclass(frozen=True)
class Resolved:
    """An ISO value with its granularity, how it was found, and how sure we are."""

    value: str
    granularity: str
    resolved_by: str
    confidence: float
    evidence: str = ""


def _scale(base: float, anchor: Anchor) -> float:
    return round(base * min(1.0, anchor.confidence / TRUSTED_ANCHOR), 3)


def _year_by(anchor: Anchor) -> str:
    return "year_inferred" if anchor.by == "relative_to_publication" else "context"


def closest_year(month: int, day: int, anchor: date, future: bool = False) -> date | None:
    """The date ``month``-``day`` in the year that puts it closest on or before ``anchor``.

    With ``future`` the closest on or after. None for a day no year has (31 April).
    """
    years = (anchor.year - 1, anchor.year, anchor.year + 1) if not future else (anchor.year, anchor.year + 1)
    days = [d for y in years if (d := safe_date(y, month, day)) is not None]
    if future:
        after = [d for d in days if d >= anchor]
        return min(after) if after else None
    before = [d for d in days if d <= anchor]
    return max(before) if before else None


def month_year(month: int, anchor: date, deixis: int | None, future: bool) -> int:
    """The year of a month named without one (see the module rules for "last <month>")."""
    if deixis == -1:
        return anchor.year if month < anchor.month else anchor.year - 1
    if deixis == 1 or future:
        strict = deixis == 1
        later = month > anchor.month if strict else month >= anchor.month
        return anchor.year if later else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def nearest_weekday(weekday: int, anchor: date, future: bool = False, deixis: int | None = None) -> date:
    """The ``weekday`` (Monday 0) nearest to ``anchor``: on or before it, or on or after it
    with ``future``; "last" and "next" exclude the anchor's own day."""
    if deixis == 1 or (future and deixis != -1):
        gap = (weekday - anchor.weekday()) % 7
        if gap == 0 and deixis == 1:
            gap = 7
        return anchor + timedelta(days=gap)
    gap = (anchor.weekday() - weekday) % 7
    if gap == 0 and deixis == -1:
        gap = 7
    return anchor - timedelta(days=gap)


def add_months(day: date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``day`` (negative counts go back)."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _suffix(t: Timex) -> str:
    if t.hour is not None:
        return f"T{t.hour:02d}:{t.minute or 0:02d}" + (t.tz or "")
    return f"T{t.part}" if t.part else ""


def _day_gran(t: Timex) -> str:
    if t.hour is not None:
        return "minute"
    return "part_of_day" if t.part else "day"


def _shifted(t: Timex, base: date) -> tuple[str, str]:
    """ISO value and granularity of ``t.shift`` units from ``base``."""
    shift, unit = t.shift or 0.0, t.unit or "day"
    if unit == "year" and shift != int(shift):
        shift, unit = shift * 12, "month"
    if unit == "month" and shift != int(shift):
        shift, unit = shift * 30, "day"
    n = round(shift)
    if unit in ("day", "hour", "minute"):
        days = n if unit == "day" else 0
        day = base + timedelta(days=days)
        return day.isoformat() + (_suffix(t) if unit == "day" else ""), "day"
    if unit == "week":
        year, week, _ = (base + timedelta(weeks=n)).isocalendar()
        return f"{year}-W{week:02d}", "week"
    if unit == "month":
        y, m = add_months(base, n)
        return f"{y:04d}-{m:02d}", "month"
    if unit == "year":
        return f"{base.year + n:04d}", "year"
    if unit == "decade":
        return f"{(base.year + 10 * n) // 10:03d}", "decade"
    return f"{(base.year + 100 * n) // 100:02d}", "century"


def _unanchored_shift(t: Timex, story: tuple[int, int] | None) -> Resolved:
    unit = t.unit or "day"
    gran = {"hour": "day", "minute": "day", "week": "day"}.get(unit, unit)
    blank = {"day": "XXXX-XX-XX", "month": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX"}[gran]
    if story is None or unit not in ("day", "week", "month") or t.shift is None:
        return Resolved(blank + _suffix(t), gran, "explicit", UNRESOLVED_CONFIDENCE, "no anchor")
    month, day = story
    # A year without 29 February: the story's year is unknown, only month and day matter.
    ref = date(2001, month, day if (month, day) != (2, 29) else 28)
    if unit == "month":
        _, m = add_months(ref, round(t.shift))
        value, gran = f"XXXX-{m:02d}", "month"
    else:
        moved = ref + timedelta(days=round(t.shift * (7 if unit == "week" else 1)))
        value, gran = f"XXXX-{moved.month:02d}-{moved.day:02d}", "day"
    note = f"counted from the story's own date XXXX-{month:02d}-{day:02d} (no anchor)"
    return Resolved(value, gran, "context", VAGUE_CONFIDENCE, note)


def resolve(t: Timex, anchor: Anchor | None, story: tuple[int, int] | None = None) -> Resolved:
    """The ISO value of ``t`` against ``anchor`` (None: keep what the text says).

    ``story`` is the story's own (month, day) when there is no anchor, so that "three months
    before" can still give a month.
    """
    if t.value is not None and t.shift is None:
        return _fixed(t)
    if t.year is not None and t.month is not None and t.day is not None:
        if safe_date(t.year, t.month, t.day) is None:
            return Resolved(
                f"{t.year:04d}-{t.month:02d}-{t.day:02d}", "day", "explicit", UNRESOLVED_CONFIDENCE
            )
        value = f"{t.year:04d}-{t.month:02d}-{t.day:02d}" + _suffix(t)
        return Resolved(value, _day_gran(t), "explicit", EXPLICIT_CONFIDENCE)
    if t.year is not None and t.month is not None:
        return Resolved(f"{t.year:04d}-{t.month:02d}", "month", "explicit", EXPLICIT_CONFIDENCE)
    if t.year is not None:
        return Resolved(f"{t.year:04d}", "year", "explicit", EXPLICIT_CONFIDENCE)
    if t.month is not None and t.day is not None:
        return _partial_day(t, t.month, t.day, anchor)
    if t.month is not None:
        return _month(t, t.month, anchor)
    if t.weekday is not None:
        return _weekday(t, t.weekday, anchor)
    if t.shift is not None and t.unit is not None:
        if anchor is None:
            return _unanchored_shift(t, story)
        if t.ambiguous_day:  # کل / कल: yesterday, or tomorrow in the future tense
            t = _with_shift(t, abs(t.shift) if t.future else -abs(t.shift))
        value, gran = _shifted(t, anchor.day)
        if gran == "day" and t.unit in ("hour", "minute") and anchor.clock:
            gran = "day"  # the anchor's clock is the page's, not the event's: keep the day
        if t.part and gran == "day":
            gran = "part_of_day"
        by = "relative_to_publication" if anchor.by == "relative_to_publication" else "context"
        note = f"{_fmt_shift(t)} from the anchor {anchor.day.isoformat()} ({anchor.source})"
        return Resolved(value, gran, by, _scale(RELATIVE_CONFIDENCE, anchor), note)
    if t.hour is not None or t.part is not None:
        return Resolved(
            "XXXX-XX-XX" + _suffix(t),
            "minute" if t.hour is not None else "part_of_day",
            "explicit",
            VAGUE_CONFIDENCE,
            "a time of day without a day",
        )
    return Resolved("XXXX-XX-XX", "day", "explicit", UNRESOLVED_CONFIDENCE, "nothing to resolve")


def _with_shift(t: Timex, shift: float) -> Timex:
    return replace(t, shift=shift)


def _fmt_shift(t: Timex) -> str:
    n = t.shift or 0.0
    count = int(n) if n == int(n) else n
    return f"{count:+} {t.unit}"


def _fixed(t: Timex) -> Resolved:
    value = t.value or ""
    if t.type in ("DURATION", "SET"):
        return Resolved(value, "duration" if t.type == "DURATION" else "set", "explicit", EXPLICIT_CONFIDENCE)
    if value.endswith("_REF"):
        return Resolved(value, "vague", "explicit", VAGUE_CONFIDENCE)
    if value.startswith("XXXX-") and value[5:].isalpha():
        return Resolved(value, "season", "explicit", VAGUE_CONFIDENCE, "a season; year left open")
    if value.startswith("X"):
        return Resolved(
            value, "day", "explicit", UNRESOLVED_CONFIDENCE, "a named day the grammar does not date"
        )
    return Resolved(value, t.unit or "decade", "explicit", EXPLICIT_CONFIDENCE)


def _partial_day(t: Timex, month: int, day: int, anchor: Anchor | None) -> Resolved:
    if anchor is None:
        value = f"XXXX-{month:02d}-{day:02d}" + _suffix(t)
        return Resolved(value, _day_gran(t), "explicit", PARTIAL_CONFIDENCE, "no anchor: year left open")
    if t.unit == "year" and t.shift is not None:  # "पिछले साल 31 जुलाई": a day of last year
        year = anchor.day.year + int(t.shift)
        if safe_date(year, month, day) is None:
            return Resolved(
                f"{year:04d}-{month:02d}-{day:02d}", "day", "explicit", UNRESOLVED_CONFIDENCE, "no such day"
            )
        note = f"{_fmt_shift(t)} from the anchor {anchor.day.isoformat()} ({anchor.source})"
        by = "relative_to_publication" if anchor.by == "relative_to_publication" else "context"
        value = f"{year:04d}-{month:02d}-{day:02d}" + _suffix(t)
        return Resolved(value, _day_gran(t), by, _scale(RELATIVE_CONFIDENCE, anchor), note)
    found = closest_year(month, day, anchor.day, t.future)
    if found is None:
        return Resolved(
            f"XXXX-{month:02d}-{day:02d}", "day", "explicit", UNRESOLVED_CONFIDENCE, "no such day"
        )
    side = "after" if t.future else "before"
    note = f"year {found.year} puts it closest on or {side} the anchor {anchor.day.isoformat()}"
    note += f" ({anchor.source})"
    return Resolved(
        found.isoformat() + _suffix(t),
        _day_gran(t),
        _year_by(anchor),
        _scale(YEAR_INFERRED_CONFIDENCE, anchor),
        note,
    )


def _month(t: Timex, month: int, anchor: Anchor | None) -> Resolved:
    if anchor is None:
        return Resolved(
            f"XXXX-{month:02d}", "month", "explicit", PARTIAL_CONFIDENCE, "no anchor: year left open"
        )
    if t.unit == "year" and t.shift is not None:  # "पिछले साल दिसंबर": last year's December
        year = anchor.day.year + int(t.shift)
        note = f"{_fmt_shift(t)} from the anchor {anchor.day.isoformat()} ({anchor.source})"
        by = "relative_to_publication" if anchor.by == "relative_to_publication" else "context"
        return Resolved(f"{year:04d}-{month:02d}", "month", by, _scale(RELATIVE_CONFIDENCE, anchor), note)
    year = month_year(month, anchor.day, t.deixis, t.future)
    rule = {-1: "latest such month before", 1: "next such month after"}.get(
        t.deixis or 0, "nearest such month to"
    )
    note = f"{rule} the anchor {anchor.day.isoformat()} ({anchor.source})"
    return Resolved(
        f"{year:04d}-{month:02d}", "month", _year_by(anchor), _scale(YEAR_INFERRED_CONFIDENCE, anchor), note
    )


def _weekday(t: Timex, weekday: int, anchor: Anchor | None) -> Resolved:
    if anchor is None:
        return Resolved(
            f"XXXX-WXX-{weekday + 1}" + _suffix(t),
            _day_gran(t),
            "explicit",
            PARTIAL_CONFIDENCE,
            "no anchor: week left open",
        )
    day = nearest_weekday(weekday, anchor.day, t.future, t.deixis)
    side = "after" if t.future or t.deixis == 1 else "before"
    note = f"nearest such weekday on or {side} the anchor {anchor.day.isoformat()} ({anchor.source})"
    return Resolved(
        day.isoformat() + _suffix(t), _day_gran(t), "weekday", _scale(WEEKDAY_CONFIDENCE, anchor), note
    )
