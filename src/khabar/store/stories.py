"""Story tables on SQLite: stories, their documents, centroids, lookup keys and entity document
frequencies (:class:`khabar.store.base.StoryTables`, reached as ``store.stories``).

Persistence only: rows in, rows out. The clusterer (:mod:`khabar.stories.cluster`) turns rows
into :class:`khabar.stories.record.StoryRecord`; the read views the CLI and API share
(:mod:`khabar.views.stories`) compose names, titles and timelines.

A document's story lives once, in ``story_documents`` (its episode and its thread): the stored
document JSON does not carry it; the export (:func:`khabar.views.documents.with_links`) and the API read it
back with :meth:`SQLiteStoryTables.episode_of`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from khabar.store import _sql
from khabar.store.base import StoryEntityRow, StoryMember, StoryRow

# Link kinds that put two documents in the same episode: dedup's DUPLICATE, NEAR_DUPLICATE and
# TRANSLATION (khabar.dedup.kinds, the owner). Spelled out here because the store may not import
# dedup (it persists what dedup computes); tests/store/test_stories.py checks they stay equal.
SAME_EPISODE_LINKS = ("duplicate_of", "near_duplicate_of", "translation_of")

# Tables emptied by a rebuild, children first.
STORY_TABLES = ("story_index", "story_entities", "story_documents", "stories", "story_entity_df")

_ROW_SQL = 'SELECT id, level, parent, title, start, "end", data FROM stories'
_ENTITY_SQL = "SELECT story_id, entity, weight, documents FROM story_entities"
# Most recent first; year-less ("XXXX-…") and undated stories after dated ones.
_RECENT = ' ORDER BY CASE WHEN "end" GLOB \'[0-9]*\' THEN 0 ELSE 1 END, "end" DESC, start DESC, id'


class SQLiteStoryTables:
    """:class:`khabar.store.base.StoryTables` on the store's SQLite connection."""

    def __init__(self, conn: _sql.Connection) -> None:
        self.conn = conn

    # --- the clusterer's working set -------------------------------------------------------
    def load(self, ids: Sequence[str]) -> tuple[list[StoryRow], list[StoryEntityRow]]:
        """The stories with these ids and their centroid entities (two queries per
        :data:`_sql.CHUNK` ids)."""
        stories: list[StoryRow] = []
        entities: list[StoryEntityRow] = []
        for part, marks in _sql.chunks(list(dict.fromkeys(ids))):
            sql = f"{_ROW_SQL} WHERE id IN ({marks})"
            stories.extend(map(StoryRow._make, self.conn.execute(sql, part)))
            sql = f"{_ENTITY_SQL} WHERE story_id IN ({marks})"
            entities.extend(map(StoryEntityRow._make, self.conn.execute(sql, part)))
        return stories, entities

    def save(self, stories: Sequence[StoryRow], entities: Sequence[StoryEntityRow]) -> None:
        """Insert or update stories and centroid entities (never delete); stamps ``updated``."""
        now = _sql.now()
        # Not INSERT OR REPLACE: replacing deletes the row first, and the delete would cascade.
        self.conn.executemany(
            'INSERT INTO stories(id, level, parent, title, start, "end", data, updated)'
            " VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET parent=excluded.parent, title=excluded.title,"
            ' start=excluded.start, "end"=excluded."end", data=excluded.data, updated=excluded.updated',
            [(*s, now) for s in stories],
        )
        self.conn.executemany(
            "INSERT INTO story_entities(story_id, entity, weight, documents) VALUES (?,?,?,?)"
            " ON CONFLICT(story_id, entity)"
            " DO UPDATE SET weight=excluded.weight, documents=excluded.documents",
            entities,
        )

    def add_documents(self, rows: Iterable[StoryMember]) -> None:
        """Put documents in stories (a document and story given again replace the earlier row)."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_documents(story_id, doc_id, score, date) VALUES (?,?,?,?)", rows
        )

    def add_keys(self, rows: Iterable[tuple[str, str]]) -> None:
        """Index stories under lookup keys: (key, story id); pairs already there are kept."""
        self.conn.executemany("INSERT OR IGNORE INTO story_index(key, story_id) VALUES (?,?)", rows)

    def candidates(self, keys: Sequence[str], limit: int) -> list[str]:
        """Stories indexed under the most of ``keys``, best first, ties by id."""
        if not keys:
            return []
        marks = _sql.marks(len(keys))
        sql = (
            f"SELECT story_id FROM story_index WHERE key IN ({marks})"
            " GROUP BY story_id ORDER BY count(*) DESC, story_id LIMIT ?"
        )
        return [r[0] for r in self.conn.execute(sql, [*keys, limit])]

    def index_entries(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """The stories indexed under each of ``keys`` (one query per :data:`_sql.CHUNK` keys); keys
        without stories are left out."""
        out: dict[str, list[str]] = {}
        for part, marks in _sql.chunks(list(dict.fromkeys(keys))):
            sql = f"SELECT key, story_id FROM story_index WHERE key IN ({marks})"
            for key, sid in self.conn.execute(sql, part):
                out.setdefault(key, []).append(sid)
        return out

    def stored_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these documents are already in a story."""
        out: set[str] = set()
        for part, marks in _sql.chunks(doc_ids):
            sql = f"SELECT DISTINCT doc_id FROM story_documents WHERE doc_id IN ({marks})"
            out.update(r[0] for r in self.conn.execute(sql, part))
        return out

    def episode_of(self, doc_id: str) -> str | None:
        """The episode a document is in (its story, as the export shows it), or None."""
        return self.episodes_of([doc_id]).get(doc_id)

    def episodes_of(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The episode each of these documents is in (the first id when in several; documents in
        none are left out)."""
        out: dict[str, str] = {}
        for part, marks in _sql.chunks(list(dict.fromkeys(doc_ids))):
            sql = (
                # CROSS JOIN keeps the documents' index first (not a scan of every episode).
                "SELECT sd.doc_id, sd.story_id FROM story_documents sd"
                " CROSS JOIN stories s ON s.id = sd.story_id"
                f" WHERE sd.doc_id IN ({marks}) AND s.level = 'episode' ORDER BY sd.doc_id, sd.story_id"
            )
            for doc_id, sid in self.conn.execute(sql, part):
                out.setdefault(doc_id, sid)
        return out

    def document_frequencies(self, entities: Iterable[str]) -> dict[str, int]:
        """Documents mentioning each of ``entities`` (``""``: all documents); unknown ones are 0."""
        wanted = ["", *dict.fromkeys(entities)]
        out = dict.fromkeys(wanted, 0)
        for part, marks in _sql.chunks(wanted):
            sql = f"SELECT entity, documents FROM story_entity_df WHERE entity IN ({marks})"
            out.update(dict(self.conn.execute(sql, part).fetchall()))
        return out

    def save_document_frequencies(self, counts: dict[str, int]) -> None:
        """Write document frequencies (insert or update)."""
        self.conn.executemany(
            "INSERT INTO story_entity_df(entity, documents) VALUES (?,?)"
            " ON CONFLICT(entity) DO UPDATE SET documents=excluded.documents",
            counts.items(),
        )

    def reset(self) -> int:
        """Delete every story, membership, index key and frequency; return how many stories there were."""
        n = int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])
        for table in STORY_TABLES:
            self.conn.execute(f"DELETE FROM {table}")
        return n

    # --- reads of the linkers before stories (events, dedup) -------------------------------
    def has_events(self) -> bool:
        """Whether any merged event mention is stored yet (table ``event_mentions``, owner: events)."""
        return self.conn.execute("SELECT 1 FROM event_mentions LIMIT 1").fetchone() is not None

    def has_links(self) -> bool:
        """Whether any document link is stored yet (table ``doc_links``, owner: dedup)."""
        return self.conn.execute("SELECT 1 FROM doc_links LIMIT 1").fetchone() is not None

    def documents_events(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """Document id -> sorted merged event ids it mentions (``event_mentions``, owner: events;
        documents without any left out)."""
        found: dict[str, set[str]] = {}
        for part, marks in _sql.chunks(list(dict.fromkeys(doc_ids))):
            sql = f"SELECT doc_id, event_id FROM event_mentions WHERE doc_id IN ({marks})"
            for doc_id, event_id in self.conn.execute(sql, part):
                found.setdefault(doc_id, set()).add(event_id)
        return {d: sorted(events) for d, events in found.items()}

    def same_episode_links(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """Document id -> sorted ids of its duplicates and translations (:data:`SAME_EPISODE_LINKS`
        in ``doc_links``, owner: dedup), either direction of the link; documents without such
        links are left out."""
        kinds = _sql.marks(len(SAME_EPISODE_LINKS))
        found: dict[str, set[str]] = {}
        for part, marks in _sql.chunks(list(dict.fromkeys(doc_ids))):
            sql = f"SELECT doc_id, other_id FROM doc_links WHERE doc_id IN ({marks}) AND kind IN ({kinds})"
            for doc_id, other in self.conn.execute(sql, [*part, *SAME_EPISODE_LINKS]):
                found.setdefault(doc_id, set()).add(other)
            sql = f"SELECT other_id, doc_id FROM doc_links WHERE other_id IN ({marks}) AND kind IN ({kinds})"
            for doc_id, other in self.conn.execute(sql, [*part, *SAME_EPISODE_LINKS]):
                found.setdefault(doc_id, set()).add(other)
        return {d: sorted(others) for d, others in found.items()}

    # --- reads for the story views ---------------------------------------------------------
    def recent(
        self, *, level: str | None = None, entity: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[StoryRow]:
        """Stories of ``level`` whose centroid holds ``entity``, most recent first (year-less and
        undated ones after dated ones)."""
        where: list[str] = []
        params: list[Any] = []
        if level:
            where.append("level = ?")
            params.append(level)
        if entity:
            where.append("id IN (SELECT story_id FROM story_entities WHERE entity = ?)")
            params.append(entity)
        sql = _ROW_SQL + (" WHERE " + " AND ".join(where) if where else "") + _RECENT + " LIMIT ? OFFSET ?"
        return [StoryRow._make(r) for r in self.conn.execute(sql, [*params, limit, offset])]

    def matching(self, story_id: str) -> list[StoryRow]:
        """At most two stories whose id is ``story_id`` or starts with it."""
        sql = _ROW_SQL + " WHERE id = ? OR id LIKE ? LIMIT 2"
        return [StoryRow._make(r) for r in self.conn.execute(sql, (story_id, story_id + "%"))]

    def children(self, parent: str) -> list[StoryRow]:
        """The episodes of a thread."""
        return [StoryRow._make(r) for r in self.conn.execute(_ROW_SQL + " WHERE parent = ?", (parent,))]

    def containing(self, doc_id: str) -> list[StoryRow]:
        """The stories (episode and thread) a document is in."""
        sql = _ROW_SQL + " WHERE id IN (SELECT story_id FROM story_documents WHERE doc_id = ?)"
        return [StoryRow._make(r) for r in self.conn.execute(sql, (doc_id,))]

    def entities_by_weight(self, ids: Sequence[str]) -> list[StoryEntityRow]:
        """The centroid entities of these stories, heaviest first, ties by entity (one query per
        :data:`_sql.CHUNK` ids)."""
        sql = f"{_ENTITY_SQL} WHERE story_id IN ({{marks}}) ORDER BY weight DESC, entity"
        rows = map(StoryEntityRow._make, _sql.rows_in(self.conn, sql, list(dict.fromkeys(ids))))
        # Each part comes sorted; sorting again (stable) orders rows across parts the same way.
        return sorted(rows, key=lambda r: (-r.weight, r.entity))

    def documents_in(self, story_id: str) -> list[dict[str, Any]]:
        """The documents of a story with their stored fields (``id``, ``title``, ``lang``,
        ``published``, ``published_source``, ``outlet``, ``url``, ``uri``) and membership
        (``date``, ``score``), content date order (undated last), then publication, then id."""
        cur = self.conn.execute(
            "SELECT d.id, d.title, d.lang, d.published, d.published_source, d.outlet, d.url, d.uri, sd.date,"
            " sd.score"
            " FROM story_documents sd JOIN documents d ON d.id = sd.doc_id WHERE sd.story_id = ?"
            " ORDER BY CASE WHEN sd.date GLOB '[0-9]*' THEN 0 ELSE 1 END, sd.date, d.published, d.id",
            (story_id,),
        )
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def mentioned_events(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Merged events (``id``, ``type``, ``mode``, ``date``, ``place``) these documents mention
        (``events``, ``event_mentions``, owner: events), by date (undated first) then id; empty
        when the events tables are not filled. One query per :data:`_sql.CHUNK` ids."""
        sql = (
            "SELECT e.id, e.type, e.mode, e.date, e.place FROM events e WHERE e.id IN"
            " (SELECT event_id FROM event_mentions WHERE doc_id IN ({marks}))"
            " ORDER BY e.date, e.id"
        )
        try:
            # By id: an event mentioned by documents in two parts is found twice.
            found = {row[0]: row for row in _sql.rows_in(self.conn, sql, list(dict.fromkeys(doc_ids)))}
        except sqlite3.OperationalError:
            return []  # the events tables are missing or have another shape: no events to show
        # ORDER BY again across parts: SQLite sorts NULL dates first, text by code point.
        rows = sorted(found.values(), key=lambda r: (r[3] is not None, r[3] or "", r[0]))
        return [
            {"id": eid, "type": etype, "mode": mode, "date": date, "place": place}
            for eid, etype, mode, date, place in rows
        ]
