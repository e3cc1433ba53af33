"""Command-line failures are one ``error:`` line and a non-zero exit code, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khabar.cli.common import EXIT_FAILURE, EXIT_USAGE
from khabar.config import Config
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from tests.conftest import khabar

TEXT = "Officials in Peshawar said the Torkham crossing reopened on Monday after two days of talks."


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A store of twenty text documents, checkpointed so that the main file holds everything."""
    (tmp_path / "in").mkdir()
    for i in range(20):
        (tmp_path / "in" / f"{i}.txt").write_text(f"{TEXT} Item {i}. " * 20, encoding="utf-8")
    db = tmp_path / "k.db"
    with SQLiteStore(db) as store:
        ingest([str(tmp_path / "in")], store, Config(db=db, links=()))
    return db


def _zero_pages(db: Path, first: int, last: int | None = None) -> None:
    page = 4096
    pages = db.stat().st_size // page
    with db.open("r+b") as f:
        for n in range(first, pages if last is None else last):
            f.seek(n * page)
            f.write(b"\0" * page)


def _one_line_error(code: int, output: str, expected: int) -> None:
    assert code == expected, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), output


def test_db_in_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    code, output = khabar("ingest", str(tmp_path / "t.txt"), "--db", "/sys/x/k.db")
    _one_line_error(code, output, EXIT_USAGE)
    assert "cannot create the folder /sys/x" in output


def test_db_under_a_path_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    code, output = khabar("ingest", str(tmp_path / "t.txt"), "--db", str(tmp_path / "t.txt" / "k.db"))
    _one_line_error(code, output, EXIT_USAGE)


@pytest.mark.parametrize(
    "command", [["stats"], ["relink"], ["search", "Torkham"], ["export", "-o", "x.jsonl"]]
)
def test_a_store_with_zeroed_pages_is_reported_as_damaged(small_db: Path, command: list[str]) -> None:
    _zero_pages(small_db, first=max(2, small_db.stat().st_size // 4096 // 2))
    command = [str(small_db.parent / c) if c == "x.jsonl" else c for c in command]
    code, output = khabar(*command, "--db", str(small_db))
    _one_line_error(code, output, EXIT_FAILURE)  # relink too: it used to exit 0
    assert "database disk image is malformed" in output or "vtable constructor failed" in output


def test_a_store_with_a_zeroed_header_is_not_a_khabar_database(small_db: Path) -> None:
    _zero_pages(small_db, first=0, last=1)
    for command in (["stats"], ["relink"]):
        code, output = khabar(*command, "--db", str(small_db))
        _one_line_error(code, output, EXIT_USAGE)


def test_ingest_into_a_damaged_store_stops_with_the_error(small_db: Path, tmp_path: Path) -> None:
    _zero_pages(small_db, first=max(2, small_db.stat().st_size // 4096 // 2))
    (tmp_path / "new.txt").write_text("A different story about Quetta on Tuesday. " * 10, encoding="utf-8")
    code, output = khabar("ingest", str(tmp_path / "new.txt"), "--db", str(small_db))
    assert code == EXIT_FAILURE, output
    assert "store_error" not in output  # the database's failure, not the document's


@pytest.mark.parametrize("limit", ["9223372036854775808", "-1", "0"])
def test_search_limit_out_of_range_is_refused(small_db: Path, limit: str) -> None:
    code, output = khabar("search", "Torkham", "--limit", limit, "--db", str(small_db))
    assert code == EXIT_USAGE, output
    assert "--limit" in output and "no document matches" not in output


@pytest.mark.parametrize("target", ["/nonexistent/dir/x.jsonl", "/dev/full"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_to_a_place_that_cannot_be_written(small_db: Path, target: str, fmt: str) -> None:
    if target == "/dev/full" and not os.path.exists(target):
        pytest.skip("no /dev/full on this system")
    code, output = khabar("export", "--format", fmt, "-o", target, "--db", str(small_db))
    _one_line_error(code, output, EXIT_FAILURE)
    assert f"cannot write {target}" in output
