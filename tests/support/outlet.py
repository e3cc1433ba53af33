"""A fake news outlet on a real loopback HTTP server, for the fetching and watching tests.

The site is built at test time from the demo corpus (``examples/html``, ``examples/text`` wrapped
as article pages) and a few pages of ``../shared/eval/html/trafilatura_eval`` read at run time.
It serves what a real outlet serves — a home page with teasers, a section page, RSS, Atom, a
sitemap index with a gzip child, a Google News sitemap, robots.txt with ``Disallow``,
``Crawl-delay`` and ``Sitemap`` lines, conditional GETs — and, when ``faults`` is on, every way a
site goes wrong (listed by ``/faults.xml``). Every request is logged for the tests to assert on.

Use it from any test folder by importing the fixtures into that folder's ``conftest.py``::

    from tests.support.outlet import make_outlet, outlet  # noqa: F401  (pytest fixtures)

``outlet`` is a running :class:`Outlet` with the defaults; ``make_outlet(**options)`` starts one
with other options (each is stopped after the test). Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import html
import re
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TRAFILATURA_EVAL = ROOT.parent / "shared" / "eval" / "html" / "trafilatura_eval" / "html"

#: Pages of the trafilatura evaluation set served in the world section.
EVAL_PAGES = 3
#: Size of the over-large body (bytes, sent with its Content-Length).
HUGE_BYTES = 50 * 1024 * 1024
#: What the gzip bomb decompresses to, at most (it is generated as it is sent).
BOMB_BYTES = 4 * 1024**3
#: Items of ``/big-feed.xml``.
BIG_FEED_ITEMS = 10_000
#: Seconds between the bytes of the never-ending ``/slow`` response.
TRICKLE_SECONDS = 0.05

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_PUBLISHED = re.compile(r'article:published_time"\s+content="([^"]+)"')
_FIRST = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

#: Path of every fault -> what it does (the fault feed lists them all).
FAULTS = {
    "/faults/404": "404 Not Found",
    "/faults/410": "410 Gone",
    "/faults/500": "500 Internal Server Error",
    "/faults/429": "429 Too Many Requests with Retry-After (then 200 after `too_many_times`)",
    "/slow": "a response that never ends: a byte every few hundredths of a second",
    "/faults/loop-a": "a redirect loop (loop-a -> loop-b -> loop-a)",
    "/faults/huge": "a 50 MB body",
    "/faults/bomb": "a gzip bomb: a few KB compressed, GBs decompressed",
    "/faults/wrong-charset": "header charset iso-8859-1, body UTF-8 Urdu",
    "/faults/malformed.xml": "a feed that is not well-formed XML",
    "/big-feed.xml": "a feed of 10,000 items",
}


@dataclass
class Article:
    """One article of the outlet."""

    slug: str
    title: str
    body_html: str
    lang: str | None
    published: datetime
    path: str
    section: str = "news"
    page: bytes | None = None  # the full page as served (built from body_html when None)

    def markup(self, base: str) -> bytes:
        """The page's bytes."""
        if self.page is not None:
            return self.page
        return _article_page(self.title, self.body_html, self.lang, base + self.path, self.published).encode()


@dataclass(frozen=True)
class LoggedRequest:
    """A request the outlet received."""

    time: float  # time.monotonic() when it arrived
    method: str
    path: str  # with its query string
    headers: dict[str, str]  # header names lower-cased


