"""The Store protocol every backend implements, and the rows it returns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

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


class StoryRow(NamedTuple):
    """One stored story (episode or thread). ``data`` is the story's JSON text (counts, dates,
    titles, names, states, events), kept as text so the clusterer parses it only when used."""

    id: str
    level: str  # episode | thread
    parent: str | None  # an episode's thread
    title: str
    start: str | None
    end: str | None
    data: str


class StoryEntityRow(NamedTuple):
    """One entity of a story's centroid: its summed weight and the documents mentioning it."""

    story_id: str
    entity: str
    weight: float
    documents: int


class StoryMember(NamedTuple):
    """A document in a story: its score when placed and its content date."""

    story_id: str
    doc_id: str
    score: float
    date: str | None


class StoryTables(Protocol):
    """Stories (episodes and threads), their documents, centroids, candidate index and entity
    document frequencies (``store.stories``).

    A document's story lives once, in its memberships (``story_documents``): the document's
    stored JSON never holds it; the export and the API compose it (:meth:`episode_of`). A few
    reads cross into the tables of the linkers that run before stories (``has_events``,
    ``documents_events``, ``mentioned_events``: events; ``has_links``, ``same_episode_links``:
    dedup); a backend answers them from those tables.
    """

    # --- the clusterer's working set
    def load(self, ids: Sequence[str]) -> tuple[list[StoryRow], list[StoryEntityRow]]:
        """The stories with these ids and the entities of their centroids."""
        ...

    def save(self, stories: Sequence[StoryRow], entities: Sequence[StoryEntityRow]) -> None:
        """Insert or update stories and centroid entities (never delete); stamps ``updated``."""
        ...

    def add_documents(self, rows: Iterable[StoryMember]) -> None:
        """Put documents in stories (a document and story given again replace the earlier row)."""
        ...

    def add_keys(self, rows: Iterable[tuple[str, str]]) -> None:
        """Index stories under lookup keys: (key, story id); pairs already there are kept."""
        ...

    def candidates(self, keys: Sequence[str], limit: int) -> list[str]:
        """Stories indexed under the most of ``keys``, best first, ties by id."""
        ...

    def index_entries(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """The stories indexed under each of ``keys``; keys without stories are left out."""
        ...

    def stored_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these documents are already in a story."""
        ...

    def episode_of(self, doc_id: str) -> str | None:
        """The episode a document is in (its story, as the export shows it), or None."""
        ...

    def episodes_of(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The episode each of these documents is in (the first id when in several; documents in
        none are left out)."""
        ...

    def document_frequencies(self, entities: Iterable[str]) -> dict[str, int]:
        """Documents mentioning each of ``entities`` (``""``: all documents); unknown ones are 0."""
        ...

    def save_document_frequencies(self, counts: dict[str, int]) -> None:
        """Write document frequencies (insert or update)."""
        ...

    def reset(self) -> int:
        """Delete every story, membership, index key and frequency; return how many stories there were."""
        ...

    # --- reads of the linkers before stories (events, dedup)
    def has_events(self) -> bool:
        """Whether any merged event mention is stored yet."""
        ...

    def has_links(self) -> bool:
        """Whether any document link is stored yet."""
        ...

    def documents_events(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """Document id -> sorted merged event ids it mentions (documents without any left out)."""
        ...

    def same_episode_links(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """Document id -> sorted ids of its duplicates and translations, either direction of the
        link (documents without such links left out)."""
        ...

    # --- reads for the story views
    def recent(
        self, *, level: str | None = None, entity: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[StoryRow]:
        """Stories of ``level`` whose centroid holds ``entity``, most recent first (year-less and
        undated ones after dated ones)."""
        ...

    def matching(self, story_id: str) -> list[StoryRow]:
        """At most two stories whose id is ``story_id`` or starts with it."""
        ...

    def children(self, parent: str) -> list[StoryRow]:
        """The episodes of a thread."""
        ...

    def containing(self, doc_id: str) -> list[StoryRow]:
        """The stories (episode and thread) a document is in."""
        ...

    def entities_by_weight(self, ids: Sequence[str]) -> list[StoryEntityRow]:
        """The centroid entities of these stories, heaviest first, ties by entity."""
        ...

    def documents_in(self, story_id: str) -> list[dict[str, Any]]:
        """The documents of a story with their stored fields (``id``, ``title``, ``lang``,
        ``published``, ``published_source``, ``outlet``, ``url``, ``uri``) and membership
        (``date``, ``score``), content date order (undated last), then publication, then id."""
        ...

    def mentioned_events(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Merged events (``id``, ``type``, ``mode``, ``date``, ``place``) these documents mention,
        by date then id; empty when the events tables are not filled."""
        ...


class Store(Protocol):
    """What the pipeline, linkers, views, CLI and API need from a storage backend: documents,
    rejects, runs and search here; the linkers' tables behind ``events``, ``links`` and
    ``stories``. SQLite (:class:`khabar.store.sqlite.SQLiteStore`) is the default backend."""

    # Read-only (properties) so a backend's own table classes satisfy them: a plain attribute
    # in a Protocol must have exactly the declared type.
    @property
    def events(self) -> EventTables:
        """Event mentions and merged events."""
        ...

    @property
    def links(self) -> LinkTables:
        """Document links."""
        ...

    @property
    def stories(self) -> StoryTables:
        """Stories."""
        ...

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
