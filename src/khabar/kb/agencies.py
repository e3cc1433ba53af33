"""The news-agency table (``data/agencies.json``): one source of agency names and spellings for
the KB and for :mod:`khabar.sources.agencies`."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def agency_table() -> dict[str, dict[str, Any]]:
    """The agency table from ``data/agencies.json``: canonical name -> name, aliases."""
    raw = resources.files("khabar.kb").joinpath("data/agencies.json").read_text("utf-8")
    table: dict[str, dict[str, Any]] = json.loads(raw)["agencies"]
    return table
