"""What kind of web page this is: an article, or a home page, section (tag, category) listing,
video or gallery page that is kept for its links and never read as an article.

The signals, read from one lxml parse of the markup:

- the *main body*: the most prose text under one element — the non-link text of paragraphs
  that sit side by side under one parent. An article's paragraphs are siblings; a listing's
  teaser summaries each sit in their own card, so its main body is one summary long.
- *teasers*: sibling blocks that each hold a short headline link and little else (a grid of
  story cards, a list of headlines); counted by distinct target.
- the page's link density (share of its text that is link text), ``og:type``, and the URL's
  shape (the root path, ``/category/``, ``/tag/``, ``/video/``, ``/gallery/`` …).

A long main body makes a page an article whatever else it carries, so an article with a big
"related stories" sidebar stays an article. A page is called something else only on two
agreeing signals (a listing URL or ``og:type`` and a short body; or many teasers, dense links
and a short body), so an article is wrongly set aside rarely (measured in
tests/eval/test_page_kind_eval.py on the trafilatura and Scrapinghub evaluation articles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

ARTICLE = "article"
PAGE_KINDS = ("article", "homepage", "section", "video", "gallery")

# A paragraph counts towards a main body from this many non-link characters on.
MIN_PARAGRAPH_CHARS = 40
# A main body this long (characters of non-link prose under one element) is an article's.
# The teaser cards of the test home pages carry summaries of 100-300 characters; a short
# news article is about a thousand characters, the eval articles' median several thousand.
ARTICLE_BODY_CHARS = 700
# Below this, a page with a listing URL or og:type is taken at its word.
SHORT_BODY_CHARS = ARTICLE_BODY_CHARS
# A headline link: at least this many words and characters of link text, at most MAX words.
HEADLINE_MIN_WORDS = 3
HEADLINE_MIN_CHARS = 15
HEADLINE_MAX_WORDS = 40
# A teaser block holds at most this much non-link text (a summary, a time, a label).
TEASER_MAX_TEXT = 400
# Sibling teaser blocks needed for a group to count (a grid row, a headline list).
MIN_TEASER_GROUP = 4
# Without a URL or og:type hint, a listing needs this many teasers and this link density.
LISTING_MIN_TEASERS = 12
LISTING_MIN_LINK_DENSITY = 0.2
# ... and its headlines must outweigh its main body this many times over.
LISTING_TEXT_RATIO = 3
# A root-path page needs this many teasers to be a home page.
HOMEPAGE_MIN_TEASERS = 5
# A page with less main body than this is bare of prose: with a video player it is a video page,
# at a listing address a listing; with this many
# images (and no teaser groups), a gallery.
MEDIA_BODY_CHARS = 200
GALLERY_MIN_IMAGES = 6
# Links kept on a non-article page (headline links, in page order).
MAX_LINKS = 500

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_PARAGRAPHS = frozenset({"p", "pre", "blockquote", "li", "td", "dd"})
_CONTAINERS = frozenset({"div", "section", "article", "main", "span", "font", "center", "body"})
_ITEMS = frozenset({"li", "td", "dd"})
# A paragraph's text is not counted above these (a list item is an item of its own).
_STOP_CLIMB = frozenset({"body", "li", "td", "dd", "article"})
_INLINE = frozenset({"b", "i", "em", "strong", "span", "font", "br", "u", "small", "mark", "sup", "sub"})
_SECTION_SEGMENTS = frozenset(
    {
        "category",
        "categories",
        "tag",
        "tags",
        "topic",
        "topics",
        "section",
        "sections",
        "author",
        "authors",
        "archive",
        "archives",
    }
)
# Listing words that also begin article addresses (urdu.geo.tv/latest/123456-slug): a listing
# only as the whole path.
_LISTING_PATHS = frozenset({"latest", "latest-news", "news", "videos", "video", "photos", "gallery"})
_VIDEO_SEGMENTS = frozenset({"video", "videos", "watch", "tv", "live-tv"})
_GALLERY_SEGMENTS = frozenset(
    {"gallery", "galleries", "photos", "photo", "photo-gallery", "photogallery", "pictures", "slideshow"}
)
# A home page's path: "/", "/index.html", or a language edition alone ("/ur/", "/hindi").
_ROOT_PATH = re.compile(
    r"^/?(?:(?:[a-z]{2}|urdu|hindi|english)/?)?(?:index\.[a-z]{3,5}|default\.aspx|home)?$", re.IGNORECASE
)
_WS = re.compile(r"\s+")
# Structured data naming the page an article (schema.org types, in JSON-LD or microdata).
_ARTICLE_SCHEMA = re.compile(
    r"""(?:"@type"\s*:\s*\[?\s*"|itemtype=["']https?://schema\.org/)"""
    r"(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting"
    r"|LiveBlogPosting|ReviewNewsArticle|BackgroundNewsArticle)\b"
)
# An article's address: a slug of several words, a long number, or a date in the path.
_ARTICLE_SLUG = re.compile(r"[^/]*\w[-_]\w+[-_]\w+[-_]\w[^/]*/?$|\d{5,}|/(?:19|20)\d\d/[01]?\d/")


@dataclass(frozen=True)
class PageLink:
    """A headline link on a page: where it points and what it says."""

    url: str
    text: str


@dataclass
class PageKind:
    """What a page is, why, the signals measured and (for a non-article) its headline links."""

    kind: str
    reason: str
    signals: dict[str, Any] = field(default_factory=dict)
    links: list[PageLink] = field(default_factory=list)
    description: str = ""


@dataclass
class _Page:
    text_chars: int = 0
    link_chars: int = 0
    body: int = 0
    teasers: dict[str, str] = field(default_factory=dict)  # href -> headline, page order
    headlines: dict[str, str] = field(default_factory=dict)  # every headline link, page order
    og_type: str = ""
    description: str = ""
    videos: int = 0
    images: int = 0
    schema_article: bool = False


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _chars(text: str | None) -> int:
    return len(" ".join(text.split())) if text and not text.isspace() else 0


@dataclass
class _Node:
    """Counts for one element's subtree, built bottom-up in one pass."""

    chars: int = 0  # text characters, whitespace collapsed
    link_chars: int = 0  # of which inside links
    anchors: int = 0
    own: int = 0  # text directly in the element and its inline children, links excluded
    headline: tuple[str, str] | None = None  # the first headline link (href, text)


def _headline(a: Any) -> tuple[str, str] | None:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    text = _clean(a.text_content()) or _clean(a.get("title"))
    words = len(text.split())
    ok = HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS and len(text) >= HEADLINE_MIN_CHARS
    return (href, text) if ok else None


def _is_teaser(tag: str, node: _Node) -> bool:
    """A teaser block: a headline link with few other links and little other text."""
    if node.headline is None or not 1 <= node.anchors <= 6:
        return False
    return tag == "a" or node.chars - node.link_chars <= TEASER_MAX_TEXT


def _count(el: Any, nodes: dict[Any, _Node]) -> _Node:
    node = _Node(chars=_chars(el.text), own=_chars(el.text))
    is_link = el.tag == "a"
    for child in el:
        tail = _chars(child.tail)
        node.chars += tail
        node.own += tail
        c = nodes.get(child)
        if c is None:
            continue
        node.chars += c.chars
        node.link_chars += c.link_chars
        node.anchors += c.anchors
        node.headline = node.headline or c.headline
        if child.tag in _INLINE:
            node.own += c.own
    if is_link:
        node.anchors += 1
        node.link_chars = node.chars
        node.own = 0
        node.headline = _headline(el) or node.headline
    return node


def _container(el: Any) -> Any:
    """The element a paragraph's text counts towards: its parent, or above wrappers that hold
    nothing but it (``<div class="para"><p>…</p></div>``, one per paragraph)."""
    parent = el.getparent()
    while parent is not None and parent.tag not in _STOP_CLIMB and len(parent) == 1:
        above = parent.getparent()
        if above is None:
            break
        parent = above
    return parent


def _measure(root: Any) -> _Page:
    page = _Page()
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key == "og:type":
            page.og_type = _clean(meta.get("content")).lower()
        elif key in ("og:description", "description") and not page.description:
            page.description = _clean(meta.get("content"))
    body = root.find("body")
    body = body if body is not None else root
    elements = [el for el in body.iter() if isinstance(el.tag, str)]
    nodes: dict[Any, _Node] = {}
    scores: dict[Any, int] = {}
    for el in reversed(elements):  # every element after all of its descendants
        node = nodes[el] = _count(el, nodes)
        if el.tag in _PARAGRAPHS:
            if _is_teaser(el.tag, node) and (el.tag in _ITEMS or 3 * node.link_chars >= node.chars):
                continue  # a headline with its summary: a teaser, not prose
            if (n := node.chars - node.link_chars) >= MIN_PARAGRAPH_CHARS:
                parent = _container(el)
                scores[parent] = scores.get(parent, 0) + n
        elif el.tag in _CONTAINERS and node.own >= MIN_PARAGRAPH_CHARS:
            scores[el] = scores.get(el, 0) + node.own
        elif el.tag == "video":
            page.videos += 1
        elif el.tag in ("img", "figure"):
            page.images += el.tag == "figure" or el.getparent().tag != "figure"
    for el in elements:  # page order, so the teasers are listed as the page shows them
        if el.tag == "a" and (h := nodes[el].headline):
            page.headlines.setdefault(*h)
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) < MIN_TEASER_GROUP:
            continue
        found = [h for c in kids if _is_teaser(c.tag, nodes[c]) and (h := nodes[c].headline)]
        if len(found) >= MIN_TEASER_GROUP:
            for href, text in found:
                page.teasers.setdefault(href, text)
    top = nodes.get(body)
    page.text_chars = top.chars if top else 0
    page.link_chars = top.link_chars if top else 0
    page.body = max(scores.values(), default=0)
    return page


