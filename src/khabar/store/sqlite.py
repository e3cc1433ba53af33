"""The embedded SQLite store: WAL mode, FTS5 over normalised text, idempotent writes."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.document import Document
from khabar.errors import StoreError
from khabar.store import _sql
from khabar.store._cache import ReadCache, own_version
from khabar.store.alerts import SQLiteAlertTables
from khabar.store.base import FACET_CANDIDATES, RejectRow, SearchHit
from khabar.store.doc_links import SQLiteLinkTables
from khabar.store.events import SQLiteEventTables
from khabar.store.happenings import SQLiteHappeningTables
from khabar.store.link_failures import SQLiteLinkFailureTables
from khabar.store.migrations import MIGRATIONS, SCHEMA_VERSION
from khabar.store.shards import SQLiteShardTables
from khabar.store.sources import SQLiteSourceTables
from khabar.store.stories import SQLiteStoryTables
from khabar.text.fold import match_key, query_key

# Annotation lists stored row by row so later stages and the API can query them.
ANNOTATION_KINDS = ("mentions", "times", "events", "claims")

# Words around a hit shown in a search snippet (FTS5 snippet() token count), and characters
# either side of a mention for entity hits (about the same length).
SNIPPET_TOKENS = 14
SNIPPET_CHARS = 60
# Matches ranked per search: beyond this many, the most recently stored are ranked (see search).
SEARCH_CANDIDATES = 1000
FACETS = ("outlet", "country", "outlet_kind", "page_kind")
# Searches and facet counts whose answers are kept (the search page asks for the facets again with
# every page of a search's hits) for as long as nothing is written: per store, or shared by the
# stores of one file that khabar.store.reuse lends (store/_cache.py).
READ_CACHE = 64
# Documents read per entity for entity hits, newest first (their mentions of it are counted).
ENTITY_CANDIDATES = 300


def _pack(text: str | None) -> bytes | None:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6) if text else None


def _unpack(blob: bytes | None) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass") if blob else ""


def query_tokens(query: str) -> list[str]:
    """The folded words of a user query, as the full-text index holds them."""
    tokens = []
    for token in query_key(query).split():
        token = "".join(ch for ch in token if ch.isalnum() or _is_mark(ch))
        if token:
            tokens.append(token)
    return tokens


def fts_query(query: str) -> str:
    """Turn a user query into an FTS5 expression: folded tokens, each quoted, all required."""
    return _fts_expression(query_tokens(query))


def _fts_expression(tokens: Sequence[str]) -> str:
    return " AND ".join('"' + token.replace('"', '""') + '"' for token in tokens)


# One character of a word as the full-text index splits text (FTS_TOKENIZE): letters, digits,
# the Arabic and Devanagari marks, private use. One class, not an alternation: ~10x faster.
_WORD_CHAR = (
    r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\ue000-\uf8ff]"
)
_PARTIAL_HEAD = re.compile(_WORD_CHAR + "*")
_PARTIAL_TAIL = re.compile(_WORD_CHAR + "+$")
_IS_WORD_CHAR = re.compile(_WORD_CHAR)


def _whole_word_starts(text: str, word: str) -> Iterator[int]:
    """Where ``word`` starts in ``text`` with no character of a word on either side, in order;
    found with str.find, since compiling a pattern of the query's words costs ~1 ms a query (its
    character classes), several times the search."""
    at = text.find(word)
    while at >= 0:
        if not (at and _IS_WORD_CHAR.match(text, at - 1)) and not _IS_WORD_CHAR.match(text, at + len(word)):
            yield at
        at = text.find(word, at + 1)


def _word_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``words`` stand in ``text`` as whole words, left to right, the longer word first
    where two start together."""
    found = sorted(
        ((at, at + len(word)) for word in set(words) for at in _whole_word_starts(text, word)),
        key=lambda span: (span[0], -span[1]),
    )
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _snippet(body: str, words: Sequence[str]) -> str:
    """A window of ``body`` (the indexed text) around the first of ``words``, hits in [brackets]."""
    words = [w for w in words if w]
    # Where the first of them stands: only each word's first whole-word place is looked for.
    firsts = [at for w in words if (at := next(_whole_word_starts(body, w), -1)) >= 0]
    at = min(firsts, default=0)
    lo, hi = max(0, at - SNIPPET_CHARS // 2), min(len(body), at + SNIPPET_CHARS * 2)
    if lo > 0:  # drop the word cut in half at either edge
        lo = min(at, _PARTIAL_HEAD.match(body, lo).end())  # type: ignore[union-attr]
    if hi < len(body) and (tail := _PARTIAL_TAIL.search(body, lo, hi)) and tail.start() > at:
        hi = tail.start()
    window = body[lo:hi].replace("\n", " ").strip()
    if words:
        parts, pos = [], 0
        for start, end in _word_spans(window, words):
            parts += [window[pos:start], "[", window[start:end], "]"]
            pos = end
        window = "".join(parts) + window[pos:]
    return ("…" if lo > 0 else "") + window + ("…" if hi < len(body) else "")


def _filters_key(filters: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Search filters as part of a cache key (lists as tuples, empty ones left out)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in filters.items() if v))


