"""The ``events`` linker over :mod:`khabar.events.merge`."""

from __future__ import annotations

from khabar.events.merge import link_events
from khabar.registry import linker

linker("events")(link_events)
