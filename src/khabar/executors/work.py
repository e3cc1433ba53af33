"""What a worker does with a shard: read it, leave out what the store already holds, run the
per-document stages, and hand the documents back to the driver, which stores them in plan order.

A :class:`ShardWorker` builds the pipeline once and warms its models and tables on a few small
documents, so every shard it is given after that costs only its documents. The ``local``
executor forks its processes after the driver has built one (copy-on-write pages); the ``ray``
executor holds one in each actor.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from khabar.config import Config
from khabar.document import Document, Source
from khabar.ingest.shards import Shard, read_shard
from khabar.ingest.text import text_document
from khabar.pipeline import Pipeline, RunStats, StageStats, build
from khabar.store.base import Store

#: A function that opens the shared store (picklable: it travels to the workers).
StoreOpener = Callable[[], Store]

#: Short texts run through the stages once per worker so the lazily loaded resources (the KB,
#: the name tagger, the lexicons) load before the first shard, not inside its time.
WARM_TEXTS = (
    ("ur", "وزیر اعظم شہباز شریف نے منگل کو اسلام آباد میں کہا کہ پاکستان چین کا دوست ہے۔"),
    ("hi", "प्रधानमंत्री नरेंद्र मोदी ने सोमवार को नई दिल्ली में कहा कि भारत शांति चाहता है।"),
    ("en", "Prime Minister Shehbaz Sharif met the Chinese envoy in Islamabad on Tuesday."),
)

#: Environment variable naming shard positions whose reading fails on purpose (comma separated),
#: on every attempt: how the tests make a shard fail inside a real worker process.
FAIL_SHARDS_ENV = "KHABAR_TEST_FAIL_SHARDS"


@dataclass
class ShardResult:
    """A processed shard: its documents in reading order (rejects included), how many it read
    that the store already held (left out, no stage run), and its stage counters."""

    position: int
    docs: list[Document] = field(default_factory=list)
    known: int = 0
    stats: RunStats = field(default_factory=RunStats)
    seconds: float = 0.0
    worker: int = 0  # process id of the worker that did it


class ShardFailed(Exception):
    """A shard a worker could not finish (reading it or running its stages raised)."""


class ShardWorker:
    """The pipeline and store a worker holds for every shard it is given."""

    def __init__(self, config: Config, open_store: StoreOpener) -> None:
        """Build and warm the configured pipeline; the store is opened on first use, in the
        process that uses it (a connection never crosses a fork)."""
        self.config = config
        self.open_store = open_store
        self.pipeline = build(config.stages, strict=config.strict)
        warm(self.pipeline)
        self._store: Store | None = None
        self._pid = 0

    def store(self) -> Store:
        """This process's connection to the shared store."""
        if self._store is None or self._pid != os.getpid():
            self._store = self.open_store()
            self._pid = os.getpid()
        return self._store

    def process(self, shard: Shard) -> ShardResult:
        """Read ``shard``, skip the documents already stored, run the stages over the others."""
        start = time.perf_counter()
        if str(shard.position) in os.environ.get(FAIL_SHARDS_ENV, "").split(","):
            raise ShardFailed(f"shard {shard.position} fails on purpose ({FAIL_SHARDS_ENV})")
        self.pipeline.stats = RunStats(stages={s.name: StageStats() for s in self.pipeline.specs})
        result = ShardResult(position=shard.position, worker=os.getpid())
        docs = list(read_shard(shard, max_bytes=self.config.max_document_bytes))
        known = self.store().known_documents([d.id for d in docs])
        for doc in docs:
            if doc.id in known:
                result.known += 1
            else:
                result.docs.append(self.pipeline.process(doc))
        result.stats = self.pipeline.stats
        result.seconds = time.perf_counter() - start
        return result


def warm(pipeline: Pipeline) -> None:
    """Run :data:`WARM_TEXTS` through ``pipeline`` and forget their counters."""
    for lang, text in WARM_TEXTS:
        pipeline.process(text_document(text.encode("utf-8"), Source(uri=f"warm:{lang}", kind="txt")))
    pipeline.stats = RunStats(stages={s.name: StageStats() for s in pipeline.specs})


def merge_stats(total: RunStats, more: RunStats) -> None:
    """Add one shard's stage counters into the run's."""
    total.documents += more.documents
    total.rejected += more.rejected
    total.reasons.update(more.reasons)
    for name, stage in more.stages.items():
        mine = total.stages.setdefault(name, StageStats())
        mine.seen += stage.seen
        mine.rejected += stage.rejected
        mine.errors += stage.errors
        mine.seconds += stage.seconds
