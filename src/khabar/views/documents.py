"""A stored document with what the cross-document linkers keep about it in their own tables.

The stored document holds what the per-document stages found; a linker never patches it. Its
merged event ids live in the event tables, its links in the link tables, its story in the story
tables: these functions compose them onto the document for the export, the API and the pages.
"""

from __future__ import annotations

from khabar.document import Document
from khabar.store.base import Store
from khabar.views.duplicates import links_for, origin_of


def with_event_ids(store: Store, doc: Document) -> Document:
    """``doc`` with the merged event id of each of its events (overwriting whatever id the stored
    document carried: databases written before the event tables were the only home may hold one)."""
    merged = store.events.event_ids(doc.id)
    for idx, event in enumerate(doc.events):
        event.id = merged.get(idx, event.id)
    return doc


def with_links(store: Store, doc: Document) -> Document:
    """``doc`` with what the cross-document linkers stored about it: its merged event ids,
    duplicate/translation links, the document it translates, and its story episode."""
    with_event_ids(store, doc)
    doc.duplicates = links_for(store, doc.id)
    doc.provenance.translation_of = origin_of(store, doc, doc.duplicates)["translation_of"]
    doc.story = store.stories.episode_of(doc.id)
    return doc
