"""HTML main-text extraction: trafilatura once per page, justext as the fallback."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from khabar.clean.html_extract import extract_html, extract_with_justext, meta_dates, stoplist_language
from khabar.document import Document, Source
from khabar.stages.clean import clean

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "html" / "trafilatura_eval"

URDU_PAGE = """<html lang="ur"><head><meta charset="utf-8">
<title>سیلاب سے متاثرہ علاقوں میں امدادی کارروائیاں | خبرنامہ</title>
<meta name="description" content="سیلاب">
<script type="application/ld+json">
{"@type": "NewsArticle", "datePublished": "2024-08-02T11:15:00+05:00"}</script>
</head><body>
<nav><a href="/">ہوم</a> <a href="/pakistan">پاکستان</a> <a href="/world">دنیا</a></nav>
<article>
<h1>سیلاب سے متاثرہ علاقوں میں امدادی کارروائیاں</h1>
<p>سندھ کے سیلاب سے متاثرہ اضلاع میں امدادی کارروائیاں جاری ہیں اور حکام کا کہنا ہے کہ اب تک ہزاروں افراد کو
محفوظ مقامات پر منتقل کیا جا چکا ہے۔</p>
<p>صوبائی حکومت کے ترجمان نے بتایا کہ متاثرین کے لیے خیمے، کھانا اور ادویات فراہم کی جا رہی ہیں اور پانی
اترنے کے بعد بحالی کا کام شروع کیا جائے گا۔</p>
</article>
<footer>جملہ حقوق محفوظ ہیں</footer>
</body></html>"""

HINDI_PAGE = """<html><head><title>दिल्ली में बारिश</title></head><body>
<nav><a href="/">होम</a> <a href="/desh">देश</a></nav>
<p>दिल्ली में मंगलवार को भारी बारिश हुई जिससे कई इलाकों में पानी भर गया और यातायात पर भी इसका असर पड़ा।
मौसम विभाग ने बताया कि अगले दो दिनों तक बारिश जारी रहने की संभावना है।</p>
<p>नगर निगम के अधिकारियों ने कहा कि जल निकासी के लिए अतिरिक्त पंप लगाए गए हैं और कर्मचारी लगातार काम कर
रहे हैं ताकि लोगों को परेशानी न हो।</p>
<footer>सर्वाधिकार सुरक्षित</footer></body></html>"""


def test_extract_html_finds_text_title_and_dates() -> None:
    found = extract_html(URDU_PAGE, "https://example.pk/news/floods")
    assert found.extractor == "trafilatura"
    assert found.title == "سیلاب سے متاثرہ علاقوں میں امدادی کارروائیاں"
    lines = found.text.split("\n")
    assert any(line.startswith("سندھ کے سیلاب سے متاثرہ اضلاع") for line in lines)
    assert any(line.startswith("صوبائی حکومت کے ترجمان") for line in lines)
    assert "دنیا" not in lines and "جملہ حقوق محفوظ ہیں" not in found.text
    values = {(c["value"], c["source"]) for c in found.date_candidates}
    assert ("2024-08-02T11:15:00+05:00", "html_meta") in values
    assert all(0 < c["confidence"] <= 1 and c["evidence"] for c in found.date_candidates)


def test_trafilatura_runs_once_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    calls: list[dict[str, Any]] = []
    real = trafilatura.bare_extraction

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    extract_html(URDU_PAGE, None)
    assert len(calls) == 1
    assert calls[0]["with_metadata"] is True  # its htmldate run is the date source


def test_justext_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import justext
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    chosen: list[str] = []
    real = justext.get_stoplist

    def spy(language: str) -> Any:
        chosen.append(language)
        return real(language)

    monkeypatch.setattr(justext, "get_stoplist", spy)
    found = extract_html(HINDI_PAGE, None)
    assert found.extractor == "justext"
    assert chosen == ["Hindi"]
    assert found.title == "दिल्ली में बारिश"  # from <title>, since trafilatura gave none
    assert "दिल्ली में मंगलवार को भारी बारिश हुई" in found.text
    assert "होम" not in found.text.split("\n") and "सर्वाधिकार" not in found.text


def test_justext_keeps_short_urdu_paragraphs() -> None:
    text = extract_with_justext(URDU_PAGE)
    assert "سندھ کے سیلاب سے متاثرہ اضلاع" in text
    assert "صوبائی حکومت کے ترجمان" in text
    assert "جملہ حقوق" not in text


def test_nothing_found_anywhere() -> None:
    found = extract_html("<html><body></body></html>", None)
    assert (found.text, found.extractor) == ("", "none")
    assert extract_with_justext("") == ""


@pytest.mark.parametrize(
    ("page", "language"),
    [(URDU_PAGE, "Urdu"), (HINDI_PAGE, "Hindi"), ("<p>The minister said on Tuesday.</p>", "English")],
)
def test_stoplist_follows_the_script(page: str, language: str) -> None:
    assert stoplist_language(page) == language


def test_meta_dates_read_tags_and_json_ld() -> None:
    markup = (
        '<head><meta property="article:published_time" content="2023-09-14T10:54:00+05:30">'
        "<meta name='pubdate' content='2023-09-14'>"
        '<meta name="date" content="yesterday">'
        '<meta property="og:title" content="2020-01-01">'
        '</head><script>{"datePublished": "2023-09-14T05:24:00Z"}</script>'
    )
    values = [c["value"] for c in meta_dates(markup)]
    assert values == ["2023-09-14T10:54:00+05:30", "2023-09-14", "2023-09-14T05:24:00+00:00"]


def test_meta_dates_take_only_the_first_body_microdata_tag() -> None:
    markup = (
        "<head><title>x</title></head><body>"
        '<article><meta itemprop="datePublished" content="2023-09-14"></article>'
        '<aside><meta itemprop="datePublished" content="2019-01-01"></aside></body>'
    )
    [found] = meta_dates(markup)
    assert found["value"] == "2023-09-14"
    assert found["confidence"] < meta_dates('<meta name="pubdate" content="2023-09-14">')[0]["confidence"]


# Pages of the trafilatura benchmark with their URL; each must keep its "with" snippets and
# (for these pages) lose its "without" snippets, and yield a title and a meta date.
EVAL_PAGES = (
    "heise.de.lithium.html",
    "vancouversun.com.microsoft.html",
    "phys.org.tool.html",
    "bbc.com.52241221.html",
    "tennismagazin.de-viertelfinale.html",
)


@pytest.mark.parametrize("name", EVAL_PAGES)
def test_benchmark_pages(name: str) -> None:
    evaldata = json.loads((EVAL / "evaldata.json").read_text(encoding="utf-8"))
    url, item = next((u, i) for u, i in evaldata.items() if i["file"] == name)
    markup = gzip.decompress((EVAL / "html" / f"{name}.gz").read_bytes()).decode("utf-8", "replace")
    doc = clean(Document(source=Source(uri=name, kind="html", url=url), html=markup))
    assert doc.title
    assert any(c["source"] == "html_meta" for c in doc.meta["date_candidates"])
    for snippet in item["with"]:
        assert snippet in doc.text, snippet
    for snippet in item["without"]:
        assert snippet not in doc.body_text(), snippet
    for seg in doc.segments:
        assert doc.raw[slice(*doc.raw_span(seg.start, seg.end))] == doc.text[seg.start : seg.end]
