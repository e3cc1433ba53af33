"""Near-duplicate quality gate: synthetic reprints of real Urdu news, through the normal ingest path."""

from __future__ import annotations

import json
import random
from pathlib import Path

from khabar.config import load_config
from khabar.eval.dedup import BANNERS, read_documents, reprint, score_links, synthetic_batch
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from tests.conftest import SHARED

EVAL = SHARED / "eval"
#: Originals in the gate's batch (half get a reprint): enough for a recall figure, small enough
#: for the per-document stages to run in seconds.
ORIGINALS = 40


def test_reprints_change_the_text_but_keep_most_of_it() -> None:
    text = read_documents(EVAL, limit=1)[0]
    rng = random.Random(1)
    for _ in range(20):
        copy, edits = reprint(text, rng)
        assert copy != text and edits
        kept = set(text.split()) & set(copy.split())
        assert len(kept) >= 0.5 * len(set(text.split()))
        if "banner" in edits:
            assert any(b in copy for b in BANNERS)


def test_reprints_are_linked_to_their_originals(tmp_path: Path) -> None:
    items = synthetic_batch(EVAL, limit=ORIGINALS)
    source = tmp_path / "batch.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps({"text": item.text}, ensure_ascii=False) + "\n")
    config = load_config(env={}, db=tmp_path / "reprints.db")
    with SQLiteStore(config.db) as store:
        ingest([str(source)], store, config)
        by_line = {
            int(uri.rsplit("#", 1)[1].lstrip("L")): doc_id
            for doc_id, uri in store.conn.execute("SELECT id, uri FROM documents ORDER BY rowid")
        }
        base = min(by_line)
        ids = [by_line[base + i] for i in range(len(items))]
        linked = dict(
            store.conn.execute(
                "SELECT doc_id, other_id FROM doc_links WHERE kind IN ('duplicate_of', 'near_duplicate_of')"
            ).fetchall()
        )
    result = score_links(items, ids, linked)
    assert result["reprints"] == ORIGINALS // 2
    assert result["recall"] >= 0.9 and result["precision"] >= 0.95, result
