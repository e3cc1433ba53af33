"""The watch: poll the sources that are due, fetch the articles they list, ingest and link them.

Each step is recorded in the store as it happens (a poll, a queued URL, a fetch, a failure), and
every response is archived in the store's WARC before it is used, so a watch killed at any
moment resumes where it stopped: URLs already stored are never fetched again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from khabar.config import Config
from khabar.document import Document, Source
from khabar.fetch import (
    FeedError,
    Fetcher,
    FetchPolicy,
    FetchResult,
    WarcWriter,
    article_links,
    discover,
    parse_feed,
    parse_sitemap,
)
from khabar.fetch.discover import Item
from khabar.ingest.html import html_document
from khabar.jobs import IngestReport, ingest_documents
from khabar.monitor.schedule import next_poll
from khabar.monitor.sources import SOURCE_KINDS
from khabar.store.base import QueuedUrl, SourceRow, Store

#: Articles per ingest batch while watching: small, so each is searchable soon after it is fetched.
WATCH_BATCH = 8
#: Queued URLs fetched per round at most; the rest wait for the next round.
MAX_FETCHES = 1000


@dataclass
class WatchOptions:
    """How a watch fetches and where it archives."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    warc_dir: Path = Path("khabar.warc")
    batch_size: int = WATCH_BATCH
    max_fetches: int = MAX_FETCHES
    time_budget: float | None = None  # seconds for one round's fetching; the rest waits


@dataclass
class SourceProgress:
    """What one source gave in a round."""

    url: str
    name: str | None
    new: int = 0  # URLs it listed that were not known
    seen: int = 0  # URLs it listed that were already known
    stored: int = 0  # of its URLs, fetched and stored
    failed: int = 0  # failed fetches (the poll or its articles)
    not_modified: bool = False


@dataclass
class WatchReport:
    """One round of the watch."""

    polled: int = 0
    not_modified: int = 0
    fetched: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    left: int = 0  # queued URLs left for a later round
    sources: dict[int, SourceProgress] = field(default_factory=dict)
    ingest: IngestReport | None = None


def warc_path(warc_dir: Path, when: datetime | None = None) -> Path:
    """The day's WARC file of a watch (one per UTC day, appended to)."""
    return warc_dir / f"khabar-{(when or datetime.now(UTC)):%Y-%m-%d}.warc.gz"


