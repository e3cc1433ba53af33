"""The events stage: code PLOVER events and attributed claims in every sentence with a trigger or a cue."""

from __future__ import annotations

from khabar.document import Document
from khabar.events.claims import extract_claims
from khabar.events.extract import extract_events
from khabar.events.parse import DocView
from khabar.registry import stage


@stage(
    "events",
    requires=("text", "segments", "mentions", "times", "published"),
    assigns=("events", "claims"),
)
def code_events(doc: Document) -> Document:
    """Fill ``events`` (PLOVER type, mode, parties, place, date, evidence) and ``claims``."""
    view = DocView(doc)
    doc.events = extract_events(view)
    doc.claims = extract_claims(view, doc.events)
    return doc
