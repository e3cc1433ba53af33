"""``khabar events``, ``khabar claims`` and ``khabar eval events``: coded events and attributed claims."""

from __future__ import annotations
