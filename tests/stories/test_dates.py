"""Content dates: the day of the happening, not of the page."""

from __future__ import annotations

from datetime import date

from khabar.dates import day_gap, month_of, shift_month, sort_key
from khabar.document import Event, PublishedDate, Segment, TimeRef
from khabar.kb import load_kb
from khabar.stories.dates import ContentDate, content_date, document_year
from tests.stories.helpers import news

KB = load_kb()


def test_first_body_day_wins_over_a_later_one() -> None:
    doc = news("a", {"per:sergei-shoigu": 1}, "2025-06-17")
    doc.times.append(TimeRef(30, 34, "2025-06-04", "day", confidence=0.9))
    assert content_date(doc, KB) == ContentDate("2025-06-17", "day", "text")


def test_a_dateline_is_the_page_day_not_the_news_day() -> None:
    doc = news("a", {"per:sergei-shoigu": 1}, "2025-06-17")
    doc.segments.insert(0, Segment(0, 1, "dateline", "ur"))
    doc.times.insert(0, TimeRef(0, 1, "2026-02-18", "day", confidence=0.95))
    assert content_date(doc, KB).value == "2025-06-17"  # type: ignore[union-attr]


def test_weak_times_and_file_times_are_not_dates() -> None:
    doc = news("a", {"per:sergei-shoigu": 1})
    doc.times.append(TimeRef(10, 12, "2024-01-01", "day", confidence=0.1))
    doc.published = PublishedDate("2026-11-22T12:00:00+00:00", "file_mtime", 0.1)
    assert content_date(doc, KB) is None


def test_published_date_then_month_as_fallbacks() -> None:
    doc = news("a", {"per:sergei-shoigu": 1}, published=PublishedDate("2024-11-30", "html_meta", 0.9))
    assert content_date(doc, KB) == ContentDate("2024-11-30", "day", "published")
    doc = news("b", {"per:sergei-shoigu": 1})
    doc.times.append(TimeRef(10, 12, "2025-06", "month", confidence=0.8))
    assert content_date(doc, KB) == ContentDate("2025-06", "month", "text")


def test_event_day_counts_when_it_comes_first() -> None:
    doc = news("a", {"per:sergei-shoigu": 1}, "2025-06-17")
    doc.events.append(Event("CONSULT", 2, 3, 0, 5, time="2025-06-16", time_ref=0, confidence=0.8))
    assert content_date(doc, KB) == ContentDate("2025-06-16", "day", "event")
    doc.events[0].historical = True
    assert content_date(doc, KB).value == "2025-06-17"  # type: ignore[union-attr]
    # An event dated by the page's publication date says nothing new.
    doc.events[0].historical, doc.events[0].time_ref = False, None
    assert content_date(doc, KB).value == "2025-06-17"  # type: ignore[union-attr]


def test_year_from_office_tenure() -> None:
    # Shoigu has been Security Council secretary since May 2024: "13 September" is 2024.
    doc = news("a", {"per:sergei-shoigu": 2}, "XXXX-09-13", roles=(("role:secretary", "per:sergei-shoigu"),))
    assert content_date(doc, KB, today=date(2026, 11, 22)) == ContentDate("2024-09-13", "day", "text+office")
    assert document_year("XXXX-09-13", doc, KB, 2026) == 2024
    # As defence minister (Nov 2012 – May 2024): the earliest 13 September inside that term.
    doc = news(
        "b",
        {"per:sergei-shoigu": 2},
        "XXXX-09-13",
        roles=(("role:minister_of_defence", "per:sergei-shoigu"),),
    )
    assert document_year("XXXX-09-13", doc, KB, 2026) == 2013
    # No office named: the year stays unknown.
    doc = news("c", {"per:sergei-shoigu": 2}, "XXXX-09-13")
    assert content_date(doc, KB).value == "XXXX-09-13"  # type: ignore[union-attr]


def test_date_arithmetic() -> None:
    assert day_gap("2024-09-13", "2024-09-16") == 3
    assert day_gap("XXXX-09-13", "2024-09-11") == 2
    assert day_gap("2024-09", "2024-09-11") is None
    assert shift_month("2024-09-29", 3) == "2024-10"
    assert shift_month("XXXX-01-01", -3) == "XXXX-12"
    assert month_of("2024-09-13") == "2024-09" and month_of("XXXX-09") == "XXXX-09"
    assert sorted(["XXXX-01-01", "2025-01-01", "", "2023-05"], key=sort_key) == [
        "2023-05",
        "2025-01-01",
        "XXXX-01-01",
        "",
    ]
