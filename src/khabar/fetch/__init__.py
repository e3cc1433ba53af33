"""Polite fetching of news sites: URLs, the HTTP client, charsets, feed and sitemap discovery, WARC.

A pure domain package: it fetches and parses, the watch job (``jobs``) decides what to fetch and
records it through the store. See docs/gathering.md.
"""

from __future__ import annotations

from khabar.fetch.charset import reconcile_charset
from khabar.fetch.client import Fetcher
from khabar.fetch.discover import (
    COMMON_PATHS,
    FeedError,
    FeedRef,
    Item,
    article_links,
    discover,
    parse_feed,
    parse_sitemap,
    sniff_kind,
)
from khabar.fetch.policy import FetchPolicy, FetchResult
from khabar.fetch.urls import canonical_url
from khabar.fetch.warcfile import WarcWriter

__all__ = [
    "COMMON_PATHS",
    "FeedError",
    "FeedRef",
    "FetchPolicy",
    "FetchResult",
    "Fetcher",
    "Item",
    "WarcWriter",
    "article_links",
    "canonical_url",
    "discover",
    "parse_feed",
    "parse_sitemap",
    "reconcile_charset",
    "sniff_kind",
]
