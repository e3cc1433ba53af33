"""events.states: who holds an office on a date, by the rule the year guess uses (khabar.dates)."""

from __future__ import annotations

import random

from khabar.dates import last_day, year_all_offices_hold
from khabar.events.states import _within


def _old_within(date: str | None, start: str, end: str) -> bool:
    """events.states._within as it was (string comparison of the written date)."""
    if not date or date.startswith("X"):
        return not end
    return (not start or start[: len(date)] <= date) and (not end or date < end[: len(date)] or date == end)


def _random_value(rng: random.Random) -> str:
    y, m, d = rng.randint(2018, 2026), rng.randint(1, 12), rng.randint(1, 31)
    return rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}", f"{y}", f"XXXX-{m:02d}-{d:02d}", ""])


def _random_bound(rng: random.Random) -> str:
    y, m, d = rng.randint(2018, 2026), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}", ""])


def test_within_keeps_the_old_rule_for_day_level_ends() -> None:
    rng = random.Random(7)
    for _ in range(20000):
        date, start = _random_value(rng), _random_bound(rng)
        end = _random_bound(rng)
        if len(end) != 10:
            continue
        # The one case that differs: a month or year value whose last day is the term's last day
        # (end 2024-09-30, value 2024-09) now counts, as it does for an end written 2024-09.
        period_end = last_day(date) if date and date[0].isdigit() else None
        if len(date) < 10 and period_end is not None and period_end.isoformat() == end:
            assert _within(date, start, end)
            continue
        assert _within(date or None, start, end) == _old_within(date, start, end), (date, start, end)


class _Term:
    def __init__(self, start: str, end: str) -> None:
        self.start, self.end = start, end


def test_the_year_an_office_gives_is_one_it_is_held() -> None:
    """The review's case: a term ending 2024-09 gives 13 September the year 2024, and the office
    is then held on 2024-09-13 (the old _within said it was not)."""
    term = _Term("2024-01-01", "2024-09")
    year = year_all_offices_hold(9, 13, [[term]], latest=2025, years_after_start=1)
    assert year == 2024
    assert _within(f"{year}-09-13", term.start, term.end)
    assert _within("2024", term.start, "2024") and not _within("2024-10-01", term.start, term.end)


def test_undated_and_unreadable() -> None:
    assert _within(None, "2024-01-01", "") and not _within("XXXX-09-13", "2024-01-01", "2024-05-01")
    assert not _within("2024-03-01", "2019-02-30", "")  # an unreadable start is not "since forever"
    assert _within("2024-03-01", "", "")
