"""The events stage over :mod:`khabar.events.annotate`: PLOVER events and attributed claims."""

from __future__ import annotations

from khabar.document import Document
from khabar.events.annotate import code_document
from khabar.registry import stage


@stage(
    "events",
    requires=("text", "segments", "mentions", "times", "published"),
    assigns=("events", "claims"),
)
def code_events(doc: Document) -> Document:
    """Fill ``events`` (PLOVER type, mode, parties, place, date, evidence) and ``claims``
    (of an article only: a list of headlines has none)."""
    return code_document(doc) if doc.is_article else doc