def _most_first(counts: Counter[str], first: dict[str, int]) -> list[tuple[str, int]]:
    """(value, count) most first; ties by the ``first`` number of each value, lowest first."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


@dataclass(frozen=True)
class _Where:
    """Search filters as SQL: conditions on doc_facets ``d``, checked row by row, and conditions on
    the document's rowid (written ``{rowid}``) that SQLite answers from a set built once."""

    facets: str = ""
    facet_params: tuple[str, ...] = ()
    sets: str = ""
    set_params: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.facets or self.sets)

    def sql(self, rowid: str) -> str:
        """The conditions, each starting with " AND ", for documents whose rowid is ``rowid``."""
        return self.facets + self.sets.replace("{rowid}", rowid)

    @property
    def params(self) -> tuple[str, ...]:
        """Parameters of :meth:`sql`, in order."""
        return self.facet_params + self.set_params


def _filters(
    *,
    lang: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    event_type: str | None = None,
    mentioning: Sequence[str] = (),
    country: str | None = None,
    outlet_kind: str | None = None,
    page_kind: str | None = None,
) -> _Where:
    """Search filters as SQL (see :class:`_Where`)."""
    facets: list[str] = []
    facet_params: list[str] = []
    if lang:
        facets.append("d.lang = ?")
        facet_params.append(lang)
    if since:
        facets.append("d.published >= ?")
        facet_params.append(since)
    if until:
        # "~" sorts after every character of an ISO date, so "2024-06~" keeps all of June.
        facets.append("d.published <= ?")
        facet_params.append(until + "~")
    # Outlets and event types usually keep a few percent of the documents: a set of their rowids
    # (from an index) probed per candidate is ~4x faster than a doc_facets lookup per candidate.
    sets: list[str] = []
    set_params: list[str] = []
    if outlet:
        sets.append("{rowid} IN (SELECT doc_rowid FROM doc_facets WHERE outlet = ?)")
        set_params.append(outlet)
    for column, value in (("country", country), ("outlet_kind", outlet_kind), ("page_kind", page_kind)):
        if value:
            sets.append(f"{{rowid}} IN (SELECT doc_rowid FROM doc_outlets WHERE {column} = ?)")
            set_params.append(value)
    if event_type:
        sets.append("{rowid} IN (SELECT doc_rowid FROM doc_event_types WHERE type = ?)")
        set_params.append(event_type)
    if mentioning:
        marks = _sql.marks(len(mentioning))
        sets.append(f"{{rowid}} IN (SELECT doc_rowid FROM doc_entities WHERE entity IN ({marks}))")
        set_params.extend(mentioning)
    return _Where(
        "".join(" AND " + c for c in facets),
        tuple(facet_params),
        "".join(" AND " + c for c in sets),
        tuple(set_params),
    )


