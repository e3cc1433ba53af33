"""The PostgreSQL store: the same contract as :class:`khabar.store.sqlite.SQLiteStore`, for a store
that several machines write and several analysts read at once.

Selected by a ``postgresql://`` address (``--db``, ``KHABAR_DB``; :func:`khabar.store.factory.open_store`).
Writes are idempotent by content id (``ON CONFLICT DO NOTHING``) and every write transaction
takes one advisory lock first (:data:`khabar.store._pg.WRITE_LOCK`), as SQLite's ``BEGIN
IMMEDIATE`` does, so linkers and batches are serialised exactly as on SQLite while readers never
wait. Full-text search indexes the same folded words as FTS5 (:mod:`khabar.store._tsv`) in a
GIN-indexed ``tsvector``; ranking is ``ts_rank`` with length normalisation over the newest
candidates, as SQLite ranks bm25 over its newest.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from khabar.document import Document
from khabar.errors import StoreError
from khabar.store import _sql, _tsv
from khabar.store._pg import PGConnection, connect, redact
from khabar.store.base import FACET_CANDIDATES, RejectRow, SearchHit
from khabar.store.pg_migrations import PG_MIGRATIONS
from khabar.store.pg_tables import (
    PGAlertTables,
    PGEventTables,
    PGHappeningTables,
    PGLinkFailureTables,
    PGLinkTables,
    PGShardTables,
    PGSourceTables,
    PGStoryTables,
)
from khabar.store.sqlite import (
    ANNOTATION_KINDS,
    ENTITY_CANDIDATES,
    FACETS,
    SEARCH_CANDIDATES,
    SNIPPET_CHARS,
    _filters,
    _pack,
    _snippet,
    _unpack,
    _Where,
    query_tokens,
)
from khabar.text.fold import match_key

#: Documents read per query when iterating the whole store (keyset pages, constant memory).
PAGE = 200

_SUMMARY = "SELECT id, title, lang, published, outlet, url, uri FROM documents"


def _safe(text: str | None) -> str | None:
    """``text`` as PostgreSQL's text type takes it: NUL and lone surrogates (which UTF-8 cannot
    hold) become U+FFFD, one character for one, so offsets into it stay right."""
    if not text:
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def _json(value: Any) -> str:
    """JSON text for a TEXT column: as SQLite stores it, or ASCII-escaped when it holds what
    UTF-8 cannot (a lone surrogate survives the round trip as an escape)."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text.replace("\x00", "\\u0000") if "\x00" in text else text


