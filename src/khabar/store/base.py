"""The Store protocol every backend implements, and the rows it returns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:  # only in annotations: commands that never touch signatures skip numpy
    import numpy as np

from khabar.document import Document

# Matches counted for the search facets (both backends), newest first. Joining and grouping a
# candidate costs ~2 µs in SQLite (measured), so 5,000 made a search met for the first time twice
# as dear as its hits.
FACET_CANDIDATES = 2000

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


class EventRow(NamedTuple):
    """One merged event: its columns and its merged record (``data``: parties, states, names,
    documents, languages, flags, confidence; see :func:`khabar.events.merge.merged_record`)."""

    id: str
    type: str
    mode: str | None
    date: str | None
    precision: str | None
    place: str | None
    data: dict[str, Any]


class EventMentionRow(NamedTuple):
    """A document's event merged into an event: the event's index in ``Document.events``, the
    document's language and the event's stored record (as in the document's JSON)."""

    doc_id: str
    idx: int
    lang: str
    data: dict[str, Any]


class EventEvidenceRow(NamedTuple):
    """An :class:`EventMentionRow` with the text of its document (the evidence offsets point into it)."""

    doc_id: str
    idx: int
    lang: str
    text: str
    data: dict[str, Any]


class ClaimRow(NamedTuple):
    """A document's claim (its stored record) with the text of its document."""

    doc_id: str
    idx: int
    data: dict[str, Any]
    text: str


class EventTables(Protocol):
    """Event mentions and the cross-document events they are merged into (``store.events``),
    and the claims read beside them.

    A document's event ``idx`` belongs to the merged event its mention row names: that is the one
    place the fact lives (the stored document keeps its own event records without merged ids; the
    views compose them, see :func:`khabar.views.documents.with_event_ids`).
    """

    # --- the events linker
    def event_of(self, doc_id: str, idx: int) -> str | None:
        """The merged event a document's event ``idx`` is already part of, or None."""
        ...

    def add_event(
        self,
        event_id: str,
        *,
        type: str,
        mode: str | None,
        date: str | None,
        precision: str | None,
        place: str | None,
    ) -> None:
        """Create a merged event (its record is filled by :meth:`save_merged`)."""
        ...

    def add_mention(self, event_id: str, doc_id: str, idx: int) -> None:
        """Make a document's event ``idx`` a mention of a merged event."""
        ...

    def candidates(self, type: str, states: Sequence[str]) -> list[EventRow]:
        """Merged events of ``type`` with any of ``states`` as an actor or recipient state."""
        ...

    def mentions(self, event_id: str) -> list[EventMentionRow]:
        """The mentions of a merged event in document insertion order, then index."""
        ...

    def save_merged(self, event_id: str, merged: dict[str, Any], parties: Iterable[tuple[str, str]]) -> None:
        """Store a recomputed merged record (its ``type``, ``mode``, ``date``, ``precision`` and
        ``place`` become the columns) and replace the event's (entity, role) parties."""
        ...

    # --- reads
    def event_ids(self, doc_id: str) -> dict[int, str]:
        """The merged event id of each of a document's events, by index in ``Document.events``."""
        ...

    def find(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        doc_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[EventRow]:
        """Merged events, newest first (undated and year-less last), with ``entity`` as a party,
        of ``type``, told by document ``doc_id`` (or id prefix), dated from ``since`` / up to
        ``until`` (ISO prefixes; undated events drop out)."""
        ...

    def matching(self, event_id: str) -> list[EventRow]:
        """At most two merged events whose id is ``event_id`` or starts with it."""
        ...

    def evidence(self, event_id: str) -> list[EventEvidenceRow]:
        """The mentions of a merged event with their documents' text, in document order."""
        ...

    def dyad(self, a: str, b: str) -> list[tuple[str, str, int]]:
        """(month, type, events) of dated events with both ``a`` and ``b`` as parties, by month."""
        ...

    def claims(
        self,
        *,
        doc_id: str | None = None,
        entity: str | None = None,
        stance: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ClaimRow]:
        """Claims in document order, in document ``doc_id`` (or id prefix), with ``entity`` as
        speaker, target or reporter, of ``stance``."""
        ...

    def claim_answers(self, doc_id: str) -> list[tuple[int, int]]:
        """(claim index, index of the claim it answers) for a document's answering claims."""
        ...


class CopyRow(NamedTuple):
    """A document linked to an original: its id and the link's score and evidence."""

    doc_id: str
    score: float
    evidence: dict[str, Any]


class LinkTables(Protocol):
    """Duplicate, translation and shared-source links with the signatures and vectors that find
    them (``store.links``)."""

    # --- the duplicates linker
    def signed(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these documents already have a signature (they are being re-linked)."""
        ...

    def clear_document(self, doc_id: str, bands: Sequence[int]) -> None:
        """Forget a document's signature, its LSH buckets ``bands``, anchors and outgoing links."""
        ...

    def put_signature(
        self,
        *,
        doc_id: str,
        seq: int,
        lang: str,
        content_hash: str,
        canonical_id: str | None,
        shingles: int,
        minhash: np.ndarray,
        bands: Sequence[int],
        anchors: Iterable[str],
        data: dict[str, Any],
    ) -> None:
        """Store a document's signature with its LSH bucket keys and anchors (kept in ``data`` too)."""
        ...

    def hash_match(self, content_hash: str, seq: int) -> tuple[str, str | None] | None:
        """The earliest earlier document with this content hash: (id, its canonical id), or None."""
        ...

    def band_candidates(self, keys: Sequence[int], seq: int) -> list[str]:
        """Earlier documents sharing at least one LSH bucket with these keys."""
        ...

    def signatures(self, doc_ids: Sequence[str]) -> dict[str, tuple[np.ndarray, int, str | None, int]]:
        """(minhash, shingle count, canonical id, seq) of each of these documents."""
        ...

    def anchor_candidates(
        self,
        anchors: Iterable[str],
        seq: int,
        *,
        langs: Sequence[str] | None = None,
        min_shared: int = 1,
        limit: int = 20,
    ) -> dict[str, set[str]]:
        """Earlier documents (in ``langs``, or any language) sharing at least ``min_shared`` anchors:
        id -> the shared anchors, most shared first, at most ``limit``."""
        ...

    def document_anchors(self, doc_id: str) -> set[str]:
        """Every anchor stored for a document."""
        ...

    def add_link(self, doc_id: str, other_id: str, kind: str, score: float, evidence: dict[str, Any]) -> None:
        """Record that ``doc_id`` is a ``kind`` of ``other_id`` (replacing an earlier record of it)."""
        ...

    def vectors(self, doc_id: str, model: str) -> tuple[bytes, int] | None:
        """A document's cached line vectors for ``model``: (packed bytes, dimension), or None."""
        ...

    def put_vectors(self, doc_id: str, model: str, dim: int, packed: bytes) -> None:
        """Cache a document's packed line vectors for ``model``."""
        ...

    # --- reads
    def links_of(self, doc_id: str) -> list[dict[str, Any]]:
        """Every link touching the document, both directions (JSON-safe): ``direction`` is ``out``
        when this document is the copy/translation, ``in`` when it is the original; ``doc_id`` is
        always this document and ``other_id`` the one at the other end."""
        ...

    def duplicate_groups(
        self, *, kind: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[tuple[str, str]]:
        """(original id, link kind) of each group of documents linked to one original by one kind
        (of ``kind``, or any): largest groups first, then the most recently linked, then by id."""
        ...

    def copies_of(self, other_id: str, kind: str) -> list[CopyRow]:
        """The documents linked to ``other_id`` by ``kind`` (its copies or translations), highest
        score first."""
        ...

    def canonical_of(self, doc_id: str) -> str | None:
        """The original a document is a copy of, or None."""
        ...


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


class SourceRow(NamedTuple):
    """A watched source: an outlet's home page, a feed or a sitemap, and how its polling goes.

    ``next_poll`` is a Unix time; ``failing`` counts the fetches that failed in a row (the
    error budget), ``errors`` all of them; ``items`` the URLs it brought that were new.
    """

    id: int
    url: str
    name: str | None
    kind: str  # home | feed | sitemap
    parent: int | None
    interval: float
    added: str
    last_fetch: str | None
    last_status: int | None
    last_error: str | None
    next_poll: float
    etag: str | None
    last_modified: str | None
    items: int
    errors: int
    failing: int


class QueuedUrl(NamedTuple):
    """A URL found by a source, waiting to be fetched (or what became of it)."""

    url: str
    source: int | None
    found: str
    published: str | None
    title: str | None
    state: str  # queued | done | failed | skipped
    attempts: int
    error: str | None
    doc_id: str | None


class FetchFailureRow(NamedTuple):
    """One failed fetch, kept with its reason."""

    id: int
    at: str
    source: int | None
    url: str
    error: str
    detail: str
    status: int | None


class SourceTables(Protocol):
    """The watch job's tables: sources, the fetch queue and failed fetches. Writes commit at once
    (each is one step of the watch, so a kill loses nothing that was recorded)."""

    def add(
        self, url: str, kind: str, *, name: str | None, interval: float, parent: int | None = None
    ) -> tuple[int, bool]:
        """Register a source (once per URL); its id and whether it was new."""
        ...

    def remove(self, key: str) -> int:
        """Remove the source with this id or URL and the sources found from it; how many went."""
        ...

    def get(self, key: str | int) -> SourceRow | None:
        """The source with this id or URL."""
        ...

    def all(self) -> list[SourceRow]:
        """Every source, by id."""
        ...

    def due(self, now: float) -> list[SourceRow]:
        """Sources whose next poll is at or before ``now``, home pages first, then by id."""
        ...

    def polled(
        self,
        source: int,
        *,
        fetched: str,
        status: int | None,
        error: str | None,
        next_poll: float,
        etag: str | None = None,
        last_modified: str | None = None,
        new_items: int = 0,
    ) -> None:
        """Record a poll: its outcome, the validators for the next one and when it is due."""
        ...

    def enqueue(self, rows: Iterable[tuple[str, int | None, str | None, str | None]]) -> int:
        """Queue (url, source, published, title) rows whose URL is not known yet; how many were new."""
        ...

    def queued(self, limit: int) -> list[QueuedUrl]:
        """URLs waiting to be fetched, oldest found first."""
        ...

    def settle(
        self,
        url: str,
        state: str,
        *,
        error: str | None = None,
        doc_id: str | None = None,
        warc: str | None = None,
        warc_offset: int | None = None,
    ) -> None:
        """Record what became of a queued URL (one more attempt counted)."""
        ...

    def queue_counts(self) -> dict[str, int]:
        """Queued URLs per state."""
        ...

    def failed(self, source: int | None, url: str, error: str, detail: str, status: int | None) -> None:
        """Record a failed fetch with its reason."""
        ...

    def failures(self, *, source: int | None = None, limit: int = 100) -> list[FetchFailureRow]:
        """Failed fetches, newest first (of one source when given)."""
        ...


class LinkFailureRow(NamedTuple):
    """A linker that failed on one document, and why."""

    doc_id: str
    linker: str
    error: str
    detail: str
    run_id: int | None
    at: str


class LinkFailureTables(Protocol):
    """Linker failures recorded against their document (``store.link_failures``). Writes commit at
    once, outside the linker's own (rolled back) transaction."""

    def record(self, doc_id: str, linker: str, error: str, detail: str, run_id: int | None = None) -> None:
        """Record (or replace) the failure of ``linker`` on the document."""
        ...

    def clear(self, doc_ids: list[str], linker: str) -> None:
        """Forget earlier failures of ``linker`` on these documents (they were linked since)."""
        ...

    def list(self, *, limit: int = 100) -> list[LinkFailureRow]:
        """Recorded failures, newest first."""
        ...

    def count(self) -> int:
        """How many document-linker failures are recorded."""
        ...


class AlertRow(NamedTuple):
    """One saved alert: what it matches (``query`` text, the ``entities`` that text names, an
    event ``type``, a language), where its items are posted, how far stored documents were
    checked against it (``checked``: a sequence number, see :meth:`AlertTables.last_document`),
    and its item counts."""

    id: int
    name: str
    query: str
    entities: tuple[str, ...]
    type: str | None
    lang: str | None
    webhook: str | None
    checked: int
    created: str
    items: int = 0
    unread: int = 0
    undelivered: int = 0


class AlertItemRow(NamedTuple):
    """A document an alert matched, with what matched (``matched``: kind, span, text, snippet,
    entity, event type) and its read and webhook delivery state."""

    id: int
    alert_id: int
    doc_id: str
    matched: dict[str, Any]
    created: str
    read: bool
    delivered: str | None
    attempts: int
    error: str | None


class AlertTables(Protocol):
    """Saved alerts and the documents they matched (``store.alerts``)."""

    def add(
        self,
        *,
        name: str,
        query: str,
        entities: Sequence[str],
        type: str | None,
        lang: str | None,
        webhook: str | None,
        checked: int,
    ) -> int:
        """Save an alert whose documents up to sequence number ``checked`` count as seen; its id."""
        ...

    def remove(self, alert_id: int) -> bool:
        """Delete an alert and its items; False when there was none."""
        ...

    def get(self, alert_id: int) -> AlertRow | None:
        """One alert with its counts, or None."""
        ...

    def all(self, *, counts: bool = True) -> list[AlertRow]:
        """Every alert, oldest first, with its counts (zeros when ``counts`` is False: cheaper)."""
        ...

    def set_checked(self, alert_ids: Sequence[int], seq: int) -> None:
        """Record that stored documents up to sequence number ``seq`` were matched against these."""
        ...

    def last_document(self) -> int:
        """The sequence number of the newest accepted document (0 when there is none)."""
        ...

    def documents_after(self, seq: int, limit: int) -> list[tuple[int, Document]]:
        """Up to ``limit`` accepted documents stored after sequence number ``seq``, oldest first,
        each with its sequence number (the documents' raw bytes are not loaded)."""
        ...

    def add_item(self, alert_id: int, doc_id: str, matched: dict[str, Any]) -> int | None:
        """Record that an alert matched a document; the new item's id, None when it already had."""
        ...

    def items(
        self, alert_id: int, *, unread_only: bool = False, limit: int = 50, offset: int = 0
    ) -> list[AlertItemRow]:
        """An alert's items, newest first."""
        ...

    def mark_read(self, alert_id: int, item_ids: Sequence[int] | None = None) -> int:
        """Mark these items (or all the alert's items) read; how many were unread."""
        ...

    def undelivered(self, alert_id: int, limit: int = 100) -> list[AlertItemRow]:
        """Items of an alert its webhook has not taken yet, oldest first."""
        ...

    def mark_delivered(self, item_id: int) -> None:
        """Record that the webhook took an item (it is never posted again)."""
        ...

    def record_failure(self, item_id: int, attempts: int, error: str) -> None:
        """Record failed delivery attempts of an item and the last error."""
        ...


class HappeningRow(NamedTuple):
    """One happening: its date, place and record (``data``: events with their facets, parties,
    documents, languages, lines; see :func:`khabar.happenings.record.happening_record`)."""

    id: str
    date: str | None
    place: str | None
    data: dict[str, Any]


class HappeningTables(Protocol):
    """Happenings: merged events of one date grouped into one visit, meeting, attack
    (``store.happenings``); every merged event is in one happening, and a date's happenings are
    replaced together."""

    # --- the happenings linker
    def dates_to_group(self, doc_ids: Sequence[str]) -> list[str | None]:
        """Dates whose happenings must be grouped again after these documents were linked: their
        events' dates, the dates their happenings had, and dates of events in no happening yet."""
        ...

    def events_on(self, date: str | None) -> list[tuple[str, str | None, dict[str, Any], list[str]]]:
        """(id, place, merged record, documents) of the merged events of ``date`` (None: undated)."""
        ...

    def same_text_links(self, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(document, other) links of translation or duplicate kinds touching these documents."""
        ...

    def replace_date(self, date: str | None, happenings: Iterable[dict[str, Any]]) -> None:
        """Replace every happening of ``date`` by these records."""
        ...

    # --- reads
    def find(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        lang: str | None = None,
        story: str | None = None,
        doc_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[HappeningRow]:
        """Happenings, newest first, filtered by party, event type, document language, story (its
        documents), document and ISO date prefixes."""
        ...

    def matching(self, happening_id: str) -> list[HappeningRow]:
        """At most two happenings whose id is ``happening_id`` or starts with it."""
        ...

    def of_events(self, event_ids: Sequence[str]) -> dict[str, str]:
        """The happening of each of these merged events (those in one)."""
        ...


class ShardRow(NamedTuple):
    """One shard of a sharded ingest in the ledger (``store.shards``)."""

    run_key: str  # fingerprint of the run's arguments: the same command planned again has the same key
    shard_id: str
    position: int
    label: str
    state: str  # planned, running, done, failed
    attempts: int
    error: str | None
    run_id: int | None  # the run that last worked on it
    read: int
    stored: int
    updated: str


class ShardTables(Protocol):
    """The shard ledger of sharded ingests (:mod:`khabar.executors`): which shards of a run's
    input are done, so a killed run re-run with the same arguments does only the rest. Every
    write commits at once."""

    def plan(self, run_key: str, shards: Sequence[tuple[str, int, str]]) -> None:
        """Record ``(shard id, position, label)`` of a run as planned; shards already in the
        ledger keep their state."""
        ...

    def unfinished(self, run_key: str) -> set[str]:
        """Ids of the run's shards that are not done (planned, running or failed)."""
        ...

    def started(self, run_key: str, shard_id: str, run_id: int) -> int:
        """Mark a shard running for ``run_id`` and count the attempt; the attempts so far."""
        ...

    def done(self, run_key: str, shard_id: str, run_id: int, read: int, stored: int) -> None:
        """Mark a shard done: its documents are stored."""
        ...

    def failed(self, run_key: str, shard_id: str, run_id: int, error: str) -> None:
        """Mark a shard failed with its error (after its last attempt)."""
        ...

    def rows(self, run_key: str | None = None) -> list[ShardRow]:
        """The ledger (of one run key), by run key and position."""
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

    @property
    def sources(self) -> SourceTables:
        """Watched sources and the fetch queue."""
        ...

    @property
    def link_failures(self) -> LinkFailureTables:
        """Linker failures per document."""
        ...

    @property
    def alerts(self) -> AlertTables:
        """Saved alerts and their items."""
        ...

    @property
    def happenings(self) -> HappeningTables:
        """Happenings: merged events grouped into one visit, meeting, attack."""
        ...

    @property
    def shards(self) -> ShardTables:
        """The shard ledger of sharded ingests."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """A unit of work: everything written inside commits together or not at all."""
        ...

    def put(self, doc: Document, run_id: int | None = None) -> bool:
        """Store a document (or its reject); return False when it was already stored. With a
        ``run_id``, a new accepted document is marked as waiting for its linkers, in the same
        transaction (:meth:`pending_links`)."""
        ...

    def put_batch(self, docs: list[Document], run_id: int | None = None) -> list[bool]:
        """Store a batch in one transaction; for each document, whether it was new."""
        ...

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id or unique id prefix (a rejected one too), or None."""
        ...

    def pending_links(self, limit: int) -> list[str]:
        """Ids of stored documents whose linkers have not finished, oldest first."""
        ...

    def links_done(self, doc_ids: Sequence[str]) -> None:
        """Clear the pending-linkers marks of these documents (their linkers have run)."""
        ...

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these ids are stored as accepted documents."""
        ...

    def summaries(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Short records of accepted documents from their row alone (``id``, ``title``, ``lang``,
        ``published``, ``outlet``, ``url``, ``uri``), by id; unknown ids are left out."""
        ...

    def document_ids(self, *, lang: str | None = None, limit: int = 20, offset: int = 0) -> list[str]:
        """Ids of accepted documents (of ``lang``), newest publication date first, undated last."""
        ...

    def count_documents(self, *, lang: str | None = None) -> int:
        """How many accepted documents (of ``lang``) are stored."""
        ...

    def documents_after(self, seq: int, limit: int = 10) -> tuple[int, list[str]]:
        """(how many accepted documents were stored after insertion number ``seq``, the ids of
        the newest ``limit`` of them, newest first)."""
        ...

    def latest_sequence(self) -> int:
        """The insertion number of the newest stored document (0 for an empty store)."""
        ...

    def ids_from_source(self, uri: str) -> list[str]:
        """Ids of the accepted documents read from the file ``uri`` (containers name their records
        ``uri#record``), in insertion order."""
        ...

    def sequence_numbers(self, doc_ids: Sequence[str]) -> dict[str, int]:
        """Each stored document's insertion number (increasing with the order documents were stored)."""
        ...

    def languages(self) -> set[str]:
        """Languages of the stored documents."""
        ...

    def entity_counts(self, label: str | None = None) -> list[tuple[str, str, int, int, str]]:
        """(entity id, label, documents, mentions, a surface) per mentioned entity, most documents first."""
        ...

    def entity_mentions(self, entities: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """(document id, surface text, start, end) of every mention of these entities."""
        ...

    def co_mentions(self, entities: Sequence[str], limit: int = 15) -> list[tuple[str, str, int]]:
        """Entities mentioned in the same documents as these: (id, label, shared documents)."""
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
        country: str | None = None,
        outlet_kind: str | None = None,
        page_kind: str | None = None,
    ) -> list[SearchHit]:
        """Full-text search over normalised text (the query is normalised the same way), then
        documents mentioning ``entities``; filtered by language, ISO date prefix range, outlet,
        PLOVER event type, the entities a document mentions, the outlet's country and kind, and
        the page kind."""
        ...

    def search_facets(
        self, query: str, *, entities: Sequence[str] = (), **filters: Any
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts of :meth:`search`'s matches (same filters) by ``outlet``, ``country``,
        ``outlet_kind`` and ``page_kind``, most first ("" for unknown)."""
        ...

    def rejects(self, *, reason: str | None = None) -> list[RejectRow]:
        """Rejected documents, newest first."""
        ...

    def documents(self, *, lang: str | None = None) -> Iterator[Document]:
        """Every accepted document, in insertion order."""
        ...

    def integrity(self) -> str:
        """``ok``, or what a check of the whole stored file found wrong."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts: documents, per language, per kind, rejects per reason, runs (from counters the
        store keeps as it writes, so as cheap at 100k documents as at 10)."""
        ...

    def stats_recount(self) -> dict[str, Any]:
        """:meth:`stats` counted from the stored rows themselves (the check of the counters)."""
        ...

    def start_run(self, command: str) -> int:
        """Record the start of a run; return its id."""
        ...

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        """Record a run's end and its stats."""
        ...

    def optimize(self) -> None:
        """Tidy the indexes after a bulk load, so searches run at full speed."""
        ...

    def close(self) -> None:
        """Flush and close."""
        ...

    def __enter__(self) -> Store:
        """The store itself, closed when the ``with`` block ends."""
        ...

    def __exit__(self, *exc: object) -> None:
        """Close the store."""
        ...
