"""The entities stage over :mod:`khabar.entities.mentions`."""

from __future__ import annotations

from khabar.document import Document
from khabar.entities.mentions import find_mentions
from khabar.registry import stage


@stage("entities", requires=("text", "segments", "lang", "frozen"), assigns=("mentions",))
def entities(doc: Document) -> Document:
    """Find, label and link the entity and role mentions of ``doc.text`` (of an article only)."""
    if not doc.is_article:
        return doc  # a list of headlines: no entities
    doc.mentions = find_mentions(doc.text, doc.lang)
    return doc
