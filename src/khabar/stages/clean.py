"""The clean stage over :mod:`khabar.clean.page`."""

from __future__ import annotations

from khabar.clean.page import clean_document
from khabar.document import Document
from khabar.registry import stage


@stage("clean", requires=("raw",), assigns=("raw", "text", "title", "segments", "removed", "raw_map"))
def clean(doc: Document) -> Document:
    """Extract web pages, drop boilerplate lines, label kept lines, and build ``text``."""
    return clean_document(doc)
