"""Cross-document linkers: registry, and that ingest hands each linker only newly stored documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.config import load_config
from khabar.document import Document
from khabar.errors import PipelineError
from khabar.jobs import ingest, relink
from khabar.linking import load_linkers
from khabar.registry import LINKERS, linker
from khabar.store.sqlite import SQLiteStore

SEEN: list[list[str]] = []


@pytest.fixture(autouse=True)
def _recording_linker() -> Iterator[None]:
    @linker("t_record")
    def record(store: SQLiteStore, docs: list[Document]) -> dict[str, int]:
        SEEN.append([d.id for d in docs])
        return {"documents": len(docs)}

    SEEN.clear()
    yield
    LINKERS.pop("t_record", None)


def test_unknown_linker_is_an_error() -> None:
    with pytest.raises(PipelineError, match="unknown linker 'nope'"):
        load_linkers(["nope"])


def test_linkers_see_new_documents_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kim Jong Un met Sergei Shoigu in Pyongyang.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("", encoding="utf-8")  # a reject: never linked
    config = load_config(env={}, db=tmp_path / "k.db", links=("t_record",), stages=("clean",))
    with SQLiteStore(config.db) as store:
        first = ingest([str(tmp_path / "in")], store, config)
        second = ingest([str(tmp_path / "in")], store, config)
        assert first.links == {"t_record": {"documents": 1}}
        assert second.links == {}
        assert len(SEEN) == 1 and len(SEEN[0]) == 1
        assert relink(store, config) == {"t_record": {"documents": 1}}
