"""Storage behind a small protocol; SQLite is the embedded default, PostgreSQL the shared one."""

from khabar.store.base import RejectRow, SearchHit, Store
from khabar.store.factory import open_store
from khabar.store.sqlite import SQLiteStore

__all__ = ["RejectRow", "SQLiteStore", "SearchHit", "Store", "open_store"]
