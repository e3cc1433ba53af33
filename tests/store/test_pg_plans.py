"""PostgreSQL plans every search for its own words: a statement psycopg has prepared on the
server (after five runs on one connection) is never run with PostgreSQL's generic plan, which
for full-text search walks the whole rowid index (seconds over 100,000 documents for a rare
word, where the plan made for the word reads its few index entries)."""

from __future__ import annotations

from khabar.document import Document, Segment, Source
from khabar.store import open_store


def _doc(i: int) -> Document:
    text = f"common words in every page {i}" + (" rareword" if i == 3 else "")
    return Document(
        source=Source(uri=f"plans/{i}.txt", kind="txt"),
        raw=text,
        text=text,
        lang="en",
        segments=[Segment(0, len(text), "body", "en")],
    )


def test_repeated_searches_never_use_a_generic_plan(pg_url: str) -> None:
    with open_store(pg_url) as store:
        store.put_batch([_doc(i) for i in range(40)])
        assert store.conn.pg("SHOW plan_cache_mode").fetchone()[0] == "force_custom_plan"
        for _ in range(12):
            assert len(store.search("rareword")) == 1
            assert len(store.search("common", limit=5)) == 5
        rows = store.conn.pg(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ("%docs_fts%",),
        ).fetchall()
        assert rows, "the searches were run often enough to be prepared"
        assert all(generic == 0 and custom > 0 for _sql, generic, custom in rows), rows
