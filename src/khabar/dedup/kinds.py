"""The kinds of link between two documents, strongest first: an exact copy, a near copy (same
language), a translation (another language), and a page citing the same original URL or agency
wire. A link ``doc_id -> other_id`` of kind K says ``doc_id`` is a K of ``other_id``."""

from __future__ import annotations

DUPLICATE = "duplicate_of"
NEAR_DUPLICATE = "near_duplicate_of"
TRANSLATION = "translation_of"
SAME_SOURCE = "same_source_as"
KINDS = (DUPLICATE, NEAR_DUPLICATE, TRANSLATION, SAME_SOURCE)
