"""Anchor choice: publication date, page banners the content refutes, cited-source dates."""

from __future__ import annotations

from datetime import date

from khabar.document import CitedSource, Document, Provenance, PublishedDate, Source
from khabar.timex.pubdate import banner_contradiction, choose_anchor
from khabar.timex.tagger import tag


def _doc(published: PublishedDate | None, cited: list[str] | None = None) -> Document:
    prov = Provenance(cited=[CitedSource("url", u) for u in cited or []])
    return Document(source=Source(uri="mem://x", kind="txt"), raw="x", published=published, provenance=prov)


def _pub(*cands: tuple[str, str, float]) -> PublishedDate:
    rows = [{"value": v, "source": s, "confidence": c, "evidence": ""} for v, s, c in cands]
    best = max(rows, key=lambda c: c["confidence"])
    return PublishedDate(best["value"], best["source"], best["confidence"], "", rows)


STORY = (
    "شوئیگو منگل کے روز پیانگ یانگ پہنچے۔ یہ دورہ دو ہفتے قبل ہونے والے دورے کی توسیع ہے"
    " جو 4 جون کو ہونے والے معاہدوں میں طے پائے تھے۔ یہ رواں برس میں دوسرا دورہ ہے۔"
)


def test_a_stated_publication_date_is_the_anchor() -> None:
    pub = _pub(("2023-09-14T10:54:00+05:30", "updated_line", 0.7), ("2026-01-01", "file_mtime", 0.1))
    choice = choose_anchor(_doc(pub), [])
    assert choice.anchor is not None and choice.anchor.day == date(2023, 9, 14)
    assert choice.anchor.by == "relative_to_publication"
    assert choice.published is pub


def test_the_file_time_is_never_an_anchor() -> None:
    choice = choose_anchor(_doc(_pub(("2026-11-22", "file_mtime", 0.1))), tag("13 ستمبر کو"))
    assert choice.anchor is None


def test_a_cited_url_date_is_a_context_anchor() -> None:
    url = "https://dantri.com.vn/the-gioi/nga-20241129154226900.htm"
    choice = choose_anchor(_doc(_pub(("2026-11-22", "file_mtime", 0.1)), [url]), [])
    assert choice.anchor is not None
    assert (choice.anchor.day, choice.anchor.by, choice.anchor.source) == (
        date(2024, 11, 29),
        "context",
        "cited_url",
    )
    assert choice.published is not None and choice.published.candidates[-1]["role"] == "anchor"


def test_a_banner_the_story_contradicts_is_only_the_page_date() -> None:
    found = banner_contradiction(date(2026, 2, 18), tag(STORY))
    assert found is not None
    reasons, content_day = found
    assert len(reasons) == 2  # "this year" and the weekday linked by "two weeks"
    assert content_day == date(2025, 6, 18)
    pub = _pub(("2026-02-18", "page_header", 0.3), ("2026-11-22", "file_mtime", 0.1))
    choice = choose_anchor(_doc(pub), tag(STORY))
    assert choice.published is not None
    assert (choice.published.value, choice.published.source) == ("2025-06", "content")
    banner = next(c for c in choice.published.candidates if c["source"] == "page_header")
    assert banner["role"] == "page_date" and "this year" in banner["rejected"]
    assert choice.anchor is not None and choice.anchor.by == "context"


def test_a_banner_the_story_agrees_with_stays() -> None:
    story = "وزیر اعظم نے منگل کو 15 فروری کو ہونے والے اجلاس کا ذکر کیا۔ اس سال تجارت بڑھی۔"
    assert banner_contradiction(date(2026, 2, 18), tag(story)) is None
    pub = _pub(("2026-02-18", "page_header", 0.3))
    choice = choose_anchor(_doc(pub), tag(story))
    assert choice.published is pub
    assert choice.anchor is not None and choice.anchor.day == date(2026, 2, 18)
