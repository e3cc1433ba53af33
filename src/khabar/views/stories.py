"""Stories as the CLI, the HTTP API and the web UI show them: JSON-safe summaries with titles and
named entities, one story with its documents, episodes, events and timeline, and the stories a
document belongs to.

Composed from ``store.stories`` reads; a document's story is read from its memberships there
(the stored document does not hold it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from khabar.dates import sort_key
from khabar.kb import load_kb
from khabar.store.base import Store, StoryRow
from khabar.stories.profile import EVENT_FEATURE
from khabar.stories.titles import story_titles

# Entities shown with a story in a listing.
TOP_ENTITIES = 6


def list_stories(
    store: Store,
    *,
    level: str | None = None,
    entity: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stories, most recent first: id, level, parent, title per language, span, counts, top entities."""
    return _summaries(store, store.stories.recent(level=level, entity=entity, limit=limit, offset=offset))


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story (id or unique id prefix): its summary, documents, episodes, events and timeline."""
    rows = store.stories.matching(story_id)
    if len(rows) != 1:
        exact = [r for r in rows if r.id == story_id]
        if not exact:
            return None
        rows = exact
    story = _summaries(store, rows)[0]
    sid = story["id"]
    docs = [{**d, "score": round(d["score"], 3)} for d in store.stories.documents_in(sid)]
    story["documents"] = docs
    episodes = _summaries(store, store.stories.children(sid))
    episodes.sort(key=lambda e: (sort_key(e["start"]), e["id"]))
    story["episodes"] = episodes
    events = store.stories.mentioned_events([d["id"] for d in docs])
    story["events"] = [e["id"] for e in events]
    happenings = _happenings(store, [e["id"] for e in events])
    story["happenings"] = list(dict.fromkeys(h["id"] for h in happenings.values()))
    story["timeline"] = _timeline(docs, episodes, events, happenings)
    return story


def _happenings(store: Store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The happening (id, date, English line) of each event that is in one."""
    rows: dict[str, dict[str, Any]] = {}
    out = {}
    for event_id, happening_id in store.happenings.of_events(event_ids).items():
        if happening_id not in rows:
            found = store.happenings.matching(happening_id)
            line = found[0].data.get("lines", {}).get("en", "") if len(found) == 1 else ""
            rows[happening_id] = {"id": happening_id, "date": found[0].date if found else None, "line": line}
        out[event_id] = rows[happening_id]
    return out


def story_of(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The episode and thread a document belongs to ({"episode": …, "thread": …}), or None."""
    rows = store.stories.containing(doc_id)
    if not rows:
        return None
    by_level = {s["level"]: s for s in _summaries(store, rows)}
    return {"episode": by_level.get("episode"), "thread": by_level.get("thread")}


def _summaries(store: Store, rows: Sequence[StoryRow]) -> list[dict[str, Any]]:
    if not rows:
        return []
    top: dict[str, list[tuple[str, int]]] = {r.id: [] for r in rows}
    for sid, entity, _weight, docs in store.stories.entities_by_weight([r.id for r in rows]):
        if len(top[sid]) < TOP_ENTITIES and not entity.startswith(EVENT_FEATURE):
            top[sid].append((entity, docs))
    kb = load_kb()
    out = []
    for row in rows:
        d = json.loads(row.data)
        names = d.get("names", {})
        entities = []
        for entity, docs in top[row.id]:
            known = kb.get(entity)
            entities.append(
                {"id": entity, "name": known.label if known else names.get(entity, entity), "documents": docs}
            )
        summary = {
            "id": row.id,
            "level": row.level,
            "parent": row.parent,
            "title": story_titles(d),
            "start": row.start,
            "end": row.end,
            "date": d.get("date"),
            "documents": d.get("documents", 0),
            "languages": _ranked(d.get("languages", {})),
            "outlets": _ranked(d.get("outlets", {})),
            "entities": entities,
        }
        if row.level == "thread":
            summary["episodes"] = d.get("episodes", 0)
        out.append(summary)
    return out


def _ranked(counts: dict[str, int]) -> list[str]:
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if k]


def _timeline(
    docs: list[dict[str, Any]],
    episodes: list[dict[str, Any]],
    events: list[dict[str, Any]],
    happenings: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """Episodes, happenings (an event in none as itself) and documents, in date order."""
    items: list[dict[str, Any]] = []
    for e in episodes:
        lang = e["languages"][0] if e["languages"] else None
        label = e["title"].get(lang, "") if lang else ""
        items.append({"date": e["start"], "kind": "episode", "id": e["id"], "label": label, "lang": lang})
    shown: set[str] = set()
    for ev in events:
        if ev["id"] in happenings:
            h = happenings[ev["id"]]
            if h["id"] not in shown:
                shown.add(h["id"])
                items.append(
                    {"date": h["date"], "kind": "happening", "id": h["id"], "label": h["line"], "lang": None}
                )
            continue
        label = " ".join(x for x in (ev["type"], ev["mode"]) if x)
        items.append({"date": ev["date"], "kind": "event", "id": ev["id"], "label": label, "lang": None})
    for d in docs:
        # A file's modification time is not a date of the news; such a page stays undated.
        published = d["published"] if d["published_source"] != "file_mtime" else None
        items.append(
            {
                "date": d["date"] or published,
                "kind": "document",
                "id": d["id"],
                "label": d["title"],
                "lang": d["lang"],
            }
        )
    order = {"episode": 0, "happening": 1, "event": 1, "document": 2}
    items.sort(key=lambda i: (sort_key(i["date"]), order[i["kind"]], i["id"]))
    return items
