"""Where a site lists its articles: feed and sitemap discovery, sniffing, parsing, article links.

Feeds are parsed with feedparser (every RSS and Atom dialect, and its "bozo" recovery of
broken XML). Sitemaps are parsed here with lxml's ``iterparse`` rather than by
ultimate-sitemap-parser or trafilatura's ``sitemaps``: both fetch by themselves (usp's index
parser fetches every child sitemap through its own web client, trafilatura downloads the
URL it is given), so neither parses bytes the polite fetcher already has; iterparse streams a
50,000-URL sitemap in bounded memory and reads the Google News fields.
"""

from __future__ import annotations

import calendar
import io
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser
import lxml.html
from courlan.filters import extension_filter, is_navigation_page, is_not_crawlable
from lxml import etree

from khabar.errors import KhabarError
from khabar.fetch.urls import canonical_url

#: Paths a site's feeds and sitemaps are often at, for the watch job to probe when nothing
#: is advertised.
COMMON_PATHS = (
    "/feed",
    "/feed/",
    "/rss",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
    "/index.xml",
    "/feeds/all.atom.xml",
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/sitemap-index.xml",
    "/news-sitemap.xml",
    "/sitemap_news.xml",
)
#: Decompressed bytes a gzip sitemap may inflate to (the sitemaps protocol's 50 MB limit).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
#: Bytes looked at to tell what a body is.
SNIFF_BYTES = 4096

_FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/rdf+xml": "rss",
    "application/feed+json": "json_feed",
}
_LEADING = re.compile(rb"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_NEWS_NS = b"google.com/schemas/sitemap-news"
# An article path: a date, a numeric id, or a slug of at least three words.
_DATE_PATH = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)")
_ID_PATH = re.compile(r"(?:^|[/_-])\d{5,}(?:[/_.-]|$)")
_SLUG = re.compile(r"[^/?#-]+(?:-[^/?#-]+){2,}")
_NOT_ARTICLE = re.compile(
    r"^/(?:tags?|category|categories|topics?|section|sections|authors?|search|login|logout|signup|register|"
    r"account|user|users|static|assets|wp-content|wp-admin|wp-json|feed|rss|cdn-cgi|newsletter|subscribe)(?:/|$)",
    re.IGNORECASE,
)


# What feedparser flags that does not make a feed unreadable (a missing or generic content type,
# an encoding declaration it overrode).
_HARMLESS = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)


class FeedError(KhabarError):
    """A feed or sitemap that yields nothing: ``reason`` is a short code, the message says why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class FeedRef:
    """A feed or sitemap a site advertises: ``kind`` is rss, atom, json_feed or sitemap."""

    url: str
    kind: str
    title: str | None
    found_in: str  # the page or robots.txt that named it


@dataclass(frozen=True)
class Item:
    """An article a feed, sitemap or page lists."""

    url: str  # canonical
    published: str | None  # ISO 8601, UTC
    title: str | None
    found_in: str
    kind: str  # rss, atom, sitemap, news_sitemap, page
    modified: str | None = None  # a sitemap's lastmod


def discover(home_url: str, html: str | bytes, robots_sitemaps: list[str]) -> list[FeedRef]:
    """The feeds a home page advertises (``<link rel=alternate>``) and the robots.txt sitemaps."""
    found: dict[str, FeedRef] = {}
    try:
        root = lxml.html.fromstring(html) if html else None
    except (etree.ParserError, ValueError):
        root = None
    for link in root.iter("link") if root is not None else ():
        rel = (link.get("rel") or "").lower().split()
        kind = _FEED_TYPES.get((link.get("type") or "").split(";")[0].strip().lower())
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind and href:
            url = canonical_url(href, home_url)
            found.setdefault(url, FeedRef(url, kind, (link.get("title") or "").strip() or None, home_url))
    robots = urljoin(home_url, "/robots.txt")
    for sitemap in robots_sitemaps:
        url = canonical_url(sitemap, home_url)
        found.setdefault(url, FeedRef(url, "sitemap", None, robots))
    return list(found.values())


def sniff_kind(body: bytes, content_type: str | None) -> str:
    """What ``body`` is: rss, atom, sitemap, sitemap_index, news_sitemap, html or unknown."""
    head = _gunzip_head(body) if body[:2] == b"\x1f\x8b" else body[:SNIFF_BYTES]
    head = head.removeprefix(b"\xef\xbb\xbf")
    start = head[_LEADING.match(head).end() :]  # type: ignore[union-attr]  # the pattern always matches
    root = _ROOT.match(start)
    name = root.group(1).decode("ascii", "replace").lower().split(":")[-1] if root else ""
    if name in ("rss", "rdf"):
        return "rss"
    if name == "feed":
        return "atom"
    if name == "sitemapindex":
        return "sitemap_index"
    if name == "urlset":
        return "news_sitemap" if _NEWS_NS in head else "sitemap"
    if name in ("html", "head", "body") or start[:14].lower().startswith(b"<!doctype html"):
        return "html"
    media = (content_type or "").split(";")[0].strip().lower()
    if media in _FEED_TYPES:
        return _FEED_TYPES[media]
    return "html" if media in ("text/html", "application/xhtml+xml") else "unknown"


def parse_feed(body: bytes, base_url: str) -> list[Item]:
    """The articles of an RSS or Atom feed, canonical and deduplicated, in feed order.

    Raises :class:`FeedError` (``malformed_feed`` or ``empty_feed``) when nothing usable is in it;
    a broken feed from which feedparser still recovered entries gives those entries.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": base_url}, sanitize_html=False)
    kind = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    items: dict[str, Item] = {}
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", []) if x.get("href")), None
        )
        if not link or urlsplit(urljoin(base_url, link)).scheme not in ("http", "https"):
            continue
        url = canonical_url(link, base_url)
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(when), UTC).isoformat() if when else None
        items.setdefault(url, Item(url, published, entry.get("title") or None, base_url, kind))
    if items:
        return list(items.values())
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _HARMLESS):
        raise FeedError(
            "malformed_feed", f"{base_url} is not a readable feed ({type(problem).__name__}: {problem})"
        )
    raise FeedError("empty_feed", f"{base_url} lists no article links")


