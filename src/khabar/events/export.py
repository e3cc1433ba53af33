"""``khabar export --format events-tsv``: one row per merged event, a GDELT-like table for pandas or R."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from khabar.store.events import list_events
from khabar.store.sqlite import SQLiteStore

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
)
#: Events fetched from the store per query while exporting.
PAGE = 500


def _join(values: list[Any]) -> str:
    return "|".join(str(v) for v in values if v)


def event_row(event: dict[str, Any]) -> list[str]:
    """One TSV row for a merged event (as returned by :func:`khabar.store.events.list_events`)."""
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
    ]


def write_events_tsv(store: SQLiteStore, stream: TextIO) -> int:
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
