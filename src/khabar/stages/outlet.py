"""The outlet stage over :mod:`khabar.sources.outlets`: who published the document."""

from __future__ import annotations

from khabar.document import Document
from khabar.registry import stage
from khabar.sources.outlets import attach_outlet


@stage("outlet", requires=("provenance",), assigns=("provenance",))
def outlet(doc: Document) -> Document:
    """Fill the provenance's outlet domain, name, country, kind and language from the registry."""
    return attach_outlet(doc)
