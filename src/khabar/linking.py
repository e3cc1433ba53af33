"""Cross-document steps that run after a batch is stored: merge events, link duplicates and
translations, cluster stories.

A linker is ``fn(store, docs) -> counters``: it relates the newly stored ``docs`` to what the
store already holds (incrementally, never recomputing everything) and writes its own tables.
Linkers run in the order given by ``Config.links``.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING

from khabar.errors import PipelineError
from khabar.registry import LINKERS, LinkerFn

if TYPE_CHECKING:
    from khabar.document import Document
    from khabar.store.base import Store


def load_linkers(names: Sequence[str]) -> list[tuple[str, LinkerFn]]:
    """The registered linkers called ``names``, in that order; unknown names are an error."""
    # Importing the package registers its linkers.
    import khabar.linkers  # noqa: F401

    unknown = [n for n in names if n not in LINKERS]
    if unknown:
        raise PipelineError(f"unknown linker {unknown[0]!r}; known linkers: {', '.join(sorted(LINKERS))}")
    return [(n, LINKERS[n]) for n in names]


def run_linkers(
    store: Store,
    docs: list[Document],
    linkers: Sequence[tuple[str, LinkerFn]],
    run_id: int | None = None,
) -> dict[str, dict[str, int]]:
    """Run each linker on the newly stored articles of ``docs``, each in its own transaction.

    Pages of another kind (home pages, listings, video and gallery pages) are left out: a list
    of headlines is no duplicate, translation or story member of anything.

    When a linker raises on the batch, its transaction is rolled back and it runs again one
    document at a time: a document it still fails on is recorded in ``store.link_failures``
    (counted as ``failed``) and the others are linked. A document linked since a recorded
    failure has that failure cleared.
    """
    counters: dict[str, dict[str, int]] = {}
    docs = [d for d in docs if d.is_article]
    if not docs:
        return counters
    for name, fn in linkers:
        try:
            with store.transaction():
                counters[name] = fn(store, docs)
        except Exception:  # narrowed below: one document at a time
            counters[name] = _one_by_one(store, docs, name, fn, run_id)
            continue
        if store.link_failures.count():
            store.link_failures.clear([d.id for d in docs], name)
    return counters


def _one_by_one(
    store: Store, docs: list[Document], name: str, fn: LinkerFn, run_id: int | None
) -> dict[str, int]:
    total: dict[str, int] = {"failed": 0}
    for doc in docs:
        try:
            with store.transaction():
                counts = fn(store, [doc])
        except Exception as exc:  # the document's failure: recorded against it
            where = traceback.extract_tb(exc.__traceback__)[-1]
            detail = f"{where.filename}:{where.lineno} in {where.name}"
            store.link_failures.record(doc.id, name, f"{type(exc).__name__}: {exc}"[:2000], detail, run_id)
            total["failed"] += 1
            continue
        store.link_failures.clear([doc.id], name)
        for key, n in counts.items():
            total[key] = total.get(key, 0) + n
    return total
