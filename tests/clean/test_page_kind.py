"""Page kinds: home pages, section listings, video and gallery pages are told from articles, and an
article with a big sidebar of headlines stays an article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.clean.page_kind import ARTICLE, PAGE_KINDS, article_url, classify_page, listing_text
from tests.clean import pages

HOME = "https://urdu.example.pk/"


@pytest.mark.parametrize(
    ("page", "url", "kind"),
    [
        (pages.urdu_homepage, "https://urdu.example.pk/", "homepage"),
        (pages.hindi_homepage, "https://hindi.example.in/index.html", "homepage"),
        (pages.english_homepage, "https://www.example.com/", "homepage"),
        (pages.section_page, "https://www.example.com/tag/economy", "section"),
        (pages.urdu_section_page, "https://urdu.example.pk/pakistan", "section"),
        (pages.video_page, "https://urdu.example.pk/video/1234/karachi-rain", "video"),
        (pages.gallery_page, "https://www.example.com/gallery/monsoon", "gallery"),
        (pages.article_with_sidebar, "https://www.example.com/news/2024/06/18/relief-package", "article"),
        (pages.short_urdu_article, "https://urdu.example.pk/story/12345/", "article"),
        (pages.article_with_wrapped_paragraphs, "https://www.example.com/business/relief", "article"),
    ],
)
def test_each_page_is_told_apart(page: object, url: str, kind: str) -> None:
    found = classify_page(page(), url)  # type: ignore[operator]
    assert found.kind == kind, (found.reason, found.signals)
    assert found.reason


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        (pages.urdu_homepage, "section"),  # without its address a home page is a listing still
        (pages.english_homepage, "section"),
        (pages.urdu_section_page, "section"),
        (pages.video_page, "video"),
        (pages.gallery_page, "gallery"),
        (pages.article_with_sidebar, "article"),
        (pages.short_urdu_article, "article"),
    ],
)
def test_the_markup_alone_tells_listings_media_and_articles(page: object, kind: str) -> None:
    assert classify_page(page(), None).kind == kind  # type: ignore[operator]


def test_a_listing_keeps_its_headline_links_in_page_order_and_absolute() -> None:
    found = classify_page(pages.urdu_homepage(), HOME)
    texts = [link.text for link in found.links]
    assert texts[:10] == pages.UR_HEADLINES[:10]
    assert set(texts) >= set(pages.UR_HEADLINES)
    assert found.links[0].url == "https://urdu.example.pk/story/1000/"
    assert len({link.url for link in found.links}) == len(found.links)
    assert classify_page(pages.article_with_sidebar(), None).links == []  # an article keeps none


def test_a_long_body_wins_over_a_listing_address() -> None:
    # the sidebar article served at a root-like address and at /video/ is still an article
    assert classify_page(pages.article_with_sidebar(), "https://www.example.com/").kind == ARTICLE
    assert classify_page(pages.article_with_sidebar(), "https://www.example.com/video/x").kind == ARTICLE


def test_og_type_article_keeps_a_short_article_from_a_listing_address() -> None:
    found = classify_page(pages.short_urdu_article(), "https://urdu.example.pk/category/news/1")
    assert found.kind == ARTICLE and "og:type" in found.reason


def test_schema_org_article_counts_like_og_type() -> None:
    markup = pages.urdu_section_page().replace(
        "</head>", '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
    )
    assert classify_page(markup, "https://urdu.example.pk/pakistan").kind == ARTICLE


def test_article_urls() -> None:
    assert article_url("https://x.com/news/2024/06/18/a")
    assert article_url("https://x.com/world/kim-meets-putin-in-vostochny")
    assert article_url("https://x.com/story/1234567")
    assert not article_url("https://x.com/world/asia")
    assert not article_url(None)


@pytest.mark.parametrize("markup", ["", "   ", "<html></html>", "plain words, no tags", "<p>" * 5000])
def test_odd_markup_is_an_article_without_links(markup: str) -> None:
    found = classify_page(markup, "https://x.example/")
    assert found.kind in PAGE_KINDS
    if not markup.strip():
        assert found.kind == ARTICLE


def test_listing_text_is_title_description_and_headlines_once_each() -> None:
    assert listing_text("Home", "", ["A b c", "A  b c", "D e f"]) == "Home\nA b c\nD e f"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "https://x.example/", "https://x.example/tag/a"]))
def test_classify_page_never_fails(markup: str, url: str | None) -> None:
    assert classify_page(markup, url).kind in PAGE_KINDS


def test_a_short_listing_at_a_listing_address_is_a_section_with_its_links() -> None:
    items = "".join(f'<li><a href="/news/{i}/">{h}</a></li>' for i, h in enumerate(pages.EN_HEADLINES[:3]))
    markup = f"<html><head><title>World</title></head><body><h1>World</h1><ul>{items}</ul></body></html>"
    found = classify_page(markup, "http://127.0.0.1:8000/section/world/")
    assert found.kind == "section"
    assert [link.url for link in found.links] == [f"http://127.0.0.1:8000/news/{i}/" for i in range(3)]
    assert classify_page(markup, "http://127.0.0.1:8000/").kind == "homepage"
    assert classify_page(markup, "http://127.0.0.1:8000/news/2024/06/01/x").kind == ARTICLE


def test_a_short_article_under_a_listing_word_of_its_address_stays_an_article() -> None:
    # urdu.geo.tv files its articles under /latest/: the word alone is not a listing address
    markup = pages.short_urdu_article().replace('content="article"', 'content="website"')
    found = classify_page(markup, "https://urdu.geo.tv/latest/377777-flood-relief")
    assert found.kind == ARTICLE, (found.reason, found.signals)
    assert classify_page(pages.urdu_section_page(), "https://urdu.geo.tv/latest/").kind == "section"


def test_headline_paragraphs_in_list_items_are_teasers_not_a_body() -> None:
    items = "".join(
        f'<li><p><a href="/s/{i}/">{h}</a> {h}. Officials said more details would follow later.</p></li>'
        for i, h in enumerate(pages.EN_HEADLINES)
    )
    markup = f"<html><head><title>World</title></head><body><ul>{items}</ul></body></html>"
    found = classify_page(markup, "https://x.example/world")
    assert found.kind == "section" and found.signals["body_chars"] < 200
