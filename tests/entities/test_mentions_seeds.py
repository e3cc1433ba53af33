"""Issue 3 (entities) done-when: linked mentions on the five seed pages, one id across scripts.

Runs the real default pipeline (with the NER model when it is installed) and the real CLI
export, so it checks what a user would see.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.document import Document
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


# --- No hidden state: a document's annotations depend on it alone ---------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Demo files with the cross-script links an earlier document once taught the shared KB: the
# Torkham page and its copy in the WARC (नकारा), two Urdu pages with شریف. Kept small because the
# CLI and the API each ingest them with every linker.
ORDER_SENSITIVE = (
    "html/hi_pados_torkham_dispute.html",
    "html/ur_aina_railway_analysis.html",
    "text/ur_srpa_tashkent_accord.txt",
    "warc/demo.warc.gz",
)


def _as_if_new_process() -> None:
    """Drop the per-process caches of shipped resources, as a fresh ``khabar`` process starts."""
    from khabar.entities import mentions
    from khabar.kb import load_kb

    load_kb.cache_clear()
    mentions._gazetteer.cache_clear()


def _annotated(order: list[int], raw: list[Document]) -> dict[str, dict]:
    """Every document of ``raw`` through the default stages in ``order``: id -> record."""
    from khabar.config import Config
    from khabar.pipeline import build

    _as_if_new_process()
    pipeline = build(Config().stages)
    return {raw[i].id: pipeline.process(copy.deepcopy(raw[i])).to_dict() for i in order}


def test_a_documents_annotations_do_not_depend_on_what_was_processed_before() -> None:
    from khabar.ingest import read_paths

    raw = [d for d in read_paths([str(SEEDS), str(EXAMPLES)]) if not d.rejected]
    assert len(raw) > 20
    forward = list(range(len(raw)))
    orders = {"reversed": forward[::-1], "shuffled": random.Random(7).sample(forward, len(forward))}
    first = _annotated(forward, raw)
    for name, order in orders.items():
        again = _annotated(order, raw)
        for doc_id, record in first.items():
            uri = record["source"]["uri"]
            assert again[doc_id]["mentions"] == record["mentions"], (name, uri)
            assert again[doc_id] == record, (name, uri)
    alone = {i: _annotated([i], raw) for i in (0, len(raw) - 1)}
    for i, record in alone.items():
        assert record[raw[i].id] == first[raw[i].id], raw[i].source.uri


def _mentions_by_file(records: list[dict]) -> dict[str, list[dict]]:
    # Uploads are stored under another path (so their ids differ): match documents by file name
    # and WARC record.
    return {Path(r["source"]["uri"]).name: r["mentions"] for r in records}


def test_the_cli_and_the_api_server_give_the_same_mentions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from khabar.api import create_app
    from khabar.dedup import semantic
    from tests.conftest import khabar

    # Mentions do not depend on links; sparing the e5 encoder keeps this in the fast tier.
    monkeypatch.setattr(semantic, "available", lambda: False)

    inputs = tmp_path / "inputs"
    for name in ORDER_SENSITIVE:
        target = inputs / Path(name).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(EXAMPLES / name, target)
    cli_db, out = tmp_path / "cli.db", tmp_path / "cli.jsonl"
    _as_if_new_process()
    code, output = khabar("ingest", str(inputs), "--db", str(cli_db))
    assert code == 0, output
    code, output = khabar("export", "--format", "jsonl", "--db", str(cli_db), "-o", str(out))
    assert code == 0, output
    by_cli = _mentions_by_file([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])

    api_db, token = tmp_path / "api.db", "same-mentions-token"
    served = []
    _as_if_new_process()
    with TestClient(create_app(api_db, token=token)) as client:
        for path in sorted(inputs.iterdir(), reverse=True):  # another order than the CLI's
            response = client.post(
                "/api/ingest",
                files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert response.status_code == 200, response.text
            for doc_id in response.json()["documents"]:
                document = client.get(f"/api/documents/{doc_id}")
                assert document.status_code == 200, document.text
                served.append(document.json())
    by_api = _mentions_by_file(served)
    assert sorted(by_api) == sorted(by_cli) and len(by_cli) >= len(ORDER_SENSITIVE)
    for name, mentions in by_cli.items():
        assert by_api[name] == mentions, name
