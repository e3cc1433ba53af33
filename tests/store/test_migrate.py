"""``khabar migrate --from khabar.db --to postgresql://…`` copies a store: the copy answers every
read as the original does, and goes on storing and linking after it."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.config import Config
from khabar.jobs import ingest
from khabar.store import open_store
from tests.conftest import SHARED, khabar

SEEDS = SHARED / "seeds"


def _reads(target: str) -> dict[str, object]:
    with open_store(target) as store:
        ids = [d.id for d in store.documents()]
        return {
            "documents": [store.get(i) for i in ids],
            "sequence": store.sequence_numbers(ids),
            "stats": {k: v for k, v in store.stats().items() if k != "schema_version"},
            "search": [(h.id, h.snippet) for h in store.search("شوئیگو")],
            # events of one day are listed newest-added first, and "added" is to the second: the
            # two stores ingest the fifth seed a moment apart, so compare them as a set
            "events": sorted(store.events.find(limit=500), key=repr),
            # links_of has no order of its own (nor does SQLite's table scan): compare as sets
            "links": [sorted(store.links.links_of(i), key=json.dumps) for i in ids],
            "stories": store.stories.recent(limit=50),
            "episodes": store.stories.episodes_of(ids),
            "runs": store.stats()["runs"],
        }


def test_migrate_copies_a_store_that_answers_the_same(tmp_path: Path, pg_url: str) -> None:
    db = tmp_path / "seeds.db"
    seeds = sorted(SEEDS.iterdir())
    with open_store(db) as store:
        ingest([str(p) for p in seeds[:4]], store, Config(db=db))
    code, output = khabar("migrate", "--from", str(db), "--to", pg_url)
    assert code == 0, output
    assert "copied 4 documents" in output
    assert _reads(pg_url) == _reads(str(db))
    # Both go on from where the copy stopped: the fifth seed gets the same insertion number,
    # story and links in each.
    for target in (str(db), pg_url):
        with open_store(target) as store:
            ingest([str(seeds[4])], store, Config(db=db).with_overrides(db=target))
    assert _reads(pg_url) == _reads(str(db))
    code, output = khabar("migrate", "--from", str(db), "--to", pg_url)
    assert code != 0 and "not empty" in output
