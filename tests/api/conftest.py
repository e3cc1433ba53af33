"""Fixtures for the API tests: a store of the five seed pages, and a small hand-built store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.config import Config
from khabar.document import Document, Mention, Removed, Segment, Source, TimeRef
from khabar.store.sqlite import SQLiteStore
from tests.conftest import BACKENDS, SHARED

SEEDS = SHARED / "seeds"
TOKEN = "test-token-123"

#: Article text an attacker controls: it must come back as text, never as markup.
HOSTILE = 'Breaking <script>alert(1)</script> and <img src=x onerror="alert(2)"> news from Tashkent'


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed pages ingested once with the default stages and linkers."""
    from khabar.jobs import ingest

    db = tmp_path_factory.mktemp("api-seeds") / "seeds.db"
    with SQLiteStore(db) as store:
        report = ingest([str(SEEDS)], store, Config(db=db))
    assert report.stored == 5, report
    return db


@pytest.fixture(scope="session")
def seed_ids(seeds_db: Path) -> dict[str, str]:
    """Seed number ("000" …) → document id."""
    with SQLiteStore(seeds_db) as store:
        return {Path(d.source.uri).name[:3]: d.id for d in store.documents()}


@pytest.fixture(scope="session")
def pg_seeds(pg_server: Any) -> Iterator[str]:
    """The five seed pages ingested once into a PostgreSQL store of their own."""
    from khabar.jobs import ingest
    from khabar.store import open_store

    url = pg_server.database()
    with open_store(url) as store:
        report = ingest([str(SEEDS)], store, Config().with_overrides(db=url))
    assert report.stored == 5, report
    yield url
    pg_server.drop(url)


@pytest.fixture
def client(seeds_db: Path) -> Iterator[TestClient]:
    """A client of the app over the seed store."""
    with TestClient(create_app(seeds_db, token=TOKEN)) as c:
        yield c


@pytest.fixture(params=BACKENDS)
def any_client(request: pytest.FixtureRequest, seeds_db: Path) -> Iterator[TestClient]:
    """A client of the app over the seed store on each backend: a module whose ``client`` is
    this one runs its API contract on SQLite and on PostgreSQL."""
    target = seeds_db if request.param == "sqlite" else request.getfixturevalue("pg_seeds")
    with TestClient(create_app(target, token=TOKEN)) as c:
        yield c


def hostile_document() -> Document:
    """A document whose title, text, removed debris and annotations carry markup."""
    text = HOSTILE + "\nSecond line."
    start = text.index("Tashkent")
    doc = Document(source=Source(uri="hostile<b>.txt", kind="txt", url='https://x.example/"><script>'))
    doc.text = text
    doc.title = "<script>alert('title')</script>"
    doc.lang, doc.script = "en", "Latn"
    first = len(HOSTILE)
    doc.segments = [
        Segment(0, first, "body", "en", "Latn"),
        Segment(first + 1, len(text), "body", "en", "Latn"),
    ]
    doc.mentions = [Mention(start, start + 8, "LOC", "loc:tashkent", 1.0, "Tashkent", "loc:tashkent")]
    doc.times = [TimeRef(0, 8, '2024"><script>', text="Breaking")]
    doc.removed = [Removed("<script>alert('removed')</script>", "ad_placeholder")]
    return doc


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A store holding only the hostile document (no events, links or stories)."""
    db = tmp_path / "small.db"
    with SQLiteStore(db) as store:
        store.put(hostile_document())
    return db


@pytest.fixture
def small_client(small_db: Path) -> Iterator[TestClient]:
    """A client over the small store, with a 4 KiB upload limit."""
    with TestClient(create_app(small_db, token=TOKEN, max_upload_bytes=4096)) as c:
        yield c
