"""``khabar events``, ``khabar claims`` and ``khabar export --format events-tsv``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from tests.conftest import SHARED

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "k.db"
    result = runner.invoke(app, ["ingest", str(SHARED / "seeds"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_events_lists_merged_events_with_sources(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--entity", "شوئیگو", "--type", "CONSULT"])
    assert result.exit_code == 0, result.output
    assert "CONSULT/meet" in result.output and "Sergei Shoigu → Kim Jong Un" in result.output
    assert "[hi]" in result.output and "[ur]" in result.output


def test_events_json_and_unknown_entity(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--json", "--type", "AGREE"])
    assert result.exit_code == 0
    assert {e["type"] for e in json.loads(result.output)} == {"AGREE"}
    missing = runner.invoke(app, ["events", "--db", str(db), "--entity", "nobody-at-all"])
    assert missing.exit_code == 2


def test_claims_show_the_denials_and_what_they_answer(db: Path) -> None:
    result = runner.invoke(app, ["claims", "--db", str(db), "--stance", "deny"])
    assert result.exit_code == 0, result.output
    assert "deny against United States" in result.output and "answers #" in result.output


def test_export_events_tsv(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", "--format", "events-tsv", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id\tdate\tprecision\ttype") and len(lines) > 10
