"""The ``duplicates`` linker over :mod:`khabar.dedup.link`."""

from __future__ import annotations

from khabar.dedup.link import link_duplicates
from khabar.registry import linker

linker("duplicates")(link_duplicates)
