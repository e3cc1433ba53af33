"""The time stage over :mod:`khabar.timex.annotate`."""

from __future__ import annotations

from khabar.document import Document
from khabar.registry import stage
from khabar.timex.annotate import resolve_document_times


@stage("time", requires=("text", "segments", "lang", "published"), assigns=("times", "published"))
def resolve_times(doc: Document) -> Document:
    """Fill ``times`` with every time expression resolved to ISO; correct ``published`` (of an
    article only: the dates of a list of headlines belong to other pages)."""
    return resolve_document_times(doc) if doc.is_article else doc
