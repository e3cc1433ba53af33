"""The Store protocol is the whole door: what the SQLite tables offer callers is declared on it, so
another backend implementing the protocol can replace SQLite (mypy checks the signatures)."""

from __future__ import annotations

import inspect

import pytest

from khabar.store.alerts import SQLiteAlertTables
from khabar.store.base import (
    AlertTables,
    EventTables,
    HappeningTables,
    LinkFailureTables,
    LinkTables,
    ShardTables,
    SourceTables,
    Store,
)
from khabar.store.doc_links import SQLiteLinkTables
from khabar.store.events import SQLiteEventTables
from khabar.store.happenings import SQLiteHappeningTables
from khabar.store.link_failures import SQLiteLinkFailureTables
from khabar.store.shards import SQLiteShardTables
from khabar.store.sources import SQLiteSourceTables
from khabar.store.sqlite import SQLiteStore

# SQLite-only members: the connection's schema version (migrations are the backend's own affair).
SQLITE_ONLY = {"schema_version"}


def _public(cls: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls) if not name.startswith("_")}


@pytest.mark.parametrize(
    ("protocol", "implementation"),
    [
        (EventTables, SQLiteEventTables),
        (LinkTables, SQLiteLinkTables),
        (SourceTables, SQLiteSourceTables),
        (LinkFailureTables, SQLiteLinkFailureTables),
        (AlertTables, SQLiteAlertTables),
        (HappeningTables, SQLiteHappeningTables),
        (ShardTables, SQLiteShardTables),
        (Store, SQLiteStore),
    ],
)
def test_every_public_method_is_declared_on_the_protocol(protocol: type, implementation: type) -> None:
    assert _public(implementation) - SQLITE_ONLY <= _public(protocol)
    tables = {
        "events",
        "links",
        "stories",
        "sources",
        "alerts",
        "link_failures",
        "happenings",
        "shards",
    }  # properties on the protocol
    assert _public(protocol) <= _public(implementation) | tables
