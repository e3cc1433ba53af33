"""Real web pages from outlets Khabar was never tuned on (a sample of ../shared/eval/html, the
trafilatura and ScrapingHub evaluation sets) go through ``khabar ingest`` to the end: exit 0,
every page stored or rejected with a reason, every linker done. bench/eval_pages.py runs the
whole folders (docs/benchmarks.md, ``eval_pages``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from khabar.store.sqlite import SQLiteStore
from tests.conftest import SHARED, khabar

FOLDERS = ("trafilatura_eval", "scrapinghub_aeb")
PER_FOLDER = 8


def _sample(folder: str) -> list[Path]:
    """Every n-th page of the folder, in name order: a fixed sample across the set."""
    pages = sorted((SHARED / "eval" / "html" / folder).rglob("*.html.gz"))
    assert len(pages) > PER_FOLDER, f"{folder}: evaluation pages missing"
    step = len(pages) // PER_FOLDER
    return pages[::step][:PER_FOLDER]


def test_a_sample_of_unseen_outlets_pages_is_ingested_and_linked_to_the_end(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for folder in FOLDERS:
        for page in _sample(folder):
            shutil.copy(page, pages / f"{folder}-{page.name}")
    db = tmp_path / "k.db"
    code, output = khabar("ingest", str(pages), "--db", str(db))
    assert code == 0, output
    with SQLiteStore(db) as store:
        stats = store.stats()
        assert stats["documents"] + stats["rejects"] == len(FOLDERS) * PER_FOLDER, stats
        assert all(r.reason for r in store.rejects())
        assert store.pending_links(10) == []
        assert store.link_failures.count() == 0
        assert stats["documents"] >= PER_FOLDER  # most of them are articles, not rejects
