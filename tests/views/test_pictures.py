"""The read models behind the pictures, on hand-made records: dates to days, weeks and spans;
a bar per active week (or day, for a short story) with its quads; a band per dated episode."""

from __future__ import annotations

import datetime as dt

from khabar.views.pictures import bucket_days, day_of, span_of, story_weeks, week_ids

EVENTS = [
    {"id": "ev-1", "type": "CONSULT", "date": "2024-09-13"},
    {"id": "ev-2", "type": "ACCUSE", "date": "2024-09-09"},
    {"id": "ev-3", "type": "ASSAULT", "date": "2024-11-29"},
    {"id": "ev-4", "type": "AGREE", "date": "2024-06"},
    {"id": "ev-5", "type": "AGREE", "date": None},
    {"id": "ev-6", "type": "AID", "date": "XXXX-09-13"},
]
STORY = {
    "id": "th-1",
    "episodes": [
        {
            "id": "ep-a",
            "start": "2024-09-13",
            "end": "2024-09-13",
            "title": {"ur": "اے"},
            "languages": ["ur"],
        },
        {"id": "ep-b", "start": "2024-11", "end": "2024-11", "title": {}, "languages": []},
        {"id": "ep-c", "start": None, "end": None, "title": {"hi": "सी"}, "languages": ["hi"]},
    ],
}


def test_dates_to_days_and_spans() -> None:
    assert day_of("2024-09-13T10:00:00+05:00") == dt.date(2024, 9, 13)
    assert day_of("2024-09") is None and day_of("XXXX-09-13") is None and day_of(None) is None
    assert day_of("2024-02-30") is None
    assert span_of("2024-02") == dt.date(2024, 2, 1) and span_of("2024-02", end=True) == dt.date(2024, 2, 29)
    assert span_of("2024", end=True) == dt.date(2024, 12, 31) and span_of("XXXX-01") is None


def test_a_bar_per_active_week_with_quads_and_a_band_per_dated_episode() -> None:
    columns, bands, vague = story_weeks(STORY, EVENTS)
    assert [c.key for c in columns] == ["2024-09-09", "2024-11-25"]
    assert columns[0].counts == {"verbal_cooperation": 1, "verbal_conflict": 1}
    assert columns[1].counts == {"material_conflict": 1}
    assert columns[0].href == "/story/th-1?week=2024-09-09#story-week"
    assert vague == 3
    assert [(b.key, b.number, b.label) for b in bands] == [("ep-a", 1, "اے"), ("ep-b", 2, "ep-b")]
    assert bands[1].start == dt.date(2024, 11, 1) and bands[1].end == dt.date(2024, 11, 30)
    assert week_ids(EVENTS, dt.date(2024, 9, 9)) == ["ev-2", "ev-1"]


def test_a_short_story_gets_a_bar_per_day() -> None:
    short = [e for e in EVENTS if e["id"] in ("ev-1", "ev-2")]
    assert bucket_days(short, []) == 1
    assert bucket_days(EVENTS, STORY["episodes"]) == 7  # type: ignore[arg-type]
    columns, _bands, _vague = story_weeks({"id": "ep-x"}, short, days=1)
    assert [c.key for c in columns] == ["2024-09-09", "2024-09-13"] and columns[0].days == 1
    assert columns[1].href == "/story/ep-x?day=2024-09-13#story-week"
    assert week_ids(short, dt.date(2024, 9, 13), 1) == ["ev-1"]
