"""The main jobs as plain functions: ingest and relink (the CLI and API are thin wrappers over
these). What they store is read back through :mod:`khabar.views`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.alerts.check import after_batch as check_alerts
from khabar.config import Config
from khabar.document import Document
from khabar.ingest import read_paths
from khabar.linking import load_linkers, run_linkers
from khabar.pipeline import build
from khabar.store.base import Store


@dataclass
class IngestReport:
    """What an ingest run read, stored and set aside."""

    run_id: int
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    stages: dict[str, Any] = field(default_factory=dict)
    links: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def failure_share(self) -> float:
        """Share of read documents that were rejected."""
        return self.rejected / self.read if self.read else 0.0


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Sequence[str],
    store: Store,
    config: Config,
    on_document: Callable[[Document], None] | None = None,
) -> IngestReport:
    """Read ``paths``, run the configured stages and store every document, rejects included."""
    docs = read_paths(paths, max_bytes=config.max_document_bytes)
    return ingest_documents(docs, store, config, "ingest " + " ".join(paths), on_document)


def ingest_documents(
    docs: Iterable[Document],
    store: Store,
    config: Config,
    command: str,
    on_document: Callable[[Document], None] | None = None,
) -> IngestReport:
    """Run the configured stages over ``docs``, store each batch and link what was new.

    ``command`` is what the run is recorded as (``khabar runs`` shows it); readers that are
    not files (the fetcher, the API's upload) call this directly.
    """
    pipeline = build(config.stages, strict=config.strict)
    linkers = load_linkers(config.links)
    run_id = store.start_run(command)
    report = IngestReport(run_id=run_id)
    for batch in _batches(pipeline.run(docs), config.batch_size):
        for doc in batch:
            if on_document:
                on_document(doc)
        fresh = store.put_batch(batch, run_id)
        new = [d for d, is_new in zip(batch, fresh, strict=True) if is_new and not d.rejected]
        _add_counts(report.links, run_linkers(store, new, linkers))
        check_alerts(store)  # saved alerts match what is new, then post to their webhooks
        report.read += len(batch)
        report.stored += sum(fresh)
        report.already_stored += len(batch) - sum(fresh)
    stats = pipeline.stats.as_dict()
    report.rejected = pipeline.stats.rejected
    report.reasons = dict(pipeline.stats.reasons)
    report.stages = stats["stages"]  # type: ignore[assignment]
    store.finish_run(run_id, {**stats, "links": report.links})
    return report


def relink(store: Store, config: Config) -> dict[str, dict[str, int]]:
    """Run the cross-document linkers over every stored document again, in insertion order."""
    linkers = load_linkers(config.links)
    counts: dict[str, dict[str, int]] = {}
    for batch in _batches(store.documents(), config.batch_size):
        _add_counts(counts, run_linkers(store, batch, linkers))
    return counts


def _add_counts(total: dict[str, dict[str, int]], more: dict[str, dict[str, int]]) -> None:
    for name, counters in more.items():
        mine = total.setdefault(name, {})
        for key, n in counters.items():
            mine[key] = mine.get(key, 0) + n
