"""The fake outlet itself: it serves what the fetching and watching tests rely on."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Callable

import httpx
import pytest

from tests.support.outlet import BIG_FEED_ITEMS, FAULTS, Outlet


def test_home_page_links_feeds_and_articles(outlet: Outlet) -> None:
    home = httpx.get(outlet.url("/"))
    assert home.status_code == 200
    assert (
        'type="application/rss+xml"' in home.text and "/atom.xml" in home.text and "/faults.xml" in home.text
    )
    assert "utm_source=" in home.text and "fbclid=" in home.text and "?amp=1" in home.text
    assert 'href="/amp/news/' in home.text
    paths = [url.removeprefix(outlet.base) for url in outlet.article_urls() if "/private/" not in url]
    assert all(p in home.text for p in paths)


def test_articles_answer_conditional_gets(outlet: Outlet) -> None:
    url = outlet.article_urls()[0]
    first = httpx.get(url)
    assert first.status_code == 200 and first.headers["etag"] and first.headers["last-modified"]
    again = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    since = httpx.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    assert outlet.requests(httpx.URL(url).path)[1].headers["if-none-match"] == first.headers["etag"]


def test_feeds_answer_conditional_gets_until_an_article_is_added(outlet: Outlet) -> None:
    first = httpx.get(outlet.url("/rss.xml"))
    assert (
        httpx.get(outlet.url("/rss.xml"), headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    )
    outlet.add_article("fresh", "Fresh", "<p>New.</p>")
    changed = httpx.get(outlet.url("/rss.xml"), headers={"If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200 and changed.headers["etag"] != first.headers["etag"]


def test_feeds_and_sitemaps(outlet: Outlet) -> None:
    rss = httpx.get(outlet.url("/rss.xml")).text
    assert rss.count("<item>") == len(outlet.articles) and "/private/" in rss
    assert "<feed" in httpx.get(outlet.url("/atom.xml")).text
    index = httpx.get(outlet.url("/sitemap_index.xml")).text
    assert "sitemap-articles.xml.gz" in index and "news-sitemap.xml" in index
    child = httpx.get(outlet.url("/sitemap-articles.xml.gz")).content
    assert gzip.decompress(child).count(b"<url>") == len(outlet.articles) - 1
    assert "news:publication_date" in httpx.get(outlet.url("/news-sitemap.xml")).text
    robots = httpx.get(outlet.url("/robots.txt")).text
    assert "Disallow: /private/" in robots and "Crawl-delay: 0.2" in robots and robots.count("Sitemap:") == 2


def test_add_article_tops_the_feed(outlet: Outlet) -> None:
    before = outlet.article_urls()[0]
    url = outlet.add_article("late-news", "Late news", "<p>Just in.</p>", "en")
    assert outlet.article_urls()[0] == url
    rss = httpx.get(outlet.url("/rss.xml")).text
    assert url in rss and rss.index(url) < rss.index(before)
    assert "Just in." in httpx.get(url).text


def test_amp_variants_are_served(outlet: Outlet) -> None:
    path = outlet.article_urls()[0].removeprefix(outlet.base)
    for variant in ("/amp" + path, path + "amp/", path + "?amp=1"):
        assert httpx.get(outlet.url(variant)).status_code == 200


def test_faults(outlet: Outlet) -> None:
    for code in (404, 410, 500):
        assert httpx.get(outlet.url(f"/faults/{code}")).status_code == code
    limited = httpx.get(outlet.url("/faults/429"))
    assert limited.status_code == 429 and limited.headers["retry-after"] == "1"
    assert httpx.get(outlet.url("/faults/429")).status_code == 200
    assert httpx.get(outlet.url("/faults/loop-a")).headers["location"] == "/faults/loop-b"
    wrong = httpx.get(outlet.url("/faults/wrong-charset"))
    assert "iso-8859-1" in wrong.headers["content-type"] and "تاشقند" in wrong.content.decode("utf-8")
    feed = httpx.get(outlet.url("/faults.xml")).text
    assert all(outlet.url(path) in feed for path in FAULTS)
    assert httpx.get(outlet.url("/big-feed.xml")).text.count("<item>") == BIG_FEED_ITEMS


def test_endless_and_huge_responses_stream(outlet: Outlet) -> None:
    with httpx.stream("GET", outlet.url("/slow"), timeout=5) as slow:
        got = b""
        for chunk in slow.iter_raw():
            got += chunk
            if len(got) > 80:
                break
    assert got.startswith(b"<!DOCTYPE html>")
    with httpx.stream("GET", outlet.url("/faults/huge")) as huge:
        assert huge.headers["content-length"] == str(50 * 1024 * 1024)
        assert len(next(huge.iter_raw())) > 0
    with httpx.stream("GET", outlet.url("/faults/bomb")) as bomb:
        raw = b"".join(c for _, c in zip(range(4), bomb.iter_raw(), strict=False))
    inflated = zlib.decompressobj(31).decompress(raw, 10_000_000)
    assert len(inflated) > 50 * len(raw)


def test_faults_can_be_turned_off(make_outlet: Callable[..., Outlet]) -> None:
    site = make_outlet(faults=False, crawl_delay=None)
    assert httpx.get(site.url("/faults/500")).status_code == 404
    assert "/faults.xml" not in httpx.get(site.url("/")).text
    assert "Crawl-delay" not in httpx.get(site.url("/robots.txt")).text


def test_request_log_and_hook(outlet: Outlet) -> None:
    fired = threading.Event()
    outlet.after_request(2, fired.set)
    httpx.get(outlet.url("/robots.txt"), headers={"User-Agent": "probe"})
    assert not fired.is_set()
    httpx.get(outlet.url("/"))
    assert fired.wait(5)
    logged = outlet.requests()
    assert [r.path for r in logged] == ["/robots.txt", "/"]
    assert logged[0].headers["user-agent"] == "probe" and logged[0].time <= logged[1].time <= time.monotonic()


@pytest.mark.parametrize("path", ["/private/embargoed-plans/", "/section/world/"])
def test_other_pages(outlet: Outlet, path: str) -> None:
    assert httpx.get(outlet.url(path)).status_code == 200
