"""Discovery, sniffing, feed and sitemap parsing, article links (synthetic inputs)."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.fetch.discover import (
    COMMON_PATHS,
    MAX_SITEMAP_BYTES,
    FeedError,
    article_links,
    discover,
    parse_feed,
    parse_sitemap,
    sniff_kind,
)

BASE = "https://news.example/"

RSS_091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title><link>https://news.example/</link>
<item><title>One</title><link>https://news.example/2025/03/one-story/?utm_source=rss</link></item></channel></rss>"""
RSS_10 = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.example/"><title>RDF</title><link>https://news.example/</link></channel>
<item rdf:about="https://news.example/2025/03/13/rdf-story/"><title>RDF story</title>
<link>https://news.example/2025/03/13/rdf-story/</link><dc:date>2025-03-13T10:00:00+05:00</dc:date></item></rdf:RDF>"""
ATOM_RELATIVE = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"
 xml:base="https://news.example/ur/"><title>Atom</title><id>x</id><updated>2025-03-13T00:00:00Z</updated>
<entry><title>خبر</title><link rel="alternate" href="news/2025/03/13/khabar-one/"/><id>1</id>
<updated>2025-03-13T09:30:00Z</updated></entry></feed>""".encode()
# An undefined entity makes it not well-formed, but feedparser's loose parser still finds the entries.
RECOVERABLE = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Loose &nbsp; feed</title>
<item><title>Kept</title><link>https://news.example/2025/03/13/kept-story/</link></item></channel></rss>"""


def test_feed_dialects() -> None:
    old = parse_feed(RSS_091, BASE + "rss")
    assert [i.url for i in old] == ["https://news.example/2025/03/one-story/"] and old[0].published is None
    rdf = parse_feed(RSS_10, BASE + "index.rdf")
    assert rdf[0].title == "RDF story" and rdf[0].published == "2025-03-13T05:00:00+00:00"
    atom = parse_feed(ATOM_RELATIVE, BASE + "atom.xml")
    assert atom[0].url == "https://news.example/ur/news/2025/03/13/khabar-one/" and atom[0].kind == "atom"
    assert atom[0].found_in == BASE + "atom.xml"


def test_broken_feeds() -> None:
    assert [i.title for i in parse_feed(RECOVERABLE, BASE)] == ["Kept"]
    with pytest.raises(FeedError) as broken:
        parse_feed(b"<rss><channel><item><title>Half", BASE)
    assert broken.value.reason in ("malformed_feed", "empty_feed")
    with pytest.raises(FeedError) as empty:
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', BASE)
    assert empty.value.reason == "empty_feed"
    with pytest.raises(FeedError) as html:
        parse_feed(b"<html><body><p>not a feed</p></body></html>", BASE)
    assert html.value.reason in ("malformed_feed", "empty_feed")


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', None, "rss"),
        (RSS_10, None, "rss"),
        (ATOM_RELATIVE, "text/xml", "atom"),
        (
            b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            None,
            "sitemap_index",
        ),
        (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>', None, "sitemap"),
        (b'<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">', None, "news_sitemap"),
        (
            gzip.compress(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'),
            None,
            "sitemap",
        ),
        (b"<!DOCTYPE html><html><head>", None, "html"),
        (b"plain words", "text/html", "html"),
        (b"{}", "application/feed+json", "json_feed"),
        (b"\x00\x01binary", "application/octet-stream", "unknown"),
    ],
)
def test_sniff_kind(body: bytes, content_type: str | None, kind: str) -> None:
    assert sniff_kind(body, content_type) == kind


NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/2025/03/13/border-talks/?utm_source=gn</loc><lastmod>2025-03-13</lastmod>
<news:news><news:publication><news:name>News</news:name><news:language>ur</news:language></news:publication>
<news:publication_date>2025-03-13T15:30:00+05:00</news:publication_date><news:title>سرحدی مذاکرات</news:title>
</news:news></url>
<url><loc>https://news.example/2025/03/13/border-talks/</loc></url>
<url><loc>https://news.example/2025/03/12/rail-link/</loc><news:news>
<news:publication_date>2025-03-12</news:publication_date></news:news></url>
</urlset>""".encode()


def test_news_sitemap() -> None:
    items, children = parse_sitemap(NEWS, BASE + "news-sitemap.xml")
    assert children == [] and [i.url for i in items] == [
        "https://news.example/2025/03/13/border-talks/",
        "https://news.example/2025/03/12/rail-link/",
    ]
    first = items[0]
    assert first.published == "2025-03-13T10:30:00+00:00" and first.title == "سرحدی مذاکرات"
    assert (
        first.modified == "2025-03-13" and first.kind == "news_sitemap" and items[1].published == "2025-03-12"
    )


def test_sitemap_index_gzip_and_faults() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml.gz</loc>
    </sitemap><sitemap><loc>https://news.example/s2.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(gzip.compress(index), BASE) == (
        [],
        ["https://news.example/s1.xml.gz", "https://news.example/s2.xml"],
    )
    with pytest.raises(FeedError) as bad:
        parse_sitemap(b"<urlset><url><loc", BASE)
    assert bad.value.reason in ("malformed_sitemap", "empty_sitemap")
    with pytest.raises(FeedError) as bomb:
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * (MAX_SITEMAP_BYTES + 10)), BASE)
    assert bomb.value.reason == "sitemap_too_large"
    with pytest.raises(FeedError) as cut:
        parse_sitemap(b"\x1f\x8b\x08\x00garbage", BASE)
    assert cut.value.reason == "malformed_sitemap"
    # An entity-expansion attack is not expanded.
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    items, _ = parse_sitemap(lol + b"<urlset><url><loc>https://news.example/x-&b;</loc></url></urlset>", BASE)
    assert all(len(i.url) < 200 for i in items)


HOME = """<html><head>
<link rel="alternate" type="application/rss+xml" title="Top" href="/feeds/top.xml?utm_source=x">
<link rel="alternate" type="application/atom+xml" href="https://news.example/atom.xml">
<link rel="alternate" hreflang="hi" href="https://news.example/hi/">
<link rel="stylesheet" type="text/css" href="/static/site.css">
</head><body>
<a href="/2025/03/13/border-talks/?utm_campaign=home">Border talks</a>
<a href="https://www.news.example/2025/03/13/border-talks/#comments">Comments</a>
<a href="/world/pakistan-uzbekistan-transit-deal-signed">Transit deal</a>
<a href="/story/1234567">By id</a>
<a href="/amp/2025/03/12/rail-link/">AMP</a>
<a href="/tag/border-talks-and-more/">Tag</a><a href="/category/world/">Category</a>
<a href="/author/saira-hamdani-staff/">Author</a><a href="/login">Login</a><a href="/about">About</a>
<a href="/static/2025/03/13/photo-of-border.jpg">Photo</a><a href="/world/">World</a>
<a href="https://other.example/2025/03/13/border-talks/">Elsewhere</a>
<a href="mailto:desk@news.example">Mail</a><a href="javascript:void(0)">JS</a><a>no href</a>
</body></html>"""


def test_article_links() -> None:
    assert article_links(HOME, BASE) == [
        "https://news.example/2025/03/13/border-talks/",
        "https://news.example/world/pakistan-uzbekistan-transit-deal-signed",
        "https://news.example/story/1234567",
        "https://news.example/2025/03/12/rail-link/",
    ]
    assert article_links("", BASE) == [] and article_links(b"\x00\x01", BASE) == []


def test_discover() -> None:
    refs = discover(BASE, HOME, ["https://news.example/sitemap.xml", "https://news.example/sitemap.xml"])
    assert [(r.url, r.kind, r.title) for r in refs] == [
        ("https://news.example/feeds/top.xml", "rss", "Top"),
        ("https://news.example/atom.xml", "atom", None),
        ("https://news.example/sitemap.xml", "sitemap", None),
    ]
    assert refs[-1].found_in == "https://news.example/robots.txt"
    assert discover(BASE, "", []) == []
    assert "/rss.xml" in COMMON_PATHS and "/news-sitemap.xml" in COMMON_PATHS


_XMLISH = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.sampled_from(
            [
                b"<rss>",
                b"<item>",
                b"<link>",
                b"http://x.example/a/b-c-d",
                b"</link>",
                b"<urlset>",
                b"<url><loc>",
                b"</loc></url>",
                b"<feed>",
                b"&amp;",
                b"&nbsp;",
                b"<![CDATA[",
                b"\x1f\x8b",
                b"\x00",
            ]
        ),
        max_size=30,
    ).map(b"".join),
)


@settings(max_examples=150, deadline=None)
@given(_XMLISH)
def test_bad_input_gives_items_or_a_feed_error(body: bytes) -> None:
    assert sniff_kind(body, None) in (
        "rss",
        "atom",
        "sitemap",
        "sitemap_index",
        "news_sitemap",
        "html",
        "unknown",
    )
    for parse in (parse_feed, lambda b, u: parse_sitemap(b, u)[0]):
        try:
            items = parse(body, BASE)
        except FeedError as error:
            assert error.reason
        else:
            assert all(i.url.startswith(("http://", "https://")) for i in items)
    assert isinstance(article_links(body, BASE), list)
    assert isinstance(discover(BASE, body, []), list)
