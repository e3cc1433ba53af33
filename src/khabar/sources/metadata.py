"""A document's metadata: where it comes from (:mod:`khabar.sources.provenance`) and when it was
published (the candidates and choice of :mod:`khabar.timex.published`)."""

from __future__ import annotations

from khabar.document import Document
from khabar.sources.provenance import provenance_of
from khabar.timex.published import date_candidates, pick_published


def fill_metadata(doc: Document) -> Document:
    """Set ``doc.provenance`` (outlet, URL, cited URLs and agencies) and ``doc.published``."""
    doc.provenance = provenance_of(doc)
    doc.published = pick_published(date_candidates(doc))
    return doc
