"""Schema migrations for the SQLite store, applied in order on open."""

from __future__ import annotations

# The FTS tokenizer keeps letters, numbers, private-use and *marks* inside tokens: the
# default unicode61 splits Devanagari words at vowel signs (measured on seed 001:
# "सुरक्षा" became "स", "र", "क", "ष"), which breaks whole-word search.
FTS_TOKENIZE = "unicode61 categories 'L* N* Co M*'"

MIGRATIONS: list[str] = [
    # 1: documents, segments, annotations, rejects, runs, full-text index
    f"""
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        command TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        stats TEXT
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        uri TEXT NOT NULL,
        kind TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        lang TEXT NOT NULL,
        script TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        published_source TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        raw BLOB,
        run_id INTEGER REFERENCES runs(id),
        added TEXT NOT NULL
    );
    CREATE INDEX documents_lang ON documents(lang);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE segments (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        lang TEXT NOT NULL,
        script TEXT NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE annotations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        idx INTEGER NOT NULL,
        start INTEGER,
        "end" INTEGER,
        label TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, kind, idx)
    );
    CREATE INDEX annotations_label ON annotations(kind, label);
    CREATE TABLE rejects (
        id TEXT PRIMARY KEY,
        uri TEXT NOT NULL,
        kind TEXT NOT NULL,
        stage TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        data TEXT NOT NULL,
        raw BLOB,
        run_id INTEGER REFERENCES runs(id),
        added TEXT NOT NULL
    );
    CREATE INDEX rejects_reason ON rejects(reason);
    CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, tokenize="{FTS_TOKENIZE}");
    """,
    # 2: what an annotation points at (a mention's entity id, a time's value, an event's type),
    # so entity pages and entity search are one indexed lookup
    """
    ALTER TABLE annotations ADD COLUMN ref TEXT;
    UPDATE annotations SET ref = COALESCE(
        json_extract(data, '$.entity'), json_extract(data, '$.kb_id'),
        json_extract(data, '$.value'), json_extract(data, '$.type'));
    CREATE INDEX annotations_ref ON annotations(kind, ref);
    """,
    # 3: events merged across documents (owner: events). A document's own event records stay
    # in annotations (kind 'events'); event_mentions ties them to one merged event, and
    # event_parties makes "events of this entity" one indexed lookup.
    """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        mode TEXT,
        date TEXT,
        precision TEXT,
        place TEXT,
        data TEXT NOT NULL,
        added TEXT NOT NULL
    );
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE event_mentions (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE INDEX event_mentions_event ON event_mentions(event_id);
    CREATE TABLE event_parties (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (event_id, entity, role)
    );
    CREATE INDEX event_parties_entity ON event_parties(entity);
    """,
    # 4: duplicates, translations and shared sources between documents (owner: dedup).
    # A link is directed: doc_id is the copy/translation, other_id the canonical/original (the
    # earlier stored). seq is documents.rowid: a document is only compared with earlier ones,
    # so re-linking the store in insertion order gives the same links as ingesting did.
    # doc_bands holds MinHash LSH buckets, doc_anchors the language-independent keys
    # (entities, numbers, dates, cited URLs, agencies, content-word keys) that propose
    # translation and same-source candidates; line_vectors caches sentence embeddings. Bands and
    # anchors are found by key only (a document's own keys are recomputed from its signature row
    # when it is re-linked), so they carry no second index to keep up on every insert.
    """
    CREATE TABLE doc_signatures (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        lang TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        canonical_id TEXT,
        shingles INTEGER NOT NULL,
        minhash BLOB NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX doc_signatures_hash ON doc_signatures(content_hash, seq);
    CREATE INDEX doc_signatures_canonical ON doc_signatures(canonical_id);
    CREATE TABLE doc_bands (
        key INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        doc_id TEXT NOT NULL,
        PRIMARY KEY (key, seq, doc_id)
    ) WITHOUT ROWID;
    CREATE TABLE doc_anchors (
        key TEXT NOT NULL,
        lang TEXT NOT NULL,
        seq INTEGER NOT NULL,
        doc_id TEXT NOT NULL,
        PRIMARY KEY (key, lang, seq, doc_id)
    ) WITHOUT ROWID;
    CREATE TABLE doc_links (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        other_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL,
        added TEXT NOT NULL,
        PRIMARY KEY (doc_id, other_id, kind)
    );
    CREATE INDEX doc_links_other ON doc_links(other_id, kind);
    CREATE INDEX doc_links_kind ON doc_links(kind);
    CREATE TABLE line_vectors (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        dim INTEGER NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # 5: stories (owner: stories). level 'episode' is one dated happening reported by several
    # documents; level 'thread' is a long-running story holding episodes (parent).
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        level TEXT NOT NULL,
        parent TEXT REFERENCES stories(id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        data TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX stories_parent ON stories(parent);
    CREATE INDEX stories_level_end ON stories(level, "end");
    CREATE TABLE story_documents (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        score REAL NOT NULL,
        date TEXT,
        PRIMARY KEY (story_id, doc_id)
    );
    CREATE INDEX story_documents_doc ON story_documents(doc_id);
    -- A story's entities with their summed weight and document count: the centroid used to
    -- score new documents, the "top entities" of a listing and the entity filter.
    CREATE TABLE story_entities (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        weight REAL NOT NULL,
        documents INTEGER NOT NULL,
        PRIMARY KEY (story_id, entity)
    ) WITHOUT ROWID;
    CREATE INDEX story_entities_entity ON story_entities(entity);
    -- Candidate lookup: an episode under "entity|month" for each month its date window
    -- touches, a thread under "t|entity" for its leading entities.
    CREATE TABLE story_index (
        key TEXT NOT NULL,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (key, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_index_story ON story_index(story_id);
    -- Documents mentioning each entity (the row with entity '' counts all documents), for
    -- weighting entities by how rare they are.
    CREATE TABLE story_entity_df (
        entity TEXT PRIMARY KEY,
        documents INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 6: what search filters on, kept beside documents by triggers (owner: search). doc_facets
    # copies the filter columns into a narrow table: checking a filter there costs a fraction of
    # reading a documents row, which carries the whole text (measured ~5x faster). doc_event_types
    # lists the documents holding an event of each PLOVER type.
    """
    CREATE TABLE doc_facets (
        doc_rowid INTEGER PRIMARY KEY,
        lang TEXT NOT NULL,
        published TEXT,
        outlet TEXT
    );
    INSERT INTO doc_facets(doc_rowid, lang, published, outlet)
        SELECT rowid, lang, published, outlet FROM documents;
    CREATE INDEX doc_facets_outlet ON doc_facets(outlet);
    CREATE TABLE doc_event_types (
        type TEXT NOT NULL,
        doc_rowid INTEGER NOT NULL,
        PRIMARY KEY (type, doc_rowid)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO doc_event_types(type, doc_rowid)
        SELECT a.label, d.rowid FROM annotations a JOIN documents d ON d.id = a.doc_id
        WHERE a.kind = 'events' AND a.label IS NOT NULL;
    CREATE TRIGGER doc_facets_insert AFTER INSERT ON documents BEGIN
        INSERT INTO doc_facets(doc_rowid, lang, published, outlet)
            VALUES (new.rowid, new.lang, new.published, new.outlet);
    END;
    CREATE TRIGGER doc_facets_update AFTER UPDATE OF lang, published, outlet ON documents BEGIN
        UPDATE doc_facets SET lang = new.lang, published = new.published, outlet = new.outlet
            WHERE doc_rowid = new.rowid;
    END;
    CREATE TRIGGER doc_facets_delete AFTER DELETE ON documents BEGIN
        DELETE FROM doc_facets WHERE doc_rowid = old.rowid;
        DELETE FROM doc_event_types WHERE doc_rowid = old.rowid;
    END;
    CREATE TRIGGER doc_event_types_insert AFTER INSERT ON annotations
    WHEN new.kind = 'events' AND new.label IS NOT NULL BEGIN
        INSERT OR IGNORE INTO doc_event_types(type, doc_rowid)
            SELECT new.label, rowid FROM documents WHERE id = new.doc_id;
    END;
    CREATE TRIGGER doc_event_types_delete AFTER DELETE ON annotations WHEN old.kind = 'events' BEGIN
        DELETE FROM doc_event_types
            WHERE type = old.label AND doc_rowid = (SELECT rowid FROM documents WHERE id = old.doc_id)
            AND NOT EXISTS (SELECT 1 FROM annotations
                WHERE doc_id = old.doc_id AND kind = 'events' AND label = old.label);
    END;
    """,
    # 7: the documents mentioning each entity (owner: search), kept by triggers, for the search
    # filter "mentions this entity": a set read from this index in ~1 ms, where reading the
    # mention rows themselves took ~0.3 s for an entity in 10% of 100k documents.
    """
    CREATE TABLE doc_entities (
        entity TEXT NOT NULL,
        doc_rowid INTEGER NOT NULL,
        PRIMARY KEY (entity, doc_rowid)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO doc_entities(entity, doc_rowid)
        SELECT a.ref, d.rowid FROM annotations a JOIN documents d ON d.id = a.doc_id
        WHERE a.kind = 'mentions' AND a.ref IS NOT NULL;
    CREATE TRIGGER doc_entities_insert AFTER INSERT ON annotations
    WHEN new.kind = 'mentions' AND new.ref IS NOT NULL BEGIN
        INSERT OR IGNORE INTO doc_entities(entity, doc_rowid)
            SELECT new.ref, rowid FROM documents WHERE id = new.doc_id;
    END;
    CREATE TRIGGER doc_entities_delete AFTER DELETE ON annotations WHEN old.kind = 'mentions' BEGIN
        DELETE FROM doc_entities
            WHERE entity = old.ref AND doc_rowid = (SELECT rowid FROM documents WHERE id = old.doc_id)
            AND NOT EXISTS (SELECT 1 FROM annotations
                WHERE doc_id = old.doc_id AND kind = 'mentions' AND ref = old.ref);
    END;
    CREATE TRIGGER doc_entities_document_delete AFTER DELETE ON documents BEGIN
        DELETE FROM doc_entities WHERE doc_rowid = old.rowid;
    END;
    """,
    # migration for watch: 8: watched sources (owner: monitor), the fetch queue with what each
    # URL became, and every failed fetch with its reason. The queue's url is canonical, so an
    # article reached through a feed, a sitemap and a home page teaser is fetched once.
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        name TEXT,
        kind TEXT NOT NULL,
        parent INTEGER REFERENCES sources(id) ON DELETE CASCADE,
        interval REAL NOT NULL,
        added TEXT NOT NULL,
        last_fetch TEXT,
        last_status INTEGER,
        last_error TEXT,
        next_poll REAL NOT NULL DEFAULT 0,
        etag TEXT,
        last_modified TEXT,
        items INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        failing INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE fetch_queue (
        url TEXT PRIMARY KEY,
        source INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        found TEXT NOT NULL,
        published TEXT,
        title TEXT,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        doc_id TEXT,
        fetched TEXT,
        warc TEXT,
        warc_offset INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX fetch_queue_state ON fetch_queue(state, found);
    CREATE TABLE fetch_failures (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        source INTEGER REFERENCES sources(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        error TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        status INTEGER
    );
    CREATE INDEX fetch_failures_source ON fetch_failures(source, id);
    """,
    # migration for alerts: saved searches (owner: alerts) and the documents that matched them.
    # ``checked`` is the documents.rowid up to which stored documents were matched against the
    # alert; UNIQUE(alert_id, doc_id) makes an item once however often matching runs, and
    # ``delivered`` (the time the webhook took it) makes a webhook POST happen once. IF NOT EXISTS:
    # running it again on a store rolled back to an earlier version keeps what is there.
    """
    CREATE TABLE IF NOT EXISTS alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        query TEXT NOT NULL DEFAULT '',
        entities TEXT NOT NULL DEFAULT '[]',
        type TEXT,
        lang TEXT,
        webhook TEXT,
        checked INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS alert_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        matched TEXT NOT NULL,
        created TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        delivered TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        UNIQUE (alert_id, doc_id)
    );
    CREATE INDEX IF NOT EXISTS alert_items_doc ON alert_items(doc_id);
    """,
    # migration for link_failures: a linker that fails on one document is recorded against it
    # (the rest of the batch is linked); a later successful link of the document clears it.
    """
    CREATE TABLE IF NOT EXISTS link_failures (
        doc_id TEXT NOT NULL,
        linker TEXT NOT NULL,
        error TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        run_id INTEGER,
        at TEXT NOT NULL,
        PRIMARY KEY (doc_id, linker)
    ) WITHOUT ROWID;
    """,
    # migration for alerts: the items' state by alert, so the counts on every alerts page and the
    # webhook's pending items are read from the index, not from the rows with their JSON.
    """
    CREATE INDEX IF NOT EXISTS alert_items_state ON alert_items(alert_id, delivered, read);
    """,
    # migration for outlets: 10: each document's outlet country and outlet kind (khabar.kb.outlets)
    # and its page kind (article, homepage, section, video, gallery), beside the outlet of
    # doc_facets (owner: search), for the search filters and facet counts. Written by the store
    # with the document; filled here from the stored documents. IF NOT EXISTS:
    # running it again on a store rolled back to an earlier version keeps what is there.
    """
    CREATE TABLE IF NOT EXISTS doc_outlets (
        doc_rowid INTEGER PRIMARY KEY,
        country TEXT,
        outlet_kind TEXT,
        page_kind TEXT NOT NULL DEFAULT 'article'
    );
    INSERT OR IGNORE INTO doc_outlets(doc_rowid, country, outlet_kind, page_kind)
        SELECT rowid, json_extract(data, '$.provenance.country'),
            json_extract(data, '$.provenance.outlet_kind'),
            coalesce(json_extract(data, '$.page_kind'), 'article')
        FROM documents;
    CREATE INDEX IF NOT EXISTS doc_outlets_country ON doc_outlets(country);
    CREATE INDEX IF NOT EXISTS doc_outlets_outlet_kind ON doc_outlets(outlet_kind);
    CREATE INDEX IF NOT EXISTS doc_outlets_page_kind ON doc_outlets(page_kind);
    CREATE TRIGGER IF NOT EXISTS doc_outlets_delete AFTER DELETE ON documents BEGIN
        DELETE FROM doc_outlets WHERE doc_rowid = old.rowid;
    END;
    """,
    # migration for linkers pending: 12: the accepted documents of an ingest whose linkers have
    # not finished, written in the transaction that stores them, so a run killed between the
    # commit and the linkers leaves a marker that the next ingest finishes first.
    """
    CREATE TABLE IF NOT EXISTS link_pending (
        seq INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE
    );
    """,
    # migration for conc: 13: the store's counters (owner: store), kept exact by triggers so the
    # search and stats pages read a few rows instead of grouping every document and annotation
    # (0.8 s at 20k documents). counts holds (name, key) -> n for 'lang' and 'kind' of documents,
    # 'reason' of rejects, 'annotation' kinds, 'entity_docs' (documents mentioning an entity,
    # from doc_entities) and 'agency_docs' (documents citing an agency); entity_labels the
    # mentions of each entity under each label with the first surface in sort order.
    """
    CREATE TABLE IF NOT EXISTS counts (
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (name, key)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS entity_labels (
        ref TEXT NOT NULL,
        label TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        surface TEXT,
        PRIMARY KEY (ref, label)
    ) WITHOUT ROWID;
    DELETE FROM counts;
    DELETE FROM entity_labels;
    INSERT INTO counts(name, key, n) SELECT 'lang', lang, count(*) FROM documents GROUP BY lang;
    INSERT INTO counts(name, key, n) SELECT 'kind', kind, count(*) FROM documents GROUP BY kind;
    INSERT INTO counts(name, key, n) SELECT 'reason', reason, count(*) FROM rejects GROUP BY reason;
    INSERT INTO counts(name, key, n) SELECT 'annotation', kind, count(*) FROM annotations GROUP BY kind;
    INSERT INTO counts(name, key, n) SELECT 'entity_docs', entity, count(*) FROM doc_entities GROUP BY entity;
    INSERT INTO counts(name, key, n)
        SELECT 'agency_docs', ref, count(DISTINCT doc_id) FROM annotations
        WHERE kind = 'cited' AND label = 'agency' AND ref IS NOT NULL GROUP BY ref;
    INSERT INTO entity_labels(ref, label, mentions, surface)
        SELECT ref, coalesce(label, ''), count(*), min(json_extract(data, '$.text')) FROM annotations
        WHERE kind = 'mentions' AND ref IS NOT NULL GROUP BY ref, coalesce(label, '');
    CREATE TRIGGER IF NOT EXISTS counts_document_insert AFTER INSERT ON documents BEGIN
        INSERT INTO counts(name, key, n) VALUES ('lang', new.lang, 1), ('kind', new.kind, 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_document_delete AFTER DELETE ON documents BEGIN
        UPDATE counts SET n = n - 1
            WHERE (name = 'lang' AND key = old.lang) OR (name = 'kind' AND key = old.kind);
        DELETE FROM counts WHERE n <= 0 AND name IN ('lang', 'kind');
    END;
    CREATE TRIGGER IF NOT EXISTS counts_document_update AFTER UPDATE OF lang, kind ON documents BEGIN
        UPDATE counts SET n = n - 1
            WHERE (name = 'lang' AND key = old.lang) OR (name = 'kind' AND key = old.kind);
        INSERT INTO counts(name, key, n) VALUES ('lang', new.lang, 1), ('kind', new.kind, 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
        DELETE FROM counts WHERE n <= 0 AND name IN ('lang', 'kind');
    END;
    CREATE TRIGGER IF NOT EXISTS counts_reject_insert AFTER INSERT ON rejects BEGIN
        INSERT INTO counts(name, key, n) VALUES ('reason', new.reason, 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_reject_delete AFTER DELETE ON rejects BEGIN
        UPDATE counts SET n = n - 1 WHERE name = 'reason' AND key = old.reason;
        DELETE FROM counts WHERE name = 'reason' AND key = old.reason AND n <= 0;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_reject_update AFTER UPDATE OF reason ON rejects BEGIN
        UPDATE counts SET n = n - 1 WHERE name = 'reason' AND key = old.reason;
        INSERT INTO counts(name, key, n) VALUES ('reason', new.reason, 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
        DELETE FROM counts WHERE name = 'reason' AND key = old.reason AND n <= 0;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_annotation_insert AFTER INSERT ON annotations BEGIN
        INSERT INTO counts(name, key, n) VALUES ('annotation', new.kind, 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_annotation_delete AFTER DELETE ON annotations BEGIN
        UPDATE counts SET n = n - 1 WHERE name = 'annotation' AND key = old.kind;
        DELETE FROM counts WHERE name = 'annotation' AND key = old.kind AND n <= 0;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_mention_insert AFTER INSERT ON annotations
    WHEN new.kind = 'mentions' AND new.ref IS NOT NULL BEGIN
        INSERT INTO entity_labels(ref, label, mentions, surface)
            VALUES (new.ref, coalesce(new.label, ''), 1, json_extract(new.data, '$.text'))
            ON CONFLICT(ref, label) DO UPDATE SET mentions = mentions + 1,
                surface = CASE WHEN surface IS NULL OR excluded.surface < surface
                    THEN coalesce(excluded.surface, surface) ELSE surface END;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_mention_delete AFTER DELETE ON annotations
    WHEN old.kind = 'mentions' AND old.ref IS NOT NULL BEGIN
        UPDATE entity_labels SET mentions = mentions - 1,
            surface = (SELECT min(json_extract(data, '$.text')) FROM annotations
                WHERE kind = 'mentions' AND ref = old.ref AND coalesce(label, '') = coalesce(old.label, ''))
            WHERE ref = old.ref AND label = coalesce(old.label, '');
        DELETE FROM entity_labels WHERE ref = old.ref AND label = coalesce(old.label, '') AND mentions <= 0;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_agency_insert AFTER INSERT ON annotations
    WHEN new.kind = 'cited' AND new.label = 'agency' AND new.ref IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM annotations WHERE doc_id = new.doc_id AND kind = 'cited'
            AND idx != new.idx AND +label = 'agency' AND +ref = new.ref) BEGIN
        INSERT INTO counts(name, key, n) VALUES ('agency_docs', new.ref, 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_agency_delete AFTER DELETE ON annotations
    WHEN old.kind = 'cited' AND old.label = 'agency' AND old.ref IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM annotations WHERE doc_id = old.doc_id AND kind = 'cited'
            AND +label = 'agency' AND +ref = old.ref) BEGIN
        UPDATE counts SET n = n - 1 WHERE name = 'agency_docs' AND key = old.ref;
        DELETE FROM counts WHERE name = 'agency_docs' AND key = old.ref AND n <= 0;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_entity_doc_insert AFTER INSERT ON doc_entities BEGIN
        INSERT INTO counts(name, key, n) VALUES ('entity_docs', new.entity, 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_entity_doc_delete AFTER DELETE ON doc_entities BEGIN
        UPDATE counts SET n = n - 1 WHERE name = 'entity_docs' AND key = old.entity;
        DELETE FROM counts WHERE name = 'entity_docs' AND key = old.entity AND n <= 0;
    END;
    """,
    # 14: documents by source address, so "is this URL already stored?" (asked by the watch for
    # every queued URL, and by the upload) is an index lookup, not a scan. And a deleted
    # document leaves the full-text index with it: its row there would otherwise keep matching,
    # and a later document given the same rowid could not be indexed (a constraint error).
    """
    CREATE INDEX IF NOT EXISTS documents_uri ON documents(uri);
    DELETE FROM docs_fts WHERE rowid NOT IN (SELECT rowid FROM documents);
    CREATE TRIGGER IF NOT EXISTS docs_fts_document_delete AFTER DELETE ON documents BEGIN
        DELETE FROM docs_fts WHERE rowid = old.rowid;
    END;
    """,
    # migration for happen: happenings (owner: happenings). A happening groups merged events of
    # one date (pkey: the date, '' when undated) told by one document or by translations or
    # copies of it; each merged event is in one happening. Parties and documents (with their
    # language) are side tables for the entity, language and story filters.
    """
    CREATE TABLE IF NOT EXISTS happenings (
        id TEXT PRIMARY KEY,
        pkey TEXT NOT NULL,
        date TEXT,
        place TEXT,
        data TEXT NOT NULL,
        added TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS happenings_pkey ON happenings(pkey);
    CREATE INDEX IF NOT EXISTS happenings_date ON happenings(date);
    CREATE TABLE IF NOT EXISTS happening_events (
        event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        happening_id TEXT NOT NULL REFERENCES happenings(id) ON DELETE CASCADE
    );
    CREATE INDEX IF NOT EXISTS happening_events_happening ON happening_events(happening_id);
    CREATE TABLE IF NOT EXISTS happening_parties (
        happening_id TEXT NOT NULL REFERENCES happenings(id) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        PRIMARY KEY (happening_id, entity)
    );
    CREATE INDEX IF NOT EXISTS happening_parties_entity ON happening_parties(entity);
    CREATE TABLE IF NOT EXISTS happening_docs (
        happening_id TEXT NOT NULL REFERENCES happenings(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        lang TEXT,
        PRIMARY KEY (happening_id, doc_id)
    );
    CREATE INDEX IF NOT EXISTS happening_docs_doc ON happening_docs(doc_id);
    CREATE INDEX IF NOT EXISTS happening_docs_lang ON happening_docs(lang);
    """,
    # migration for shard: the ledger of sharded ingests (khabar ingest --executor local|ray). One
    # row per shard of a run's input, keyed by the run's argument fingerprint, so a killed run
    # re-run with the same arguments skips the shards already done.
    """
    CREATE TABLE IF NOT EXISTS shard_ledger (
        run_key TEXT NOT NULL,
        shard_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'planned',
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        run_id INTEGER,
        read INTEGER NOT NULL DEFAULT 0,
        stored INTEGER NOT NULL DEFAULT 0,
        updated TEXT NOT NULL,
        PRIMARY KEY (run_key, shard_id)
    );
    """,
    # migration for search: 18: documents by page kind, outlet kind and outlet country among the
    # store's counters (counts 'page_kind', 'outlet_kind', 'country'; '' for unknown), kept by
    # triggers on doc_outlets, so the search and stats pages read a few rows instead of grouping
    # doc_outlets per request (23 ms at 20k documents).
    """
    DELETE FROM counts WHERE name IN ('page_kind', 'outlet_kind', 'country');
    INSERT INTO counts(name, key, n) SELECT 'page_kind', page_kind, count(*) FROM doc_outlets GROUP BY 2;
    INSERT INTO counts(name, key, n)
        SELECT 'outlet_kind', coalesce(outlet_kind, ''), count(*) FROM doc_outlets GROUP BY 2;
    INSERT INTO counts(name, key, n)
        SELECT 'country', coalesce(country, ''), count(*) FROM doc_outlets GROUP BY 2;
    CREATE TRIGGER IF NOT EXISTS counts_outlet_insert AFTER INSERT ON doc_outlets BEGIN
        INSERT INTO counts(name, key, n) VALUES ('page_kind', new.page_kind, 1),
            ('outlet_kind', coalesce(new.outlet_kind, ''), 1), ('country', coalesce(new.country, ''), 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS counts_outlet_delete AFTER DELETE ON doc_outlets BEGIN
        UPDATE counts SET n = n - 1 WHERE (name = 'page_kind' AND key = old.page_kind)
            OR (name = 'outlet_kind' AND key = coalesce(old.outlet_kind, ''))
            OR (name = 'country' AND key = coalesce(old.country, ''));
        DELETE FROM counts WHERE n <= 0 AND name IN ('page_kind', 'outlet_kind', 'country');
    END;
    CREATE TRIGGER IF NOT EXISTS counts_outlet_update AFTER UPDATE OF page_kind, outlet_kind, country
    ON doc_outlets BEGIN
        UPDATE counts SET n = n - 1 WHERE (name = 'page_kind' AND key = old.page_kind)
            OR (name = 'outlet_kind' AND key = coalesce(old.outlet_kind, ''))
            OR (name = 'country' AND key = coalesce(old.country, ''));
        INSERT INTO counts(name, key, n) VALUES ('page_kind', new.page_kind, 1),
            ('outlet_kind', coalesce(new.outlet_kind, ''), 1), ('country', coalesce(new.country, ''), 1)
            ON CONFLICT(name, key) DO UPDATE SET n = n + 1;
        DELETE FROM counts WHERE n <= 0 AND name IN ('page_kind', 'outlet_kind', 'country');
    END;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
