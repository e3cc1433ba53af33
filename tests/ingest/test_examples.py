"""The demo corpus reads cleanly, and its WARC is what make_warc.py builds."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from khabar.ingest import read_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_demo_corpus_reads_without_rejects() -> None:
    docs = list(read_paths([str(EXAMPLES)]))
    assert [d.rejects for d in docs if d.rejected] == []
    assert Counter(d.source.kind for d in docs) == {"txt": 6, "html": 6, "warc": 3, "jsonl": 2}
    assert len({d.id for d in docs}) == len(docs)


def test_demo_corpus_languages_by_file_name() -> None:
    pages = [*(EXAMPLES / "text").iterdir(), *(EXAMPLES / "html").iterdir()]
    assert Counter(p.name[:2] for p in pages) == {"ur": 5, "hi": 4, "en": 3}


def test_demo_html_pages_carry_a_publication_time_and_canonical_url() -> None:
    for doc in read_paths([str(EXAMPLES / "html")]):
        assert doc.html is not None
        assert 'property="article:published_time"' in doc.html
        assert doc.source.url is not None and ".example/" in doc.source.url  # reserved, fictional domains
        assert doc.meta.get("title")


def test_committed_warc_matches_make_warc() -> None:
    spec = importlib.util.spec_from_file_location("make_warc", EXAMPLES / "make_warc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (EXAMPLES / "warc" / "demo.warc.gz").read_bytes()
