"""A document's events and claims: PLOVER events in every sentence with a trigger, then the
attributed claims (with the events they report), over one parsed view of the document."""

from __future__ import annotations

from khabar.document import Document
from khabar.events.claims import extract_claims
from khabar.events.extract import extract_events
from khabar.events.parse import DocView


def code_document(doc: Document) -> Document:
    """Fill ``doc.events`` (PLOVER type, mode, parties, place, date, evidence) and ``doc.claims``."""
    view = DocView(doc)
    doc.events = extract_events(view)
    doc.claims = extract_claims(view, doc.events)
    return doc