class Watcher:
    """Polls a store's sources and fetches their articles; :meth:`round` once, :meth:`run` until stopped.

    ``clock`` gives Unix time for the schedule (injectable for tests); ``on_progress`` is called
    with the report after each poll and each stored batch.
    """

    def __init__(
        self,
        store: Store,
        config: Config,
        options: WatchOptions | None = None,
        *,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.time,
        on_progress: Callable[[WatchReport], None] | None = None,
    ) -> None:
        self.store = store
        self.options = options or WatchOptions()
        self.config = replace(config, batch_size=self.options.batch_size)
        self.fetcher = fetcher or Fetcher(self.options.policy)
        self.clock = clock
        self.on_progress = on_progress
        self.stop = threading.Event()
        self._warc: WarcWriter | None = None
        self._pages: list[tuple[FetchResult, str | None, int | None]] = []  # pages polled, to store

    def close(self) -> None:
        """Close the fetcher and the WARC file."""
        self.fetcher.close()
        if self._warc is not None:
            self._warc.close()
            self._warc = None

    # -- the loop -------------------------------------------------------------------------------

    def run(
        self,
        *,
        idle: float = 1.0,
        on_error: Callable[[Exception], None] | None = None,
        on_round: Callable[[WatchReport], None] | None = None,
    ) -> None:
        """Watch until :attr:`stop` is set: a round, then sleep until a source is due.

        A round that fails (a locked or full disk, say) is reported to ``on_error`` and the
        watch goes on with the next one: what it had recorded stays, the rest is retried.
        ``on_round`` gets each finished round's report.
        """
        while not self.stop.is_set():
            try:
                report = self.round()
                if on_round:
                    on_round(report)
            except Exception as exc:  # a long-running loop outlives one bad round
                if on_error is None:
                    raise
                on_error(exc)
            due = [s.next_poll for s in self.store.sources.all()]
            wait = max(0.0, min(due, default=self.clock() + idle) - self.clock())
            self.stop.wait(min(max(wait, idle), 60.0))

    def round(self) -> WatchReport:
        """Poll every due source once (including those found during the round), then fetch the queue."""
        report = WatchReport()
        polled: set[int] = set()
        while not self.stop.is_set():
            due = [s for s in self.store.sources.due(self.clock()) if s.id not in polled]
            if not due:
                break
            for source in due:
                if self.stop.is_set():
                    break
                polled.add(source.id)
                self._poll(source, report)
                self._progress(report)
        self._harvest(report)
        return report

    def _progress(self, report: WatchReport) -> None:
        if self.on_progress:
            self.on_progress(report)

    # -- polling sources --------------------------------------------------------------------------

    def _poll(self, source: SourceRow, report: WatchReport) -> None:
        progress = report.sources.setdefault(source.id, SourceProgress(source.url, source.name))
        report.polled += 1
        result = self.fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        archived = self._archive(result)
        now = self.clock()
        if result.not_modified:
            report.not_modified += 1
            progress.not_modified = True
            self._polled(source, result, None, now)
            return
        error = result.error if not result.ok else None
        items: list[Item] = []
        if error is None:
            try:
                items = self._items(source, result, archived)
            except FeedError as exc:
                error, result.detail = exc.reason, exc.detail
        if error is not None:
            progress.failed += 1
            report.failed += 1
            self.store.sources.failed(source.id, source.url, error, result.detail, result.status)
            self._polled(source, result, error, now)
            return
        new = self.store.sources.enqueue((i.url, source.id, i.published, i.title) for i in items)
        progress.new += new
        progress.seen += len(items) - new
        self._polled(source, result, None, now, new)

    def _polled(
        self, source: SourceRow, result: FetchResult, error: str | None, now: float, new: int = 0
    ) -> None:
        failing = source.failing + 1 if error else 0
        self.store.sources.polled(
            source.id,
            fetched=result.fetched_at or datetime.now(UTC).isoformat(timespec="seconds"),
            status=result.status,
            error=error,
            next_poll=next_poll(now, source.interval, failing, result.retry_after),
            etag=result.etag,
            last_modified=result.last_modified,
            new_items=new,
        )

    def _items(
        self, source: SourceRow, result: FetchResult, archived: tuple[str | None, int | None]
    ) -> list[Item]:
        """The articles a fetched source lists; feeds and sitemaps it names become sources too."""
        if source.kind == "feed":
            return parse_feed(result.body, result.final_url)
        if source.kind == "sitemap":
            items, children = parse_sitemap(result.body, result.final_url)
            for child in children:
                self.store.sources.add(
                    child, "sitemap", name=source.name, interval=source.interval, parent=source.id
                )
            return items
        # A home or section page: its feeds (new ones appear), its article links, and the page
        # itself as a document (its kind tells the pipeline it is not an article).
        for ref in discover(result.final_url, result.body, self.fetcher.sitemaps(result.final_url)):
            kind = SOURCE_KINDS.get(ref.kind, "feed")
            self.store.sources.add(
                ref.url, kind, name=source.name, interval=source.interval, parent=source.id
            )
        self._pages.append((result, *archived))
        return [
            Item(url, None, None, result.final_url, "page")
            for url in article_links(result.body, result.final_url)
        ]

    # -- fetching articles --------------------------------------------------------------------

    def _harvest(self, report: WatchReport) -> None:
        queued = self.store.sources.queued(self.options.max_fetches)
        pending: dict[str, QueuedUrl | None] = {}

        def stored(batch: list[Document]) -> None:
            for doc in batch:
                entry = pending.pop(doc.id, None)
                if entry is None:
                    continue
                self.store.sources.settle(entry.url, "done", doc_id=doc.id)
                report.stored += 1
                if entry.source in report.sources:
                    report.sources[entry.source].stored += 1
            self._progress(report)

        def documents() -> Iterator[Document]:
            pages, self._pages = self._pages, []
            for page, warc, offset in pages:
                doc = self._document(page, page.final_url, warc, offset)
                pending[doc.id] = None
                yield doc
            budget = self.options.time_budget
            started = time.monotonic()
            for n, entry in enumerate(queued):
                if self.stop.is_set() or (budget is not None and time.monotonic() - started > budget):
                    report.left += len(queued) - n
                    return
                fetched = self._fetch(entry, report)
                if fetched is not None:
                    pending[fetched.id] = entry
                    yield fetched

        if not queued and not self._pages:
            return
        report.ingest = ingest_documents(documents(), self.store, self.config, "watch", on_stored=stored)

    def _fetch(self, entry: QueuedUrl, report: WatchReport) -> Document | None:
        known = self.store.ids_from_source(entry.url)
        if known:  # stored by a run killed before it could mark the URL done
            self.store.sources.settle(entry.url, "done", doc_id=known[0])
            return None
        result = self.fetcher.fetch(entry.url, expect_html=True)
        report.fetched += 1
        warc, offset = self._archive(result)
        if result.ok:
            return self._document(result, entry.url, warc, offset)
        error = result.error or f"http_{result.status}"
        state = "skipped" if error == "robots_disallowed" else "failed"
        self.store.sources.settle(entry.url, state, error=error, warc=warc, warc_offset=offset)
        self.store.sources.failed(entry.source, entry.url, error, result.detail, result.status)
        if state == "skipped":
            report.skipped += 1
        else:
            report.failed += 1
            if entry.source in report.sources:
                report.sources[entry.source].failed += 1
        return None

    def _document(
        self, result: FetchResult, url: str, warc: str | None = None, offset: int | None = None
    ) -> Document:
        # The address fetched is where this copy was published, whatever its rel=canonical claims.
        source = Source(uri=url, kind="html", fetched=result.fetched_at, url=url)
        doc = html_document(result.body, source, declared=result.charset)
        doc.meta["fetch"] = {
            "status": result.status,
            "final_url": result.final_url,
            "warc": warc,
            "offset": offset,
        }
        return doc

    def _archive(self, result: FetchResult) -> tuple[str | None, int | None]:
        if result.status is None:
            return None, None
        path = warc_path(self.options.warc_dir)
        if self._warc is None or self._warc.path != path:
            if self._warc is not None:
                self._warc.close()
            self._warc = WarcWriter(path)
        _, offset = self._warc.append(result)
        return str(path), offset


def watch_in_thread(
    open_store: Callable[[], Store],
    config: Config,
    options: WatchOptions,
    on_error: Callable[[Exception], None] | None = None,
) -> tuple[threading.Thread, threading.Event]:
    """Run a watch in a daemon thread (``khabar serve --watch``); set the returned event to stop it.

    The store is opened inside the thread (an SQLite connection belongs to the thread that made it).
    """
    stop = threading.Event()

    def work() -> None:
        store = open_store()
        watcher = Watcher(store, config, options)
        watcher.stop = stop
        try:
            watcher.run(on_error=on_error)
        finally:
            watcher.close()
            store.close()

    thread = threading.Thread(target=work, name="khabar-watch", daemon=True)
    thread.start()
    return thread, stop
