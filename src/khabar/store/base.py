"""The Store protocol every backend implements, and the rows it returns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from khabar.document import Document


@dataclass(frozen=True)
class SearchHit:
    """One search result."""

    id: str
    title: str
    lang: str
    uri: str
    url: str | None
    snippet: str
    score: float


@dataclass(frozen=True)
class RejectRow:
    """A document set aside by a stage, with where it came from and why."""

    id: str
    uri: str
    kind: str
    stage: str
    reason: str
    detail: str
    added: str


class EventTables(Protocol):
    """Event mentions and the cross-document events they are merged into (``store.events``)."""


class LinkTables(Protocol):
    """Duplicate, translation and shared-source links with the signatures and vectors that find
    them (``store.links``)."""


class StoryTables(Protocol):
    """Stories (episodes and threads), their candidate index and entity document frequencies
    (``store.stories``)."""


class Store(Protocol):
    """What the pipeline, linkers, views, CLI and API need from a storage backend: documents,
    rejects, runs and search here; the linkers' tables behind ``events``, ``links`` and
    ``stories``. SQLite (:class:`khabar.store.sqlite.SQLiteStore`) is the default backend."""

    events: EventTables
    links: LinkTables
    stories: StoryTables

    def transaction(self) -> AbstractContextManager[None]:
        """A unit of work: everything written inside commits together or not at all."""
        ...

    def put(self, doc: Document, run_id: int | None = None) -> bool:
        """Store a document (or its reject); return False when it was already stored."""
        ...

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (a rejected one too), or None."""
        ...

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        lang: str | None = None,
        entities: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        event_type: str | None = None,
        mentioning: Sequence[str] = (),
    ) -> list[SearchHit]:
        """Full-text search over normalised text (the query is normalised the same way), then
        documents mentioning ``entities``; filtered by language, ISO date prefix range, outlet,
        PLOVER event type and the entities a document mentions."""
        ...

    def rejects(self, *, reason: str | None = None) -> list[RejectRow]:
        """Rejected documents, newest first."""
        ...

    def documents(self, *, lang: str | None = None) -> Iterator[Document]:
        """Every accepted document, in insertion order."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts: documents, per language, per kind, rejects per reason, runs."""
        ...

    def start_run(self, command: str) -> int:
        """Record the start of a run; return its id."""
        ...

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        """Record a run's end and its stats."""
        ...

    def close(self) -> None:
        """Flush and close."""
        ...
