"""``khabar serve``: the HTTP API and web UI."""

from __future__ import annotations
