"""Issue 3 (entities) done-when: linked mentions on the five seed pages, one id across scripts.

Runs the real default pipeline (with the NER model when it is installed) and the real CLI
export, so it checks what a user would see.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"

#: name -> (entity id, label, seeds it must be found in)
EXPECTED = {
    "Kim Jong Un": ("per:kim-jong-un", "PERSON", {"000", "001", "003", "004"}),
    "Vladimir Putin": ("per:vladimir-putin", "PERSON", {"000", "001", "002", "003", "004"}),
    "Sergei Shoigu": ("per:sergei-shoigu", "PERSON", {"000", "001", "004"}),
    "Andrei Belousov": ("per:andrei-belousov", "PERSON", {"002"}),
    "No Kwang Chol": ("per:no-kwang-chol", "PERSON", {"002"}),
    "KCNA": ("org:kcna", "ORG", {"000", "001", "003", "004"}),
    "RIA Novosti": ("org:ria-novosti", "ORG", {"000", "001"}),
    "Pyongyang": ("loc:pyongyang", "LOC", {"000", "001", "002", "003", "004"}),
    "Moscow": ("loc:moscow", "LOC", {"000", "001", "002", "004"}),
    "Russia": ("loc:russia", "LOC", {"000", "001", "002", "003", "004"}),
    "North Korea": ("loc:north-korea", "LOC", {"000", "001", "002", "003", "004"}),
    "United States": ("loc:united-states", "LOC", {"000", "001", "002"}),
    "Ukraine": ("loc:ukraine", "LOC", {"000", "001", "002", "004"}),
    "Vostochny": ("loc:vostochny-cosmodrome", "LOC", {"003"}),
    "Khasan": ("loc:khasan", "LOC", {"003"}),
    "Kursk": ("loc:kursk", "LOC", {"004"}),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    db = tmp_path_factory.mktemp("entities") / "seeds.db"
    out = db.with_suffix(".jsonl")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {Path(r["source"]["uri"]).name[:3]: r for r in records}


def test_every_seed_name_is_linked_with_its_type_in_the_right_seeds(exported: dict[str, dict]) -> None:
    for name, (entity, label, seeds) in EXPECTED.items():
        found = {
            seed
            for seed, record in exported.items()
            for m in record["mentions"]
            if m["entity"] == entity and m["kb_id"] == entity
        }
        assert seeds <= found, (name, sorted(seeds - found))
        labels = {m["label"] for r in exported.values() for m in r["mentions"] if m["entity"] == entity}
        assert labels == {label}, (name, labels)


def test_spellings_across_scripts_share_one_id(exported: dict[str, dict]) -> None:
    def surfaces(entity: str) -> set[str]:
        return {m["text"] for r in exported.values() for m in r["mentions"] if m["entity"] == entity}

    assert {"کم جونگ ان", "کم جونگ اُن", "کم", "किम जोंग-उन", "Kim Jong Un"} <= surfaces("per:kim-jong-un")
    assert {"پوتن", "ولادیمیر پیوٹن", "पुतिन"} <= surfaces("per:vladimir-putin")
    assert {"پیانگ یانگ", "پیانگ یا نگ", "प्योंगयांग"} <= surfaces("loc:pyongyang")
    shoigu = {
        seed: {m["text"] for m in r["mentions"] if m["entity"] == "per:sergei-shoigu"}
        for seed, r in exported.items()
    }
    assert "شوئیگو" in shoigu["000"] and "शोइगु" in shoigu["001"]


def test_roles_are_attached_to_the_person_they_qualify(exported: dict[str, dict]) -> None:
    roles = {
        (m["text"], m["role_of"])
        for r in exported.values()
        for m in r["mentions"]
        if m["label"] == "ROLE" and m["role_of"]
    }
    assert ("سکریٹری", "per:sergei-shoigu") in roles
    assert ("सचिव", "per:sergei-shoigu") in roles
    assert ("وزیر دفاع", "per:andrei-belousov") in roles
    assert ("چیئرمین", "per:kim-jong-un") in roles
    assert ("राष्ट्रपति", "per:vladimir-putin") in roles


def test_spans_are_offsets_into_the_exported_text(exported: dict[str, dict]) -> None:
    for record in exported.values():
        for m in record["mentions"]:
            assert record["text"][m["start"] : m["end"]] == m["text"]
            assert 0 < m["confidence"] <= 1
