"""The ``duplicates`` linker over :mod:`khabar.dedup.matching`."""

from __future__ import annotations

from khabar.dedup.matching import link_duplicates
from khabar.registry import linker

linker("duplicates")(link_duplicates)
