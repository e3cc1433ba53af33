"""The main jobs as plain functions: the CLI and API are thin wrappers over these."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from khabar.config import Config
from khabar.document import Document
from khabar.ingest import read_paths
from khabar.linking import load_linkers, run_linkers
from khabar.pipeline import build
from khabar.store.sqlite import SQLiteStore


@dataclass
class IngestReport:
    """What an ingest run read, stored and set aside."""

    run_id: int
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    stages: dict[str, Any] = field(default_factory=dict)
    links: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def failure_share(self) -> float:
        """Share of read documents that were rejected."""
        return self.rejected / self.read if self.read else 0.0


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Sequence[str],
    store: SQLiteStore,
    config: Config,
    on_document: Callable[[Document], None] | None = None,
) -> IngestReport:
    """Read ``paths``, run the configured stages and store every document, rejects included."""
    pipeline = build(config.stages, strict=config.strict)
    linkers = load_linkers(config.links)
    run_id = store.start_run("ingest " + " ".join(paths))
    report = IngestReport(run_id=run_id)
    docs = pipeline.run(read_paths(paths, max_bytes=config.max_document_bytes))
    for batch in _batches(docs, config.batch_size):
        for doc in batch:
            if on_document:
                on_document(doc)
        fresh = store.put_batch(batch, run_id)
        new = [d for d, is_new in zip(batch, fresh, strict=True) if is_new and not d.rejected]
        _add_counts(report.links, run_linkers(store, new, linkers))
        report.read += len(batch)
        report.stored += sum(fresh)
        report.already_stored += len(batch) - sum(fresh)
    stats = pipeline.stats.as_dict()
    report.rejected = pipeline.stats.rejected
    report.reasons = dict(pipeline.stats.reasons)
    report.stages = stats["stages"]  # type: ignore[assignment]
    store.finish_run(run_id, {**stats, "links": report.links})
    return report


def relink(store: SQLiteStore, config: Config) -> dict[str, dict[str, int]]:
    """Run the cross-document linkers over every stored document again, in insertion order."""
    linkers = load_linkers(config.links)
    counts: dict[str, dict[str, int]] = {}
    for batch in _batches(store.documents(), config.batch_size):
        _add_counts(counts, run_linkers(store, batch, linkers))
    return counts


def _add_counts(total: dict[str, dict[str, int]], more: dict[str, dict[str, int]]) -> None:
    for name, counters in more.items():
        mine = total.setdefault(name, {})
        for key, n in counters.items():
            mine[key] = mine.get(key, 0) + n


def entity_ids(name: str) -> list[str]:
    """Entity ids a name refers to, in any script: an id itself, or knowledge-base aliases."""
    from khabar.kb import load_kb

    kb = load_kb()
    if name in kb or name.startswith("u:"):
        return [name]
    return [e.id for e in kb.lookup(name)]


def with_links(store: SQLiteStore, doc: Document) -> Document:
    """``doc`` with what the cross-document linkers stored about it: its merged event ids,
    duplicate/translation links, the document it translates, and its story episode."""
    from khabar.store.events import event_ids
    from khabar.store.links import links_for, origin_of
    from khabar.store.stories import story_of

    merged = event_ids(store, doc.id)
    for idx, event in enumerate(doc.events):
        event.id = merged.get(idx, event.id)
    doc.duplicates = links_for(store, doc.id)
    doc.provenance.translation_of = origin_of(store, doc, doc.duplicates)["translation_of"]
    episode = (story_of(store, doc.id) or {}).get("episode")
    doc.story = episode["id"] if episode else doc.story
    return doc


def export_record(doc: Document) -> dict[str, Any]:
    """The documented export form of a document (see docs/schema.md); pass it through
    :func:`with_links` first to include what the cross-document linkers found."""
    data = doc.to_dict()
    prov = data["provenance"]
    return {
        "id": doc.id,
        "source": data["source"],
        "lang": doc.lang,
        "script": doc.script,
        "lang_confidence": doc.lang_confidence,
        "title": doc.title,
        "published": data["published"],
        "text": doc.text,
        "segments": data["segments"],
        "provenance": {
            "outlet": prov["outlet"],
            "url": prov["url"],
            "cited_urls": doc.provenance.cited_urls,
            "agencies": doc.provenance.agencies,
            "cited": prov["cited"],
            "translation_of": prov["translation_of"],
        },
        "mentions": data["mentions"],
        "times": data["times"],
        "events": data["events"],
        "claims": data["claims"],
        "duplicates": data["duplicates"],
        "story": doc.story,
    }


#: Columns of the CSV export, one row per document.
CSV_COLUMNS = (
    "id",
    "uri",
    "url",
    "outlet",
    "lang",
    "script",
    "title",
    "published",
    "published_source",
    "cited_urls",
    "agencies",
    "segments",
    "mentions",
    "times",
    "events",
    "claims",
    "text",
)


def csv_row(doc: Document) -> list[str]:
    """One CSV row (see :data:`CSV_COLUMNS`); lists are joined with " | "."""
    pub = doc.published
    return [
        doc.id,
        doc.source.uri,
        doc.source.url or "",
        doc.provenance.outlet or doc.source.outlet or "",
        doc.lang,
        doc.script,
        doc.title,
        pub.value if pub else "",
        pub.source if pub else "",
        " | ".join(doc.provenance.cited_urls),
        " | ".join(doc.provenance.agencies),
        str(len(doc.segments)),
        str(len(doc.mentions)),
        str(len(doc.times)),
        str(len(doc.events)),
        str(len(doc.claims)),
        doc.text,
    ]


def export_jsonl(docs: Iterable[Document], out: TextIO, store: SQLiteStore | None = None) -> int:
    """Write one export record per line (with the store's links when given); return how many."""
    n = 0
    for doc in docs:
        record = export_record(with_links(store, doc) if store is not None else doc)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
