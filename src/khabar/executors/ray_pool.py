"""The ``ray`` executor: one Ray actor per worker, each holding a warmed
:class:`~khabar.executors.work.ShardWorker`, so models load once per worker, not per shard.

Without an address it starts a Ray runtime on this machine (``num_cpus`` = the workers, no
dashboard, bound to the loopback address, usage statistics off); with one it joins that
cluster, whose nodes need Khabar installed and the store reachable (a PostgreSQL address, or
an SQLite file on a shared folder). An actor that dies is replaced and its shard comes back as
a failed attempt.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from typing import Any

from khabar.config import Config
from khabar.executors.base import Outcome
from khabar.executors.work import ShardWorker, StoreOpener
from khabar.ingest.shards import Shard
from khabar.optional import Requirement

#: What this module needs beyond the core install.
REQUIRES = Requirement("scale", ("ray",))

#: Set before Ray is imported: no usage report leaves the machine.
RAY_ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_DISABLE_DOCKER_CPU_WARNING": "1"}


class RayExecutor:
    """``workers`` Ray actors, shards handed to whichever is free."""

    def __init__(
        self, config: Config, open_store: StoreOpener, workers: int, address: str | None = None
    ) -> None:
        """Start (or join, at ``address``) a Ray runtime and ``workers`` actors."""
        REQUIRES.require()
        for key, value in RAY_ENV.items():
            os.environ.setdefault(key, value)
        import ray

        self._ray = ray
        self._started = not ray.is_initialized()
        if self._started:
            options: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.WARNING}
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(
                    num_cpus=workers, include_dashboard=False, _node_ip_address="127.0.0.1", **options
                )
        self.workers = workers
        self._actor = ray.remote(num_cpus=1)(ShardWorker)
        self._args = (config, open_store)
        self._idle: list[Any] = [self._actor.remote(*self._args) for _ in range(workers)]
        self._queue: deque[Shard] = deque()
        self._running: dict[Any, tuple[Any, Shard]] = {}

    def submit(self, shard: Shard) -> None:
        """Queue ``shard`` for the next free actor."""
        self._queue.append(shard)
        self._dispatch()

    def _dispatch(self) -> None:
        while self._idle and self._queue:
            actor, shard = self._idle.pop(), self._queue.popleft()
            self._running[actor.process.remote(shard)] = (actor, shard)

    def wait(self) -> list[Outcome]:
        """Block until a shard has finished; every finished shard with its result or error."""
        ray = self._ray
        ready, _ = ray.wait(list(self._running), num_returns=1)
        outcomes: list[Outcome] = []
        for ref in ready:
            actor, shard = self._running.pop(ref)
            try:
                outcomes.append((shard, ray.get(ref)))
                self._idle.append(actor)
            except ray.exceptions.RayActorError as exc:  # the actor died: a new one takes its place
                outcomes.append((shard, exc))
                self._idle.append(self._actor.remote(*self._args))
            except ray.exceptions.RayTaskError as exc:  # the shard raised; the actor lives on
                outcomes.append((shard, exc))
                self._idle.append(actor)
        self._dispatch()
        return outcomes

    def close(self) -> None:
        """Stop the actors, and the runtime when this executor started it."""
        for actor in self._idle + [a for a, _ in self._running.values()]:
            self._ray.kill(actor)
        if self._started:
            self._ray.shutdown()
