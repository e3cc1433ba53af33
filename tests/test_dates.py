"""khabar.dates: the one reader of partial ISO values, and the one infer_year.

The two year rules are checked against the rules they replaced (events.states.infer_year and
stories.dates.infer_year before the merge into khabar.dates), written out here as references.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date

from khabar.dates import (
    PartialDate,
    day_of,
    first_day,
    infer_year,
    last_day,
    late_day,
    parse_partial,
    same_day_possible,
)


def test_parse_partial_values() -> None:
    assert parse_partial("2024") == PartialDate(2024, None, None, "year")
    assert parse_partial("2024-09") == PartialDate(2024, 9, None, "month")
    assert parse_partial("XXXX-09-13") == PartialDate(None, 9, 13, "day")
    assert parse_partial("2024-09-13T10:54+05:30") == PartialDate(2024, 9, 13, "day", "10:54+05:30")
    assert parse_partial("XXXX-XX-XX") == PartialDate(None, None, None, "day")
    assert parse_partial("XXXX-XX-XX").complete is False  # type: ignore[union-attr]
    assert parse_partial("2024-09-13TMO").date_part == "2024-09-13"  # type: ignore[union-attr]
    assert parse_partial("2024-W37") is None and parse_partial("") is None and parse_partial(None) is None


def test_days_and_period_bounds() -> None:
    assert day_of("2024-09-13T10:00:00+05:30") == date(2024, 9, 13)
    assert day_of("2024-09") is None and day_of("XXXX-09-13") is None and day_of("2024-02-30") is None
    assert first_day("2024-05") == date(2024, 5, 1) and last_day("2024-05") == date(2024, 5, 31)
    assert first_day("2024") == date(2024, 1, 1) and last_day("2024") == date(2024, 12, 31)
    assert late_day("2024-09") == date(2024, 9, 28) and late_day("2024") == date(2024, 12, 28)
    assert late_day("2024-02-30") is None and late_day("XXXX-09-13") is None


def test_same_day_possible() -> None:
    assert same_day_possible("2024-09-13", "2024-09-15", 2)
    assert not same_day_possible("2024-09-13", "2024-09-16", 2)
    assert same_day_possible("XXXX-09-13", "2024-09-14", 2)
    assert same_day_possible("2024", "2024-09-14", 2) and not same_day_possible("2023", "2024-09-14", 2)
    assert same_day_possible("2024-09", "2024-09-30", 2) and not same_day_possible("2024-08", "2024-09-01", 2)
    assert not same_day_possible(None, "2024-09-13", 2) and not same_day_possible(
        "2024-02-30", "2024-03-01", 2
    )


@dataclass(frozen=True)
class _Term:
    start: str
    end: str


def _old_events_rule(month_day: str, offices: list[list[_Term]], latest: str | None) -> str | None:
    """events.states.infer_year as it was (string comparison of the written day)."""

    def within(d: str, start: str, end: str) -> bool:
        return (not start or start[: len(d)] <= d) and (not end or d < end[: len(d)] or d == end)

    bounds = []
    for terms in offices:
        spans = [(t.start, t.end) for t in terms if t.start]
        if len(spans) == 1:
            bounds.append(spans[0])
    if not bounds:
        return None
    first = max(int(start[:4]) for start, _ in bounds)
    last = int(latest[:4]) if latest and latest[:4].isdigit() else first + 1
    for year in range(first, last + 1):
        if all(within(f"{year}-{month_day}", start, end) for start, end in bounds):
            return str(year)
    return None


def _old_stories_rule(month: int, day: int, offices: list[list[_Term]], latest_year: int) -> int | None:
    """stories.dates.infer_year as it was (the most terms held, real days only)."""

    def bounds(start: str, end: str) -> tuple[date | None, date | None]:
        lo = hi = None
        if start[:4].isdigit():
            y, m = int(start[:4]), int(start[5:7]) if len(start) >= 7 else 1
            lo = date(y, m, int(start[8:10]) if len(start) >= 10 else 1)
        if end[:4].isdigit():
            y, m = int(end[:4]), int(end[5:7]) if len(end) >= 7 else 12
            hi = date(y, m, int(end[8:10]) if len(end) >= 10 else calendar.monthrange(y, m)[1])
        return lo, hi

    terms = [[bounds(t.start, t.end) for t in ts if t.start] for ts in offices]
    terms = [spans for spans in terms if spans]
    if not terms:
        return None
    first = min(lo.year for spans in terms for lo, _ in spans if lo)
    best_year, best = None, 0
    for year in range(max(first, latest_year - 40), latest_year + 1):
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        held = sum(
            any((lo is None or lo <= when) and (hi is None or when <= hi) for lo, hi in spans)
            for spans in terms
        )
        if held > best:
            best_year, best = year, held
    return best_year


def _random_term(rng: random.Random) -> _Term:
    y = rng.randint(1990, 2025)
    start = rng.choice(
        [f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"{y}-{rng.randint(1, 12):02d}"]
    )
    if rng.random() < 0.4:
        return _Term(start, "")
    end_year = y + rng.randint(0, 8)
    return _Term(start, f"{end_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")


def test_infer_year_keeps_both_old_rules() -> None:
    rng = random.Random(20240913)
    for _ in range(3000):
        offices = [
            [_random_term(rng) for _ in range(rng.choice([1, 1, 2]))] for _ in range(rng.randint(1, 3))
        ]
        month, day = rng.randint(1, 12), rng.randint(1, 31)
        latest = rng.choice([None, str(rng.randint(1995, 2030))])
        events = infer_year(
            month,
            day,
            offices,
            latest=int(latest) if latest else None,
            require_all=True,
            single_term_only=True,
            check_calendar=False,
        )
        assert (str(events) if events is not None else None) == _old_events_rule(
            f"{month:02d}-{day:02d}", offices, latest
        )
        latest_year = rng.randint(1995, 2030)
        stories = infer_year(
            month, day, offices, latest=latest_year, require_all=False, single_term_only=False, years_back=40
        )
        assert stories == _old_stories_rule(month, day, offices, latest_year)
