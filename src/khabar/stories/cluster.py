"""Assign each new document to a story episode and thread."""

from __future__ import annotations

from khabar.document import Document
from khabar.linking import linker
from khabar.store.sqlite import SQLiteStore


@linker("stories")
def link_stories(store: SQLiteStore, docs: list[Document]) -> dict[str, int]:
    """Assign each new document to a story episode and thread."""
    # Placeholder until this linker is written: links nothing.
    return {}
