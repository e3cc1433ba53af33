"""khabar.dates: the one reader of partial ISO values, terms in office and the two year rules.

The two year rules are checked against the rules they replaced (events.states.infer_year and
stories.dates.infer_year before the merge into khabar.dates), written out here as references,
with the one intended change: a term end written as a year or a month covers that whole period.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date

from khabar.dates import (
    PartialDate,
    day_of,
    day_part,
    first_day,
    first_ordinal,
    in_term,
    last_day,
    late_day,
    ordinal,
    parse_partial,
    safe_date,
    same_day_possible,
    term_span,
    with_year,
    year_all_offices_hold,
    year_most_offices_hold,
    year_of,
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


#: Starts a term may be written with that no calendar has: the term must be rejected.
_UNREADABLE_STARTS = ("2019-02-30", "2019-13", "XXXX-05")


def _random_term(rng: random.Random, unreadable: bool = False) -> _Term:
    """A term with a day or month start; its end empty, or written to the day, month or year;
    with ``unreadable``, sometimes a start no calendar has."""
    y = rng.randint(1990, 2025)
    start = rng.choice(
        [f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"{y}-{rng.randint(1, 12):02d}"]
    )
    if unreadable and rng.random() < 0.15:
        start = rng.choice(_UNREADABLE_STARTS)
    if rng.random() < 0.4:
        return _Term(start, "")
    end_year, end_month = y + rng.randint(0, 8), rng.randint(1, 12)
    end = rng.choice(
        [f"{end_year}-{end_month:02d}-{rng.randint(1, 28):02d}", f"{end_year}-{end_month:02d}", f"{end_year}"]
    )
    return _Term(start, end)


def _to_the_day(term: _Term) -> _Term:
    """The term with a year or month end written as its last day: what the old rules get to see."""
    end = last_day(term.end) if term.end else None
    return _Term(term.start, end.isoformat() if end else term.end)


def _random_case(rng: random.Random, unreadable: bool = False) -> tuple[list[list[_Term]], int, int]:
    offices = [
        [_random_term(rng, unreadable) for _ in range(rng.choice([1, 1, 2]))]
        for _ in range(rng.randint(1, 3))
    ]
    return offices, rng.randint(1, 12), rng.randint(1, 31)


def test_year_rules_keep_both_old_rules() -> None:
    rng = random.Random(20240913)
    for _ in range(3000):
        offices, month, day = _random_case(rng)
        as_days = [[_to_the_day(t) for t in terms] for terms in offices]
        latest = rng.choice([None, str(rng.randint(1995, 2030))])
        events = year_all_offices_hold(
            month, day, offices, latest=int(latest) if latest else None, years_after_start=1
        )
        assert (str(events) if events is not None else None) == _old_events_rule(
            f"{month:02d}-{day:02d}", as_days, latest
        )
        latest_year = rng.randint(1995, 2030)
        stories = year_most_offices_hold(month, day, offices, latest=latest_year, years_back=40)
        assert stories == _old_stories_rule(month, day, as_days, latest_year)


def test_a_month_or_year_end_covers_the_whole_period() -> None:
    # The review's case: the old string rule left out all of September.
    offices = [[_Term("2024-01-01", "2024-09")]]
    assert year_all_offices_hold(9, 13, offices, latest=2025, years_after_start=1) == 2024
    assert year_most_offices_hold(9, 13, offices, latest=2025, years_back=40) == 2024
    assert in_term("2024-09-13", "2024-01-01", "2024-09") and not in_term(
        "2024-10-01", "2024-01-01", "2024-09"
    )
    assert in_term("2024-12-31", "2023-05", "2024") and not in_term("2025-01-01", "2023-05", "2024")
    # A month counts when the term has begun by its last day and not ended before it.
    assert in_term("2024-09", "2024-09-30", "") and not in_term("2024-09", "2024-10-01", "")
    assert in_term("2024-09", "", "2024-09") and in_term("2024-09", "", "2024-09-30")
    assert not in_term("2024-09", "", "2024-09-29") and not in_term("XXXX-09-13", "", "")
    assert term_span("2024-05", "2024-09") == ((2024, 5, 1), (2024, 9, 30))


def test_an_unreadable_term_is_rejected_not_open_ended() -> None:
    for start in _UNREADABLE_STARTS:
        assert term_span(start, "") is None and term_span(start, "2024-05-01") is None
        assert not in_term("2024-03-01", start, "")
        assert year_most_offices_hold(3, 1, [[_Term(start, "")]], latest=2024, years_back=40) is None
        assert year_all_offices_hold(3, 1, [[_Term(start, "")]], latest=2024, years_after_start=1) is None
        # The readable office alone decides; an office held twice still says nothing to events.
        good = [_Term("2022-01-01", "")]
        assert year_most_offices_hold(3, 1, [[_Term(start, "")], good], latest=2024, years_back=40) == 2022
        assert (
            year_all_offices_hold(3, 1, [[_Term(start, "")], good], latest=2024, years_after_start=1) == 2022
        )
        twice = [_Term(start, ""), _Term("2023-01-01", "")]
        assert year_all_offices_hold(3, 1, [twice, good], latest=2024, years_after_start=1) == 2022
    assert term_span("2024-01-01", "2024-02-30") is None  # an unreadable end is rejected too


def _held(offices: list[list[_Term]], when: str) -> list[bool]:
    """For each office with a readable term, whether :func:`in_term` holds it on ``when``."""
    read = [[t for t in terms if term_span(t.start, t.end)] for terms in offices]
    return [any(in_term(when, t.start, t.end) for t in terms) for terms in read if terms]


def test_the_year_rules_agree_with_in_term() -> None:
    """A year the rules give is one in which :func:`in_term` (what events.states uses to say who
    holds an office) holds the offices, with partial ends and unreadable starts in the mix."""
    rng = random.Random(913)
    for _ in range(3000):
        offices, month, day = _random_case(rng, unreadable=True)
        latest = rng.randint(1995, 2030)
        events = year_all_offices_hold(month, day, offices, latest=latest, years_after_start=1)
        single = [terms for terms in offices if len(terms) == 1]
        if events is not None:
            assert all(_held(single, f"{events}-{month:02d}-{day:02d}"))
            assert not any(all(_held(single, f"{y}-{month:02d}-{day:02d}")) for y in range(1990, events))
        stories = year_most_offices_hold(month, day, offices, latest=latest, years_back=40)
        if stories is not None:
            most = sum(_held(offices, f"{stories}-{month:02d}-{day:02d}"))
            assert safe_date(stories, month, day) and most > 0
            earlier = [y for y in range(1985, stories) if safe_date(y, month, day)]
            assert all(sum(_held(offices, f"{y}-{month:02d}-{day:02d}")) < most for y in earlier)


def test_small_helpers() -> None:
    assert year_of("2024-09-13") == 2024 and year_of("XXXX-09-13") is None and year_of(None) is None
    assert with_year("XXXX-09-13", 2024) == "2024-09-13" and with_year("XXXX-09", 999) == "0999-09"
    assert day_part("2024-09-13T10:54+05:30") == "2024-09-13" and day_part("XXXX-09-13") == "XXXX-09-13"
    assert day_part("2024-09") is None and day_part("XXXX-XX-13") is None
    assert first_ordinal("2024-09") == ordinal("2024-09-01") and first_ordinal("2024") is None
    assert first_ordinal("XXXX-09") == ordinal("XXXX-09-01")
    assert first_ordinal("2024-02-30") == ordinal("2024-02-29")
