"""Which store a ``--db`` value names: a ``postgresql://`` address opens the PostgreSQL store,
anything else is an SQLite file (created when missing)."""

from __future__ import annotations

from pathlib import Path

from khabar.config import is_store_url
from khabar.store.base import Store


def open_store(target: str | Path) -> Store:
    """Open (creating and migrating as needed) the store that ``target`` names."""
    if isinstance(target, str) and is_store_url(target):
        from khabar.store.postgres import PostgresStore

        return PostgresStore(target)
    from khabar.store.sqlite import SQLiteStore

    return SQLiteStore(target)
