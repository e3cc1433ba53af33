"""The time stage on the seed pages: the issue's "done when" list, plus the stage contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.document import Document, Source, TimeRef
from khabar.pipeline import build
from khabar.registry import REGISTRY
from khabar.stages.time import resolve_times

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
# The seed files' modification time, as a file reader would record it: never an anchor.
FETCHED = "2026-11-22T10:09:32Z"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    pipe = build(("clean", "langid", "normalize", "metadata", "time"), strict=True)
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = Document(source=Source(uri=str(path), kind="txt", fetched=FETCHED), raw=path.read_text("utf-8"))
        out[path.name[:3]] = pipe.process(doc)
    return out


def _find(doc: Document, text: str, nth: int = 0) -> TimeRef:
    hits = [t for t in doc.times if t.text == text]
    assert len(hits) > nth, [t.text for t in doc.times]
    return hits[nth]


def test_contract() -> None:
    spec = REGISTRY["time"]
    assert spec.fn is resolve_times
    assert spec.requires == {"text", "segments", "lang", "published"}
    assert spec.assigns == {"times", "published"}


def test_every_span_is_its_text(seeds: dict[str, Document]) -> None:
    for doc in seeds.values():
        assert doc.times
        for t in doc.times:
            assert doc.text[t.start : t.end] == t.text
            assert t.resolved_by in {
                "explicit",
                "year_inferred",
                "relative_to_publication",
                "weekday",
                "context",
            }


def test_seed_003_weekdays_against_the_updated_line(seeds: dict[str, Document]) -> None:
    doc = seeds["003"]
    assert doc.published is not None and doc.published.value.startswith("2023-09-14")
    assert doc.published.source == "updated_line"
    wednesday = _find(doc, "بدھ")
    assert (wednesday.value, wednesday.resolved_by) == ("2023-09-13", "weekday")
    tuesday_morning = _find(doc, "منگل کی صبح")
    assert tuesday_morning.value == "2023-09-12TMO"  # TIMEX3: the morning of 2023-09-12
    assert _find(doc, "بدھ", nth=1).value == "2023-09-13"  # "بد ھ" on the page, joined by normalize
    six = _find(doc, "صبح۶؍ بجے")
    assert (six.value, six.resolved_by) == ("2023-09-12T06:00", "context")


@pytest.mark.parametrize(
    ("seed", "day13", "day14"), [("000", "13 ستمبر", "14 ستمبر"), ("001", "13 सितंबर", "14 सितंबर")]
)
def test_seeds_000_001_keep_the_year_open(
    seeds: dict[str, Document], seed: str, day13: str, day14: str
) -> None:
    doc = seeds[seed]
    assert _find(doc, day13).value == "XXXX-09-13"
    assert _find(doc, day14).value == "XXXX-09-14"
    assert all("2026" not in t.value for t in doc.times)  # never the file time
    assert all(t.anchor == "" for t in doc.times)
    three_months = next(t for t in doc.times if t.text in ("تین ماہ قبل", "तीन महीने पहले"))
    assert (three_months.value, three_months.resolved_by) == ("XXXX-06", "context")  # agrees with "جون میں"


def test_seed_002_year_from_the_cited_source(seeds: dict[str, Document]) -> None:
    doc = seeds["002"]
    nov29 = _find(doc, "29 نومبر")
    assert (nov29.value, nov29.resolved_by, nov29.anchor) == ("2024-11-29", "context", "2024-11-29")
    assert "cited_url" in nov29.evidence
    last_june = _find(doc, "گزشتہ جون")
    assert (last_june.value, last_june.resolved_by) == ("2024-06", "context")


def test_seed_004_banner_is_the_page_date_not_the_publication_date(seeds: dict[str, Document]) -> None:
    doc = seeds["004"]
    assert doc.published is not None
    assert doc.published.source == "content" and doc.published.value == "2025-06"
    assert "2026-02-18" in doc.published.evidence
    banner = next(c for c in doc.published.candidates if c["source"] == "page_header")
    assert banner["value"] == "2026-02-18" and banner["role"] == "page_date"
    june4 = _find(doc, "4 جون")
    visit = _find(doc, "منگل کے روز")
    assert june4.value == "2025-06-04"
    assert visit.value == "2025-06-17" and visit.resolved_by == "weekday"  # a Tuesday in June 2025
    assert visit.value > june4.value
    assert _find(doc, "گزشتہ سال").value == "2024"
    assert _find(doc, "بدھ, فروری 18, 2026").value == "2026-02-18"  # the banner itself, tagged as written


def test_round_trip_keeps_time_refs(seeds: dict[str, Document]) -> None:
    doc = seeds["004"]
    again = Document.from_json(doc.to_json())
    assert again.times == doc.times
    assert again.published == doc.published
