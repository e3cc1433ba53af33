"""Adding sources: what a URL is (home page, feed or sitemap), and the feeds a home page leads to."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from khabar.errors import KhabarError
from khabar.fetch import COMMON_PATHS, Fetcher, canonical_url, discover, sniff_kind
from khabar.monitor.schedule import DEFAULT_INTERVAL, parse_interval
from khabar.store.base import Store

#: sniff_kind's answer -> the kind of source it makes.
SOURCE_KINDS = {
    "rss": "feed",
    "atom": "feed",
    "json_feed": "feed",
    "sitemap": "sitemap",
    "sitemap_index": "sitemap",
    "news_sitemap": "sitemap",
    "html": "home",
}


@dataclass
class AddedSource:
    """What ``khabar sources add`` registered: the source and the feeds and sitemaps found from it."""

    id: int
    url: str
    kind: str
    new: bool
    found: list[tuple[str, str]] = field(default_factory=list)  # (url, kind) registered from it
    error: str | None = None  # why the first fetch failed (the source is kept and retried)


def add_source(
    store: Store,
    fetcher: Fetcher,
    url: str,
    *,
    name: str | None = None,
    interval: float = DEFAULT_INTERVAL,
    probe: bool = True,
) -> AddedSource:
    """Register ``url`` as a source; for a home page also the feeds and sitemaps it leads to.

    The URL is fetched once to tell what it is. A home page's ``<link rel=alternate>`` feeds
    and its robots.txt ``Sitemap:`` lines are registered as sources of their own; when it
    advertises neither, the common feed and sitemap paths are probed (``probe``).
    """
    if not url.startswith(("http://", "https://")):
        raise KhabarError(f"{url!r} is not an http(s) URL; give the outlet's address, a feed or a sitemap")
    url = canonical_url(url)
    result = fetcher.fetch(url)
    kind = (
        SOURCE_KINDS.get(sniff_kind(result.body, result.content_type), "home") if result.ok else _guess(url)
    )
    source_id, new = store.sources.add(url, kind, name=name, interval=interval)
    added = AddedSource(source_id, url, kind, new, error=None if result.ok else result.error or "no_response")
    if not result.ok:
        store.sources.failed(source_id, url, added.error or "", result.detail, result.status)
        return added
    if kind == "home":
        refs = [
            (r.url, SOURCE_KINDS.get(r.kind, "feed"))
            for r in discover(url, result.body, fetcher.sitemaps(url))
        ]
        if not refs and probe:
            refs = _probe(fetcher, url)
        for ref_url, ref_kind in refs:
            store.sources.add(ref_url, ref_kind, name=name, interval=interval, parent=source_id)
        added.found = refs
    return added


def _probe(fetcher: Fetcher, home: str) -> list[tuple[str, str]]:
    found = []
    for path in COMMON_PATHS:
        result = fetcher.fetch(canonical_url(path, home))
        kind = SOURCE_KINDS.get(sniff_kind(result.body, result.content_type)) if result.ok else None
        if kind in ("feed", "sitemap"):
            found.append((canonical_url(result.final_url), kind))
    return list(dict.fromkeys(found))


def _guess(url: str) -> str:
    path = url.lower().split("?", 1)[0]
    if "sitemap" in path:
        return "sitemap"
    if path.endswith((".xml", ".rss", ".atom", "/feed", "/feed/", "/rss")):
        return "feed"
    return "home"


@dataclass(frozen=True)
class SourceSpec:
    """One entry of a sources file."""

    url: str
    name: str | None
    interval: float


def read_sources_file(path: Path) -> list[SourceSpec]:
    """The ``[[source]]`` entries of a TOML sources file (``url``, optional ``name``, ``interval``).

    A top-level ``interval`` is the default for entries without one. Raises :class:`KhabarError`
    naming the entry for a bad file or entry.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KhabarError(f"cannot read sources file {path}: {exc}") from exc
    default = data.get("interval", "10m")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise KhabarError(f'{path} has no [[source]] entries; each needs url = "https://…"')
    specs = []
    for n, entry in enumerate(entries, 1):
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str) or not url.strip():
            raise KhabarError(f"{path}: source {n} has no url")
        name = entry.get("name")
        specs.append(
            SourceSpec(
                url.strip(), str(name) if name else None, parse_interval(str(entry.get("interval", default)))
            )
        )
    return specs
