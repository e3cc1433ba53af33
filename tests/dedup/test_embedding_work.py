"""The duplicates linker does the same embedding work on both backends: the same translation
candidates reach it, each document's lines are embedded once and read back from the store's
cache afterwards (the ``store`` fixture runs this on SQLite and on PostgreSQL).

A PostgreSQL ingest once looked embedding-bound where SQLite was not; this pins the work the
linker asks of the model to the corpus, not to the backend. The model is replaced by a
deterministic stand-in (vectors from a line's numbers), so no semantic extra is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from khabar.dedup import semantic
from khabar.dedup.kinds import TRANSLATION
from khabar.dedup.matching import link_duplicates
from khabar.document import Document, Segment, Source

_WORD = {"en": "report", "ur": "رپورٹ", "hi": "रिपोर्ट"}
_SCRIPT = {"en": "Latn", "ur": "Arab", "hi": "Deva"}


def _doc(name: str, lang: str, numbers: Sequence[Sequence[int]]) -> Document:
    """A page of one line per group of numbers, each line led by a word of ``lang``."""
    lines = [f"{_WORD[lang]} {name} " + " ".join(map(str, group)) for group in numbers]
    text = "\n".join(lines)
    segments, at = [], 0
    for line in lines:
        segments.append(Segment(at, at + len(line), "body", lang, _SCRIPT[lang], 1.0))
        at += len(line) + 1
    doc = Document(source=Source(uri=f"work/{name}.txt", kind="txt"), raw=text, text=text)
    doc.lang, doc.script, doc.segments = lang, _SCRIPT[lang], segments
    return doc


def _fake_embed(calls: list[tuple[str, ...]]) -> Any:
    """A stand-in for the model: a unit vector per line from its numbers; records each call."""

    def embed(lines: Sequence[str]) -> np.ndarray:
        calls.append(tuple(lines))
        out = np.zeros((len(lines), 384), dtype=np.float32)
        for i, line in enumerate(lines):
            for number in re.findall(r"\d+", line):
                out[i, int(number) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)

    return embed


def _corpus() -> list[Document]:
    """Three English stories, their Urdu translations, a Hindi one of the first, and an Urdu
    page sharing a single number with the first story (never a candidate)."""
    stories = [
        [(4521, 8812), (3310, 7711), (6021, 9034)],
        [(1207, 5530), (2841, 6650), (7092, 1188)],
        [(3405, 9920), (5178, 2263), (8436, 4409)],
    ]
    docs = [_doc(f"en{i}", "en", s) for i, s in enumerate(stories)]
    docs += [_doc(f"ur{i}", "ur", s) for i, s in enumerate(stories)]
    docs.append(_doc("hi0", "hi", stories[0]))
    docs.append(_doc("ur-other", "ur", [(4521, 1111), (2222, 3333), (4444, 5555)]))
    return docs


def test_each_document_is_embedded_once_and_the_candidates_match(
    store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(semantic, "available", lambda: True)
    monkeypatch.setattr(semantic, "embed_lines", _fake_embed(calls))
    docs = _corpus()
    assert all(store.put_batch(docs))
    with store.transaction():
        counters = link_duplicates(store, docs)
    by_name = {d.id: d.source.uri.split("/")[-1][:-4] for d in docs}
    embedded = Counter(line.split()[1] for lines in calls for line in lines[:1])
    # Every document that reached the model reached it once: later pairs read the store's cache.
    assert embedded == Counter({n: 1 for n in ("en0", "en1", "en2", "ur0", "ur1", "ur2", "hi0")})
    # Urdu 0-2 each meet their English story; Hindi 0 meets English 0 and Urdu 0.
    assert counters["translation_candidates"] == 5
    assert counters["embedded_pairs"] == 5
    assert counters[TRANSLATION] == 5
    pairs = {
        (by_name[link["doc_id"]], by_name[link["other_id"]])
        for d in docs
        for link in store.links.links_of(d.id)
        if link["kind"] == TRANSLATION and link["direction"] == "out"
    }
    assert pairs == {("ur0", "en0"), ("ur1", "en1"), ("ur2", "en2"), ("hi0", "en0"), ("hi0", "ur0")}
    # The cache holds one entry per embedded document, and a second linking embeds nothing.
    calls.clear()
    with store.transaction():
        link_duplicates(store, docs)
    assert calls == []
