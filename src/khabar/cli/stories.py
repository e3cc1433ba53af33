"""``khabar stories``, ``khabar story`` and ``khabar duplicates``: stories, threads and document links."""

from __future__ import annotations
