"""The quick path of ``khabar search`` (khabar.cli.launch): what it takes; it answers as typer does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.cli.launch import parse_search
from tests.conftest import khabar

ROOT = Path(__file__).resolve().parents[2]


def test_a_plain_search_is_parsed() -> None:
    assert parse_search(["search", "Tashkent"]) == {"query": "Tashkent"}
    assert parse_search(["search", "--db", "x.db", "پاکستان", "--limit=5", "--page-kind", "article"]) == {
        "query": "پاکستان",
        "db": "x.db",
        "limit": 5,
        "page_kind": "article",
    }
    assert parse_search(["search", "Shoigu", "--country=pk", "--kind", "state", "--lang", "ur"]) == {
        "query": "Shoigu",
        "country": "pk",
        "kind": "state",
        "lang": "ur",
    }


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["ingest", "x.txt"],
        ["search"],
        ["search", "a", "b"],
        ["search", "--help"],
        ["search", "a", "--unknown", "1"],
        ["search", "a", "--db"],
        ["search", "a", "--db", "x", "--db", "y"],
        ["search", "a", "--limit", "0"],
        ["search", "a", "--limit", "100001"],
        ["search", "a", "--limit", "five"],
        ["search", "-5"],
        ["search", "--", "a"],
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse_search(argv) is None


def _quick(*args: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("KHABAR_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("Tashkent",),
        ("Tashkent", "--lang", "ur"),
        ("Tashkent", "--kind", "nonsense"),
        ("Tashkent", "--page-kind", "article", "--limit", "1"),
        ("nothingmatchesthis",),
    ],
)
def test_the_quick_path_prints_what_typer_prints(demo_db: Path, args: tuple[str, ...]) -> None:
    code, stdout, stderr = _quick("search", *args, "--db", str(demo_db))
    typer_code, typer_output = khabar("search", *args, "--db", str(demo_db))
    assert code == typer_code
    assert stdout + stderr == typer_output


def test_a_missing_store_is_one_error_line(tmp_path: Path) -> None:
    code, stdout, stderr = _quick("search", "x", "--db", str(tmp_path / "none.db"))
    assert code == 2 and not stdout
    assert stderr.startswith("error: no database at ")


def test_a_damaged_store_is_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"not a database" * 100)
    code, _stdout, stderr = _quick("search", "x", "--db", str(db))
    typer_code, typer_output = khabar("search", "x", "--db", str(db))
    assert (code, stderr) == (typer_code, typer_output)
    assert "Traceback" not in stderr
