"""Shared fixtures: a directory of bad (and a few good) input files, built fresh per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.warc_corpus import warc_response

#: The shared folder beside the project: seed pages and public evaluation data. Tests that read
#: it must fail, not skip, when it is missing, or a quality gate could silently stop running.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def khabar(*args: str) -> tuple[int, str]:
    """Run the ``khabar`` command line in-process; its exit code and output."""
    from typer.testing import CliRunner

    from khabar.cli.main import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


TESTS = Path(__file__).resolve().parent

#: The store backends the contract tests run on (the ``store_target`` fixture's parameters).
BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A throwaway PostgreSQL server for the session (tests/support/postgres.py); the tests that
    need it are skipped, saying why, only when PostgreSQL's initdb is not installed."""
    from tests.support import postgres

    if not postgres.find_bin("initdb"):
        pytest.skip("PostgreSQL is not installed (no initdb): make setup installs Debian's postgresql")
    yield from postgres.server()


@pytest.fixture
def pg_url(pg_server: Any) -> str:
    """An empty, migrated PostgreSQL store's address for one test (the session's test database,
    emptied)."""
    return str(pg_server.emptied())


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """What opens a new empty store, once per backend: an SQLite file path, a PostgreSQL address."""
    if request.param == "sqlite":
        return tmp_path / "k.db"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_target: str | Path) -> Iterator[Any]:
    """A new empty store on each backend (khabar.store.open_store)."""
    from khabar.store import open_store

    s = open_store(store_target)
    yield s
    s.close()


def _is_slow(item: pytest.Item) -> bool:
    """Browser tests, quality gates over ../shared/eval, and model retraining."""
    parts = item.path.relative_to(TESTS).parts if item.path.is_relative_to(TESTS) else ()
    if parts[:1] == ("browser",):
        return True  # a real chromium against a real server
    name = getattr(item, "originalname", item.name)
    if parts[:1] == ("eval",):
        # The gates share one module-scoped run over a whole evaluation set; the scorers'
        # unit tests beside them use none and stay fast.
        defs = getattr(item, "_fixtureinfo", None)
        scopes = {d.scope for ds in (defs.name2fixturedefs.values() if defs else ()) for d in ds}
        return "module" in scopes or "quality_gate" in name
    return parts[:1] == ("models",) and name.startswith("test_train_")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tier (``make test-fast`` runs ``-m "not slow"``; ``make test`` runs all).

    Marked here by directory and name rather than by ``@pytest.mark.slow`` in each file: the
    rule stays in one place, a new browser test or quality gate joins the tier without
    anyone remembering to mark it, and no test file needs editing to move a test between tiers.
    """
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once with a clear message when ../shared is not beside the project."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "eval").is_dir():
        raise pytest.UsageError(f"{SHARED} (seeds and eval data) must sit beside the project")


#: Debris lines of the seed pages that must never reach body text (issue: foundation).
SEED_DEBRIS = (
    "تبصرہ (0)",
    "टिप्पणी (0)",
    "[विज्ञापन_2]",
    "This website uses cookie",
    "Inquilab Logo",
    "مقبول مضامین",
    "متعلقہ خبریں",
)

#: Bytes of the single-line file that must be rejected as too large (over the 5 MiB default).
HUGE_FILE_BYTES = 10_000_000

_PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64

# What read_paths makes of each file in bad_inputs_dir: file name -> ingest reject reasons in
# order ("" for a good Document). The truncated WARC gives its complete record, then a reject.
BAD_INPUT_OUTCOMES: dict[str, list[str]] = {
    "accents_latin1.txt": [""],
    "cut.warc.gz": ["", "truncated_warc"],
    "empty.txt": ["empty_file"],
    "huge_line.txt": ["too_large"],
    "image.txt": ["binary_content"],
    "news_ur.txt": [""],
    "page.html": [""],
    "photo.jpg": ["binary_content"],
}


def _page(title: str, words: int, seed: int) -> bytes:
    # Varied text so gzip cannot squeeze a record into a few bytes and the cut lands inside it.
    body = " ".join(f"word{(i * 7919 + seed) % 100003}" for i in range(words))
    return f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>".encode()


@pytest.fixture
def bad_inputs_dir(tmp_path: Path) -> Path:
    """A directory with one file per kind of bad input, plus good files that must pass.

    Outcomes (see ``bad_input_outcomes``): empty.txt → empty_file; image.txt (PNG header and
    NULs) and photo.jpg → binary_content; huge_line.txt (10 MB, one line) → too_large;
    cut.warc.gz (a WARC cut inside its second record) → one Document, then truncated_warc;
    accents_latin1.txt (Latin-1 English), news_ur.txt and page.html are good.
    """
    root = tmp_path / "bad_inputs"
    root.mkdir()
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(_PNG_HEAD)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    (root / "accents_latin1.txt").write_bytes(
        "The café owner sent her résumé to the délégation in Zürich; a naïve façade.\n".encode("latin-1")
    )
    (root / "news_ur.txt").write_text("وزیر خارجہ دو روزہ دورے پر تاشقند پہنچ گئیں۔\n", encoding="utf-8")
    (root / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Transit deal</title></head>"
        "<body><p>Three countries signed a transit deal.</p></body></html>",
        encoding="utf-8",
    )
    with (root / "huge_line.txt").open("wb") as huge:
        huge.write(b"x" * HUGE_FILE_BYTES)
    first = warc_response("https://news.example/one", _page("one", 3000, 1))
    second = warc_response("https://news.example/two", _page("two", 3000, 2))
    (root / "cut.warc.gz").write_bytes(first + second[: len(second) // 2])
    return root


@pytest.fixture
def bad_input_outcomes() -> dict[str, list[str]]:
    """File name in ``bad_inputs_dir`` -> the reject reason of each Document it yields ("" = good)."""
    return {name: list(reasons) for name, reasons in BAD_INPUT_OUTCOMES.items()}
