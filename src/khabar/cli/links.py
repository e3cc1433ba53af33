"""``khabar duplicates`` and ``khabar eval translation``: duplicate, translation and source links."""

from __future__ import annotations
