"""Resolution rules: closest past year, "last <month>", weekdays, counts, unanchored values."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.timex.resolve import Anchor, closest_year, month_year, nearest_weekday, resolve
from khabar.timex.tagger import tag

PUB = Anchor(date(2024, 11, 29), "updated_line", "relative_to_publication", 0.7)


def _value(text: str, anchor: Anchor | None = PUB) -> str:
    return resolve(tag(text)[0], anchor).value


def test_partial_dates_take_the_closest_past_year() -> None:
    assert closest_year(9, 13, date(2023, 9, 14)) == date(2023, 9, 13)
    assert closest_year(9, 15, date(2023, 9, 14)) == date(2022, 9, 15)
    assert closest_year(9, 15, date(2023, 9, 14), future=True) == date(2023, 9, 15)
    assert closest_year(2, 29, date(2025, 3, 1)) == date(2024, 2, 29)
    assert closest_year(4, 31, date(2025, 3, 1)) is None


@pytest.mark.parametrize(
    ("anchor_month", "year"),
    [(1, 2023), (6, 2023), (7, 2024), (11, 2024), (12, 2024)],
)
def test_last_june_is_the_latest_june_strictly_before_the_anchor_month(anchor_month: int, year: int) -> None:
    # The rule for "گزشتہ جون" / "पिछले जून" / "last June": June of the anchor's year when the
    # anchor is July-December, June of the year before when it is January-June.
    assert month_year(6, date(2024, anchor_month, 15), deixis=-1, future=False) == year


def test_weekday_equal_to_the_anchor_is_the_anchor_day() -> None:
    thursday = date(2023, 9, 14)
    assert nearest_weekday(3, thursday) == thursday
    assert nearest_weekday(3, thursday, deixis=-1) == date(2023, 9, 7)
    assert nearest_weekday(6, thursday, future=True) == date(2023, 9, 17)
    assert nearest_weekday(3, thursday, deixis=1) == date(2023, 9, 21)


def test_resolved_by_and_confidence_follow_the_anchor() -> None:
    context = Anchor(date(2024, 11, 29), "cited_url", "context", 0.5)
    r = resolve(tag("29 نومبر کو")[0], context)
    assert (r.value, r.resolved_by) == ("2024-11-29", "context")
    assert "cited_url" in r.evidence
    trusted = resolve(tag("29 نومبر کو")[0], PUB)
    assert trusted.resolved_by == "year_inferred"
    assert trusted.confidence > r.confidence


def test_unanchored_values_keep_what_the_text_says() -> None:
    assert _value("13 ستمبر کو", None) == "XXXX-09-13"
    assert _value("پچھلے سال", None) == "XXXX"
    assert resolve(tag("13 ستمبر کو")[0], None).resolved_by == "explicit"


def test_story_date_gives_relative_months_without_an_anchor() -> None:
    r = resolve(tag("تین ماہ قبل")[0], None, story=(9, 13))
    assert (r.value, r.resolved_by) == ("XXXX-06", "context")


def test_part_of_day_and_clock_values() -> None:
    assert _value("منگل کی صبح") == "2024-11-26TMO"
    assert _value("September 14, 2023, 10:54 AM IST", None) == "2023-09-14T10:54+05:30"
    assert _value("शुक्रवार सुबह 6 बजे") == "2024-11-29T06:00"
