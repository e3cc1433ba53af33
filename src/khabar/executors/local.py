"""The ``local`` executor: worker processes forked from the driver on one machine.

The driver builds one :class:`~khabar.executors.work.ShardWorker` (pipeline built, models
loaded and warmed) and then forks the pool, so every worker starts with the loaded resources in
copy-on-write memory instead of loading them again. A worker that dies (killed, out of memory)
breaks the pool: the shards it held come back as failed attempts and a new pool is forked.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool

from khabar.executors.base import Outcome
from khabar.executors.work import ShardResult, ShardWorker
from khabar.ingest.shards import Shard

#: The worker the pool's processes inherit when they are forked.
_WORKER: ShardWorker | None = None


def _process(shard: Shard) -> ShardResult:
    if _WORKER is None:  # pragma: no cover - only when started without fork
        raise RuntimeError("the local executor's worker was not set before its processes started")
    return _WORKER.process(shard)


class LocalExecutor:
    """``workers`` forked processes, each running shards through the driver-built worker."""

    def __init__(self, worker: ShardWorker, workers: int) -> None:
        """Keep ``worker`` for the processes to inherit; they are forked on the first shard."""
        global _WORKER
        _WORKER = worker
        self.workers = workers
        self._pool = self._new_pool()
        self._running: dict[Future[ShardResult], Shard] = {}

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("fork"))

    def submit(self, shard: Shard) -> None:
        """Queue ``shard`` for the next free process."""
        try:
            future = self._pool.submit(_process, shard)
        except BrokenProcessPool:
            self._pool = self._new_pool()
            future = self._pool.submit(_process, shard)
        self._running[future] = shard

    def wait(self) -> list[Outcome]:
        """Block until a shard has finished; every finished shard with its result or error."""
        done, _ = wait_futures(list(self._running), return_when=FIRST_COMPLETED)
        outcomes: list[Outcome] = []
        broken = False
        for future in done:
            shard = self._running.pop(future)
            error = future.exception()
            broken = broken or isinstance(error, BrokenProcessPool)
            outcomes.append((shard, error if error is not None else future.result()))
        if broken:  # the other shards of a broken pool fail too: collect them, start afresh
            for future, shard in list(self._running.items()):
                error = future.exception()
                outcomes.append((shard, error if error is not None else future.result()))
            self._running.clear()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
        return outcomes

    def close(self) -> None:
        """Stop the processes."""
        global _WORKER
        self._pool.shutdown(wait=True, cancel_futures=True)
        _WORKER = None
