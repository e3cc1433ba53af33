"""Story tables: episodes and threads, their documents, entities and lookup keys.

Writes are used by the story clusterer (:mod:`khabar.stories.cluster`); the read functions
(:func:`list_stories`, :func:`get_story`, :func:`story_of`) return JSON-safe dicts for the CLI,
the HTTP API and the web UI.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import repeat
from operator import mul
from typing import Any

from khabar.store.sqlite import SQLiteStore

# Entities shown with a story in a listing.
TOP_ENTITIES = 6

# Story centroids also hold coded event types as pseudo-entities "ev:TYPE" (not shown as entities).
EVENT_FEATURE = "ev:"

# Parameters per SQL statement when looking up many keys (SQLite's default limit is 999).
SQL_CHUNK = 900

# Link kinds (owner: dedup) that put two documents in the same episode.
SAME_EPISODE_LINKS = ("duplicate_of", "near_duplicate_of", "translation_of")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class StoryRecord:
    """A story row with its entity centroid, held in memory while a batch is clustered."""

    id: str
    level: str  # episode | thread
    parent: str | None = None
    start: str | None = None
    end: str | None = None
    raw_data: str | None = None  # the stored JSON, parsed on first use of :attr:`data`
    weights: dict[str, float] = field(default_factory=dict)  # entity -> summed weight (the centroid)
    documents: dict[str, int] = field(default_factory=dict)  # entity -> documents mentioning it
    norm2: float = 0.0  # squared length of the centroid, kept up to date
    changed: set[str] = field(default_factory=set)  # entities to write back
    new: bool = False
    _data: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        """The ``data`` JSON of the story (parsed when first used: most candidates loaded for a
        batch are ruled out by their entities or dates alone)."""
        if self._data is None:
            self._data = json.loads(self.raw_data) if self.raw_data else {}
            self.raw_data = None
        return self._data

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self._data = value
        self.raw_data = None

    def add_entity(self, entity: str, weight: float) -> None:
        """Add one document's weight for ``entity`` to the centroid."""
        old = self.weights.get(entity, 0.0)
        self.weights[entity] = old + weight
        self.norm2 += (old + weight) ** 2 - old * old
        self.documents[entity] = self.documents.get(entity, 0) + 1
        self.changed.add(entity)

    def add_entities(self, vector: dict[str, float]) -> None:
        """Add one document's entity weights to the centroid (:meth:`add_entity` for each)."""
        weights, documents, changed = self.weights, self.documents, self.changed
        norm2 = self.norm2
        for entity, weight in vector.items():
            old = weights.get(entity, 0.0)
            weights[entity] = old + weight
            norm2 += (old + weight) ** 2 - old * old
            documents[entity] = documents.get(entity, 0) + 1
        self.norm2 = norm2
        changed.update(vector)

    def similarity(self, vector: dict[str, float], norm: float = 0.0) -> float:
        """Cosine similarity of an entity vector (of length ``norm``, computed when 0) with the centroid."""
        if not vector or self.norm2 <= 0:
            return 0.0
        # The products in the vector's order, as a generator would sum them, at C speed.
        dot = sum(map(mul, vector.values(), map(self.weights.get, vector, repeat(0.0))))
        if dot <= 0:
            return 0.0
        norm = norm or math.sqrt(sum(map(mul, vector.values(), vector.values())))
        return float(dot / (norm * math.sqrt(self.norm2)))


def story_titles(data: dict[str, Any]) -> dict[str, str]:
    """A story's title per language: its theme ("Russia – North Korea") for a thread about two or
    more states, else the title of its most central document in that language."""
    titles = {lang: t["title"] for lang, t in data.get("titles", {}).items()}
    titles.update(data.get("theme") or {})
    return titles


