"""The langid stage over :mod:`khabar.langid.identify`."""

from __future__ import annotations

from khabar.document import Document
from khabar.langid.identify import identify_document
from khabar.registry import stage


@stage("langid", requires=("text", "segments"), assigns=("lang", "script", "lang_confidence", "segments"))
def langid(doc: Document) -> Document:
    """Set each segment's language, script and confidence, then the document's."""
    return identify_document(doc)