class PostgresStore:
    """A Store on a PostgreSQL database (``postgresql://user@host:port/dbname``)."""

    def __init__(self, url: str) -> None:
        """Connect (through the process's pool) and create or migrate the schema as needed."""
        self.url = url
        self.path = redact(url)
        self._raw, self._pool = connect(url)
        self.conn = PGConnection(self._raw)
        try:
            self._migrate()
        except StoreError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise StoreError(f"{self.path} cannot be used as a Khabar store: {exc}") from exc
        self.events = PGEventTables(self.conn)
        self.links = PGLinkTables(self.conn)
        self.stories = PGStoryTables(self.conn)
        self.sources = PGSourceTables(self.conn)
        self.link_failures = PGLinkFailureTables(self.conn)
        self.alerts = PGAlertTables(self.conn)
        self.happenings = PGHappeningTables(self.conn)
        self.shards = PGShardTables(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A unit of work: everything written inside commits together or not at all. It takes
        the store's write lock first (waiting for other writers); a nested one joins it."""
        with _sql.write(self.conn):
            yield

    # --- schema ---------------------------------------------------------------------------
    def _versions(self) -> tuple[int, int]:
        """(PostgreSQL migrations applied, SQLite schema version matched); (0, 0) when new."""
        if self.conn.pg("SELECT to_regclass('meta')").fetchone()[0] is None:
            return 0, 0
        sql = "SELECT key, value FROM meta WHERE key IN ('pg_schema_version', 'schema_version')"
        rows = dict(self.conn.pg(sql))
        return int(rows.get("pg_schema_version", 0)), int(rows.get("schema_version", 0))

    def _migrate(self) -> None:
        if self._versions()[0] == len(PG_MIGRATIONS):
            return
        with _sql.write(self.conn):  # another process may be migrating: take the lock, look again
            tables = self.conn.pg(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchone()[0]
            done, _ = self._versions()
            if tables and not done:
                raise StoreError(
                    f"{self.path} holds tables that Khabar did not create; give --db an empty database"
                )
            if done > len(PG_MIGRATIONS):
                raise StoreError(
                    f"{self.path} has PostgreSQL schema version {done}, newer than this Khabar"
                    f" ({len(PG_MIGRATIONS)}); upgrade Khabar"
                )
            for number in range(done, len(PG_MIGRATIONS)):
                matches, script = PG_MIGRATIONS[number]
                self.conn.pg(script.encode())
                for key, value in (("pg_schema_version", number + 1), ("schema_version", matches)):
                    self.conn.pg(
                        "INSERT INTO meta(key, value) VALUES (%s, %s)"
                        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                        (key, str(value)),
                    )

    @property
    def schema_version(self) -> int:
        """The SQLite schema version this database matches (what :meth:`stats` reports)."""
        return self._versions()[1]

    # --- writes ---------------------------------------------------------------------------
    def put(self, doc: Document, run_id: int | None = None) -> bool:
        """Store an accepted document or a reject; False when this id was already stored (see
        :meth:`khabar.store.sqlite.SQLiteStore.put`)."""
        return self.put_batch([doc], run_id)[0]

    def put_batch(self, docs: list[Document], run_id: int | None = None) -> list[bool]:
        """Store a batch in one transaction; for each document, whether it was new."""
        return _sql.retrying(self.conn, lambda: self._put_all(docs, run_id))

    def _put_all(self, docs: list[Document], run_id: int | None) -> list[bool]:
        # The batch's inserts go out in one pipeline (one round trip, not one per document);
        # each answers after it: a reject whether it was new, a document its rowid when new.
        with self.conn.raw.pipeline():
            sent = [self._put(doc, run_id) for doc in docs]
        rows = _Rows()
        new: list[bool] = []
        stored: list[tuple[Document, dict[str, Any], int]] = []
        for doc, (cur, data) in zip(docs, sent, strict=True):
            if doc.rejected:
                if cur.rowcount > 0:
                    rows.counts[("reason", doc.rejects[-1].reason)] += 1
                new.append(bool(cur.rowcount > 0))
                continue
            row = cur.fetchone()
            new.append(row is not None)  # None: stored already (earlier, or by another writer)
            if row is not None:
                stored.append((doc, data, int(row[0])))
        if stored:  # an accepted document replaces the reject of the same id
            cur = self.conn.pg(
                "DELETE FROM rejects WHERE id = ANY(%s) RETURNING reason", ([d.id for d, _, _ in stored],)
            )
            for (reason,) in cur.fetchall():
                rows.counts[("reason", reason)] -= 1
        for doc, data, rowid in stored:
            rows.add_document(doc, data, rowid, run_id)
        rows.flush(self.conn)
        return new

    def _put(self, doc: Document, run_id: int | None) -> tuple[Any, dict[str, Any]]:
        """Send the insert of a reject or an accepted document: (its cursor, the document's record)."""
        data = doc.to_dict()
        raw = data.pop("raw")
        html = data.pop("html")
        payload = _json(data)
        blob = _pack(_json({"raw": raw, "html": html}))
        q = self.conn.execute
        if doc.rejected:
            last = doc.rejects[-1]
            cur = q(
                "INSERT INTO rejects(id, uri, kind, stage, reason, detail, data, raw, run_id, added)"
                " SELECT ?,?,?,?,?,?,?,?,?,?"
                " WHERE NOT EXISTS (SELECT 1 FROM documents WHERE id = ?)"
                " ON CONFLICT(id) DO NOTHING",
                (
                    doc.id,
                    _safe(doc.source.uri),
                    doc.source.kind,
                    last.stage,
                    last.reason,
                    _safe(last.detail),
                    payload,
                    blob,
                    run_id,
                    _sql.now(),
                    doc.id,
                ),
            )
            return cur, data
        pub = doc.published
        cur = q(
            "INSERT INTO documents(id, uri, kind, url, outlet, lang, script, title, published,"
            " published_source, text, data, raw, run_id, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO NOTHING RETURNING rowid",
            (
                doc.id,
                _safe(doc.source.uri),
                doc.source.kind,
                _safe(doc.source.url or doc.provenance.url),
                _safe(doc.provenance.outlet or doc.source.outlet),
                doc.lang,
                doc.script,
                _safe(doc.title),
                pub.value if pub else None,
                pub.source if pub else None,
                _safe(doc.text),
                payload,
                blob,
                run_id,
                _sql.now(),
            ),
        )
        return cur, data

    def pending_links(self, limit: int) -> list[str]:
        """Ids of stored documents whose linkers have not finished, oldest first."""
        rows = self.conn.execute("SELECT doc_id FROM link_pending ORDER BY seq LIMIT ?", (limit,))
        return [row[0] for row in rows]

    def links_done(self, doc_ids: Sequence[str]) -> None:
        """Clear the pending-linkers marks of these documents (their linkers have run)."""
        with _sql.write(self.conn):
            self.conn.pg("DELETE FROM link_pending WHERE doc_id = ANY(%s)", (list(doc_ids),))

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these ids are stored as accepted documents."""
        rows = self.conn.pg("SELECT id FROM documents WHERE id = ANY(%s)", (list(doc_ids),))
        return {row[0] for row in rows}

    # --- reads ----------------------------------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        """The document (accepted or rejected) with this id or unique id prefix, or None."""
        for table in ("documents", "rejects"):
            rows = self.conn.execute(
                f"SELECT data, raw FROM {table} WHERE id = ? OR id LIKE ? LIMIT 2",
                (doc_id, doc_id + "%"),
            ).fetchall()
            if len(rows) == 1:
                return self._load(rows[0][0], rows[0][1])
        return None

    @staticmethod
    def _load(data: str, blob: bytes | None) -> Document:
        record = json.loads(data)
        record.update(json.loads(_unpack(bytes(blob))) if blob else {"raw": "", "html": None})
        return Document.from_dict(record)

    def documents(self, *, lang: str | None = None) -> Iterator[Document]:
        """Every accepted document, in insertion order (read a page at a time)."""
        after = 0
        while True:
            sql = "SELECT rowid, data, raw FROM documents WHERE rowid > ?" + (" AND lang = ?" if lang else "")
            params: list[Any] = [after, lang] if lang else [after]
            rows = self.conn.execute(sql + " ORDER BY rowid LIMIT ?", [*params, PAGE]).fetchall()
            for rowid, data, blob in rows:
                after = rowid
                yield self._load(data, blob)
            if len(rows) < PAGE:
                return

    def summaries(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Short records of accepted documents from their row alone, by id; unknown ids left out."""
        found: dict[str, dict[str, Any]] = {}
        rows = self.conn.pg(_SUMMARY + " WHERE id = ANY(%s)", (list(dict.fromkeys(doc_ids)),))
        for doc_id, title, lang, published, outlet, url, uri in rows:
            found[doc_id] = {
                "id": doc_id,
                "title": title,
                "lang": lang,
                "published": published,
                "outlet": outlet,
                "url": url,
                "uri": uri,
            }
        return found

    def document_ids(self, *, lang: str | None = None, limit: int = 20, offset: int = 0) -> list[str]:
        """Ids of accepted documents (of ``lang``), newest publication date first, undated last."""
        where, params = (" WHERE lang = ?", [lang]) if lang else ("", [])
        sql = f"SELECT id FROM documents{where} ORDER BY published DESC NULLS LAST, rowid LIMIT ? OFFSET ?"
        return [row[0] for row in self.conn.execute(sql, [*params, limit, offset])]

    def count_documents(self, *, lang: str | None = None) -> int:
        """How many accepted documents (of ``lang``) are stored."""
        if lang:
            row = self.conn.execute(
                "SELECT n FROM counts WHERE name = 'lang' AND key = ?", (lang,)
            ).fetchone()
            return int(row[0]) if row else 0
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def documents_after(self, seq: int, limit: int = 10) -> tuple[int, list[str]]:
        """(how many accepted documents were stored after insertion number ``seq``, the ids of
        the newest ``limit`` of them, newest first)."""
        count = self.conn.execute("SELECT count(*) FROM documents WHERE rowid > ?", (seq,)).fetchone()[0]
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE rowid > ? ORDER BY rowid DESC LIMIT ?", (seq, limit)
        )
        return int(count), [row[0] for row in rows]

    def latest_sequence(self) -> int:
        """The insertion number of the newest stored document (0 for an empty store)."""
        return int(self.conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0])

    def ids_from_source(self, uri: str) -> list[str]:
        """Ids of the accepted documents read from the file ``uri`` (``uri#record`` too), in
        insertion order."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE uri = ? OR (uri >= ? AND uri < ?) ORDER BY rowid",
            (uri, uri + "#", uri + "$"),
        )
        return [row[0] for row in rows]

    def sequence_numbers(self, doc_ids: Sequence[str]) -> dict[str, int]:
        """Each stored document's insertion number (documents.rowid)."""
        rows = self.conn.pg("SELECT id, rowid FROM documents WHERE id = ANY(%s)", (list(doc_ids),))
        return {doc_id: int(rowid) for doc_id, rowid in rows}

    def languages(self) -> set[str]:
        """Languages of the stored documents (from the counters)."""
        return {r[0] for r in self.conn.execute("SELECT key FROM counts WHERE name = 'lang' AND n > 0")}

    # --- search ---------------------------------------------------------------------------
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
        """Documents holding every word of ``query`` (folded as on SQLite), best first, then
        documents mentioning ``entities``; filters and paging as
        :meth:`khabar.store.sqlite.SQLiteStore.search`."""
        where = _filters(
            lang=lang,
            since=since,
            until=until,
            outlet=outlet,
            event_type=event_type,
            mentioning=mentioning,
            country=country,
            outlet_kind=outlet_kind,
            page_kind=page_kind,
        )
        wanted = offset + limit
        hits = self._search_text(query, limit=wanted, where=where)
        seen = {h.id for h in hits}
        if len(hits) < wanted:
            for hit in self._search_entities(entities, limit=wanted, where=where):
                if hit.id not in seen and len(hits) < wanted:
                    hits.append(hit)
                    seen.add(hit.id)
        return hits[offset:wanted]

    def _matches(self, tsquery: str, where: _Where, limit: int, columns: str = "f.rowid") -> str:
        """SQL (and ``?`` order: tsquery, filters, limit) of the newest ``limit`` matches' rowids
        (or other ``columns`` of docs_fts ``f``).

        The matches come from the GIN index (a bitmap scan), then the newest are kept: ordering
        by ``f.rowid + 0`` keeps the planner off the rowid index, whose backward walk tests
        every row's tsvector on the way. It looks cheap when a word is frequent, but each test
        reads the row's tsvector back from TOAST: over 100,000 documents the walk took 0.76 s to
        find the newest 5,000 of 8,700 matches, the bitmap 34 ms for those of 18,600.
        """
        join = " JOIN doc_facets d ON d.doc_rowid = f.rowid" if where.facets else ""
        return (
            f"SELECT {columns} FROM docs_fts f{join} WHERE f.tsv @@ ?::tsquery{where.sql('f.rowid')}"
            " ORDER BY f.rowid + 0 DESC LIMIT ?"
        )

    def _search_text(self, query: str, *, limit: int, where: _Where) -> list[SearchHit]:
        words = query_tokens(query)
        tsquery = _tsv.query(words)
        if not tsquery or limit <= 0:
            return []
        # The candidates carry their tsvector out of the scan (still in TOAST): only the newest
        # SEARCH_CANDIDATES are read back to be ranked.
        ranked = self.conn.execute(
            "SELECT c.rowid, -ts_rank(c.tsv, ?::tsquery, 1) AS score FROM ("
            + self._matches(tsquery, where, limit, columns="f.rowid, f.tsv")
            + ") c ORDER BY score, c.rowid DESC LIMIT ?",
            [tsquery, tsquery, *where.params, max(SEARCH_CANDIDATES, limit), limit],
        ).fetchall()
        if not ranked:
            return []
        rowids = [rowid for rowid, _score in ranked]
        rows = {
            row[0]: row[1:]
            for row in self.conn.pg(
                "SELECT d.rowid, d.id, d.title, d.lang, d.uri, d.url, t.body"
                " FROM documents d JOIN fts_text t ON t.rowid = d.rowid WHERE d.rowid = ANY(%s)",
                (rowids,),
            )
        }
        hits = []
        for rowid, score in ranked:
            doc_id, title, lang, uri, url, body = rows[rowid]
            hits.append(SearchHit(doc_id, title, lang, uri, url, _snippet(body, words), float(score)))
        return hits

    @staticmethod
    def _entity_sql(where: _Where) -> str:
        """SQL (``?`` order: entity, filters, limit) of the newest documents mentioning an entity."""
        join = " JOIN doc_facets d ON d.doc_rowid = e.doc_rowid" if where.facets else ""
        return (
            f"SELECT e.doc_rowid FROM doc_entities e{join} WHERE e.entity = ?{where.sql('e.doc_rowid')}"
            " ORDER BY e.doc_rowid DESC LIMIT ?"
        )

    def _entity_rowids(self, entity: str, where: _Where, limit: int) -> list[int]:
        rows = self.conn.execute(self._entity_sql(where), [entity, *where.params, limit])
        return [int(r[0]) for r in rows]

    def _search_entities(self, entities: Sequence[str], *, limit: int, where: _Where) -> list[SearchHit]:
        if not entities or limit <= 0:
            return []
        # Per entity, the newest documents mentioning it (an index walk on doc_entities), then
        # their mentions of it: documents ranked by mentions, then the newest.
        found: dict[str, list[int]] = {}  # doc id -> [mentions, first start, its end, doc rowid]
        for entity in dict.fromkeys(entities):
            rowids = self._entity_rowids(entity, where, max(ENTITY_CANDIDATES, limit))
            if not rowids:
                continue
            rows = self.conn.pg(
                'SELECT a.doc_id, a.start, a."end", d.rowid FROM documents d JOIN annotations a'
                " ON a.doc_id = d.id AND a.kind = 'mentions' AND a.ref = %s WHERE d.rowid = ANY(%s)"
                " ORDER BY d.rowid DESC, a.idx",
                (entity, rowids),
            )
            for doc_id, start, end, rowid in rows:
                seen = found.get(doc_id)
                if seen is None:
                    found[doc_id] = [1, start, end, rowid]
                    continue
                seen[0] += 1
                if start < seen[1]:
                    seen[1], seen[2] = start, end
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], -kv[1][3]))[:limit]
        texts = {
            row[0]: row[1:]
            for row in self.conn.pg(
                "SELECT id, title, lang, uri, url, text FROM documents WHERE id = ANY(%s)",
                ([doc_id for doc_id, _ in ranked],),
            )
        }
        hits = []
        for doc_id, (n, start, end, _row) in ranked:
            title, doc_lang, uri, url, text = texts[doc_id]
            left = max(0, start - SNIPPET_CHARS)
            snippet = f"…{text[left:start]}[{text[start:end]}]{text[end : end + SNIPPET_CHARS]}…"
            hits.append(SearchHit(doc_id, title, doc_lang, uri, url, snippet.replace("\n", " "), float(-n)))
        return hits

    def search_facets(
        self, query: str, *, entities: Sequence[str] = (), **filters: Any
    ) -> dict[str, list[tuple[str, int]]]:
        """How many of :meth:`search`'s matches (same filters) come from each outlet, country,
        outlet kind and page kind, most first ("" for unknown); over the newest
        FACET_CANDIDATES matches of the words and of the entities."""
        where = _filters(**filters)
        # One statement: the matches' rowids (the newest FACET_CANDIDATES of the words and of
        # each entity, as a set) looked up in the facet tables and counted by combination on
        # the server, so the rowids never travel to Python and back. As an array the set is
        # looked up row by row in the tables' keys (a join planned for the LIMIT's 5,000 rows
        # would scan both tables whole even for a word with a dozen matches).
        parts: list[str] = []
        params: list[Any] = []
        tsquery = _tsv.query(query_tokens(query))
        if tsquery:
            parts.append(f"({self._matches(tsquery, where, FACET_CANDIDATES)})")
            params += [tsquery, *where.params, FACET_CANDIDATES]
        for entity in dict.fromkeys(entities):
            parts.append(f"({self._entity_sql(where)})")
            params += [entity, *where.params, FACET_CANDIDATES]
        counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
        if parts:
            rows = self.conn.execute(
                "SELECT f.outlet, o.country, o.outlet_kind, o.page_kind, count(*) FROM doc_facets f"
                " LEFT JOIN doc_outlets o ON o.doc_rowid = f.doc_rowid WHERE f.doc_rowid = ANY(ARRAY("
                + " UNION ".join(parts)
                + ")) GROUP BY 1, 2, 3, 4",
                params,
            )
            for *values, n in rows:
                for name, value in zip(FACETS, values, strict=True):
                    counts[name][value or ""] += n
        return {name: c.most_common() for name, c in counts.items()}

    # --- entities -------------------------------------------------------------------------
    def entity_counts(self, label: str | None = None) -> list[tuple[str, str, int, int, str]]:
        """(entity id, label, documents, mentions, a surface) per mentioned entity, most documents
        first (see :meth:`khabar.store.sqlite.SQLiteStore.entity_counts`)."""
        if not label:
            rows = self.conn.execute(
                "SELECT e.ref, (array_agg(e.label ORDER BY e.surface NULLS LAST, e.label))[1], c.n,"
                " sum(e.mentions)::bigint, min(e.surface) FROM entity_labels e"
                " JOIN counts c ON c.name = 'entity_docs' AND c.key = e.ref"
                " WHERE e.mentions > 0 GROUP BY e.ref, c.n ORDER BY 3 DESC, 4 DESC, 1"
            )
        else:
            rows = self.conn.execute(
                "SELECT ref, min(label), count(DISTINCT doc_id), count(*), min(json_extract(data, '$.text'))"
                " FROM annotations WHERE kind = 'mentions' AND ref IS NOT NULL AND label = ?"
                " GROUP BY ref ORDER BY 3 DESC, 4 DESC, 1",
                (label,),
            )
        return [(r, lab, int(d), int(m), s) for r, lab, d, m, s in rows]

    def entity_mentions(self, entities: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """(document id, surface text, start, end) of every mention of these entities."""
        if not entities:
            return []
        return list(
            self.conn.pg(
                "SELECT doc_id, data::jsonb ->> 'text', start, \"end\" FROM annotations"
                " WHERE kind = 'mentions' AND ref = ANY(%s) ORDER BY doc_id, start",
                (list(entities),),
            )
        )

    def co_mentions(self, entities: Sequence[str], limit: int = 15) -> list[tuple[str, str, int]]:
        """Entities mentioned in the same documents as these: (id, label, shared documents)."""
        if not entities:
            return []
        rows = self.conn.pg(
            "SELECT b.ref, min(b.label), count(DISTINCT b.doc_id) FROM annotations a"
            " JOIN annotations b ON b.doc_id = a.doc_id AND b.kind = 'mentions'"
            " WHERE a.kind = 'mentions' AND a.ref = ANY(%s) AND NOT (b.ref = ANY(%s))"
            " AND b.label != 'ROLE' GROUP BY b.ref ORDER BY 3 DESC, 1 LIMIT %s",
            (list(entities), list(entities), limit),
        )
        return [(ref, lab, int(n)) for ref, lab, n in rows]

    def rejects(self, *, reason: str | None = None) -> list[RejectRow]:
        """Rejected documents, newest first, optionally of one reason."""
        sql = "SELECT id, uri, kind, stage, reason, detail, added FROM rejects"
        sql += " WHERE reason = ?" if reason else ""
        sql += " ORDER BY added DESC, uri"
        return [RejectRow(*row) for row in self.conn.execute(sql, (reason,) if reason else ())]

    # --- counts ---------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts of documents by language and kind, rejects by reason, annotations by kind, the
        most cited agencies and most mentioned entities, and runs, from the store's counters."""
        q = self.conn.execute
        return {
            **_sql.counter_stats(self.conn),
            "top_agencies": [
                (k, int(n))
                for k, n in q(
                    "SELECT key, n FROM counts WHERE name = 'agency_docs' AND n > 0"
                    " ORDER BY n DESC, key LIMIT 10"
                )
            ],
            "top_entities": [
                (r, lab, int(n), s)
                for r, lab, n, s in q(
                    "SELECT e.ref, (array_agg(e.label ORDER BY e.surface NULLS LAST, e.label))[1], c.n,"
                    " min(e.surface) FROM entity_labels e"
                    " JOIN counts c ON c.name = 'entity_docs' AND c.key = e.ref"
                    " WHERE e.label != 'ROLE' AND e.mentions > 0"
                    " GROUP BY e.ref, c.n ORDER BY 3 DESC, 1 LIMIT 10"
                )
            ],
            "runs": int(q("SELECT count(*) FROM runs").fetchone()[0]),
            "schema_version": self.schema_version,
        }

    def _outlet_counts(self) -> dict[str, dict[str, int]]:
        q = self.conn.execute
        return {
            "page_kinds": {
                k: int(n)
                for k, n in q(
                    "SELECT page_kind, count(*) FROM doc_outlets GROUP BY page_kind ORDER BY 2 DESC, 1"
                )
            },
            "outlet_kinds": {
                k: int(n)
                for k, n in q(
                    "SELECT coalesce(outlet_kind, ''), count(*) FROM doc_outlets"
                    " GROUP BY 1 ORDER BY 2 DESC, 1"
                )
            },
            "countries": {
                k: int(n)
                for k, n in q(
                    "SELECT coalesce(country, ''), count(*) FROM doc_outlets GROUP BY 1 ORDER BY 2 DESC, 1"
                )
            },
        }

    def stats_recount(self) -> dict[str, Any]:
        """:meth:`stats` counted from the documents, rejects and annotations themselves."""
        q = self.conn.execute

        def grouped(sql: str) -> dict[str, int]:
            return {k: int(n) for k, n in q(sql)}

        return {
            "documents": int(q("SELECT count(*) FROM documents").fetchone()[0]),
            "languages": grouped("SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY 2 DESC, 1"),
            "kinds": grouped("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY 2 DESC, 1"),
            **self._outlet_counts(),
            "rejects": int(q("SELECT count(*) FROM rejects").fetchone()[0]),
            "reject_reasons": grouped(
                "SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC, 1"
            ),
            "annotations": grouped("SELECT kind, count(*) FROM annotations GROUP BY kind ORDER BY 2 DESC, 1"),
            "top_agencies": [
                (k, int(n))
                for k, n in q(
                    "SELECT ref, count(DISTINCT doc_id) FROM annotations"
                    " WHERE kind='cited' AND label='agency'"
                    " AND ref IS NOT NULL GROUP BY ref ORDER BY 2 DESC, 1 LIMIT 10"
                )
            ],
            "top_entities": [
                (r, lab, int(n), s)
                for r, lab, n, s in q(
                    "SELECT ref, (array_agg(label ORDER BY data::jsonb ->> 'text' NULLS LAST, label))[1],"
                    " count(DISTINCT doc_id), min(data::jsonb ->> 'text')"
                    " FROM annotations WHERE kind='mentions' AND label != 'ROLE' AND ref IS NOT NULL"
                    " GROUP BY ref ORDER BY 3 DESC, 1 LIMIT 10"
                )
            ],
            "runs": int(q("SELECT count(*) FROM runs").fetchone()[0]),
            "schema_version": self.schema_version,
        }

    def integrity(self) -> str:
        """``ok`` when the server answers and the counters' tables are there (PostgreSQL checks
        its own pages; ``amcheck`` is the tool for a deeper look)."""
        self.conn.execute("SELECT count(*) FROM counts").fetchone()
        return "ok"

    # --- runs -----------------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        """Record the start of a run; return its id."""
        with _sql.write(self.conn):
            row = self.conn.execute(
                "INSERT INTO runs(command, started) VALUES (?, ?) RETURNING id", (command, _sql.now())
            ).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        """Record a run's end and its stats."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE runs SET finished = ?, stats = ? WHERE id = ?",
                (_sql.now(), json.dumps(stats), run_id),
            )

    def optimize(self) -> None:
        """Merge the GIN index's pending entries and refresh the planner's statistics."""
        self.conn.pg("SELECT gin_clean_pending_list('docs_fts_tsv'::regclass)")
        self.conn.pg("ANALYZE")

    def close(self) -> None:
        """Give the connection back to the pool (or close it)."""
        raw, self._raw = self._raw, None
        if raw is None:
            return
        if self._pool is not None:
            self._pool.putconn(raw)
        else:
            raw.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Rows:
    """The rows a batch of new documents adds beside ``documents``, written together at the end
    of the batch (a few statements per batch instead of several per document), and the
    counters they move (kept in Python where SQLite keeps them by triggers)."""

    def __init__(self) -> None:
        self.facets: list[tuple[Any, ...]] = []
        self.outlets: list[tuple[Any, ...]] = []
        self.segments: list[tuple[Any, ...]] = []
        self.annotations: list[tuple[Any, ...]] = []
        self.event_types: set[tuple[str, int]] = set()
        self.entities: set[tuple[str, int]] = set()
        self.fts: list[tuple[int, str]] = []
        self.text: list[tuple[int, str, str]] = []
        self.pending: list[str] = []
        self.counts: Counter[tuple[str, str]] = Counter()
        self.labels: dict[tuple[str, str], list[Any]] = {}  # (ref, label) -> [mentions, min surface]

    def add_document(self, doc: Document, data: dict[str, Any], rowid: int, run_id: int | None) -> None:
        """Queue the rows of a new accepted document stored as ``rowid``."""
        self.counts[("lang", doc.lang)] += 1
        self.counts[("kind", doc.source.kind)] += 1
        pub = doc.published
        self.facets.append(
            (rowid, doc.lang, pub.value if pub else None, doc.provenance.outlet or doc.source.outlet)
        )
        self.outlets.append((rowid, doc.provenance.country, doc.provenance.outlet_kind, doc.page_kind))
        self.counts[("page_kind", doc.page_kind)] += 1
        self.counts[("outlet_kind", doc.provenance.outlet_kind or "")] += 1
        self.counts[("country", doc.provenance.country or "")] += 1
        self.segments.extend(
            (doc.id, i, s.start, s.end, s.kind, s.lang, s.script, s.confidence)
            for i, s in enumerate(doc.segments)
        )
        agencies: set[str] = set()
        for kind in ANNOTATION_KINDS:
            for i, item in enumerate(data[kind]):
                start = item.get("start", item.get("trigger_start"))
                end = item.get("end", item.get("trigger_end"))
                label = item.get("label") or item.get("type") or item.get("stance")
                ref = (
                    item.get("entity")
                    or item.get("kb_id")
                    or item.get("value")
                    or item.get("type")
                    or item.get("speaker")
                )
                self.annotations.append((doc.id, kind, i, start, end, label, ref, _json(item)))
                self.counts[("annotation", kind)] += 1
                if kind == "events" and label is not None:
                    self.event_types.add((label, rowid))
                if kind == "mentions" and ref is not None:
                    if (ref, rowid) not in self.entities:
                        self.entities.add((ref, rowid))
                        self.counts[("entity_docs", ref)] += 1
                    seen = self.labels.setdefault((ref, label or ""), [0, None])
                    seen[0] += 1
                    surface = item.get("text")
                    if surface is not None and (seen[1] is None or surface < seen[1]):
                        seen[1] = surface
        for i, cited in enumerate(data["provenance"]["cited"]):
            self.annotations.append(
                (
                    doc.id,
                    "cited",
                    i,
                    cited["start"],
                    cited["end"],
                    cited["kind"],
                    cited["value"],
                    _json(cited),
                )
            )
            self.counts[("annotation", "cited")] += 1
            if cited["kind"] == "agency" and cited["value"] is not None and cited["value"] not in agencies:
                agencies.add(cited["value"])
                self.counts[("agency_docs", cited["value"])] += 1
        title, body = match_key(doc.title)[0], match_key(doc.text)[0]
        self.fts.append((rowid, _tsv.vector(title, body)))
        self.text.append((rowid, _safe(title) or "", _safe(body) or ""))
        if run_id is not None:
            self.pending.append(doc.id)

    def flush(self, conn: PGConnection) -> None:
        """Write everything queued (inside the batch's transaction)."""
        many = conn.raw.cursor().executemany
        if self.facets:
            many(
                "INSERT INTO doc_facets(doc_rowid, lang, published, outlet) VALUES (%s,%s,%s,%s)", self.facets
            )
            many(
                "INSERT INTO doc_outlets(doc_rowid, country, outlet_kind, page_kind) VALUES (%s,%s,%s,%s)",
                self.outlets,
            )
        if self.segments:
            many(
                'INSERT INTO segments(doc_id, idx, start, "end", kind, lang, script, confidence)'
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                self.segments,
            )
        if self.annotations:
            many(
                'INSERT INTO annotations(doc_id, kind, idx, start, "end", label, ref, data)'
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                [
                    (d, k, i, s, e, _safe(lab), _safe(r), data)
                    for d, k, i, s, e, lab, r, data in self.annotations
                ],
            )
        if self.event_types:
            many("INSERT INTO doc_event_types(type, doc_rowid) VALUES (%s,%s)", sorted(self.event_types))
        if self.entities:
            many("INSERT INTO doc_entities(entity, doc_rowid) VALUES (%s,%s)", sorted(self.entities))
        if self.fts:
            many("INSERT INTO docs_fts(rowid, tsv) VALUES (%s, %s::tsvector)", self.fts)
            many("INSERT INTO fts_text(rowid, title, body) VALUES (%s,%s,%s)", self.text)
        if self.pending:
            many(
                "INSERT INTO link_pending(doc_id) VALUES (%s) ON CONFLICT DO NOTHING",
                [(d,) for d in self.pending],
            )
        if self.labels:
            many(
                "INSERT INTO entity_labels(ref, label, mentions, surface) VALUES (%s,%s,%s,%s)"
                " ON CONFLICT (ref, label) DO UPDATE SET"
                " mentions = entity_labels.mentions + EXCLUDED.mentions,"
                " surface = CASE WHEN entity_labels.surface IS NULL"
                " OR EXCLUDED.surface < entity_labels.surface"
                " THEN coalesce(EXCLUDED.surface, entity_labels.surface) ELSE entity_labels.surface END",
                sorted((_safe(r), _safe(lab), n, _safe(s)) for (r, lab), (n, s) in self.labels.items()),
            )
        changed = sorted((name, _safe(key) or "", n) for (name, key), n in self.counts.items() if n)
        if changed:
            many(
                "INSERT INTO counts(name, key, n) VALUES (%s,%s,%s)"
                " ON CONFLICT (name, key) DO UPDATE SET n = counts.n + EXCLUDED.n",
                changed,
            )
            gone = [(name, key) for name, key, n in changed if n < 0]
            if gone:  # a reject replaced by its accepted document: drop counters that reach 0
                many("DELETE FROM counts WHERE name = %s AND key = %s AND n <= 0", gone)


def open_postgres(url: str) -> PostgresStore:
    """Open (creating and migrating as needed) the PostgreSQL store at ``url``."""
    return PostgresStore(url)


if TYPE_CHECKING:
    from khabar.store.base import Store

    def _implements_store(store: PostgresStore) -> Store:
        """Never called: mypy checks here that PostgresStore satisfies the Store protocol."""
        return store
