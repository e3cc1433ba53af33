"""A happening's record: what the store keeps for it and the views show (its events with their
facets, parties, documents, languages, and its line in every reader's language)."""

from __future__ import annotations

from typing import Any

from khabar.happenings.group import Group
from khabar.happenings.line import READER_LANGS, facet_key, lead_party, line
from khabar.happenings.parties import all_parties, named

#: What a happening keeps of each of its events.
FACET_FIELDS = (
    "type",
    "mode",
    "actors",
    "recipients",
    "actor_states",
    "recipient_states",
    "hosts",
    "actor_nouns",
    "recipient_nouns",
    "flags",
)


def facet(event_id: str, merged: dict[str, Any]) -> dict[str, Any]:
    """One event of a happening: its id, type, mode, parties (named ones only), flags."""
    out: dict[str, Any] = {"id": event_id}
    for key in FACET_FIELDS:
        value = merged.get(key)
        if key in ("actors", "recipients", "hosts"):
            value = [p for p in value or [] if named(p)]
        if value is None and key not in ("type", "mode"):
            value = {} if key == "flags" else []
        out[key] = value
    return out


def happening_record(group: Group) -> dict[str, Any]:
    """The record of a group of merged events found to be one happening."""
    first = group.events[0]
    facets = sorted((facet(e.id, e.data) for e in group.events), key=lambda f: (*facet_key(f), f["id"]))
    documents = list(dict.fromkeys(d for e in group.events for d in e.data.get("documents", e.documents)))
    languages = list(dict.fromkeys(lang for e in group.events for lang in e.data.get("languages", [])))
    names: dict[str, str] = {}
    for e in group.events:
        for entity, text in (e.data.get("names") or {}).items():
            names.setdefault(entity, text)
    lead = lead_party(facets)
    parties = [p for ev in facets for p in all_parties(ev)]
    parties = list(dict.fromkeys(([lead] if lead else []) + parties))
    precisions = [e.data.get("precision") for e in group.events if e.data.get("precision")]
    return {
        "id": group.id,
        "date": first.date,
        "precision": precisions[0] if precisions else None,
        "place": group.place,
        "parties": parties,
        "states": list(
            dict.fromkeys(s for ev in facets for s in [*ev["actor_states"], *ev["recipient_states"]])
        ),
        "lead": lead,
        "events": facets,
        "documents": documents,
        "languages": languages,
        "names": {p: names[p] for p in parties if p in names},
        "lines": {
            lang: line(first.date, group.place, facets, languages, len(documents), lang, names)
            for lang in READER_LANGS
        },
    }
