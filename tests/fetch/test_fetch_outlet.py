"""The Fetcher against the real loopback outlet: every fault gives its reason, politeness is kept."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from khabar.document import Source
from khabar.fetch import (
    FeedError,
    Fetcher,
    FetchPolicy,
    article_links,
    discover,
    parse_feed,
    parse_sitemap,
    sniff_kind,
)
from khabar.ingest.html import html_document
from tests.support.outlet import BIG_FEED_ITEMS, Outlet

POLICY = FetchPolicy(
    host_delay=0.0,
    retries=1,
    backoff_base=0.05,
    jitter=0.0,
    deadline=2.0,
    read_timeout=2.0,
    connect_timeout=2.0,
)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(POLICY) as client:
        yield client


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/faults/404", "http_404"),
        ("/faults/410", "http_410"),
        ("/faults/500", "http_500"),
        ("/faults/loop-a", "redirect_loop"),
        ("/faults/huge", "too_large"),
        ("/faults/bomb", "decompression_bomb"),
        ("/slow", "timeout"),
        ("/private/embargoed-plans/", "robots_disallowed"),
    ],
)
def test_each_fault_gives_its_reason(outlet: Outlet, fetcher: Fetcher, path: str, error: str) -> None:
    result = fetcher.fetch(outlet.url(path))
    assert result.error == error, result.detail
    assert result.detail


def test_the_endless_response_ends_at_the_deadline(outlet: Outlet, fetcher: Fetcher) -> None:
    result = fetcher.fetch(outlet.url("/slow"))
    assert result.error == "timeout" and result.truncated == "time" and result.body.startswith(b"<!DOCTYPE")
    assert result.elapsed < POLICY.deadline + POLICY.read_timeout  # it ended instead of hanging


def test_large_bodies_stop_at_the_cap_unread(make_outlet: Callable[..., Outlet]) -> None:
    site = make_outlet(crawl_delay=None)
    with Fetcher(POLICY) as client:
        huge = client.fetch(site.url("/faults/huge"))
        bomb = client.fetch(site.url("/faults/bomb"))
    assert huge.error == "too_large" and huge.received < 1_000_000
    assert bomb.error == "decompression_bomb" and len(bomb.body) == POLICY.max_bytes
    assert bomb.received < POLICY.max_bytes / 100  # a few KB read, not the GBs it inflates to


def test_429_is_retried_after_retry_after(outlet: Outlet, fetcher: Fetcher) -> None:
    result = fetcher.fetch(outlet.url("/faults/429"))
    assert result.ok and result.attempts == 2
    first, second = outlet.requests("/faults/429")
    assert second.time - first.time >= outlet.retry_after


def test_robots_and_crawl_delay_are_obeyed(outlet: Outlet, fetcher: Fetcher) -> None:
    urls = outlet.article_urls()
    for url in urls[:3]:
        assert fetcher.fetch(url).ok
    assert fetcher.fetch(outlet.url("/private/embargoed-plans/")).error == "robots_disallowed"
    logged = outlet.requests()
    assert [r.path for r in logged][:1] == ["/robots.txt"] and len(outlet.requests("/robots.txt")) == 1
    assert not outlet.requests("/private/embargoed-plans/")
    gaps = [b.time - a.time for a, b in itertools.pairwise(logged)]
    assert len(gaps) == 3 and min(gaps) >= 0.95 * 0.2  # the robots.txt Crawl-delay
    assert all("Khabar" in r.headers["user-agent"] for r in logged)
    assert fetcher.sitemaps(outlet.base) == [
        outlet.url("/sitemap_index.xml"),
        outlet.url("/news-sitemap.xml"),
    ]
    assert fetcher.sitemaps(outlet.base.removeprefix("http://")) == fetcher.sitemaps(outlet.url("/any/page"))


def test_a_second_fetch_is_conditional(outlet: Outlet, fetcher: Fetcher) -> None:
    url = outlet.article_urls()[0]
    first = fetcher.fetch(url)
    second = fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert first.ok and second.not_modified and second.status == 304 and second.body == b""
    path = url.removeprefix(outlet.base)
    assert outlet.requests(path)[1].headers["if-none-match"] == first.etag


def test_a_wrong_charset_is_reconciled(outlet: Outlet, fetcher: Fetcher) -> None:
    result = fetcher.fetch(outlet.url("/faults/wrong-charset"))
    assert result.ok and result.charset == "utf-8"
    document = html_document(result.body, Source(uri=result.final_url, kind="html"), declared=result.charset)
    assert document.html is not None and "تاشقند" in document.html


def test_feeds_and_sitemaps_of_the_outlet(outlet: Outlet, fetcher: Fetcher) -> None:
    home = fetcher.fetch(outlet.url("/"))
    refs = discover(outlet.url("/"), home.body, fetcher.sitemaps(outlet.base))
    assert {(r.url.removeprefix(outlet.base), r.kind) for r in refs} == {
        ("/rss.xml", "rss"),
        ("/atom.xml", "atom"),
        ("/faults.xml", "rss"),
        ("/sitemap_index.xml", "sitemap"),
        ("/news-sitemap.xml", "sitemap"),
    }
    public = [u for u in outlet.article_urls() if "/private/" not in u]
    assert article_links(home.body, outlet.url("/")) == public

    rss = fetcher.fetch(outlet.url("/rss.xml"))
    assert sniff_kind(rss.body, rss.headers["content-type"]) == "rss"
    assert [i.url for i in parse_feed(rss.body, rss.final_url)] == outlet.article_urls()
    atom = fetcher.fetch(outlet.url("/atom.xml"))
    assert sniff_kind(atom.body, None) == "atom"
    assert [i.url for i in parse_feed(atom.body, atom.final_url)] == public

    index = fetcher.fetch(outlet.url("/sitemap_index.xml"))
    assert sniff_kind(index.body, None) == "sitemap_index"
    items, children = parse_sitemap(index.body, index.final_url)
    assert items == [] and children == [
        outlet.url("/sitemap-articles.xml.gz"),
        outlet.url("/news-sitemap.xml"),
    ]
    child = fetcher.fetch(children[0])
    assert sniff_kind(child.body, child.headers["content-type"]) == "sitemap"
    assert [i.url for i in parse_sitemap(child.body, child.final_url)[0]] == public
    news = fetcher.fetch(children[1])
    assert sniff_kind(news.body, None) == "news_sitemap"
    stories = parse_sitemap(news.body, news.final_url)[0]
    assert stories and all(i.published and i.title and i.kind == "news_sitemap" for i in stories)


def test_a_new_article_appears_in_the_feed(outlet: Outlet, fetcher: Fetcher) -> None:
    url = outlet.add_article("border-reopens", "Border reopens", "<p>Trucks crossed at dawn.</p>")
    feed = fetcher.fetch(outlet.url("/rss.xml"))
    assert parse_feed(feed.body, feed.final_url)[0].url == url


def test_broken_and_big_feeds(outlet: Outlet, fetcher: Fetcher) -> None:
    broken = fetcher.fetch(outlet.url("/faults/malformed.xml"))
    with pytest.raises(FeedError) as raised:
        parse_feed(broken.body, broken.final_url)
    assert raised.value.reason == "malformed_feed"
    faults = fetcher.fetch(outlet.url("/faults.xml"))
    assert len(parse_feed(faults.body, faults.final_url)) >= 10
    big = fetcher.fetch(outlet.url("/big-feed.xml"))
    items = parse_feed(big.body, big.final_url)
    assert len(items) == BIG_FEED_ITEMS and len({i.url for i in items}) == BIG_FEED_ITEMS
