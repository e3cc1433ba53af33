"""Link each new document to its duplicates, translations and shared sources."""

from __future__ import annotations

from khabar.document import Document
from khabar.linking import linker
from khabar.store.sqlite import SQLiteStore


@linker("duplicates")
def link_duplicates(store: SQLiteStore, docs: list[Document]) -> dict[str, int]:
    """Link each new document to its duplicates, translations and shared sources."""
    # Placeholder until this linker is written: links nothing.
    return {}
