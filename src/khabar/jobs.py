"""The main jobs as plain functions: ingest and relink (the CLI and API are thin wrappers over
these). What they store is read back through :mod:`khabar.views`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.alerts.check import after_batch as check_alerts
from khabar.config import Config
from khabar.document import Document, RejectRecord
from khabar.ingest import read_paths, repair_document
from khabar.linking import load_linkers, run_linkers
from khabar.pipeline import build
from khabar.registry import LinkerFn
from khabar.store.base import Store
from khabar.text.valid import repair_name


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
    relinked: int = 0  # documents whose linkers an earlier, interrupted run left undone
    #: Seconds the slowest accepted document was charged in the stages (see pipeline.process).
    slowest_accepted_seconds: float = 0.0

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
    command = repair_name("ingest " + " ".join(paths))[0]  # a file name need not be UTF-8
    return ingest_documents(docs, store, config, command, on_document)


def ingest_documents(
    docs: Iterable[Document],
    store: Store,
    config: Config,
    command: str,
    on_document: Callable[[Document], None] | None = None,
    on_stored: Callable[[list[Document]], None] | None = None,
) -> IngestReport:
    """Run the configured stages over ``docs``, store each batch and link what was new.

    ``command`` is what the run is recorded as (``khabar runs`` shows it); readers that are
    not files (the fetcher, the API's upload) call this directly. Every document's strings
    are made valid Unicode first, and a document the store cannot take becomes a
    ``store_error`` reject while the rest of its batch is stored. ``on_stored`` gets each batch
    once it is stored and linked (the watch job marks those URLs done).
    """
    pipeline = build(config.stages, strict=config.strict, budget_seconds=config.document_seconds or None)
    linkers = load_linkers(config.links)
    run_id = store.start_run(repair_name(command)[0])
    report = IngestReport(run_id=run_id)
    finish_pending_links(store, linkers, config.batch_size, run_id, report)
    store_rejects: Counter[str] = Counter()
    fresh_docs = _not_stored(docs, store, config.batch_size, report, on_document)
    for batch in _batches(pipeline.run(repair_document(d) for d in fresh_docs), config.batch_size):
        for doc in batch:
            if on_document:
                on_document(doc)
        fresh = store_batch(store, batch, run_id, store_rejects)
        new = [d for d, is_new in zip(batch, fresh, strict=True) if is_new and not d.rejected]
        add_counts(report.links, run_linkers(store, new, linkers, run_id))
        store.links_done([d.id for d in new])
        if on_stored:
            on_stored(batch)
        check_alerts(store)  # saved alerts match what is new, then post to their webhooks
        report.read += len(batch)
        report.stored += sum(fresh)
        report.already_stored += len(batch) - sum(fresh)
    stats = pipeline.stats.as_dict()
    report.rejected = pipeline.stats.rejected + sum(store_rejects.values())
    report.reasons = dict(pipeline.stats.reasons + store_rejects)
    stats["rejected"], stats["reasons"] = report.rejected, report.reasons
    report.stages = stats["stages"]  # type: ignore[assignment]
    report.slowest_accepted_seconds = pipeline.stats.slowest_accepted_seconds
    store.finish_run(run_id, {**stats, "links": report.links})
    return report


def finish_pending_links(
    store: Store, linkers: list[tuple[str, LinkerFn]], size: int, run_id: int, report: IngestReport
) -> None:
    """Run the linkers a killed run left undone (documents committed, their linkers not), first,
    ``size`` documents at a time, counting them in ``report.relinked``."""
    while ids := store.pending_links(size):
        docs = [doc for doc in (store.get(i) for i in ids) if doc is not None]
        add_counts(report.links, run_linkers(store, docs, linkers, run_id))
        store.links_done(ids)
        report.relinked += len(docs)


def _not_stored(
    docs: Iterable[Document],
    store: Store,
    size: int,
    report: IngestReport,
    on_document: Callable[[Document], None] | None,
) -> Iterator[Document]:
    """``docs`` without those already stored, decided before any stage runs.

    A document's id is the hash of its source and its input as read, so known input is found
    without cleaning, tagging or linking it again: a resumed or repeated ingest costs only what
    is new. Known documents are counted as read and already stored.
    """
    for batch in _batches(docs, size):
        known = store.known_documents([d.id for d in batch])
        for doc in batch:
            if doc.id in known:
                report.read += 1
                report.already_stored += 1
                if on_document:
                    on_document(doc)
            else:
                yield doc


#: What a store raises for a document it cannot take (a value it cannot encode, a number too large
#: for its columns, a structure too deep to serialise). Anything else, a damaged or locked
#: database above all, is the store's failure and stops the run.
DOCUMENT_FAULTS = (ValueError, TypeError, OverflowError, RecursionError)


def store_batch(store: Store, batch: list[Document], run_id: int, rejects: Counter[str]) -> list[bool]:
    """Store ``batch`` in one transaction; if that fails, document by document.

    A document the store refuses (one of :data:`DOCUMENT_FAULTS`) becomes a ``store_error``
    reject (counted in ``rejects``) and the others are stored. Any other error, or one storing
    the reject, is raised: that is the store's failure (damaged, locked), not the document's.
    """
    try:
        return store.put_batch(batch, run_id)
    except DOCUMENT_FAULTS:  # narrowed below, one document at a time
        pass
    fresh = []
    for doc in batch:
        try:
            fresh.append(store.put(doc, run_id))
            continue
        except DOCUMENT_FAULTS as exc:  # the document's own fault; recorded below
            detail = f"the store could not save this document ({type(exc).__name__}: {exc})"
        was_rejected = doc.rejected
        doc.rejects.append(RejectRecord("store", "store_error", repair_name(detail)[0][:2000]))
        fresh.append(store.put(doc, run_id))
        if was_rejected:
            continue  # already counted by the pipeline under its first reason
        rejects["store_error"] += 1
    return fresh


def relink(store: Store, config: Config) -> dict[str, dict[str, int]]:
    """Run the cross-document linkers over every stored document again, in insertion order."""
    linkers = load_linkers(config.links)
    counts: dict[str, dict[str, int]] = {}
    for batch in _batches(store.documents(), config.batch_size):
        add_counts(counts, run_linkers(store, batch, linkers))
        store.links_done([d.id for d in batch])
    return counts


def add_counts(total: dict[str, dict[str, int]], more: dict[str, dict[str, int]]) -> None:
    """Add the linker counters ``more`` into ``total`` (linker name -> counter -> n)."""
    for name, counters in more.items():
        mine = total.setdefault(name, {})
        for key, n in counters.items():
            mine[key] = mine.get(key, 0) + n