@dataclass
class Outlet:
    """The fake outlet; :meth:`start` it (the fixtures do), then use :meth:`url`."""

    crawl_delay: float | None = 0.2
    faults: bool = True
    retry_after: int = 1  # seconds, sent with the 429
    too_many_times: int = 1  # the 429 fault answers 429 this many times, then 200
    eval_pages: int = EVAL_PAGES
    articles: list[Article] = field(default_factory=list)
    log: list[LoggedRequest] = field(default_factory=list)
    _hooks: list[tuple[int, Callable[[], Any]]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _429_seen: int = 0
    _big_feed: bytes | None = None

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> Outlet:
        """Build the site and serve it on 127.0.0.1 (a free port) from a daemon thread."""
        if not self.articles:
            self.articles = _demo_articles(self.eval_pages)
        outlet = self

        class Handler(_Handler):
            site = outlet

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        serve = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-outlet", daemon=True
        )
        serve.start()
        return self

    def stop(self) -> None:
        """Stop serving (never-ending responses notice and end)."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- what tests use -----------------------------------------------------------------------

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self._server is not None, "start() the outlet first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of ``path`` on the outlet."""
        return self.base + path

    def article_urls(self) -> list[str]:
        """The canonical URL of every article, newest first (as the feeds list them)."""
        return [self.url(a.path) for a in self._newest_first()]

    def add_article(self, slug: str, title: str, body_html: str, lang: str | None = "en") -> str:
        """Publish a new article (it tops the home page, feeds and sitemaps); return its URL."""
        with self._lock:
            published = max(a.published for a in self.articles) + timedelta(hours=1)
            path = f"/news/{published:%Y/%m/%d}/{slug}/"
            self.articles.append(Article(slug, title, body_html, lang, published, path))
        return self.url(path)

    def requests(self, path: str | None = None) -> list[LoggedRequest]:
        """The logged requests, in order; only those for ``path`` (query ignored) when given."""
        with self._lock:
            logged = list(self.log)
        return [r for r in logged if path is None or urlsplit(r.path).path == path]

    def after_request(self, n: int, callback: Callable[[], Any]) -> None:
        """Run ``callback()`` once, right after the ``n``-th request (counted from the start) is answered."""
        with self._lock:
            self._hooks.append((n, callback))

    # -- the handler's side -------------------------------------------------------------------

    def _record(self, method: str, path: str, headers: dict[str, str]) -> int:
        with self._lock:
            self.log.append(LoggedRequest(time.monotonic(), method, path, headers))
            return len(self.log)

    def _run_hooks(self, count: int) -> None:
        with self._lock:
            due = [cb for n, cb in self._hooks if n == count]
            self._hooks = [(n, cb) for n, cb in self._hooks if n != count]
        for callback in due:
            callback()

    def _newest_first(self) -> list[Article]:
        with self._lock:
            return sorted(self.articles, key=lambda a: a.published, reverse=True)

    def _take_429(self) -> bool:
        with self._lock:
            self._429_seen += 1
            return self._429_seen <= self.too_many_times

    def big_feed(self) -> bytes:
        """The 10,000-item feed (built once)."""
        if self._big_feed is None:
            items = [
                _rss_item(
                    f"Archive item {i}",
                    self.url(f"/archive/2024/{1 + i % 12:02d}/{1 + i % 28:02d}/item-{i}/"),
                    _FIRST - timedelta(hours=i),
                )
                for i in range(BIG_FEED_ITEMS)
            ]
            self._big_feed = _rss("Archive", self.base, items).encode()
        return self._big_feed


