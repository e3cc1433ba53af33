"""Happenings as the CLI, the API and the web UI show them: the stored record with named
parties, each event with its facets, the evidence sentences of every document that tells it, and
the line in the reader's language. Filters read ``store.happenings``; a story filter is the
story's documents (``store.stories``)."""

from __future__ import annotations

from typing import Any

from khabar.events.ontology import QUADS
from khabar.events.states import state_of
from khabar.happenings.line import READER_LANGS, name_in
from khabar.store.base import HappeningRow, Store
from khabar.views.entities import entity_name

#: Characters of an evidence sentence returned at most.
EVIDENCE_CHARS = 400


def happening_record(store: Store, row: HappeningRow, reader: str = "en") -> dict[str, Any]:
    """A happening with named parties, its events (facets, evidence) and its line for ``reader``."""
    data = row.data
    names = data.get("names", {})
    day = row.date if row.date and not row.date.startswith("X") else None
    lang = reader if reader in READER_LANGS else "en"

    def party(entity: str) -> dict[str, Any]:
        return {
            "id": entity,
            "name": entity_name(entity, names.get(entity)),
            "shown": name_in(entity, lang, names),
            "state": state_of(entity, day),
        }

    events = []
    evidence: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for facet in data.get("events", []):
        sentences = []
        for found in store.events.evidence(facet["id"]):
            mention = found.data
            start, end = mention["evidence_start"], mention["evidence_end"]
            sentence = {
                "event_id": facet["id"],
                "doc_id": found.doc_id,
                "lang": found.lang,
                "text": found.text[start:end][:EVIDENCE_CHARS],
                "start": start,
                "end": end,
                "trigger": mention.get("text", ""),
            }
            sentences.append(sentence)
            if (found.doc_id, start) not in seen:
                seen.add((found.doc_id, start))
                evidence.append(sentence)
        events.append(
            {
                "id": facet["id"],
                "type": facet.get("type"),
                "mode": facet.get("mode"),
                "quad": QUADS.get(facet.get("type", "")),
                "actors": [party(a) for a in facet.get("actors", [])],
                "recipients": [party(r) for r in facet.get("recipients", [])],
                "actor_nouns": facet.get("actor_nouns", []),
                "recipient_nouns": facet.get("recipient_nouns", []),
                "flags": facet.get("flags", {}),
                "evidence": sentences,
            }
        )
    lines = data.get("lines", {})
    return {
        "id": row.id,
        "date": row.date,
        "precision": data.get("precision"),
        "place": party(row.place) if row.place else None,
        "parties": [party(p) for p in data.get("parties", [])],
        "lead": data.get("lead"),
        "line": lines.get(lang, lines.get("en", "")),
        "lines": lines,
        "events": events,
        "types": sorted({e["type"] for e in events if e["type"]}),
        "documents": data.get("documents", []),
        "n_documents": len(data.get("documents", [])),
        "languages": data.get("languages", []),
        "evidence": evidence,
    }


def list_happenings(
    store: Store,
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
    reader: str = "en",
) -> list[dict[str, Any]]:
    """Happenings, newest first (undated last), filtered by party (an entity or a state), PLOVER
    type, document language, story (its documents), document and ISO date prefixes."""
    story_id = None
    if story is not None:
        rows = store.stories.matching(story)
        exact = [r for r in rows if r.id == story] or (rows if len(rows) == 1 else [])
        if not exact:
            return []
        story_id = exact[0].id
    found = store.happenings.find(
        entity=entity,
        type=type.upper() if type else None,
        lang=lang,
        story=story_id,
        doc_id=doc_id,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return [happening_record(store, row, reader) for row in found]


def get_happening(store: Store, happening_id: str, reader: str = "en") -> dict[str, Any] | None:
    """One happening by id (or unique id prefix), or None."""
    rows = store.happenings.matching(happening_id)
    return happening_record(store, rows[0], reader) if len(rows) == 1 else None
