"""The metadata stage over :mod:`khabar.sources.metadata`: provenance and the publication date."""

from __future__ import annotations

from khabar.document import Document
from khabar.registry import stage
from khabar.sources.metadata import fill_metadata


@stage("metadata", requires=("text", "segments", "frozen"), assigns=("published", "provenance"))
def metadata(doc: Document) -> Document:
    """Fill ``provenance`` (outlet, URL, cited URLs and agencies) and ``published``."""
    return fill_metadata(doc)
