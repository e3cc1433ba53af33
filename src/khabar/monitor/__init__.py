"""Watching outlets: sources, their schedule, and the watch loop that fetches, archives and ingests.

An orchestrating package beside :mod:`khabar.jobs`: it drives :mod:`khabar.fetch` (the polite
client, discovery, WARC) and the ingest job, and records every step through the store's
``sources`` tables. See docs/gathering.md.
"""

from __future__ import annotations

from khabar.monitor.schedule import DEFAULT_INTERVAL, format_interval, next_poll, parse_interval
from khabar.monitor.sources import AddedSource, SourceSpec, add_source, read_sources_file
from khabar.monitor.watch import (
    SourceProgress,
    Watcher,
    WatchOptions,
    WatchReport,
    warc_path,
    watch_in_thread,
)

__all__ = [
    "DEFAULT_INTERVAL",
    "AddedSource",
    "SourceProgress",
    "SourceSpec",
    "WatchOptions",
    "WatchReport",
    "Watcher",
    "add_source",
    "format_interval",
    "next_poll",
    "parse_interval",
    "read_sources_file",
    "warc_path",
    "watch_in_thread",
]
