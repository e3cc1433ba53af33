"""Make every string a reader hands on valid Unicode, and count what was replaced.

A lone surrogate (``{"text": "\\ud800"}`` in JSON Lines, a file name that is not UTF-8) cannot
be written as UTF-8, so one such document would stop the store's batch. The readers pass every
Document through :func:`repair_document`: text, markup, title, URLs, file names and the reader's
hints are made valid, and ``meta["invalid_unicode"]`` says how many code points were replaced.
"""

from __future__ import annotations

from typing import Any

from khabar.document import Document
from khabar.text.valid import repair, repair_name

#: The ``Document.meta`` key holding how many invalid code points the reader replaced.
INVALID_UNICODE_KEY = "invalid_unicode"


def repair_document(doc: Document) -> Document:
    """Replace invalid code points in ``doc``'s reader fields in place; return ``doc``.

    Names (``source.uri``, ``source.url``) keep undecodable bytes visible as ``\\xNN``; text gets
    U+FFFD. The document id, computed from the input as read, is kept so re-reads match.
    """
    fixed = 0
    src = doc.source
    for attr in ("uri", "url", "record"):
        value = getattr(src, attr)
        if isinstance(value, str):
            value, n = repair_name(value)
            setattr(src, attr, value)
            fixed += n
    for attr in ("outlet", "fetched", "kind"):
        value = getattr(src, attr)
        if isinstance(value, str):
            value, n = repair(value)
            setattr(src, attr, value)
            fixed += n
    doc.raw, n = repair(doc.raw)
    fixed += n
    if doc.html is not None:
        doc.html, n = repair(doc.html)
        fixed += n
    doc.title, n = repair(doc.title)
    fixed += n
    doc.meta, n = _repair_value(doc.meta)
    fixed += n
    for rec in doc.rejects:
        rec.detail, n = repair(rec.detail)
        fixed += n
    if fixed:
        doc.meta[INVALID_UNICODE_KEY] = fixed
    return doc


def _repair_value(value: Any) -> tuple[Any, int]:
    """A JSON-like value with every string (keys too) repaired, and the count of replacements."""
    if isinstance(value, str):
        return repair(value)
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        total = 0
        for key, item in value.items():
            if isinstance(key, str):
                key, n = repair(key)
                total += n
            out[key], n = _repair_value(item)
            total += n
        return out, total
    if isinstance(value, list):
        items = []
        total = 0
        for item in value:
            fixed, n = _repair_value(item)
            items.append(fixed)
            total += n
        return items, total
    return value, 0
