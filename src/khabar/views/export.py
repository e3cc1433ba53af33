"""What ``khabar export`` writes: the JSONL record and the CSV row of a document (with what the
linkers found, composed by :func:`khabar.views.documents.with_links`), and the events TSV, one
row per merged event (a GDELT-like table for pandas or R). Formats: docs/schema.md."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from khabar.document import Document
from khabar.store.base import Store
from khabar.views.documents import with_links
from khabar.views.events import list_events


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
        "page_kind": doc.page_kind,
        "provenance": {
            "outlet": prov["outlet"],
            "outlet_name": prov.get("outlet_name"),
            "country": prov.get("country"),
            "outlet_kind": prov.get("outlet_kind"),
            "outlet_lang": prov.get("outlet_lang"),
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


def export_jsonl(docs: Iterable[Document], out: TextIO, store: Store | None = None) -> int:
    """Write one export record per line (with the store's links when given); return how many."""
    n = 0
    for doc in docs:
        record = export_record(with_links(store, doc) if store is not None else doc)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


#: The columns of the events table, documented in docs/schema.md ("Events table").
EVENT_COLUMNS = (
    "event_id",
    "date",
    "precision",
    "type",
    "mode",
    "quad",
    "actor_names",
    "actor_ids",
    "actor_countries",
    "recipient_names",
    "recipient_ids",
    "recipient_countries",
    "place_name",
    "place_id",
    "negated",
    "hypothetical",
    "future",
    "historical",
    "confidence",
    "n_documents",
    "documents",
    "languages",
    "evidence_doc",
    "evidence",
    "happening",
)
#: Events fetched from the store per query while exporting.
PAGE = 500


def _join(values: list[Any]) -> str:
    return "|".join(str(v) for v in values if v)


def event_row(event: dict[str, Any]) -> list[str]:
    """One TSV row for a merged event (as returned by :func:`khabar.views.events.list_events`)."""
    flags = event.get("flags", {})
    first = event["evidence"][0] if event["evidence"] else {}
    place = event.get("place") or {}
    return [
        event["id"],
        event.get("date") or "",
        event.get("precision") or "",
        event["type"],
        event.get("mode") or "",
        event.get("quad") or "",
        _join([a["name"] for a in event["actors"]]),
        _join([a["id"] for a in event["actors"]]),
        _join(list(dict.fromkeys(event.get("actor_states", [])))),
        _join([r["name"] for r in event["recipients"]]),
        _join([r["id"] for r in event["recipients"]]),
        _join(list(dict.fromkeys(event.get("recipient_states", [])))),
        place.get("name", ""),
        place.get("id", ""),
        *(str(int(bool(flags.get(f)))) for f in ("negated", "hypothetical", "future", "historical")),
        f"{float(event.get('confidence', 0.0)):.2f}",
        str(len(event["documents"])),
        _join(event["documents"]),
        _join(event.get("languages", [])),
        first.get("doc_id", ""),
        " ".join(first.get("text", "").split()),
        event.get("happening") or "",
    ]


def write_events_tsv(store: Store, stream: TextIO) -> int:
    """Write every merged event as a tab-separated row (header first); return the number of rows."""
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(EVENT_COLUMNS)
    n = 0
    offset = 0
    while True:
        page = list_events(store, limit=PAGE, offset=offset)
        for event in page:
            writer.writerow(event_row(event))
            n += 1
        if len(page) < PAGE:
            return n
        offset += PAGE
