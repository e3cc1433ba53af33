"""The metadata stage: cited URLs and agencies, outlet, and the publication date."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.document import Document, Segment, Source
from khabar.registry import REGISTRY
from khabar.sources.agencies import find_agencies
from khabar.stages.clean import clean
from khabar.stages.metadata import metadata
from khabar.text.fold import fold_marks_indexed
from khabar.timex.datelines import find_date, is_dateline, url_date
from khabar.timex.published import PAGE_HEADER_CONFIDENCE, date_candidates

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

BAOQUOCTE = "https://baoquocte.vn/what-in-the-gap-of-president-of-northern-state-of-russia-286239.html"
DANTRI = (
    "https://dantri.com.vn/the-gioi/"
    "nga-hop-tac-quan-su-voi-trieu-tien-phat-trien-than-toc-tich-cuc-20241129154226900.htm"
)


def _seed(seed: str, **source: str) -> Document:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    doc = clean(Document(source=Source(uri=str(path), kind="txt", **source), raw=path.read_text("utf-8")))
    doc.frozen = True  # normalise would set this; metadata only reads text
    return metadata(doc)


def _doc(text: str, kinds: list[str] | None = None, **source: str) -> Document:
    """A frozen document whose lines are segments of the given kinds (body by default)."""
    doc = Document(source=Source(uri="mem://m", kind="txt", **source), raw=text, text=text, frozen=True)
    pos = 0
    for i, line in enumerate(text.split("\n")):
        doc.segments.append(Segment(pos, pos + len(line), (kinds or [])[i] if kinds else "body"))
        pos += len(line) + 1
    return doc


def test_metadata_is_registered_with_its_contract() -> None:
    spec = REGISTRY["metadata"]
    assert spec.fn is metadata
    assert spec.requires == {"text", "segments", "frozen"}
    assert spec.assigns == {"published", "provenance"}


@pytest.mark.parametrize(
    ("seed", "url", "agencies"),
    [
        ("000", BAOQUOCTE, ["KCNA", "RIA"]),
        ("001", BAOQUOCTE, ["KCNA", "RIA"]),
        ("002", DANTRI, ["Dan Tri", "Reuters"]),
        ("003", None, ["AP", "PTI", "KCNA"]),
        ("004", None, ["KCNA"]),
    ],
)
def test_seed_cited_sources(seed: str, url: str | None, agencies: list[str]) -> None:
    doc = _seed(seed)
    assert doc.provenance.cited_urls == ([url] if url else [])
    assert doc.provenance.agencies == agencies
    for cited in doc.provenance.cited:
        assert doc.text[cited.start : cited.end] == cited.surface
    if url:
        source_seg = next(s for s in doc.segments if s.kind == "source")
        cited_url = doc.provenance.cited[[c.kind for c in doc.provenance.cited].index("url")]
        assert source_seg.start < cited_url.start and cited_url.end == source_seg.end


def test_seed_agency_surfaces_in_every_script() -> None:
    surfaces = {c.surface for c in _seed("000").provenance.cited if c.kind == "agency"}
    assert {"KCNA", "کورین سنٹرل نیوز ایجنسی", "آر آئی اے", "RIA"} <= surfaces
    surfaces = {c.surface for c in _seed("001").provenance.cited if c.kind == "agency"}
    assert {"केसीएनए", "कोरियाई सेंट्रल न्यूज एजेंसी", "आरआईए"} <= surfaces
    surfaces = {c.surface for c in _seed("003").provenance.cited if c.kind == "agency"}
    assert {"AP", "PTI", "اے پی", "پی ٹی آئی", "کے سی این اے"} <= surfaces


def test_seed_003_published_from_updated_line() -> None:
    pub = _seed("003").published
    assert pub is not None
    assert pub.value == "2023-09-14T10:54:00+05:30"
    assert pub.source == "updated_line"
    assert pub.evidence.startswith("Updated: September 14, 2023")
    assert pub.candidates and pub.candidates[0]["value"].startswith("2023-09-14")


def test_seed_004_banner_date_is_a_weak_page_header_candidate() -> None:
    doc = _seed("004")
    header = [c for c in doc.published.candidates if c["source"] == "page_header"]  # type: ignore[union-attr]
    assert [c["value"] for c in header] == ["2026-02-18"]
    assert header[0]["confidence"] < 0.5
    assert doc.text[header[0]["start"] : header[0]["end"]] == "فروری 18, 2026"


def test_file_time_is_the_last_resort_and_checks_the_future() -> None:
    doc = _seed("004", fetched="2025-06-01T08:00:00+00:00")
    by_source = {c["source"]: c for c in doc.published.candidates}  # type: ignore[union-attr]
    assert by_source["file_mtime"]["confidence"] == 0.1
    # the banner date lies after the fetch time: it keeps only part of its confidence
    assert by_source["page_header"]["confidence"] < PAGE_HEADER_CONFIDENCE
    assert _seed("000", fetched="2024-09-20T10:00:00").published.source == "file_mtime"  # type: ignore[union-attr]


def test_no_date_anywhere_gives_none() -> None:
    doc = metadata(_doc("Kim Jong Un met Vladimir Putin at the spaceport."))
    assert doc.published is None


def test_candidates_are_ranked_by_trust() -> None:
    doc = _doc(
        "بدھ, فروری 18, 2026\nUpdated: September 14, 2023, 10:54 AM IST\nKim met Putin.",
        ["dateline", "dateline", "body"],
        url="https://www.inquilab.com/news/2023/09/13/kim-putin",
        fetched="2026-02-18T09:00:00",
    )
    doc.meta["date_candidates"] = [
        {"value": "2023-09-13T22:00:00+05:30", "source": "html_meta", "confidence": 0.9, "evidence": "<meta>"}
    ]
    doc = metadata(doc)
    assert doc.published is not None
    assert (doc.published.value, doc.published.source) == ("2023-09-13T22:00:00+05:30", "html_meta")
    sources = [c["source"] for c in doc.published.candidates]
    assert sources == ["html_meta", "page_header", "updated_line", "url", "file_mtime"]
    assert doc.provenance.outlet == "inquilab.com"
    assert doc.provenance.url == "https://www.inquilab.com/news/2023/09/13/kim-putin"


def test_jsonl_published_field_is_a_candidate() -> None:
    doc = _doc("Kim met Putin.", outlet="Dawn")
    doc.meta["published"] = "2024-01-05T08:00:00Z"
    doc = metadata(doc)
    assert doc.published is not None
    assert (doc.published.value, doc.published.source) == ("2024-01-05T08:00:00+00:00", "jsonl")
    assert doc.provenance.outlet == "Dawn"


def test_inline_source_url_is_cited() -> None:
    doc = metadata(_doc("یہ خبر پہلے شائع ہوئی تھی (ماخذ: https://example.com/a/b.html)۔"))
    assert doc.provenance.cited_urls == ["https://example.com/a/b.html"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Updated: September 14, 2023, 10:54 AM IST | Pyongyang", "2023-09-14T10:54:00+05:30"),
        ("بدھ, فروری 18, 2026", "2026-02-18"),
        ("۱۸ فروری ۲۰۲۶", "2026-02-18"),
        ("18 فروری 2026", "2026-02-18"),
        ("۱۴ ستمبر ۲۰۲۳ء کو", "2023-09-14"),
        ("اپ ڈیٹ 3 مئی 2024 10:05 PM PKT", "2024-05-03T22:05:00+05:00"),
        ("18 फ़रवरी 2026", "2026-02-18"),
        ("18 फरवरी 2026", "2026-02-18"),
        ("अपडेटेड: १४ सितम्बर २०२३, 10:54 AM IST", "2023-09-14T10:54:00+05:30"),
        ("5 नवंबर 2024", "2024-11-05"),
        ("Published: 2023-09-14T10:54:00+05:30", "2023-09-14T10:54:00+05:30"),
        ("Sep 3rd, 2021 at 5:03 pm", "2021-09-03T17:03:00"),
        ("14/09/2023", "2023-09-14"),
    ],
)
def test_find_date(text: str, value: str) -> None:
    hit = find_date(text)
    assert hit is not None and hit.value == value


@pytest.mark.parametrize(
    "text", ["13 ستمبر کو، روسی سلامتی", "31 فروری 2024", "February 2024", "version 2.10.2023x"]
)
def test_find_date_refuses_partial_or_impossible_dates(text: str) -> None:
    assert find_date(text) is None


def test_dateline_detection() -> None:
    assert is_dateline("Updated: September 14, 2023, 10:54 AM IST | Pyongyang")
    assert is_dateline("بدھ, فروری 18, 2026")
    assert is_dateline("Updated 2 hours ago")
    assert not is_dateline("14 ستمبر کو، کورین سنٹرل نیوز ایجنسی نے ملاقات کی اطلاع دی۔")


def test_url_date() -> None:
    assert url_date(DANTRI) == "2024-11-29"
    assert url_date("https://example.com/2023/09/14/story") == "2023-09-14"
    assert url_date(BAOQUOCTE) is None


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("Andhra Pradesh (AP) Chief Minister said on Monday.", []),
        ("پاکستان تحریک انصاف (پی ٹی آئی) نے احتجاج کیا۔", []),
        ("پی ٹی آئی کے رہنما نے کہا", []),
        ("The rally was organised by PTI in Lahore.", []),
        ("رائٹر نے کتاب لکھی", []),
        ("NEW DELHI (PTI) The government said.", ["PTI"]),
        ("The officials said so. — AP", ["AP"]),
        ("خبر رساں ادارے اے پی کے مطابق", ["AP"]),
        ("(With inputs from PTI, ANI)", ["PTI", "ANI"]),
        ("اسلام آباد (اے پی پی) وزیراعظم نے کہا", ["APP"]),
        ("(فوٹو: روئٹرز)", ["Reuters"]),
        ("ژنہوا اور یونہاپ کے مطابق", ["Xinhua", "Yonhap"]),
    ],
)
def test_agency_cues(text: str, agencies: list[str]) -> None:
    assert [c.value for c in find_agencies(text)] == agencies


def test_agencies_match_through_arabic_coded_letters() -> None:
    text = "كے سي اين اے نے بتايا"  # Arabic kaf and yeh, as some Urdu sites send them
    [hit] = find_agencies(text)
    assert hit.value == "KCNA" and text[hit.start : hit.end] == "كے سي اين اے"


def test_fold_index_points_back_into_the_original() -> None:
    text = "फ़रवरी ـ ١٢"
    folded, index = fold_marks_indexed(text)
    assert folded == "फरवरी  12"
    assert [text[i] for i in index[:-1]] == ["फ", "र", "व", "र", "ी", " ", " ", "١", "٢"]


def test_date_candidates_keep_html_candidates_untouched_and_add_spans() -> None:
    doc = _doc("Published: 5 March 2024\nThe talks began.", ["dateline", "body"])
    doc.meta["date_candidates"] = [
        {"value": "2024-03-05", "source": "html_meta", "confidence": 0.75, "evidence": "htmldate"}
    ]
    cands = date_candidates(doc)
    assert cands[0] == doc.meta["date_candidates"][0]
    line = cands[1]
    assert (line["source"], line["value"]) == ("updated_line", "2024-03-05")
    assert doc.text[line["start"] : line["end"]] == "5 March 2024"