def _segments(url: str | None) -> tuple[str, list[str]]:
    if not url:
        return "", []
    try:
        path = urlsplit(url).path or "/"
    except ValueError:
        return "", []
    return path, [s.lower() for s in path.split("/") if s]


def _url_kind(url: str | None) -> str | None:
    path, segments = _segments(url)
    if not path:
        return None
    if _ROOT_PATH.match(path):
        return "homepage"
    if len(segments) == 1 and segments[0] in _LISTING_PATHS:
        return "gallery" if segments[0] in ("photos", "gallery") else "section"
    for seg in segments[:-1] if len(segments) > 1 else segments:
        if seg in _GALLERY_SEGMENTS:
            return "gallery"
        if seg in _VIDEO_SEGMENTS:
            return "video"
        if seg in _SECTION_SEGMENTS:
            return "section"
    return None


def article_url(url: str | None) -> bool:
    """True when ``url`` is shaped like an article's: a slug of four or more words, a number of
    five or more digits, or a /year/month/ date in its path."""
    path, _ = _segments(url)
    return bool(path) and _ARTICLE_SLUG.search(path) is not None


def _og_kind(og_type: str) -> str | None:
    if og_type.startswith("video"):
        return "video"
    return "article" if og_type in ("article", "news", "newsarticle") else None