class _Handler(BaseHTTPRequestHandler):
    site: Outlet
    protocol_version = "HTTP/1.1"
    server_version = "FakeOutlet/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the outlet keeps its own log."""

    def do_HEAD(self) -> None:
        """Like GET without the body."""
        self.do_GET()

    def do_GET(self) -> None:
        """Route the request, answer it, then run any hook due after it."""
        headers = {k.lower(): v for k, v in self.headers.items()}
        count = self.site._record(self.command, self.path, headers)
        try:
            self._route(urlsplit(self.path).path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.site._run_hooks(count)

    # -- routing ------------------------------------------------------------------------------

    def _route(self, path: str) -> None:
        site = self.site
        fixed: dict[str, Callable[[], None]] = {
            "/": self._home,
            "/section/world/": self._section,
            "/robots.txt": self._robots,
            "/rss.xml": lambda: self._cacheable(_feed_rss(site).encode(), _xml_type("application/rss+xml")),
            "/atom.xml": lambda: self._cacheable(
                _feed_atom(site).encode(), _xml_type("application/atom+xml")
            ),
            "/sitemap_index.xml": lambda: self._cacheable(
                _sitemap_index(site).encode(), _xml_type("application/xml")
            ),
            "/sitemap-articles.xml.gz": lambda: self._cacheable(
                gzip.compress(_sitemap(site).encode(), mtime=0), {"Content-Type": "application/x-gzip"}
            ),
            "/news-sitemap.xml": lambda: self._cacheable(
                _news_sitemap(site).encode(), _xml_type("application/xml")
            ),
        }
        if path in fixed:
            return fixed[path]()
        if site.faults and (path in FAULTS or path == "/faults.xml" or path.startswith("/faults/")):
            return self._fault(path)
        if path.startswith("/amp/"):
            return self._article(path.removeprefix("/amp"), amp=True)
        if path.endswith("/amp/"):
            return self._article(path.removesuffix("amp/"), amp=True)
        return self._article(path, amp=False)

    def _article(self, path: str, *, amp: bool) -> None:
        article = next((a for a in self.site.articles if a.path == path), None)
        if article is None:
            return self._send(404, b"<html><body><h1>Not found</h1></body></html>", _HTML)
        body = article.markup(self.site.base)
        if amp:
            body = _amp_page(article, self.site.base).encode()
        self._cacheable(body, _HTML, article.published)

    def _cacheable(self, body: bytes, headers: dict[str, str], modified: datetime | None = None) -> None:
        """Answer with ETag and Last-Modified, or 304 when the request's validators match."""
        if modified is None:
            modified = max(a.published for a in self.site.articles)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        stamp = email.utils.format_datetime(modified, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": stamp}
        if self.headers.get("If-None-Match") == etag or (
            self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == stamp
        ):
            return self._send(304, b"", validators)
        self._send(200, body, {**headers, **validators})

    def _home(self) -> None:
        site = self.site
        articles = site._newest_first()
        feeds = [
            '<link rel="alternate" type="application/rss+xml" title="Latest" href="/rss.xml">',
            '<link rel="alternate" type="application/atom+xml" title="Latest (Atom)" href="/atom.xml">',
        ]
        if site.faults:
            feeds.append(
                '<link rel="alternate" type="application/rss+xml" title="Faults" href="/faults.xml">'
            )
        teasers = []
        for i, article in enumerate(articles):
            href = article.path
            if i == 0:
                href += "?utm_source=homepage&utm_medium=teaser&fbclid=IwAR0fake"
            elif i == 1:
                href = "/amp" + article.path
            elif i == 2:
                href += "?amp=1"
            teasers.append(
                f'<article class="teaser"><h2><a href="{html.escape(href)}">{html.escape(article.title)}</a>'
                f"</h2><time>{article.published:%Y-%m-%d}</time></article>"
            )
        if len(articles) > 3:
            teasers.append(f'<p class="also"><a href="{articles[3].path}amp/">AMP</a></p>')
        nav = (
            '<nav><a href="/">Home</a> <a href="/section/world/">World</a> '
            '<a href="/tag/politics/">Politics</a> '
            '<a href="/author/staff/">Staff</a> <a href="/login">Log in</a> <a href="/about">About</a> '
            '<a href="/static/app.css">css</a> <a href="https://elsewhere.example/news/2025/03/01/story/">'
            'Elsewhere</a> <a href="mailto:desk@outlet.example">Mail</a></nav>'
        )
        page = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Fake Outlet</title>'
            f"{''.join(feeds)}</head><body>{nav}<main>{''.join(teasers)}</main></body></html>"
        )
        self._send(200, page.encode(), _HTML)

    def _section(self) -> None:
        links = "".join(
            f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>'
            for a in self.site._newest_first()
            if a.section == "world"
        )
        page = (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>World | Fake Outlet</title></head>'
            f'<body><nav><a href="/">Home</a></nav><h1>World</h1><ul>{links}</ul></body></html>'
        )
        self._send(200, page.encode(), _HTML)

    def _robots(self) -> None:
        site = self.site
        lines = ["User-agent: *", "Disallow: /private/"]
        if site.crawl_delay is not None:
            lines.append(f"Crawl-delay: {site.crawl_delay:g}")
        lines += [
            "",
            f"Sitemap: {site.url('/sitemap_index.xml')}",
            f"Sitemap: {site.url('/news-sitemap.xml')}",
            "",
        ]
        self._send(200, "\n".join(lines).encode(), {"Content-Type": "text/plain"})

    def _fault(self, path: str) -> None:
        site = self.site
        page = _article_page("Fault page", "<p>A page for fault tests.</p>", "en", site.url(path), _FIRST)
        if path == "/faults.xml":
            items = [_rss_item(what, site.url(p), _FIRST) for p, what in FAULTS.items()]
            return self._xml(_rss("Faults", site.base, items), "application/rss+xml")
        if path == "/big-feed.xml":
            return self._xml(site.big_feed().decode(), "application/rss+xml")
        if path in ("/faults/404", "/faults/410", "/faults/500"):
            return self._send(int(path[-3:]), f"<html><body>{path[-3:]}</body></html>".encode(), _HTML)
        if path == "/faults/429":
            if site._take_429():
                return self._send(429, b"slow down", {"Retry-After": str(site.retry_after), **_HTML})
            return self._send(200, page.encode(), _HTML)
        if path in ("/faults/loop-a", "/faults/loop-b"):
            other = "/faults/loop-b" if path.endswith("a") else "/faults/loop-a"
            return self._send(302, b"", {"Location": other})
        if path == "/faults/wrong-charset":
            urdu = _article_page(
                "غلط چارسیٹ",
                "<p>وزیر خارجہ دو روزہ دورے پر تاشقند پہنچ گئیں۔</p>",
                "ur",
                site.url(path),
                _FIRST,
                meta_charset=False,
            )
            return self._send(200, urdu.encode("utf-8"), {"Content-Type": "text/html; charset=iso-8859-1"})
        if path == "/faults/malformed.xml":
            broken = (
                b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</title>\n<item><title>Half'
            )
            return self._send(200, broken + b" \x00\x01 <<<>", {"Content-Type": "application/rss+xml"})
        if path == "/slow":
            return self._stream(_trickle(site._stop), {"Content-Type": "text/html"})
        if path == "/faults/huge":
            return self._stream(_huge(), {**_HTML, "Content-Length": str(HUGE_BYTES)})
        if path == "/faults/bomb":
            return self._stream(_bomb(), {**_HTML, "Content-Encoding": "gzip"})
        return self._send(404, b"no such fault", _HTML)

    # -- answering ----------------------------------------------------------------------------

    def _xml(self, text: str, content_type: str) -> None:
        self._send(200, text.encode(), {"Content-Type": f"{content_type}; charset=utf-8"})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def _stream(self, chunks: Iterator[bytes], headers: dict[str, str]) -> None:
        # Without a Content-Length the body ends when the connection closes.
        self.close_connection = True
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()


_HTML = {"Content-Type": "text/html; charset=utf-8"}


def _xml_type(media: str) -> dict[str, str]:
    return {"Content-Type": f"{media}; charset=utf-8"}


def _trickle(stop: threading.Event) -> Iterator[bytes]:
    yield b"<!DOCTYPE html><html><head><title>Slow</title></head><body><p>"
    while not stop.wait(TRICKLE_SECONDS):
        yield b"."


def _huge() -> Iterator[bytes]:
    chunk = (b"<p>" + b"padding text of a very long page " * 30 + b"</p>\n")[:65536]
    chunk = chunk * (65536 // len(chunk) + 1)
    sent = 0
    while sent < HUGE_BYTES:
        piece = chunk[: min(len(chunk), HUGE_BYTES - sent)]
        sent += len(piece)
        yield piece


def _bomb() -> Iterator[bytes]:
    """Gzip of BOMB_BYTES of a page then spaces, compressed one MiB at a time as it is sent."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    yield compressor.compress(b"<!DOCTYPE html><html><body><p>")
    block = b" " * (1024 * 1024)
    for _ in range(BOMB_BYTES // len(block)):
        out = compressor.compress(block)
        if out:
            yield out
    yield compressor.flush()


def _article_page(
    title: str, body_html: str, lang: str | None, url: str, published: datetime, *, meta_charset: bool = True
) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    direction = ' dir="rtl"' if lang == "ur" else ""
    charset = '<meta charset="utf-8">' if meta_charset else ""
    return (
        f"<!DOCTYPE html><html{lang_attr}{direction}><head>{charset}<title>{html.escape(title)}</title>"
        f'<link rel="canonical" href="{html.escape(url)}">'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        f'</head><body><nav><a href="/">Home</a></nav><article><h1>{html.escape(title)}</h1>'
        f"{body_html}</article></body></html>"
    )


def _amp_page(article: Article, base: str) -> str:
    return (
        f'<!DOCTYPE html><html amp><head><meta charset="utf-8"><title>{html.escape(article.title)}</title>'
        f'<link rel="canonical" href="{base}{article.path}"></head>'
        f"<body><h1>{html.escape(article.title)}</h1>"
        f"{article.body_html}</body></html>"
    )


def _demo_articles(eval_pages: int) -> list[Article]:
    """The demo corpus and the first ``eval_pages`` trafilatura evaluation pages as articles."""
    articles: list[Article] = []
    for i, page in enumerate(sorted((EXAMPLES / "html").glob("*.html"))):
        data = page.read_bytes()
        text = data.decode("utf-8")
        title = html.unescape(_match(_TITLE, text) or page.stem).split(" | ")[0].split(" - ")[0].strip()
        found = _match(_PUBLISHED, text)
        published = datetime.fromisoformat(found).astimezone(UTC) if found else _FIRST + timedelta(days=i)
        slug = page.stem.replace("_", "-")
        path = f"/news/{published:%Y/%m/%d}/{slug}/"
        articles.append(Article(slug, title, "", page.stem[:2], published, path, page=data))
    for i, page in enumerate(sorted((EXAMPLES / "text").glob("*.txt"))):
        lines = [line.strip() for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
        title, paragraphs = lines[1], lines[2:]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        published = _FIRST + timedelta(days=9, hours=i)
        slug = page.stem.replace("_", "-")
        path = f"/news/{published:%Y/%m/%d}/{slug}/"
        articles.append(Article(slug, title, body, page.stem[:2], published, path))
    for i, page in enumerate(sorted(TRAFILATURA_EVAL.glob("*.html.gz"))[:eval_pages]):
        data = gzip.decompress(page.read_bytes())
        title = html.unescape(_match(_TITLE, data.decode("utf-8", "replace")) or "Untitled").strip()
        published = _FIRST - timedelta(days=1 + i)
        slug = f"world-report-{i + 1}"
        path = f"/world/{published:%Y/%m/%d}/{slug}/"
        articles.append(Article(slug, title, "", None, published, path, section="world", page=data))
    private = _FIRST + timedelta(days=2)
    articles.append(
        Article(
            "embargoed-plans",
            "Embargoed plans",
            "<p>Not for robots.</p>",
            "en",
            private,
            "/private/embargoed-plans/",
        )
    )
    return articles


def _match(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return found.group(1) if found else None


# -- feeds and sitemaps ---------------------------------------------------------------------------


def _rss_item(title: str, link: str, published: datetime) -> str:
    return (
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f"<guid>{html.escape(link)}</guid><pubDate>{email.utils.format_datetime(published)}</pubDate></item>"
    )


def _rss(title: str, base: str, items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>{base}/</link><description>{html.escape(title)}</description>"
        f"{''.join(items)}</channel></rss>"
    )


def _feed_rss(site: Outlet) -> str:
    # The private article is in the feed on purpose: robots.txt disallows it.
    items = [_rss_item(a.title, site.url(a.path), a.published) for a in site._newest_first()]
    return _rss("Fake Outlet", site.base, items)


def _feed_atom(site: Outlet) -> str:
    entries = "".join(
        f'<entry><title>{html.escape(a.title)}</title><link rel="alternate" href="{site.url(a.path)}"/>'
        f"<id>{site.url(a.path)}</id><updated>{a.published.isoformat()}</updated></entry>"
        for a in site._newest_first()
        if not a.path.startswith("/private/")
    )
    updated = max(a.published for a in site.articles).isoformat()
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Fake Outlet</title><id>{site.base}/</id><updated>{updated}</updated>{entries}</feed>"
    )


def _sitemap_index(site: Outlet) -> str:
    children = "".join(
        f"<sitemap><loc>{site.url(p)}</loc></sitemap>"
        for p in ("/sitemap-articles.xml.gz", "/news-sitemap.xml")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>'
    )


def _sitemap(site: Outlet) -> str:
    urls = "".join(
        f"<url><loc>{site.url(a.path)}</loc><lastmod>{a.published:%Y-%m-%d}</lastmod></url>"
        for a in site._newest_first()
        if not a.path.startswith("/private/")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def _news_sitemap(site: Outlet) -> str:
    urls = "".join(
        f"<url><loc>{site.url(a.path)}</loc><news:news><news:publication><news:name>Fake Outlet</news:name>"
        f"<news:language>{a.lang or 'en'}</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
        f"<news:title>{html.escape(a.title)}</news:title></news:news></url>"
        for a in site._newest_first()
        if a.path.startswith("/news/")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def make_outlet() -> Iterator[Callable[..., Outlet]]:
    """A factory: ``make_outlet(crawl_delay=0, faults=False, ...)`` starts an :class:`Outlet`."""
    started: list[Outlet] = []

    def make(**options: Any) -> Outlet:
        site = Outlet(**options).start()
        started.append(site)
        return site

    yield make
    for site in started:
        site.stop()


@pytest.fixture
def outlet(make_outlet: Callable[..., Outlet]) -> Outlet:
    """A running fake outlet with the defaults (Crawl-delay 0.2 s, faults on)."""
    return make_outlet()
