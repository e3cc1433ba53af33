"""Merge each new document's events into cross-document events."""

from __future__ import annotations

from khabar.document import Document
from khabar.linking import linker
from khabar.store.sqlite import SQLiteStore


@linker("events")
def link_events(store: SQLiteStore, docs: list[Document]) -> dict[str, int]:
    """Merge each new document's events into cross-document events."""
    # Placeholder until this linker is written: links nothing.
    return {}
