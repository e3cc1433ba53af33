"""Fixtures of the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import khabar

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "text" / "en_srpa_tashkent_accord.txt"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one ingested example document (read only by the tests that use it)."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    code, output = khabar("ingest", str(EXAMPLE), "--db", str(db))
    assert code == 0, output
    return db
