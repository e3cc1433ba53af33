"""The HTTP API and analyst web UI (``khabar serve``): FastAPI over the SQLite store.

>>> from khabar.api import create_app
>>> app = create_app("news.db", token="secret")  # doctest: +SKIP
"""

from __future__ import annotations

from khabar.api.app import DEFAULT_MAX_UPLOAD_BYTES, create_app

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "create_app"]
