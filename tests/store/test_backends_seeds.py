"""The seed checks hold on PostgreSQL as on SQLite: the five seed pages ingested into each backend
give the same languages, entities, events, the 000↔001 translation link and one story thread of
four dated episodes; ``khabar search`` in Urdu, Hindi and English finds the same documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khabar.config import Config
from khabar.jobs import ingest
from khabar.store import open_store
from khabar.views.stories import get_story, story_of
from tests.conftest import SHARED, khabar

SEEDS = SHARED / "seeds"
_ID = re.compile(r"^([0-9a-f]{16})\s", re.MULTILINE)


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory, pg_server: Any) -> Iterator[dict[str, str]]:
    """Each backend's store of the five seed pages (ingested once for the module)."""
    sqlite = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    postgres = pg_server.database()
    for target in (sqlite, postgres):
        with open_store(target) as store:
            report = ingest([str(SEEDS)], store, Config(db=Path(sqlite)).with_overrides(db=target))
            assert report.stored == 5, report
    yield {"sqlite": sqlite, "postgres": postgres}
    pg_server.drop(postgres)


def _facts(target: str) -> dict[str, Any]:
    with open_store(target) as store:
        seeds = {Path(d.source.uri).name[:3]: d.id for d in store.documents()}
        links = {
            (
                Path(store.get(link["doc_id"]).source.uri).name[:3],
                link["kind"],  # type: ignore[union-attr]
                Path(store.get(link["other_id"]).source.uri).name[:3],
            )  # type: ignore[union-attr]
            for doc_id in seeds.values()
            for link in store.links.links_of(doc_id)
        }
        owners = {k: story_of(store, d) for k, d in seeds.items()}
        threads = {o["thread"]["id"] for o in owners.values() if o and o["thread"]}
        thread = get_story(store, next(iter(threads))) if len(threads) == 1 else None
        return {
            "languages": store.languages(),
            "stats": {k: v for k, v in store.stats().items() if k != "schema_version"},
            "entities": sorted(store.entity_counts()),
            "events": sorted((e.id, e.type, e.date) for e in store.events.find(limit=1000)),
            "links": links,
            "threads": len(threads),
            "episodes": [(e["start"], sorted(e["languages"])) for e in thread["episodes"]] if thread else [],
            "episode_of": {k: o["episode"]["id"] for k, o in owners.items() if o and o["episode"]},
        }


def test_the_seed_checks_hold_on_both_backends(targets: dict[str, str]) -> None:
    sqlite, postgres = _facts(targets["sqlite"]), _facts(targets["postgres"])
    assert postgres["languages"] == {"ur", "hi"}
    assert ("001", "translation_of", "000") in postgres["links"] or (
        "000",
        "translation_of",
        "001",
    ) in postgres["links"]
    assert postgres["threads"] == 1 and len(postgres["episodes"]) == 4
    assert all(start[:4].isdigit() for start, _ in postgres["episodes"])
    assert postgres["episode_of"]["000"] == postgres["episode_of"]["001"]
    for key in ("languages", "stats", "entities", "events", "links", "threads", "episodes", "episode_of"):
        assert postgres[key] == sqlite[key], key


@pytest.mark.parametrize("query", ["شوئیگو", "शोइगु", "Shoigu"])
def test_khabar_search_finds_the_same_documents_on_both(targets: dict[str, str], query: str) -> None:
    found = {}
    for backend, target in targets.items():
        code, output = khabar("search", query, "--db", target)
        assert code == 0, output
        found[backend] = _ID.findall(output)
    assert found["postgres"] and set(found["postgres"]) == set(found["sqlite"])
