"""Intervals and the error budget of a failing source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.errors import KhabarError
from khabar.monitor.schedule import ERROR_BUDGET, MAX_BACKOFF, format_interval, next_poll, parse_interval


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("90s", 90), ("10m", 600), ("2h", 7200), ("1d", 86400)]
)
def test_intervals_read_with_their_unit(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "ten minutes", "5x", "-1m", "1s"])
def test_a_bad_or_too_short_interval_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(KhabarError, match="interval"):
        parse_interval(text)


@given(st.integers(min_value=10, max_value=10**7))
def test_a_formatted_interval_reads_back(seconds: int) -> None:
    assert parse_interval(format_interval(seconds)) == seconds


def test_a_failing_source_keeps_its_interval_within_the_budget_then_backs_off() -> None:
    waits = [next_poll(0.0, 600.0, failing) for failing in range(ERROR_BUDGET + 4)]
    assert waits[:ERROR_BUDGET] == [600.0] * ERROR_BUDGET
    assert waits[ERROR_BUDGET:] == [1200.0, 2400.0, 4800.0, 9600.0]
    assert next_poll(0.0, 600.0, 100) == MAX_BACKOFF


def test_retry_after_is_honoured_when_longer() -> None:
    assert next_poll(100.0, 60.0, 0, retry_after=3600.0) == 3700.0
    assert next_poll(100.0, 60.0, 0, retry_after=5.0) == 160.0
