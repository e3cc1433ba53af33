"""Storage behind a small protocol; SQLite is the embedded default."""

from khabar.store.base import RejectRow, SearchHit, Store
from khabar.store.sqlite import SQLiteStore, open_store

__all__ = ["RejectRow", "SQLiteStore", "SearchHit", "Store", "open_store"]
