"""Two ``khabar ingest`` processes of overlapping inputs into one PostgreSQL store, with the API
answering searches beside them: both exit 0, every input is stored exactly once and linked, the
counters equal a recount, and no search fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.store import open_store
from tests.support.writers import build_corpus, run_pair, writer_env

FILES = 40


def _check(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        q = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "documents": q("SELECT count(*) FROM documents"),
            "rejects": q("SELECT count(*) FROM rejects"),
            "uris": q(
                "SELECT count(DISTINCT uri) FROM"
                " (SELECT uri FROM documents UNION ALL SELECT uri FROM rejects) u"
            ),
            "both": q("SELECT count(*) FROM documents d JOIN rejects r ON r.id = d.id"),
            "indexed": q("SELECT count(*) FROM docs_fts"),
            "event_annotations": q("SELECT count(*) FROM annotations WHERE kind = 'events'"),
            "event_mentions": q("SELECT count(*) FROM event_mentions"),
            "articles": q("SELECT count(*) FROM doc_outlets WHERE page_kind = 'article'"),
            "in_stories": q("SELECT count(DISTINCT doc_id) FROM story_documents"),
            "link_failures": q("SELECT count(*) FROM link_failures"),
        }


def test_two_writers_into_postgres_with_searches_beside_them(tmp_path: Path, pg_url: str) -> None:
    folders = build_corpus(tmp_path / "in", FILES, seed=3)
    answers: list[int] = []
    with TestClient(create_app(pg_url)) as client:

        def reader() -> None:
            response = client.get("/api/search", params={"q": "Pakistan"})
            assert response.status_code == 200, response.text
            answers.append(len(response.json()["items"]))

        result = run_pair(
            pg_url,  # type: ignore[arg-type]
            folders,
            env=writer_env(links="events,stories"),
            reader=reader,
            readers=1,
        )
    assert result.exit_codes == [0, 0], "\n---\n".join(result.outputs)
    assert result.reader_errors == [] and result.reads > 0
    check = _check(pg_url)
    assert check["documents"] + check["rejects"] == FILES
    assert check["uris"] == FILES and check["both"] == 0
    assert check["indexed"] == check["documents"]
    assert sum(result.stored) == FILES, result.outputs  # each document new to exactly one writer
    assert check["event_mentions"] == check["event_annotations"]
    assert check["in_stories"] == check["articles"]
    assert check["link_failures"] == 0
    store: Any
    with open_store(pg_url) as store:
        assert store.stats() == store.stats_recount()
