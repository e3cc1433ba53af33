"""The page_kind stage over :mod:`khabar.clean.page_kind`: article, or a page kept for its links."""

from __future__ import annotations

from dataclasses import asdict

from khabar.clean.page_kind import classify_page
from khabar.document import Document
from khabar.registry import stage


@stage("page_kind", requires=("html",), assigns=("page_kind", "meta"))
def page_kind(doc: Document) -> Document:
    """Set ``page_kind``; a non-article page keeps its headline links in ``meta["links"]``."""
    if doc.html is None or not doc.html.strip():
        return doc  # plain text: an article as far as anyone can tell
    found = classify_page(doc.html, doc.source.url)
    doc.page_kind = found.kind
    doc.meta["page_kind"] = {"reason": found.reason, **found.signals}
    if found.links:
        doc.meta["links"] = [asdict(link) for link in found.links]
    if found.description:
        doc.meta["description"] = found.description
    return doc
