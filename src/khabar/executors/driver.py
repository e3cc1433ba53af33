"""The driver of a sharded ingest: plan the shards, hand them to an executor, store what comes
back in plan order, link it, and keep the shard ledger.

Workers only read and run the per-document stages; the driver writes. It stores each shard's
documents in plan order, as they come back (a few shards ahead are held until the one before
them is in), and runs the linkers over every ``batch_size`` stored documents, so the store
ends up as a single-process ``khabar ingest`` of the same paths leaves it: the same documents
in the same order, the same events, links and stories. The driver's writes are a small part of
the work (measured in ``bench/scale.py``) and keep the document order, which duplicate
matching reads.

Resuming: every shard is in the ledger (``store.shards``) under the run's key, a fingerprint
of the shards (paths, ranges, file fingerprints) and of the settings that change what is stored.
A shard is marked done once its documents are stored; re-running the same command does only the
shards not done, after linking what a killed run stored but had not linked yet. A shard that
raises is tried again up to ``retries`` times, then marked failed with its error (and tried
again by the next run); a document that fails in a stage is a reject with its reason, as always.
"""

from __future__ import annotations

import hashlib
import json
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from khabar.alerts.check import after_batch as check_alerts
from khabar.config import Config
from khabar.document import Document
from khabar.executors.base import Executor
from khabar.executors.work import ShardResult, merge_stats
from khabar.ingest.shards import Shard
from khabar.jobs import IngestReport, add_counts, finish_pending_links, store_batch
from khabar.linking import load_linkers, run_linkers
from khabar.pipeline import RunStats
from khabar.registry import LinkerFn
from khabar.store.base import Store
from khabar.text.valid import repair_name

#: Times a failing shard is tried again in one run before it is recorded as failed.
DEFAULT_RETRIES = 2
#: Shards handed out per worker ahead of the one the driver waits for.
WINDOW_PER_WORKER = 4


@dataclass
class ShardedReport(IngestReport):
    """An ingest report with the shards: planned, done before this run, done now, failed."""

    run_key: str = ""
    shards: int = 0
    done_before: int = 0
    done: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # shard label -> its last error


def run_key(shards: Sequence[Shard], config: Config) -> str:
    """The run's ledger key: its shards and the settings that change what is stored (not the
    executor or the number of workers, so a run resumes on another)."""
    what = {
        "shards": [s.id for s in shards],
        "stages": list(config.stages),
        "links": list(config.links),
        "max_document_bytes": config.max_document_bytes,
        "strict": config.strict,
    }
    return hashlib.sha256(json.dumps(what).encode()).hexdigest()[:20]


def ingest_shards(
    shards: Sequence[Shard],
    store: Store,
    config: Config,
    executor: Callable[[], Executor],
    command: str,
    *,
    retries: int = DEFAULT_RETRIES,
    on_shard: Callable[[Shard, str, ShardedReport], None] | None = None,
) -> ShardedReport:
    """Ingest the planned ``shards`` with the executor ``executor()`` makes (not made when every
    shard is done); ``on_shard(shard, state, report)`` hears of each shard stored or failed."""
    key = run_key(shards, config)
    store.shards.plan(key, [(s.id, s.position, s.label) for s in shards])
    unfinished = store.shards.unfinished(key)
    todo = [s for s in shards if s.id in unfinished]
    linkers = load_linkers(config.links)
    run_id = store.start_run(repair_name(command)[0])
    report = ShardedReport(run_id=run_id, run_key=key, shards=len(shards))
    report.done_before = len(shards) - len(todo)
    finish_pending_links(store, linkers, config.batch_size, run_id, report)
    writer = _Writer(store, config, linkers, run_id, report)
    if todo:
        _run(todo, executor(), store, key, run_id, retries, writer, on_shard)
    writer.flush()
    stats = writer.stats.as_dict()
    report.rejected = writer.stats.rejected + sum(writer.store_rejects.values())
    report.reasons = dict(writer.stats.reasons + writer.store_rejects)
    stats["rejected"], stats["reasons"] = report.rejected, report.reasons
    report.stages = stats["stages"]  # type: ignore[assignment]
    shard_stats = {"run_key": key, "planned": report.shards, "done_before": report.done_before}
    shard_stats |= {"done": report.done, "failed": len(report.failed)}
    store.finish_run(run_id, {**stats, "links": report.links, "shards": shard_stats})
    return report


