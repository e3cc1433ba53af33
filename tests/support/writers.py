"""Two ``khabar ingest`` processes on one store with readers beside them: the corpus, the runs and
the checks shared by tests/reliability/test_concurrent_writers.py and bench/concurrency.py."""

from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

_PLACES = ("Islamabad", "New Delhi", "Kabul", "Tashkent", "Lahore", "Peshawar", "Karachi", "Moscow")
_ACTORS = ("Pakistan", "India", "Afghanistan", "Uzbekistan", "Russia", "China", "Iran", "the United Nations")
_VERBS = (
    "signed an agreement with",
    "accused",
    "held talks with",
    "rejected a proposal from",
    "promised aid to",
    "threatened sanctions against",
)
_FILLER = (
    "Officials said the details would be announced later in the week.",
    "Traders on both sides of the border welcomed the news.",
    "The talks had been postponed twice since the spring.",
    "A spokesman declined to comment on the timetable.",
    "Analysts said the move could ease pressure on prices.",
    "Local newspapers carried the story on their front pages.",
)


def _article(i: int, rng: random.Random) -> str:
    a, b = rng.sample(_ACTORS, 2)
    place = rng.choice(_PLACES)
    day = 1 + i % 27
    lines = [
        f"{a} {rng.choice(_VERBS)} {b} in {place} (report {i})",
        f"{place.upper()}, March {day} – {a} {rng.choice(_VERBS)} {b} on Monday, officials said.",
        *rng.sample(_FILLER, 3),
        f"The meeting in {place} was the {i}th of its kind this year, a foreign ministry statement said.",
    ]
    return "\n".join(lines) + "\n"


def build_corpus(root: Path, files: int, seed: int = 16) -> tuple[Path, Path, Path]:
    """``files`` text and HTML inputs in three folders: ``shared`` (half, read by both writers),
    ``a`` and ``b`` (a quarter each, read by one). The example pages come first, then
    generated articles. Returns the three folders."""
    rng = random.Random(seed)
    folders = tuple(root / name for name in ("shared", "a", "b"))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    examples = sorted((EXAMPLES / "text").glob("*.txt")) + sorted((EXAMPLES / "html").glob("*.html"))
    for n in range(files):
        target = folders[0] if n % 2 == 0 else folders[1 + (n // 2) % 2]
        if n < len(examples):
            shutil.copy(examples[n], target / f"{n:05d}_{examples[n].name}")
        else:
            (target / f"{n:05d}_generated.txt").write_text(_article(n, rng), encoding="utf-8")
    return folders  # type: ignore[return-value]


@dataclass
class PairResult:
    """What one run of two concurrent writers (and the readers beside them) did."""

    exit_codes: list[int]
    outputs: list[str]
    stored: list[int]
    seconds: float
    reads: int = 0
    reader_errors: list[str] = field(default_factory=list)


_STORED = re.compile(r"read (\d+) documents?: (\d+) stored")


def writer_env(links: str | None = "events,stories", batch_size: int = 4) -> dict[str, str]:
    """The environment of a writer process: the source tree on the path, small batches (more
    transactions to interleave) and the linkers to run (None: the configured default)."""
    # The caller's PYTHONPATH (made absolute) when set, so a bench can time another tree's code.
    given = [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    path = os.pathsep.join(given) if given else str(ROOT / "src")
    env = {**os.environ, "PYTHONPATH": path, "KHABAR_BATCH_SIZE": str(batch_size)}
    env.pop("KHABAR_CONFIG", None)
    if links is not None:
        env["KHABAR_LINKS"] = links
    return env


def run_pair(
    db: Path,
    folders: tuple[Path, Path, Path],
    *,
    env: dict[str, str],
    reader: Callable[[], None] | None = None,
    readers: int = 4,
    pause: float = 0.05,
    timeout: float = 600,
) -> PairResult:
    """Start two ``khabar ingest`` processes on ``db`` (shared + a, shared + b) at the same time,
    call ``reader`` in ``readers`` threads (``pause`` seconds between calls: the readers share the
    writers' cores) until both end, and collect what they did."""
    shared, a, b = folders
    command = [sys.executable, "-m", "khabar", "ingest"]
    stop = threading.Event()
    errors: list[str] = []
    reads = [0]

    def read_loop() -> None:
        while not stop.is_set():
            try:
                if reader:
                    reader()
                reads[0] += 1
            except Exception as exc:  # every reader failure is reported by the caller
                errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(pause)

    threads = [threading.Thread(target=read_loop, daemon=True) for _ in range(readers if reader else 0)]
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            [*command, str(shared), str(extra), "--db", str(db)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for extra in (a, b)
    ]
    for t in threads:
        t.start()
    outputs = []
    try:
        for proc in procs:
            out, _ = proc.communicate(timeout=timeout)
            outputs.append(out)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stop.set()
        for t in threads:
            t.join(timeout=30)
    seconds = time.perf_counter() - t0
    stored = []
    for out in outputs:
        found = _STORED.search(out)
        stored.append(int(found.group(2)) if found else -1)
    return PairResult([p.returncode for p in procs], outputs, stored, seconds, reads[0], errors)


def store_check(db: Path) -> dict[str, int | str]:
    """Counts that say whether every input was stored once and fully linked."""
    conn = sqlite3.connect(db)
    try:
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "integrity": q("PRAGMA integrity_check"),
            "documents": q("SELECT count(*) FROM documents"),
            "rejects": q("SELECT count(*) FROM rejects"),
            "uris": q(
                "SELECT count(DISTINCT uri) FROM"
                " (SELECT uri FROM documents UNION ALL SELECT uri FROM rejects)"
            ),
            "both": q("SELECT count(*) FROM documents d JOIN rejects r ON r.id = d.id"),
            "event_annotations": q("SELECT count(*) FROM annotations WHERE kind = 'events'"),
            "event_mentions": q("SELECT count(*) FROM event_mentions"),
            "articles": q("SELECT count(*) FROM doc_outlets WHERE page_kind = 'article'"),
            "in_stories": q("SELECT count(DISTINCT doc_id) FROM story_documents"),
            "link_failures": q("SELECT count(*) FROM link_failures"),
        }
    finally:
        conn.close()
