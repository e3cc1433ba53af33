"""``khabar duplicates``: groups with kind, score and the evidence, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.duplicates import explain
from khabar.cli.main import EXIT_USAGE, app
from khabar.dedup import semantic
from tests.conftest import SHARED

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(semantic, "available", lambda: False)  # the keys alone link seeds 000/001
        result = runner.invoke(app, ["ingest", str(SHARED / "seeds"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_duplicates_lists_the_translation_with_its_evidence(seeds_db: Path) -> None:
    result = runner.invoke(app, ["duplicates", "--db", str(seeds_db), "--kind", "translation_of"])
    assert result.exit_code == 0, result.output
    assert "translation_of" in result.output and "[ur]" in result.output and "[hi]" in result.output
    assert (
        "key alignment" in result.output
        and "baoquocte.vn" in result.output
        and "numbers: 13, 14" in result.output
    )


def test_duplicates_json(seeds_db: Path) -> None:
    result = runner.invoke(app, ["duplicates", "--db", str(seeds_db), "--json"])
    assert result.exit_code == 0, result.output
    groups = json.loads(result.output)
    assert {g["kind"] for g in groups} == {"translation_of", "same_source_as"}
    assert all(len(g["members"]) == 2 for g in groups)


def test_duplicates_rejects_an_unknown_kind(seeds_db: Path) -> None:
    result = runner.invoke(app, ["duplicates", "--db", str(seeds_db), "--kind", "cousin_of"])
    assert result.exit_code == EXIT_USAGE and "unknown link kind" in result.output


def test_duplicates_says_when_there_is_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("ایک مختصر خبر", encoding="utf-8")
    db = tmp_path / "one.db"
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["duplicates", "--db", str(db)])
    assert result.exit_code == 0 and "no duplicate" in result.output


def test_explain_reads_every_kind_of_evidence() -> None:
    assert explain({"content_hash": "x", "via": "abc"}) == "same text; via abc"
    assert explain({"containment": 0.93, "jaccard": 0.8}) == "containment 0.93; jaccard 0.8"
    line = explain({"line_coverage": 0.95, "numbers": [str(i) for i in range(10)]})
    assert line.startswith("line coverage 0.95; numbers: 0, 1") and line.endswith("…")
