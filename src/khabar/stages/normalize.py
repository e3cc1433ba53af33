"""The normalize stage over :mod:`khabar.clean.freeze`: puts ``Document.text`` in canonical form
and freezes it."""

from __future__ import annotations

from khabar.clean.freeze import freeze_canonical_text
from khabar.document import Document
from khabar.registry import stage


@stage("normalize", requires=("text", "segments", "lang"), assigns=("text", "raw_map", "segments", "frozen"))
def normalize(doc: Document) -> Document:
    """Replace ``doc.text`` by its canonical form, remap segments and ``raw_map``, freeze it."""
    return freeze_canonical_text(doc)