def _run(
    todo: list[Shard],
    executor: Executor,
    store: Store,
    key: str,
    run_id: int,
    retries: int,
    writer: _Writer,
    on_shard: Callable[[Shard, str, ShardedReport], None] | None,
) -> None:
    """Hand ``todo`` out, retry what fails, store what comes back in plan order."""
    waiting = list(reversed(todo))
    tries: Counter[str] = Counter()
    finished: dict[int, ShardResult | None] = {}
    order = [s.position for s in todo]
    by_position = {s.position: s for s in todo}
    head = 0
    in_flight = 0
    try:
        while head < len(order):
            while waiting and in_flight < executor.workers * WINDOW_PER_WORKER:
                shard = waiting.pop()
                store.shards.started(key, shard.id, run_id)
                tries[shard.id] += 1
                executor.submit(shard)
                in_flight += 1
            for shard, outcome in executor.wait():
                in_flight -= 1
                if isinstance(outcome, ShardResult):
                    finished[shard.position] = outcome
                elif tries[shard.id] <= retries:
                    waiting.append(shard)  # next out
                else:
                    error = _describe(outcome)
                    store.shards.failed(key, shard.id, run_id, error)
                    writer.report.failed[shard.label] = error
                    finished[shard.position] = None
                    if on_shard:
                        on_shard(shard, "failed", writer.report)
            while head < len(order) and order[head] in finished:
                result = finished.pop(order[head])
                shard = by_position[order[head]]
                head += 1
                if result is not None:
                    read, stored = writer.write(result)
                    store.shards.done(key, shard.id, run_id, read, stored)
                    writer.report.done += 1
                    if on_shard:
                        on_shard(shard, "done", writer.report)
    finally:
        executor.close()


def _describe(error: BaseException) -> str:
    text = "".join(traceback.format_exception_only(type(error), error)).strip()
    return repair_name(text)[0][-2000:]


class _Writer:
    """Stores shard results in order and links every ``batch_size`` of them, as
    :func:`khabar.jobs.ingest_documents` stores and links its batches."""

    def __init__(
        self,
        store: Store,
        config: Config,
        linkers: list[tuple[str, LinkerFn]],
        run_id: int,
        report: ShardedReport,
    ) -> None:
        self.store = store
        self.size = config.batch_size
        self.linkers = linkers
        self.run_id = run_id
        self.report = report
        self.stats = RunStats()
        self.store_rejects: Counter[str] = Counter()
        self._batch: list[tuple[Document, bool]] = []

    def write(self, result: ShardResult) -> tuple[int, int]:
        """Store one shard's documents; how many it read and how many were new."""
        merge_stats(self.stats, result.stats)
        fresh = store_batch(self.store, result.docs, self.run_id, self.store_rejects) if result.docs else []
        self.report.read += len(result.docs) + result.known
        self.report.stored += sum(fresh)
        self.report.already_stored += result.known + len(fresh) - sum(fresh)
        self._batch.extend(zip(result.docs, fresh, strict=True))
        while len(self._batch) >= self.size:
            self._link(self._batch[: self.size])
            del self._batch[: self.size]
        return len(result.docs) + result.known, sum(fresh)

    def flush(self) -> None:
        """Link what is stored and not linked yet."""
        if self._batch:
            self._link(self._batch)
            self._batch = []

    def _link(self, batch: list[tuple[Document, bool]]) -> None:
        new = [doc for doc, is_new in batch if is_new and not doc.rejected]
        add_counts(self.report.links, run_linkers(self.store, new, self.linkers, self.run_id))
        self.store.links_done([d.id for d in new])
        check_alerts(self.store)
