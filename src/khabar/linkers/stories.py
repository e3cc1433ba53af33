"""The ``stories`` linker over :mod:`khabar.stories.cluster`."""

from __future__ import annotations

from khabar.registry import linker
from khabar.stories.cluster import link_stories

linker("stories")(link_stories)
