"""Hostile markup is refused or handled in linear time: '<' floods, huge tags, deep nesting.

No timing is asserted. The flood inputs are sized so that the quadratic patterns these tests
replaced would take minutes on them (``<[^>]+>`` over 100k ``<a`` rescans the rest of the page
from every one), while the linear code takes a fraction of a second.
"""

from __future__ import annotations

import pytest

from khabar.clean.guard import MAX_ATTRIBUTES_PER_TAG, MAX_NESTING_DEPTH, MAX_STRAY_LESS_THAN, check_markup
from khabar.clean.html_extract import _page_title as extract_title
from khabar.clean.html_extract import meta_dates, stoplist_language, without_scripts
from khabar.document import Document, Source
from khabar.errors import Reject
from khabar.ingest.html import canonical_url, page_title
from khabar.pipeline import build

PAGE = (
    "<!DOCTYPE html><html><head><title>Border talks</title>"
    '<meta property="article:published_time" content="2025-03-11T10:00:00Z"></head>'
    "<body><div><article><p>Officials said the Torkham crossing reopened on Monday after talks"
    " between the two governments ended in agreement.</p></article></div></body></html>"
)


def _reason(markup: str) -> str | None:
    try:
        check_markup(markup)
    except Reject as rej:
        return rej.reason
    return None


def test_an_ordinary_page_passes() -> None:
    assert _reason(PAGE) is None
    assert _reason("<p>1 < 2 and 3 > 2</p>" * 1000) is None


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<p>" + "<" * (MAX_STRAY_LESS_THAN + 1), "markup_flood"),
        ("<p>" + "< " * (MAX_STRAY_LESS_THAN + 1), "markup_flood"),
        (
            "<div " + " ".join(f'a{i}="v"' for i in range(MAX_ATTRIBUTES_PER_TAG + 1)) + ">x</div>",
            "too_many_attributes",
        ),
        ("<div>" * (MAX_NESTING_DEPTH + 1) + "x" + "</div>" * (MAX_NESTING_DEPTH + 1), "too_deep"),
    ],
)
def test_hostile_shapes_are_refused(markup: str, reason: str) -> None:
    assert _reason(markup) == reason


def test_limits_are_not_hit_by_shapes_just_under_them() -> None:
    assert (
        _reason("<div " + " ".join(f'a{i}="v"' for i in range(MAX_ATTRIBUTES_PER_TAG)) + ">x</div>") is None
    )
    assert _reason("<div>" * MAX_NESTING_DEPTH + "x" + "</div>" * MAX_NESTING_DEPTH) is None
    # Siblings are not nesting: many divs one after the other stay at depth 1.
    assert _reason("<div>x</div>" * (MAX_NESTING_DEPTH * 3)) is None


def test_the_clean_stage_rejects_with_the_guard_reason() -> None:
    pipeline = build(["clean"])
    markup = "<html><body>" + "<div>" * (MAX_NESTING_DEPTH + 10) + "<p>deep text</p></body></html>"
    doc = pipeline.process(Document(source=Source(uri="/x.html", kind="html"), html=markup))
    assert [(r.stage, r.reason) for r in doc.rejects] == [("clean", "too_deep")]


FLOODS = ["<a" * 100_000, "<script " * 50_000, "<title>" * 50_000, "<meta " * 50_000, "<link " * 50_000]


@pytest.mark.parametrize("flood", FLOODS, ids=["a", "script", "title", "meta", "link"])
def test_tag_patterns_stay_linear_on_floods(flood: str) -> None:
    page = f"<html><head><title>t</title></head><body><p>text</p>{flood}</body></html>"
    assert stoplist_language(page) == "English"
    assert extract_title(page) == "t"
    assert meta_dates(page) == []
    assert canonical_url("<head>" + flood) is None
    assert page_title("<head>" + flood) is None


def test_without_scripts_cuts_scripts_styles_and_an_unclosed_tail() -> None:
    assert without_scripts("a<script>x</script>b<STYLE >y</style >c").split() == ["a", "b", "c"]
    assert without_scripts("a<noscript>n</noscript>b<script>never closed").split() == ["a", "b"]


def test_titles_are_still_read() -> None:
    assert extract_title("<html><title lang=en>A &amp; B</title><title>second</title>") == "A & B"
    assert page_title("<html><head><title>\n A  title </title></head>") == "A title"
    assert page_title("<html><head><title>open only") is None