class SQLiteStore:
    """A Store on one SQLite file (``:memory:`` works too)."""

    def __init__(
        self, path: str | Path, *, busy_timeout: float | None = None, any_thread: bool = False
    ) -> None:
        """Open (creating and migrating as needed) the store at ``path``; statements wait up to
        ``busy_timeout`` seconds (default :func:`khabar.store._sql.busy_timeout`) for another
        process's write lock. With ``any_thread`` the store may be used from any thread, one at a
        time (:mod:`khabar.store.reuse` lends it so)."""
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"{p} is a directory; give --db a file path such as {p / 'khabar.db'}")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder {p.parent} for the database ({exc.strerror or exc});"
                    " give --db a path in a folder you can write"
                ) from exc
        try:
            timeout = _sql.busy_timeout() if busy_timeout is None else busy_timeout
            # isolation_level=None: no implicit BEGIN before a write; every write goes through
            # _sql.write (BEGIN IMMEDIATE), so no transaction upgrades a read lock to a write.
            self.conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=not any_thread
            )
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path} is not a Khabar database ({exc}); pass --db with a new file name"
            ) from exc
        self.events = SQLiteEventTables(self.conn)
        self.links = SQLiteLinkTables(self.conn)
        self.stories = SQLiteStoryTables(self.conn)
        self.sources = SQLiteSourceTables(self.conn)
        self.link_failures = SQLiteLinkFailureTables(self.conn)
        self.alerts = SQLiteAlertTables(self.conn)
        self.happenings = SQLiteHappeningTables(self.conn)
        self.shards = SQLiteShardTables(self.conn)
        self._answers = ReadCache(own_version(self.conn), READ_CACHE)

    def _share_answers(self, cache: ReadCache) -> None:
        """Keep search and facet answers in ``cache`` (shared with other stores of this file, see
        :mod:`khabar.store.reuse`) instead of this store's own."""
        self._answers = cache

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A unit of work: everything written inside commits together or not at all.

        It takes the write lock when it starts (waiting for other writers, see
        :func:`khabar.store._sql.write`); a transaction opened inside another joins it."""
        with _sql.write(self.conn):
            yield

    # --- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            raise StoreError(
                f"{self.path} is an SQLite file that Khabar did not create; pass --db with a new file name"
            )
        if self._version() == SCHEMA_VERSION:
            return
        # Another process may be migrating the same file: take the write lock, then look again.
        with _sql.write(self.conn):
            version = self._version()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, newer than this Khabar"
                    f" ({SCHEMA_VERSION}); upgrade Khabar"
                )
            for number in range(version, SCHEMA_VERSION):
                # Statement by statement: executescript would commit the open transaction first.
                for statement in _sql.statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(number + 1),)
                )

    def _version(self) -> int:
        """The schema version recorded in the file (0 for a new file)."""
        if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    # --- writes ---------------------------------------------------------------------------
    def put(self, doc: Document, run_id: int | None = None) -> bool:
        """Store an accepted document or a reject; False when this id was already stored.

        With a ``run_id`` a new accepted document is also marked as waiting for its linkers
        (:meth:`pending_links`), in the same transaction.
        """
        return _sql.retrying(self.conn, lambda: self._put_marked(doc, run_id))

    def put_batch(self, docs: list[Document], run_id: int | None = None) -> list[bool]:
        """Store a batch in one transaction; for each document, whether it was new (see :meth:`put`)."""
        return _sql.retrying(self.conn, lambda: [self._put_marked(d, run_id) for d in docs])

    def _put_marked(self, doc: Document, run_id: int | None) -> bool:
        new = self._put(doc, run_id)
        if new and run_id is not None and not doc.rejected:
            self.conn.execute("INSERT OR IGNORE INTO link_pending(doc_id) VALUES (?)", (doc.id,))
        return new

    def pending_links(self, limit: int) -> list[str]:
        """Ids of stored documents whose linkers have not finished, oldest first."""
        rows = self.conn.execute("SELECT doc_id FROM link_pending ORDER BY seq LIMIT ?", (limit,))
        return [row[0] for row in rows]

    def links_done(self, doc_ids: Sequence[str]) -> None:
        """Clear the pending-linkers marks of these documents (their linkers have run)."""
        with _sql.write(self.conn):
            for part, marks in _sql.chunks(list(doc_ids)):
                self.conn.execute(f"DELETE FROM link_pending WHERE doc_id IN ({marks})", part)

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these ids are stored as accepted documents."""
        rows = _sql.rows_in(self.conn, "SELECT id FROM documents WHERE id IN ({marks})", list(doc_ids))
        return {row[0] for row in rows}

    def _put(self, doc: Document, run_id: int | None) -> bool:
        data = doc.to_dict()
        raw = data.pop("raw")
        html = data.pop("html")
        payload = json.dumps(data, ensure_ascii=False)
        blob = _pack(json.dumps({"raw": raw, "html": html}, ensure_ascii=False))
        # Inserts are idempotent and say themselves whether they stored anything (rowcount): no
        # "is it there?" read before them, which another writer could answer differently.
        if doc.rejected:
            last = doc.rejects[-1]
            cur = self.conn.execute(
                "INSERT INTO rejects(id, uri, kind, stage, reason, detail, data, raw, run_id, added)"
                " SELECT ?,?,?,?,?,?,?,?,?,?"
                " WHERE NOT EXISTS (SELECT 1 FROM documents WHERE id = ?)"  # accepted earlier: keep that
                " ON CONFLICT(id) DO NOTHING",
                (
                    doc.id,
                    doc.source.uri,
                    doc.source.kind,
                    last.stage,
                    last.reason,
                    last.detail,
                    payload,
                    blob,
                    run_id,
                    _sql.now(),
                    doc.id,
                ),
            )
            return cur.rowcount > 0
        pub = doc.published
        cur = self.conn.execute(
            "INSERT INTO documents(id, uri, kind, url, outlet, lang, script, title, published,"
            " published_source, text, data, raw, run_id, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO NOTHING",
            (
                doc.id,
                doc.source.uri,
                doc.source.kind,
                doc.source.url or doc.provenance.url,
                doc.provenance.outlet or doc.source.outlet,
                doc.lang,
                doc.script,
                doc.title,
                pub.value if pub else None,
                pub.source if pub else None,
                doc.text,
                payload,
                blob,
                run_id,
                _sql.now(),
            ),
        )
        if cur.rowcount == 0:
            return False  # stored already (by an earlier run or another writer)
        self.conn.execute("DELETE FROM rejects WHERE id=?", (doc.id,))  # fixed since: accept now
        rowid = cur.lastrowid
        self.conn.execute(
            "INSERT INTO doc_outlets(doc_rowid, country, outlet_kind, page_kind) VALUES (?,?,?,?)",
            (rowid, doc.provenance.country, doc.provenance.outlet_kind, doc.page_kind),
        )
        self.conn.executemany(
            'INSERT INTO segments(doc_id, idx, start, "end", kind, lang, script, confidence)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (doc.id, i, s.start, s.end, s.kind, s.lang, s.script, s.confidence)
                for i, s in enumerate(doc.segments)
            ],
        )
        rows = []
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
                rows.append((doc.id, kind, i, start, end, label, ref, json.dumps(item, ensure_ascii=False)))
        for i, cited in enumerate(data["provenance"]["cited"]):
            payload = json.dumps(cited, ensure_ascii=False)
            rows.append(
                (doc.id, "cited", i, cited["start"], cited["end"], cited["kind"], cited["value"], payload)
            )
        self.conn.executemany(
            'INSERT INTO annotations(doc_id, kind, idx, start, "end", label, ref, data)'
            " VALUES (?,?,?,?,?,?,?,?)",
            rows,
        )
        self.conn.execute(
            "INSERT INTO docs_fts(rowid, title, body) VALUES (?,?,?)",
            (rowid, match_key(doc.title)[0], match_key(doc.text)[0]),
        )
        return True

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
        record.update(json.loads(_unpack(blob)) if blob else {"raw": "", "html": None})
        return Document.from_dict(record)

    def documents(self, *, lang: str | None = None) -> Iterator[Document]:
        """Every accepted document, in insertion order."""
        sql = "SELECT data, raw FROM documents" + (" WHERE lang = ?" if lang else "") + " ORDER BY rowid"
        for data, blob in self.conn.execute(sql, (lang,) if lang else ()):
            yield self._load(data, blob)

    def summaries(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Short records of accepted documents from their row alone (``id``, ``title``, ``lang``,
        ``published``, ``outlet``, ``url``, ``uri``), without loading and decompressing each
        whole document; unknown ids are left out."""
        sql = "SELECT id, title, lang, published, outlet, url, uri FROM documents WHERE id IN ({marks})"
        found: dict[str, dict[str, Any]] = {}
        for doc_id, title, lang, published, outlet, url, uri in _sql.rows_in(
            self.conn, sql, list(dict.fromkeys(doc_ids))
        ):
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
        where, params = (" WHERE lang = ?", [lang]) if lang else ("", [])
        return int(self.conn.execute("SELECT count(*) FROM documents" + where, params).fetchone()[0])

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
        """Ids of the accepted documents read from the file ``uri`` (containers name their records
        ``uri#record``), in insertion order."""
        rows = self.conn.execute(
            # A range rather than a prefix function, so the uri index answers: "#" is followed by "$".
            "SELECT id FROM documents WHERE uri = ? OR (uri >= ? AND uri < ?) ORDER BY rowid",
            (uri, uri + "#", uri + "$"),
        )
        return [row[0] for row in rows]

    def sequence_numbers(self, doc_ids: Sequence[str]) -> dict[str, int]:
        """Each stored document's insertion number (documents.rowid)."""
        return dict(_sql.rows_in(self.conn, "SELECT id, rowid FROM documents WHERE id IN ({marks})", doc_ids))

    def languages(self) -> set[str]:
        """Languages of the stored documents (one walk over the language index)."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT lang FROM documents")}

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
        """Documents whose title or text holds every word of ``query`` (normalised), best first,
        then documents that mention any of ``entities`` (ids the query names, in any script).

        Filters: ``lang``; ``since``/``until`` on the publication date, compared as ISO prefixes
        (``until="2024-06"`` keeps all of June); ``outlet``; ``event_type`` (documents with an
        event of that PLOVER type); ``mentioning`` (documents mentioning any of these entity
        ids); the outlet's ``country`` and ``outlet_kind`` (:mod:`khabar.kb.outlets`); the
        ``page_kind``. ``offset`` skips that many hits of the combined list.
        When more than SEARCH_CANDIDATES documents match, the ranking is over the most recently
        stored of them, so a very common word costs the same as a rare one. The last READ_CACHE
        answers (with those of :meth:`search_facets`) are kept until anything is written.
        """
        filters = {
            "lang": lang,
            "since": since,
            "until": until,
            "outlet": outlet,
            "event_type": event_type,
            "mentioning": mentioning,
            "country": country,
            "outlet_kind": outlet_kind,
            "page_kind": page_kind,
        }
        key = ("search", tuple(query_tokens(query)), tuple(entities), limit, offset, _filters_key(filters))
        return self._answers.get(key, lambda: self._search(query, limit, offset, entities, filters))

    def _search(
        self, query: str, limit: int, offset: int, entities: Sequence[str], filters: dict[str, Any]
    ) -> list[SearchHit]:
        where = _filters(**filters)
        wanted = offset + limit
        hits = self._search_text(query, limit=wanted, where=where)
        seen = {h.id for h in hits}
        if len(hits) < wanted:
            for hit in self._search_entities(entities, limit=wanted, where=where):
                if hit.id not in seen and len(hits) < wanted:
                    hits.append(hit)
                    seen.add(hit.id)
        return hits[offset:wanted]

    def search_facets(
        self, query: str, *, entities: Sequence[str] = (), **filters: Any
    ) -> dict[str, list[tuple[str, int]]]:
        """How many of the documents :meth:`search` would find (with the same ``filters``) come
        from each outlet, country, outlet kind and page kind, most first ("" for unknown).

        Counted over the FACET_CANDIDATES most recently stored matches of the words and as many
        documents mentioning ``entities``, so a very common word costs the same as a rare one.
        The last READ_CACHE answers (with those of :meth:`search`) are kept until anything is
        written to the store.
        """
        key = ("facets", tuple(query_tokens(query)), tuple(entities), _filters_key(filters))
        return self._answers.get(key, lambda: self._count_facets(query, entities, filters))

    def _count_facets(
        self, query: str, entities: Sequence[str], filters: dict[str, Any]
    ) -> dict[str, list[tuple[str, int]]]:
        where = _filters(**filters)
        parts: list[str] = []
        params: list[Any] = []
        expression = _fts_expression(query_tokens(query))
        if expression:
            source = "docs_fts" + (
                " CROSS JOIN doc_facets d ON d.doc_rowid = docs_fts.rowid" if where.facets else ""
            )
            parts.append(
                f"SELECT r FROM (SELECT docs_fts.rowid AS r FROM {source} WHERE docs_fts MATCH ?"
                f"{where.sql('+docs_fts.rowid')} ORDER BY docs_fts.rowid DESC LIMIT ?)"
            )
            params += [expression, *where.params, FACET_CANDIDATES]
        if entities:
            # doc_entities holds (entity, document) once per pair: the newest documents mentioning
            # an entity come from its primary key, not from every mention row.
            join = " JOIN doc_facets d ON d.doc_rowid = e.doc_rowid" if where.facets else ""
            parts.append(
                f"SELECT r FROM (SELECT DISTINCT e.doc_rowid AS r FROM doc_entities e{join}"
                f" WHERE e.entity IN ({_sql.marks(len(entities))}){where.sql('e.doc_rowid')}"
                " ORDER BY e.doc_rowid DESC LIMIT ?)"
            )
            params += [*entities, *where.params, FACET_CANDIDATES]
        if not parts:
            return {name: [] for name in FACETS}
        counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
        # Grouped in SQL, one row per combination of the four values; ties are listed in the
        # order of their first (oldest) document, as counting row by row in rowid order did.
        first: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        rows = self.conn.execute(
            f"WITH hits(r) AS ({' UNION '.join(parts)})"
            " SELECT f.outlet, o.country, o.outlet_kind, o.page_kind, count(*), min(f.doc_rowid)"
            " FROM hits JOIN doc_facets f ON f.doc_rowid = hits.r"
            " LEFT JOIN doc_outlets o ON o.doc_rowid = f.doc_rowid GROUP BY 1, 2, 3, 4",
            params,
        )
        for *values, n, oldest in rows:
            for name, value in zip(FACETS, values, strict=True):
                key = value or ""
                counts[name][key] += n
                first[name][key] = min(first[name].get(key, oldest), oldest)
        return {name: _most_first(c, first[name]) for name, c in counts.items()}

    def _search_entities(self, entities: Sequence[str], *, limit: int, where: _Where) -> list[SearchHit]:
        if not entities or limit <= 0:
            return []
        join = " JOIN doc_facets d ON d.doc_rowid = e.doc_rowid" if where.facets else ""
        # Per entity, its newest documents that pass the filters (doc_entities' primary key, one
        # row a document: walking every mention through the filters was ~20 ms for a filter few
        # of them pass), then their mentions of it, counted per document in SQL; the bare start
        # and end come from the row of min(start) (SQLite's rule for min/max aggregates).
        sql = (
            'SELECT dd.id, min(a.start), a."end", count(*), c.r FROM'
            f" (SELECT e.doc_rowid AS r FROM doc_entities e{join}"
            f" WHERE e.entity = ?{where.sql('e.doc_rowid')} ORDER BY e.doc_rowid DESC LIMIT ?) c"
            " JOIN documents dd ON dd.rowid = c.r"
            " JOIN annotations a ON a.doc_id = dd.id AND a.kind = 'mentions' AND a.ref = ?"
            " GROUP BY c.r"
        )
        found: dict[str, list[int]] = {}  # doc id -> [mentions, first start, its end, doc rowid]
        for entity in dict.fromkeys(entities):
            for doc_id, start, end, n, rowid in self.conn.execute(
                sql, [entity, *where.params, max(ENTITY_CANDIDATES, limit), entity]
            ):
                seen = found.get(doc_id)
                if seen is None:
                    found[doc_id] = [n, start, end, rowid]
                    continue
                seen[0] += n
                if start < seen[1]:
                    seen[1], seen[2] = start, end
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], -kv[1][3]))[:limit]
        # The shown documents in one statement, not one each.
        rows: dict[str, tuple[Any, ...]] = {}
        for i in range(0, len(ranked), _sql.CHUNK):
            part = [doc_id for doc_id, _found in ranked[i : i + _sql.CHUNK]]
            rows.update(
                (row[0], row[1:])
                for row in self.conn.execute(
                    "SELECT id, title, lang, uri, url, text FROM documents"
                    f" WHERE id IN ({_sql.marks(len(part))})",
                    part,
                )
            )
        hits = []
        for doc_id, (n, start, end, _row) in ranked:
            title, doc_lang, uri, url, text = rows[doc_id]
            left = max(0, start - SNIPPET_CHARS)
            snippet = f"…{text[left:start]}[{text[start:end]}]{text[end : end + SNIPPET_CHARS]}…"
            hits.append(SearchHit(doc_id, title, doc_lang, uri, url, snippet.replace("\n", " "), float(-n)))
        return hits

    def _search_text(self, query: str, *, limit: int, where: _Where) -> list[SearchHit]:
        words = query_tokens(query)
        expression = _fts_expression(words)
        if not expression or limit <= 0:
            return []
        # CROSS JOIN keeps the full-text index as the outer loop: the planner would otherwise
        # scan documents and probe the index once per row (measured: seconds on 100k documents).
        source = "docs_fts" + (
            " CROSS JOIN doc_facets d ON d.doc_rowid = docs_fts.rowid" if where.facets else ""
        )
        # The unary + keeps "rowid IN (set)" a membership test: as an index constraint, FTS5
        # would seek its doclists once per member of the set.
        conditions = where.sql("+docs_fts.rowid")
        # bm25 costs ~5 µs a row, so ranking a word found in most documents would take ~0.3 s:
        # rank only the newest candidates that pass the filters (walking the index in rowid
        # order is ~0.1 µs a row). bm25() is computed in the inner query for those rows only;
        # the rank column would make FTS5 rank every match before the filters.
        ranked = self.conn.execute(
            "SELECT rowid, score FROM (SELECT docs_fts.rowid AS rowid, bm25(docs_fts) AS score"
            f" FROM {source} WHERE docs_fts MATCH ?{conditions} ORDER BY docs_fts.rowid DESC LIMIT ?)"
            " ORDER BY score LIMIT ?",
            [expression, *where.params, max(SEARCH_CANDIDATES, limit), limit],
        ).fetchall()
        if not ranked:
            return []
        # Snippets only for the rows shown, made here: FTS5's snippet() re-tokenises the whole
        # body, ~0.3 ms a document (measured), several times the cost of the search itself.
        marks = _sql.marks(len(ranked))
        rowids = [rowid for rowid, _score in ranked]
        rows = {
            row[0]: row[1:]
            for row in self.conn.execute(
                "SELECT d.rowid, d.id, d.title, d.lang, d.uri, d.url, f.body"
                " FROM documents d JOIN docs_fts f ON f.rowid = d.rowid"
                f" WHERE d.rowid IN ({marks})",
                rowids,
            )
        }
        hits = []
        for rowid, score in ranked:
            doc_id, title, lang, uri, url, body = rows[rowid]
            hits.append(SearchHit(doc_id, title, lang, uri, url, _snippet(body, words), score))
        return hits

    def entity_counts(self, label: str | None = None) -> list[tuple[str, str, int, int, str]]:
        """(entity id, label, documents, mentions, a surface) per mentioned entity, most documents first.

        Without ``label``, read from the counters (``entity_labels``, ``counts``); with one, counted
        from the mentions of that label (documents per entity and label are not kept).
        """
        if not label:
            # The label shown is that of the smallest surface, as min() makes the bare column be
            # in the counting query below.
            return list(
                self.conn.execute(
                    "SELECT e.ref, e.label, c.n, sum(e.mentions), min(e.surface) FROM entity_labels e"
                    " JOIN counts c ON c.name = 'entity_docs' AND c.key = e.ref"
                    " WHERE e.mentions > 0 GROUP BY e.ref ORDER BY 3 DESC, 4 DESC, 1"
                )
            )
        sql = (
            "SELECT ref, label, count(DISTINCT doc_id), count(*), min(json_extract(data, '$.text'))"
            " FROM annotations"
            " WHERE kind = 'mentions' AND ref IS NOT NULL"
            + (" AND label = ?" if label else "")
            + " GROUP BY ref ORDER BY 3 DESC, 4 DESC, 1"
        )
        return list(self.conn.execute(sql, (label,) if label else ()))

    def entity_mentions(self, entities: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """(document id, surface text, start, end) of every mention of these entities."""
        if not entities:
            return []
        marks = _sql.marks(len(entities))
        sql = (
            "SELECT doc_id, json_extract(data, '$.text'), start, \"end\" FROM annotations"
            f" WHERE kind = 'mentions' AND ref IN ({marks}) ORDER BY doc_id, start"
        )
        return list(self.conn.execute(sql, list(entities)))

    def co_mentions(self, entities: Sequence[str], limit: int = 15) -> list[tuple[str, str, int]]:
        """Entities mentioned in the same documents as these: (id, label, shared documents)."""
        if not entities:
            return []
        marks = _sql.marks(len(entities))
        sql = (
            "SELECT b.ref, b.label, count(DISTINCT b.doc_id) FROM annotations a"
            " JOIN annotations b ON b.doc_id = a.doc_id AND b.kind = 'mentions'"
            f" WHERE a.kind = 'mentions' AND a.ref IN ({marks}) AND b.ref NOT IN ({marks})"
            " AND b.label != 'ROLE' GROUP BY b.ref ORDER BY 3 DESC, 1 LIMIT ?"
        )
        return list(self.conn.execute(sql, [*entities, *entities, limit]))

    def rejects(self, *, reason: str | None = None) -> list[RejectRow]:
        """Rejected documents, newest first, optionally of one reason."""
        sql = "SELECT id, uri, kind, stage, reason, detail, added FROM rejects"
        sql += " WHERE reason = ?" if reason else ""
        sql += " ORDER BY added DESC, uri"
        return [RejectRow(*row) for row in self.conn.execute(sql, (reason,) if reason else ())]

    def stats(self) -> dict[str, Any]:
        """Counts of documents by language and kind, rejects by reason, annotations by kind, the
        most cited agencies and most mentioned entities, and runs.

        Read from the counters the triggers of migration 13 keep (``counts``, ``entity_labels``):
        a few hundred rows at most, whatever the size of the store. :meth:`stats_recount` gives
        the same answer from the documents themselves. Kept, like search answers, until anything
        is written to the store (every page shows the counts).
        """
        return self._answers.get(("stats",), self._stats)

    def _stats(self) -> dict[str, Any]:
        q = self.conn.execute
        return {
            **_sql.counter_stats(self.conn),
            "top_agencies": q(
                "SELECT key, n FROM counts WHERE name = 'agency_docs' AND n > 0 ORDER BY n DESC, key LIMIT 10"
            ).fetchall(),
            # Documents mentioning the entity under any label: role ids ("role:…") are their own
            # namespace, so leaving out ROLE mentions leaves out whole entities, not documents.
            "top_entities": q(
                "SELECT e.ref, e.label, c.n, min(e.surface) FROM entity_labels e"
                " JOIN counts c ON c.name = 'entity_docs' AND c.key = e.ref"
                " WHERE e.label != 'ROLE' AND e.mentions > 0 GROUP BY e.ref ORDER BY 3 DESC, 1 LIMIT 10"
            ).fetchall(),
            "runs": q("SELECT count(*) FROM runs").fetchone()[0],
            "schema_version": self.schema_version,
        }

    def integrity(self) -> str:
        """``ok``, or what SQLite's quick check of every page found wrong (the first few problems).

        The counters :meth:`stats` reads touch a few pages only, so a damaged file would look
        sound to it; ``khabar stats`` checks the whole file with this.
        """
        problems = [" ".join(row[0].split()) for row in self.conn.execute("PRAGMA quick_check(5)")]
        return "ok" if problems == ["ok"] else "; ".join(problems)

    def _outlet_counts(self) -> dict[str, dict[str, int]]:
        """Documents by page kind, outlet kind and outlet country ("" for unknown), grouped over the
        narrow doc_outlets table (23 ms at 20k documents): :meth:`stats_recount`'s check of the
        counters that :meth:`stats` reads (migration 18)."""
        q = self.conn.execute
        return {
            "page_kinds": dict(
                q(
                    "SELECT page_kind, count(*) FROM doc_outlets GROUP BY page_kind ORDER BY 2 DESC, 1"
                ).fetchall()
            ),
            "outlet_kinds": dict(
                q(
                    "SELECT coalesce(outlet_kind, ''), count(*) FROM doc_outlets"
                    " GROUP BY 1 ORDER BY 2 DESC, 1"
                ).fetchall()
            ),
            "countries": dict(
                q(
                    "SELECT coalesce(country, ''), count(*) FROM doc_outlets GROUP BY 1 ORDER BY 2 DESC, 1"
                ).fetchall()
            ),
        }

    def stats_recount(self) -> dict[str, Any]:
        """:meth:`stats` counted from the documents, rejects and annotations themselves (slow on
        a large store: the check that the counters are exact, and what they replaced)."""
        q = self.conn.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "languages": dict(
                q("SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY 2 DESC, 1").fetchall()
            ),
            "kinds": dict(
                q("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY 2 DESC, 1").fetchall()
            ),
            **self._outlet_counts(),
            "rejects": q("SELECT count(*) FROM rejects").fetchone()[0],
            "reject_reasons": dict(
                q("SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC, 1").fetchall()
            ),
            "annotations": dict(
                q("SELECT kind, count(*) FROM annotations GROUP BY kind ORDER BY 2 DESC, 1").fetchall()
            ),
            "top_agencies": q(
                "SELECT ref, count(DISTINCT doc_id) FROM annotations WHERE kind='cited' AND label='agency'"
                " AND ref IS NOT NULL GROUP BY ref ORDER BY 2 DESC, 1 LIMIT 10"
            ).fetchall(),
            "top_entities": q(
                "SELECT ref, label, count(DISTINCT doc_id), min(json_extract(data, '$.text'))"
                " FROM annotations WHERE kind='mentions' AND label != 'ROLE' AND ref IS NOT NULL"
                " GROUP BY ref ORDER BY 3 DESC, 1 LIMIT 10"
            ).fetchall(),
            "runs": q("SELECT count(*) FROM runs").fetchone()[0],
            "schema_version": self.schema_version,
        }

    # --- runs -----------------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        """Record the start of a run; return its id."""
        with _sql.write(self.conn):
            cur = self.conn.execute("INSERT INTO runs(command, started) VALUES (?, ?)", (command, _sql.now()))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        """Record a run's end and its stats."""
        with _sql.write(self.conn):
            self.conn.execute(
                "UPDATE runs SET finished = ?, stats = ? WHERE id = ?",
                (_sql.now(), json.dumps(stats), run_id),
            )

    def optimize(self) -> None:
        """Refresh the query planner's statistics and merge the full-text index's segments."""
        with _sql.write(self.conn):
            self.conn.execute("PRAGMA optimize")
            self.conn.execute("INSERT INTO docs_fts(docs_fts) VALUES ('optimize')")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path) -> SQLiteStore:
    """Open (creating and migrating as needed) the store at ``path``."""
    return SQLiteStore(path)


if TYPE_CHECKING:
    from khabar.store.base import Store

    def _implements_store(store: SQLiteStore) -> Store:
        """Never called: mypy checks here that SQLiteStore satisfies the Store protocol."""
        return store
