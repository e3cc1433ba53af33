"""What the driver of a sharded ingest needs from an executor: hand out shards, hear back."""

from __future__ import annotations

from typing import Protocol

from khabar.executors.work import ShardResult
from khabar.ingest.shards import Shard

#: What finishing a shard gave: its result, or the error that stopped it.
Outcome = tuple[Shard, ShardResult | BaseException]


class Executor(Protocol):
    """Runs :meth:`~khabar.executors.work.ShardWorker.process` on shards in its workers."""

    #: How many shards it works on at once.
    workers: int

    def submit(self, shard: Shard) -> None:
        """Queue ``shard`` for the next free worker."""
        ...

    def wait(self) -> list[Outcome]:
        """Block until at least one submitted shard has finished; every finished one."""
        ...

    def close(self) -> None:
        """Stop the workers (and a runtime the executor started)."""
        ...
