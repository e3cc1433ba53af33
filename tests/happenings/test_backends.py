"""The happenings tables on every store backend: the seeds' Pyongyang meeting and the filters."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from khabar.config import Config
from khabar.jobs import ingest
from khabar.views.happenings import get_happening, list_happenings
from tests.conftest import SHARED


def test_pyongyang_happening_and_filters_on_each_backend(
    store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The merged events already tie the two pages; sentence embeddings would only cost time.
    monkeypatch.setattr("khabar.dedup.semantic.available", lambda: False)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("000_0b561a0f2779ceac.txt", "001_7479646e0f45031a.txt"):
        shutil.copy(SHARED / "seeds" / name, seeds / name)
    ingest([str(seeds)], store, Config(db=tmp_path / "unused.db"))
    found = [
        h
        for h in list_happenings(store, entity="loc:russia", type="consult", lang="hi", since="2024-09")
        if h["place"] and h["place"]["id"] == "loc:pyongyang"
    ]
    [meeting] = found
    assert meeting["languages"] == ["ur", "hi"] and meeting["n_documents"] == 2
    assert get_happening(store, meeting["id"][:9]) == meeting
    assert get_happening(store, "hp-nothing") is None
    told = list_happenings(store, doc_id=meeting["documents"][1], limit=500)
    assert meeting["id"] in {h["id"] for h in told} and all(
        meeting["documents"][1] in h["documents"] for h in told
    )
    assert list_happenings(store, story="no-such-story") == []
    assert list_happenings(store, until="2023") == []
    assert list_happenings(store, lang="en") == []
    everything = list_happenings(store, limit=500)
    assert [h["id"] for h in list_happenings(store, limit=2, offset=1)] == [h["id"] for h in everything[1:3]]
