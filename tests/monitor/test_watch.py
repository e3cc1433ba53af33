"""The watch against a real loopback outlet: discovery, exactly-once storage, robots.txt,
Crawl-delay, conditional GETs, faults kept with their reasons, and the WARC of every response.

One outlet is watched twice for the whole module (a round costs seconds of pipeline work);
each test asserts one part of what those two rounds did.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from khabar.config import Config, load_config
from khabar.fetch import Fetcher, FetchPolicy
from khabar.monitor import AddedSource, Watcher, WatchOptions, WatchReport, add_source
from khabar.store.sqlite import SQLiteStore
from tests.support.outlet import FAULTS, LoggedRequest, Outlet

CRAWL_DELAY = 0.25
# Short limits so the faults (a never-ending body, retries) cost a few seconds, not minutes.
POLICY = FetchPolicy(
    host_delay=0.0, deadline=1.5, read_timeout=1.5, retries=1, backoff_base=0.05, max_retry_after=3
)


def _config(db: Path) -> Config:
    # Without the duplicates linker: its translation check embeds every line of the outlet's
    # Urdu/Hindi/English demo articles (half a minute), and nothing here is about duplicates.
    return load_config(None, env={}, db=db, links=("events", "stories"))


@dataclass
class Watched:
    outlet: Outlet
    store: SQLiteStore
    added: AddedSource
    first: WatchReport
    second: WatchReport
    first_log: list[LoggedRequest]  # the requests of the first round
    second_log: list[LoggedRequest]
    warc_dir: Path


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watched]:
    outlet = Outlet(crawl_delay=CRAWL_DELAY).start()
    root = tmp_path_factory.mktemp("watch")
    config = _config(root / "k.db")
    store = SQLiteStore(config.db)
    options = WatchOptions(policy=POLICY, warc_dir=root / "warc")
    watcher = Watcher(store, config, options, fetcher=Fetcher(POLICY))
    try:
        added = add_source(store, watcher.fetcher, outlet.url("/"), name="Fake Outlet")
        start = len(outlet.requests())
        first = watcher.round()
        middle = len(outlet.requests())
        with store.conn:  # every source due again, as after its interval
            store.conn.execute("UPDATE sources SET next_poll = 0")
        second = watcher.round()
        log = outlet.requests()
        yield Watched(outlet, store, added, first, second, log[start:middle], log[middle:], options.warc_dir)
    finally:
        watcher.close()
        store.close()
        outlet.stop()


def _stored_uris(store: SQLiteStore) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT uri FROM documents")]


def test_adding_a_home_page_discovers_its_feeds_and_sitemaps(watched: Watched) -> None:
    found = {urlsplit(url).path: kind for url, kind in watched.added.found}
    assert watched.added.kind == "home"
    assert found["/rss.xml"] == "feed" and found["/atom.xml"] == "feed"
    assert found["/sitemap_index.xml"] == "sitemap" and found["/news-sitemap.xml"] == "sitemap"
    # The index's gzip child became a source of its own during the first round.
    kinds = {urlsplit(s.url).path: s.kind for s in watched.store.sources.all()}
    assert kinds["/sitemap-articles.xml.gz"] == "sitemap"


def test_every_article_is_stored_exactly_once(watched: Watched) -> None:
    uris = _stored_uris(watched.store)
    for url in watched.outlet.article_urls():
        if "/private/" not in url:
            assert uris.count(url) == 1, url
    # Tracking parameters and AMP variants of the home page's teasers collapsed onto the articles.
    assert not [u for u in uris if "utm_" in u or "fbclid" in u or "amp" in urlsplit(u).path.split("/")]
    article_paths = {urlsplit(u).path for u in watched.outlet.article_urls()}
    fetched = [r.path for r in watched.first_log if urlsplit(r.path).path in article_paths]
    assert len(fetched) == len(set(fetched)), "an article was fetched twice"


def test_the_robots_disallowed_path_is_never_requested(watched: Watched) -> None:
    assert any("/private/" in u for u in watched.outlet.article_urls())  # the outlet lists one
    assert not [r for r in watched.first_log + watched.second_log if r.path.startswith("/private/")]
    states = dict(
        watched.store.conn.execute("SELECT url, state FROM fetch_queue WHERE url LIKE '%/private/%'")
    )
    assert set(states.values()) == {"skipped"}


def test_requests_to_the_host_are_a_crawl_delay_apart(watched: Watched) -> None:
    times = [r.time for r in watched.first_log + watched.second_log]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) > 20
    # The delay runs from the end of one response to the next request, so arrivals are further apart.
    assert min(gaps) >= CRAWL_DELAY * 0.95


def test_the_second_round_is_conditional_and_fetches_nothing_new(watched: Watched) -> None:
    feeds = [r for r in watched.second_log if r.path in ("/rss.xml", "/atom.xml", "/sitemap_index.xml")]
    assert len(feeds) == 3
    assert all("if-none-match" in r.headers and "if-modified-since" in r.headers for r in feeds)
    assert watched.second.not_modified >= 5
    article_paths = {urlsplit(u).path for u in watched.outlet.article_urls()}
    assert not [r for r in watched.second_log if urlsplit(r.path).path in article_paths]
    assert watched.second.stored == 0 and watched.second.fetched == 0


def test_every_fault_is_recorded_with_its_reason(watched: Watched) -> None:
    reasons = {urlsplit(f.url).path: f.error for f in watched.store.sources.failures(limit=1000)}
    assert reasons["/faults/404"] == "http_404"
    assert reasons["/faults/410"] == "http_410"
    assert reasons["/faults/500"] == "http_500"
    assert reasons["/slow"] == "timeout"
    assert reasons["/faults/loop-a"] == "redirect_loop"
    assert reasons["/faults/huge"] == "too_large"
    assert reasons["/faults/bomb"] == "decompression_bomb"
    assert reasons["/faults/malformed.xml"] == "not_html"
    # The 429 answered after its Retry-After, and the wrong charset header did not garble the Urdu.
    assert "/faults/429" not in reasons
    doc_ids = dict(watched.store.conn.execute("SELECT url, doc_id FROM fetch_queue WHERE state = 'done'"))
    urdu = watched.store.get(doc_ids[watched.outlet.url("/faults/wrong-charset")])
    assert urdu is not None and "تاشقند" in urdu.text
    assert set(FAULTS) >= {urlsplit(u).path for u in reasons if urlsplit(u).path.startswith("/faults/")}


def test_the_warc_holds_every_response_fetched(watched: Watched) -> None:
    archived: list[str] = []
    for path in sorted(watched.warc_dir.glob("*.warc.gz")):
        with path.open("rb") as stream:
            archived += [
                urlsplit(r.rec_headers.get_header("WARC-Target-URI")).path
                for r in ArchiveIterator(stream)
                if r.rec_type == "response"
            ]
    answered = {urlsplit(r.path).path for r in watched.first_log + watched.second_log}
    # robots.txt is the fetcher's own; a redirect loop ends in an error with no response to keep.
    assert answered - {"/robots.txt", "/faults/loop-a", "/faults/loop-b"} <= set(archived)
    article_paths = {urlsplit(u).path for u in watched.outlet.article_urls()}
    assert len([p for p in archived if p in article_paths]) == len(article_paths) - 1  # all but /private/


def test_the_home_page_is_kept_as_a_homepage_with_no_events(watched: Watched) -> None:
    home = [d for d in watched.store.documents() if d.source.uri == watched.outlet.url("/")]
    assert len(home) == 1
    assert home[0].page_kind == "homepage"
    assert not home[0].events and not home[0].mentions and not home[0].claims
    events = watched.store.conn.execute("SELECT count(*) FROM event_mentions WHERE doc_id = ?", (home[0].id,))
    assert events.fetchone()[0] == 0
    articles = [d for d in watched.store.documents() if d.source.uri in watched.outlet.article_urls()]
    assert articles and all(d.page_kind == "article" for d in articles)


def test_every_document_from_the_outlet_carries_its_outlet_record(watched: Watched) -> None:
    docs = list(watched.store.documents())
    assert len(docs) >= len(watched.outlet.article_urls())
    for doc in docs:
        assert doc.provenance.outlet == "127.0.0.1", doc.source.uri
        assert doc.provenance.outlet_name and doc.provenance.outlet_kind == "unknown"
