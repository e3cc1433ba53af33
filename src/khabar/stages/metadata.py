"""The metadata stage: provenance (:mod:`khabar.sources.provenance`) and the publication date
(:mod:`khabar.timex.published`)."""

from __future__ import annotations

from khabar.document import Document
from khabar.registry import stage
from khabar.sources.provenance import provenance_of
from khabar.timex.published import date_candidates, pick_published


@stage("metadata", requires=("text", "segments", "frozen"), assigns=("published", "provenance"))
def metadata(doc: Document) -> Document:
    """Fill ``provenance`` (outlet, URL, cited URLs and agencies) and ``published``."""
    doc.provenance = provenance_of(doc)
    doc.published = pick_published(date_candidates(doc))
    return doc