# --- writes (story clusterer) -------------------------------------------------------------------
def load_stories(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, StoryRecord]:
    """The stories with these ids and their entities (two queries per :data:`SQL_CHUNK` ids)."""
    out: dict[str, StoryRecord] = {}
    ids = list(dict.fromkeys(ids))
    for i in range(0, len(ids), SQL_CHUNK):
        part = ids[i : i + SQL_CHUNK]
        marks = ",".join("?" * len(part))
        sql = f'SELECT id, level, parent, start, "end", data FROM stories WHERE id IN ({marks})'
        for sid, level, parent, start, end, data in conn.execute(sql, part):
            out[sid] = StoryRecord(sid, level, parent, start, end, raw_data=data)
        sql = f"SELECT story_id, entity, weight, documents FROM story_entities WHERE story_id IN ({marks})"
        for sid, entity, weight, docs in conn.execute(sql, part):
            story = out[sid]
            story.weights[entity] = weight
            story.documents[entity] = docs
            story.norm2 += weight * weight
    return out


def save_stories(conn: sqlite3.Connection, stories: Iterable[StoryRecord]) -> None:
    """Write stories and their changed entities (insert or update, never delete)."""
    now = _now()
    rows: list[tuple[Any, ...]] = []
    ents: list[tuple[str, str, float, int]] = []
    for s in stories:
        titles = story_titles(s.data)
        title = titles.get("en") or next(iter(titles.values()), "")
        rows.append(
            (s.id, s.level, s.parent, title, s.start, s.end, json.dumps(s.data, ensure_ascii=False), now)
        )
        ents.extend((s.id, e, s.weights[e], s.documents[e]) for e in sorted(s.changed))
        s.changed.clear()
        s.new = False
    # Not INSERT OR REPLACE: replacing deletes the row first, and the delete would cascade.
    conn.executemany(
        'INSERT INTO stories(id, level, parent, title, start, "end", data, updated) VALUES (?,?,?,?,?,?,?,?)'
        " ON CONFLICT(id) DO UPDATE SET parent=excluded.parent, title=excluded.title,"
        ' start=excluded.start, "end"=excluded."end", data=excluded.data, updated=excluded.updated',
        rows,
    )
    conn.executemany(
        "INSERT INTO story_entities(story_id, entity, weight, documents) VALUES (?,?,?,?)"
        " ON CONFLICT(story_id, entity) DO UPDATE SET weight=excluded.weight, documents=excluded.documents",
        ents,
    )


def add_documents(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, float, str | None]]) -> None:
    """Put documents in stories: (story id, document id, score, the document's content date)."""
    conn.executemany(
        "INSERT OR REPLACE INTO story_documents(story_id, doc_id, score, date) VALUES (?,?,?,?)", rows
    )