def decide(page: _Page, url: str | None) -> tuple[str, str]:
    """The kind of a measured page and the reason, from the rules in the module docstring."""
    teasers = len(page.teasers)
    density = page.link_chars / page.text_chars if page.text_chars else 0.0
    if page.body >= ARTICLE_BODY_CHARS:
        return ARTICLE, f"main body of {page.body} characters"
    by_url = _url_kind(url)
    by_og = _og_kind(page.og_type)
    if by_og == "video" or (by_url == "video" and by_og != "article"):
        return "video", f"og:type {page.og_type!r}" if by_og == "video" else "video URL"
    if by_url == "gallery" and by_og != "article":
        return "gallery", "gallery URL"
    if page.body < MEDIA_BODY_CHARS and by_og != "article" and not page.schema_article:
        if page.videos and teasers < LISTING_MIN_TEASERS:
            return "video", "a video player and no text"
        if page.images >= GALLERY_MIN_IMAGES and teasers < MIN_TEASER_GROUP:
            return "gallery", f"{page.images} images and no text"
    if by_og == "article" or page.schema_article:
        return ARTICLE, "og:type article" if by_og == "article" else "schema.org article"
    bare = page.body < MEDIA_BODY_CHARS and bool(page.headlines)  # headline links and no prose
    if by_url == "homepage" and (teasers >= HOMEPAGE_MIN_TEASERS or page.og_type == "website" or bare):
        return "homepage", f"root URL with {teasers} teasers"
    if by_url == "section" and (teasers >= MIN_TEASER_GROUP or bare):
        return "section", f"listing URL with {teasers} teasers, {len(page.headlines)} headline links"
    headlines = sum(len(t) for t in page.teasers.values())
    if (
        teasers >= LISTING_MIN_TEASERS
        and density >= LISTING_MIN_LINK_DENSITY
        and headlines >= LISTING_TEXT_RATIO * page.body
        and not article_url(url)
    ):
        kind = "homepage" if by_url == "homepage" else "section"
        return kind, f"{teasers} teasers, link density {density:.2f}"
    return ARTICLE, "no listing signal"


def classify_page(markup: str, url: str | None = None) -> PageKind:
    """Classify ``markup`` (the page at ``url``) as article, homepage, section, video or gallery.

    A page lxml cannot parse is an article: the clean stage decides what to do with it.
    """
    import lxml.html  # a core dependency (through trafilatura), imported on first use
    from lxml.etree import LxmlError

    try:
        root = lxml.html.document_fromstring(markup)
    except (LxmlError, ValueError):
        return PageKind(ARTICLE, "unparsable markup")
    for el in list(root.iter(*_SKIP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    page = _measure(root)
    page.schema_article = _ARTICLE_SCHEMA.search(markup) is not None
    kind, reason = decide(page, url)
    signals = {
        "body_chars": page.body,
        "teasers": len(page.teasers),
        "link_density": round(page.link_chars / page.text_chars, 3) if page.text_chars else 0.0,
        "og_type": page.og_type,
        "url_kind": _url_kind(url) or "",
    }
    links: list[PageLink] = []
    if kind != ARTICLE:
        for href, text in list((page.teasers or page.headlines).items())[:MAX_LINKS]:
            target = urljoin(url, href) if url else href
            links.append(PageLink(target, text))
    return PageKind(kind, reason, signals, links, page.description)


def listing_text(title: str, description: str, headlines: list[str]) -> str:
    """The text a non-article page is stored with: its title, description and headlines, one a line."""
    lines = (" ".join(t.split()) for t in (title, description, *headlines))
    return "\n".join(dict.fromkeys(line for line in lines if line))
