"""The Store protocol every backend implements, and the rows it returns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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


class Store(Protocol):
    """What the pipeline, CLI and API need from a storage backend."""

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