def set_document_story(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
    """Record (episode id, document id) in the stored document's ``story`` field (the export)."""
    conn.executemany("UPDATE documents SET data = json_set(data, '$.story', ?) WHERE id = ?", pairs)


def add_keys(conn: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> None:
    """Index stories under lookup keys: (key, story id)."""
    conn.executemany("INSERT OR IGNORE INTO story_index(key, story_id) VALUES (?,?)", rows)


def candidates(conn: sqlite3.Connection, keys: Sequence[str], limit: int) -> list[str]:
    """Stories indexed under the most of ``keys``, best first."""
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    sql = (
        f"SELECT story_id FROM story_index WHERE key IN ({marks})"
        " GROUP BY story_id ORDER BY count(*) DESC, story_id LIMIT ?"
    )
    return [r[0] for r in conn.execute(sql, [*keys, limit])]


def index_entries(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, list[str]]:
    """The stories indexed under each of ``keys`` (one query per :data:`SQL_CHUNK` keys); keys
    without stories are left out. :func:`rank_candidates` ranks them as :func:`candidates` does."""
    wanted = list(dict.fromkeys(keys))
    out: dict[str, list[str]] = {}
    for i in range(0, len(wanted), SQL_CHUNK):
        part = wanted[i : i + SQL_CHUNK]
        marks = ",".join("?" * len(part))
        for key, sid in conn.execute(f"SELECT key, story_id FROM story_index WHERE key IN ({marks})", part):
            out.setdefault(key, []).append(sid)
    return out


def rank_candidates(
    index: dict[str, list[str]] | dict[str, set[str]], keys: Sequence[str], limit: int
) -> list[str]:
    """Stories indexed under the most of ``keys`` in ``index`` (key -> story ids), best first, ties
    by id: the in-memory form of :func:`candidates`."""
    counts: dict[str, int] = {}
    get = counts.get
    for key in dict.fromkeys(keys):
        for sid in index.get(key, ()):
            counts[sid] = get(sid, 0) + 1
    if not counts:
        return []
    # By id, then (a stable sort) by count, most first: ORDER BY count(*) DESC, story_id.
    ranked = sorted(counts)
    ranked.sort(key=counts.__getitem__, reverse=True)
    return ranked[:limit]


def stored_documents(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> set[str]:
    """Which of these documents are already in a story."""
    out: set[str] = set()
    for i in range(0, len(doc_ids), SQL_CHUNK):
        part = list(doc_ids[i : i + SQL_CHUNK])
        marks = ",".join("?" * len(part))
        sql = f"SELECT DISTINCT doc_id FROM story_documents WHERE doc_id IN ({marks})"
        out.update(r[0] for r in conn.execute(sql, part))
    return out


def stored_episode(conn: sqlite3.Connection, doc_id: str) -> str | None:
    """The episode a document is already in, or None."""
    row = conn.execute(
        "SELECT sd.story_id FROM story_documents sd JOIN stories s ON s.id = sd.story_id"
        " WHERE sd.doc_id = ? AND s.level = 'episode' LIMIT 1",
        (doc_id,),
    ).fetchone()
    return row[0] if row else None


def linked_documents(conn: sqlite3.Connection, doc_id: str) -> list[str]:
    """Documents that are duplicates or translations of ``doc_id`` (either direction of the link)."""
    marks = ",".join("?" * len(SAME_EPISODE_LINKS))
    sql = (
        f"SELECT other_id FROM doc_links WHERE doc_id = ? AND kind IN ({marks})"
        f" UNION SELECT doc_id FROM doc_links WHERE other_id = ? AND kind IN ({marks})"
    )
    return sorted(r[0] for r in conn.execute(sql, [doc_id, *SAME_EPISODE_LINKS, doc_id, *SAME_EPISODE_LINKS]))


def stored_episodes(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """The episode each of these documents is already in (documents in none are left out); the
    batch form of :func:`stored_episode` (the first episode id when a document is in several)."""
    wanted = list(dict.fromkeys(doc_ids))
    out: dict[str, str] = {}
    for i in range(0, len(wanted), SQL_CHUNK):
        part = wanted[i : i + SQL_CHUNK]
        marks = ",".join("?" * len(part))
        sql = (
            # CROSS JOIN keeps the documents' index first (not a scan of every episode).
            "SELECT sd.doc_id, sd.story_id FROM story_documents sd CROSS JOIN stories s ON s.id = sd.story_id"
            f" WHERE sd.doc_id IN ({marks}) AND s.level = 'episode' ORDER BY sd.doc_id, sd.story_id"
        )
        for doc_id, sid in conn.execute(sql, part):
            out.setdefault(doc_id, sid)
    return out


def linked_documents_of(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, list[str]]:
    """:func:`linked_documents` for many documents at once: document id -> sorted linked ids
    (documents without links are left out)."""
    wanted = list(dict.fromkeys(doc_ids))
    kinds = ",".join("?" * len(SAME_EPISODE_LINKS))
    found: dict[str, set[str]] = {}
    for i in range(0, len(wanted), SQL_CHUNK // 2):
        part = wanted[i : i + SQL_CHUNK // 2]
        marks = ",".join("?" * len(part))
        sql = f"SELECT doc_id, other_id FROM doc_links WHERE doc_id IN ({marks}) AND kind IN ({kinds})"
        for doc_id, other in conn.execute(sql, [*part, *SAME_EPISODE_LINKS]):
            found.setdefault(doc_id, set()).add(other)
        sql = f"SELECT other_id, doc_id FROM doc_links WHERE other_id IN ({marks}) AND kind IN ({kinds})"
        for doc_id, other in conn.execute(sql, [*part, *SAME_EPISODE_LINKS]):
            found.setdefault(doc_id, set()).add(other)
    return {d: sorted(others) for d, others in found.items()}


def load_df(conn: sqlite3.Connection, entities: Iterable[str]) -> dict[str, int]:
    """Documents mentioning each of ``entities`` (``""``: all documents); missing ones are 0."""
    wanted = ["", *dict.fromkeys(entities)]
    out = dict.fromkeys(wanted, 0)
    for i in range(0, len(wanted), SQL_CHUNK):
        part = wanted[i : i + SQL_CHUNK]
        marks = ",".join("?" * len(part))
        sql = f"SELECT entity, documents FROM story_entity_df WHERE entity IN ({marks})"
        out.update(dict(conn.execute(sql, part).fetchall()))
    return out


def save_df(conn: sqlite3.Connection, counts: dict[str, int]) -> None:
    """Write document frequencies back."""
    conn.executemany(
        "INSERT INTO story_entity_df(entity, documents) VALUES (?,?)"
        " ON CONFLICT(entity) DO UPDATE SET documents=excluded.documents",
        counts.items(),
    )


def document_events(conn: sqlite3.Connection, doc_id: str) -> list[str]:
    """Merged event ids the document mentions (owner: events; empty when none are stored)."""
    rows = conn.execute("SELECT DISTINCT event_id FROM event_mentions WHERE doc_id = ?", (doc_id,))
    return sorted(r[0] for r in rows)


def documents_events(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, list[str]]:
    """:func:`document_events` for many documents at once: document id -> sorted merged event ids."""
    wanted = list(dict.fromkeys(doc_ids))
    found: dict[str, set[str]] = {}
    for i in range(0, len(wanted), SQL_CHUNK):
        part = wanted[i : i + SQL_CHUNK]
        marks = ",".join("?" * len(part))
        sql = f"SELECT doc_id, event_id FROM event_mentions WHERE doc_id IN ({marks})"
        for doc_id, event_id in conn.execute(sql, part):
            found.setdefault(doc_id, set()).add(event_id)
    return {d: sorted(events) for d, events in found.items()}


def reset_stories(conn: sqlite3.Connection) -> int:
    """Delete every story (before a rebuild); return how many there were."""
    n = int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
    for table in ("story_index", "story_entities", "story_documents", "stories", "story_entity_df"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute(
        "UPDATE documents SET data = json_set(data, '$.story', NULL)"
        " WHERE json_extract(data, '$.story') IS NOT NULL"
    )
    return n


# --- reads (CLI, API, web UI) -------------------------------------------------------------------
_SUMMARY_SQL = 'SELECT id, level, parent, start, "end", data FROM stories'
# Most recent first; year-less ("XXXX-…") and undated stories after dated ones.
_RECENT = ' ORDER BY CASE WHEN "end" GLOB \'[0-9]*\' THEN 0 ELSE 1 END, "end" DESC, start DESC, id'


def list_stories(
    store: SQLiteStore,
    *,
    level: str | None = None,
    entity: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stories, most recent first: id, level, parent, title per language, span, counts, top entities."""
    where, params = [], []
    if level:
        where.append("level = ?")
        params.append(level)
    if entity:
        where.append("id IN (SELECT story_id FROM story_entities WHERE entity = ?)")
        params.append(entity)
    sql = _SUMMARY_SQL + (" WHERE " + " AND ".join(where) if where else "") + _RECENT + " LIMIT ? OFFSET ?"
    rows = store.conn.execute(sql, [*params, limit, offset]).fetchall()
    return _summaries(store.conn, rows)


def get_story(store: SQLiteStore, story_id: str) -> dict[str, Any] | None:
    """One story (id or unique id prefix): its summary, documents, episodes, events and timeline."""
    conn = store.conn
    rows = conn.execute(
        _SUMMARY_SQL + " WHERE id = ? OR id LIKE ? LIMIT 2", (story_id, story_id + "%")
    ).fetchall()
    if len(rows) != 1:
        exact = [r for r in rows if r[0] == story_id]
        if not exact:
            return None
        rows = exact
    story = _summaries(conn, rows)[0]
    sid = story["id"]
    docs = [
        {
            "id": doc_id,
            "title": title,
            "lang": lang,
            "published": published,
            "published_source": published_source,
            "outlet": outlet,
            "url": url,
            "uri": uri,
            "date": date,
            "score": round(score, 3),
        }
        for doc_id, title, lang, published, published_source, outlet, url, uri, date, score in conn.execute(
            "SELECT d.id, d.title, d.lang, d.published, d.published_source, d.outlet, d.url, d.uri, sd.date,"
            " sd.score"
            " FROM story_documents sd JOIN documents d ON d.id = sd.doc_id WHERE sd.story_id = ?"
            " ORDER BY CASE WHEN sd.date GLOB '[0-9]*' THEN 0 ELSE 1 END, sd.date, d.published, d.id",
            (sid,),
        )
    ]
    story["documents"] = docs
    episodes = _summaries(conn, conn.execute(_SUMMARY_SQL + " WHERE parent = ?", (sid,)).fetchall())
    episodes.sort(key=lambda e: (_sort_key(e["start"]), e["id"]))
    story["episodes"] = episodes
    events = _events(conn, [d["id"] for d in docs])
    story["events"] = [e["id"] for e in events]
    story["timeline"] = _timeline(docs, episodes, events)
    return story


def story_of(store: SQLiteStore, doc_id: str) -> dict[str, Any] | None:
    """The episode and thread a document belongs to ({"episode": …, "thread": …}), or None."""
    rows = store.conn.execute(
        _SUMMARY_SQL + " WHERE id IN (SELECT story_id FROM story_documents WHERE doc_id = ?)", (doc_id,)
    ).fetchall()
    if not rows:
        return None
    by_level = {s["level"]: s for s in _summaries(store.conn, rows)}
    return {"episode": by_level.get("episode"), "thread": by_level.get("thread")}


def _sort_key(value: str | None) -> str:
    if not value:
        return "~~"
    return value if value[:1].isdigit() else "~" + value


def _summaries(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    from khabar.kb import load_kb

    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    top: dict[str, list[tuple[str, int]]] = {i: [] for i in ids}
    for sid, entity, docs in conn.execute(
        f"SELECT story_id, entity, documents FROM story_entities WHERE story_id IN ({marks})"
        " ORDER BY weight DESC, entity",
        ids,
    ):
        if len(top[sid]) < TOP_ENTITIES and not entity.startswith(EVENT_FEATURE):
            top[sid].append((entity, docs))
    kb = load_kb()
    out = []
    for sid, level, parent, start, end, data in rows:
        d = json.loads(data)
        names = d.get("names", {})
        entities = []
        for entity, docs in top[sid]:
            known = kb.get(entity)
            entities.append(
                {"id": entity, "name": known.label if known else names.get(entity, entity), "documents": docs}
            )
        summary = {
            "id": sid,
            "level": level,
            "parent": parent,
            "title": story_titles(d),
            "start": start,
            "end": end,
            "date": d.get("date"),
            "documents": d.get("documents", 0),
            "languages": _ranked(d.get("languages", {})),
            "outlets": _ranked(d.get("outlets", {})),
            "entities": entities,
        }
        if level == "thread":
            summary["episodes"] = d.get("episodes", 0)
        out.append(summary)
    return out


def _ranked(counts: dict[str, int]) -> list[str]:
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if k]


def _events(conn: sqlite3.Connection, doc_ids: list[str]) -> list[dict[str, Any]]:
    """Merged events mentioned by these documents, read from the events tables when filled."""
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    try:
        rows = conn.execute(
            "SELECT e.id, e.type, e.mode, e.date, e.place FROM events e WHERE e.id IN"
            f" (SELECT event_id FROM event_mentions WHERE doc_id IN ({marks}))"
            " ORDER BY e.date, e.id",
            doc_ids,
        ).fetchall()
    except sqlite3.OperationalError:
        return []  # the events tables are missing or have another shape: no events to show
    return [
        {"id": eid, "type": etype, "mode": mode, "date": date, "place": place}
        for eid, etype, mode, date, place in rows
    ]


def _timeline(
    docs: list[dict[str, Any]], episodes: list[dict[str, Any]], events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for e in episodes:
        lang = e["languages"][0] if e["languages"] else None
        label = e["title"].get(lang, "") if lang else ""
        items.append({"date": e["start"], "kind": "episode", "id": e["id"], "label": label, "lang": lang})
    for ev in events:
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
    order = {"episode": 0, "event": 1, "document": 2}
    items.sort(key=lambda i: (_sort_key(i["date"]), order[i["kind"]], i["id"]))
    return items


class SQLiteStoryTables:
    """:class:`khabar.store.base.StoryTables` on the store's SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
