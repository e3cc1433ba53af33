"""The time-expression tagger: spans, types, and the words that only look like times."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from khabar.timex.tagger import tag


def _texts(text: str) -> list[str]:
    return [t.text for t in tag(text)]


def test_spans_are_offsets_into_the_given_text() -> None:
    text = "روسی وزیر 29 نومبر کو پہنچے۔ گزشتہ جون میں معاہدہ ہوا"
    for t in tag(text, offset=5):
        assert text[t.start - 5 : t.end - 5] == t.text


def test_urdu_seed_expressions() -> None:
    assert _texts("شوئیگو منگل کے روز پہنچے، دو ہفتے قبل کے دورے اور 4 جون کو ہونے والے معاہدوں") == [
        "منگل کے روز",
        "دو ہفتے قبل",
        "4 جون",
    ]
    assert _texts("کم جونگ اُن منگل کی صبح روسی سرحدی شہر پہنچے") == ["منگل کی صبح"]
    assert _texts("ٹرین منگل کو مقامی وقت کے مطابق صبح۶؍ بجے داخل ہوئی") == ["منگل", "صبح۶؍ بجے"]


def test_hindi_and_english_expressions() -> None:
    assert _texts("मंगलवार की शाम को तीन महीने पहले हुए समझौते") == ["मंगलवार की शाम", "तीन महीने पहले"]
    assert _texts("Updated: September 14, 2023, 10:54 AM IST | Pyongyang") == [
        "September 14, 2023, 10:54 AM IST"
    ]
    assert _texts("three months ago, last June") == ["three months ago", "last June"]


def test_types() -> None:
    kinds = {t.text: t.type for t in tag("हर साल छह महीने के लिए 13 सितंबर को शाम 6 बजे")}
    assert kinds == {"हर साल": "SET", "छह महीने": "DURATION", "13 सितंबर": "DATE", "शाम 6 बजे": "TIME"}


def test_words_that_only_look_like_times_are_left_alone() -> None:
    assert _texts("شام میں جنگ جاری ہے") == []  # شام = Syria
    assert _texts("کل تعداد 50 ہے") == []  # کل = total
    assert _texts("پیر صاحب نے دعا کی") == []  # پیر = saint
    assert _texts("you may go") == []
    assert _texts("ایک ہفتہ") == ["ایک ہفتہ"]  # a week, not Saturday
    assert [t.type for t in tag("ایک ہفتہ")] == ["DURATION"]


def test_urdu_week_words() -> None:
    saturday = tag("ہفتے کو جلسہ ہوا")[0]
    assert saturday.weekday == 5
    last_week = tag("گزشتہ ہفتے اجلاس ہوا")[0]
    assert (last_week.unit, last_week.shift, last_week.weekday) == ("week", -1.0, None)


def test_tense_of_kal() -> None:
    past, future = tag("کل وزیر اعظم نے خطاب کیا")[0], tag("کل وزیر اعظم خطاب کریں گے")[0]
    assert past.ambiguous_day and not past.future
    assert future.future
    assert tag("कल बैठक होगी")[0].future and not tag("कल प्रधानमंत्री ने कहा")[0].future


def test_future_stops_at_the_complementiser() -> None:
    # "said on Wednesday that … will continue": the date belongs to the saying.
    t = tag("ایجنسی نے بدھ کو کہا کہ ملک تعاون جاری رکھے گا")[0]
    assert t.weekday == 2 and not t.future


def test_time_zones_are_south_asian() -> None:
    assert tag("10:54 AM IST")[0].tz == "+05:30"
    assert tag("5 pm PKT")[0].tz == "+05:00"
    assert tag("9 am KST")[0].tz == "+09:00"


def test_harakat_and_arabic_letters_do_not_block_matching() -> None:
    # Arabic kaf/yeh and a harakah inside the word still read as Urdu.
    assert [t.month for t in tag("۲۹ نومبر كو")] == [11]
    assert tag("بُدھ کو")[0].weekday == 2


@given(st.text(alphabet="ابپتکگلمنوہیۓ ۱۲۳ 0123456789کوسالماہقبلجونस तीन महीने पहले", max_size=80))
def test_spans_always_match_the_text(text: str) -> None:
    for t in tag(text):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