def parse_sitemap(body: bytes, base_url: str) -> tuple[list[Item], list[str]]:
    """``(articles, child sitemap URLs)`` of a sitemap, sitemap index or Google News sitemap.

    A gzip body is inflated up to :data:`MAX_SITEMAP_BYTES`. Raises :class:`FeedError`
    (``malformed_sitemap``, ``empty_sitemap``, ``sitemap_too_large``) when nothing is usable.
    """
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
    items: dict[str, Item] = {}
    children: list[str] = []
    news = _NEWS_NS in body[:SNIFF_BYTES] or _NEWS_NS in body
    problem: Exception | None = None
    try:
        for _, element in etree.iterparse(
            io.BytesIO(body), events=("end",), recover=True, resolve_entities=False, no_network=True
        ):
            name = etree.QName(element).localname if isinstance(element.tag, str) else ""
            if name == "url":
                _sitemap_url(element, base_url, "news_sitemap" if news else "sitemap", items)
                element.clear()
            elif name == "sitemap":
                loc = _child_text(element, "loc")
                if loc:
                    children.append(canonical_url(loc, base_url))
                element.clear()
    except etree.XMLSyntaxError as exc:
        problem = exc
    if items or children:
        return list(items.values()), list(dict.fromkeys(children))
    if problem is not None:
        raise FeedError("malformed_sitemap", f"{base_url} is not a readable sitemap ({problem})")
    raise FeedError("empty_sitemap", f"{base_url} lists no URLs")


def article_links(html: str | bytes, base_url: str) -> list[str]:
    """Same-host links of a page that look like articles, canonical, deduplicated, in page order.

    An article path carries a date, a numeric id or a slug of three or more words; tag,
    category, author, login, search and static-file links are left out (courlan's filters
    and a few of our own).
    """
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    host = _site(base_url)
    own = urlsplit(canonical_url(base_url))
    found: dict[str, None] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = canonical_url(href, base_url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and _site(url) == host and _looks_like_article(url, parts.path):
            # www. and bare spellings of the page's own site are one site: keep the page's.
            found.setdefault(urlunsplit(parts._replace(netloc=own.netloc)), None)
    return list(found)


def _looks_like_article(url: str, path: str) -> bool:
    if path in ("", "/") or _NOT_ARTICLE.match(path):
        return False
    if not extension_filter(url) or is_navigation_page(url) or is_not_crawlable(url):
        return False
    return bool(
        _DATE_PATH.search(path) or _ID_PATH.search(path) or _SLUG.search(path.rsplit("/", 2)[-1] or path)
    )


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.").removeprefix("amp.")


def _sitemap_url(element: etree._Element, base_url: str, kind: str, items: dict[str, Item]) -> None:
    loc = _child_text(element, "loc")
    if not loc:
        return
    url = canonical_url(loc, base_url)
    published = _iso(_child_text(element, "publication_date"))
    title = _child_text(element, "title")
    items.setdefault(url, Item(url, published, title, base_url, kind, _iso(_child_text(element, "lastmod"))))


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element.iter():
        if isinstance(child.tag, str) and etree.QName(child).localname == name and child is not element:
            text = (child.text or "").strip()
            return text or None
    return None


def _iso(value: str | None) -> str | None:
    """A W3C datetime as ISO 8601 in UTC ("2025-03-13" stays a date); None when unreadable."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) <= 10:
        return when.date().isoformat()
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _gunzip(body: bytes) -> bytes:
    z = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = z.decompress(body, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise FeedError("malformed_sitemap", f"the gzip data is corrupt ({exc})") from exc
    if len(out) > MAX_SITEMAP_BYTES:
        raise FeedError("sitemap_too_large", f"it inflates to over {MAX_SITEMAP_BYTES} bytes")
    return out


def _gunzip_head(body: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, SNIFF_BYTES)
    except zlib.error:
        return b""
