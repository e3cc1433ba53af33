"""Sharded ingest on several cores or machines: ``khabar ingest PATH… --executor local|ray``.

:func:`ingest_sharded` plans the shards of the paths (:mod:`khabar.ingest.shards`), runs their
per-document stages in the executor's workers (:mod:`khabar.executors.local`: forked processes;
:mod:`khabar.executors.ray_pool`: Ray actors) and stores, links and records them in the driver
(:mod:`khabar.executors.driver`). See docs/scale.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from khabar.config import Config
from khabar.errors import InputError
from khabar.executors.base import Executor
from khabar.executors.driver import DEFAULT_RETRIES, ShardedReport, ingest_shards
from khabar.executors.work import ShardWorker, StoreOpener
from khabar.ingest.shards import DEFAULT_SHARD_SIZE, Shard, plan_shards
from khabar.store.base import Store
from khabar.text.valid import repair_name

__all__ = ["EXECUTORS", "ShardedReport", "ingest_sharded", "make_executor"]

#: The executors ``--executor`` names (``single``, the default, is :func:`khabar.jobs.ingest`).
EXECUTORS = ("local", "ray")


def make_executor(
    name: str, config: Config, open_store: StoreOpener, workers: int, address: str | None = None
) -> Executor:
    """A started executor called ``name`` with ``workers`` workers (``address``: a Ray cluster)."""
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if name == "local":
        if address:
            raise InputError("--address names a Ray cluster; use it with --executor ray")
        from khabar.executors.local import LocalExecutor

        return LocalExecutor(ShardWorker(config, open_store), workers)
    if name == "ray":
        from khabar.executors.ray_pool import RayExecutor

        return RayExecutor(config, open_store, workers, address)
    raise InputError(f"unknown executor {name!r}; use one of: single, {', '.join(EXECUTORS)}")


def ingest_sharded(
    paths: Sequence[str],
    store: Store,
    config: Config,
    open_store: StoreOpener,
    *,
    executor: str = "local",
    workers: int = 2,
    address: str | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    retries: int = DEFAULT_RETRIES,
    on_shard: Callable[[Shard, str, ShardedReport], None] | None = None,
) -> ShardedReport:
    """Ingest ``paths`` in shards with the named executor, into ``store`` (which ``open_store``
    opens again in each worker, to see what is already stored)."""
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r}; use one of: single, {', '.join(EXECUTORS)}")
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    shards = plan_shards(paths, shard_size)
    command = repair_name("ingest " + " ".join(paths) + f" --executor {executor} --workers {workers}")[0]
    return ingest_shards(
        shards,
        store,
        config,
        lambda: make_executor(executor, config, open_store, workers, address),
        command,
        retries=retries,
        on_shard=on_shard,
    )
