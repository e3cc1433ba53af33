"""Cross-document steps that run after a batch is stored: merge events, link duplicates and
translations, cluster stories.

A linker is ``fn(store, docs) -> counters``: it relates the newly stored ``docs`` to what the
store already holds (incrementally, never recomputing everything) and writes its own tables.
Linkers run in the order given by ``Config.links``.
"""

from __future__ import annotations

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
    store: Store, docs: list[Document], linkers: Sequence[tuple[str, LinkerFn]]
) -> dict[str, dict[str, int]]:
    """Run each linker on the newly stored articles of ``docs``, each in its own transaction.

    Pages of another kind (home pages, listings, video and gallery pages) are left out: a list
    of headlines is no duplicate, translation or story member of anything.
    """
    counters: dict[str, dict[str, int]] = {}
    docs = [d for d in docs if d.is_article]
    if not docs:
        return counters
    for name, fn in linkers:
        with store.transaction():
            counters[name] = fn(store, docs)
    return counters
