"""A huge or endless stdin cannot exhaust memory (issue 16): ``khabar ingest -`` keeps at most
about one record's limit of any line, and an endless line ends the reading, kept as a reject.

The real command line reads a pipe fed from a generator of up to 1 GiB; its peak resident set
(``ru_maxrss`` of ``os.wait4``, the kernel's own count for that process) is compared with the
same command reading only the small records: reading 80 MiB and more of one line must not cost
more than a fraction of that. No timing is asserted; a watchdog only ends a hang.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from khabar.ingest import MAX_DOCUMENT_BYTES
from khabar.ingest.jsonl import LONG_LINE_FACTOR

ROOT = Path(__file__).resolve().parents[2]
MiB = 1 << 20
#: What reading far past the limit may add to the peak over a run of the small records alone:
#: one limit's worth of a line (5 MiB) and its copies, well under the 80 MiB a line is read to.
MAX_EXTRA_RSS = 40 * MiB

GOOD = [
    json.dumps(
        {"text": f"Pakistan and India held talks in Tashkent on Monday, officials said. Report {i}."}
    ).encode()
    for i in range(3)
]


@dataclass
class Run:
    """What one ``khabar ingest -`` did with what it was fed."""

    code: int
    output: str
    peak_rss: int  # bytes
    sent: int  # bytes the pipe took before the reader stopped or the stream ended


def _ingest_stdin(db: Path, stream: Iterable[bytes]) -> Run:
    """``khabar ingest - --db db`` reading ``stream`` through a pipe."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KHABAR_LINKS": ""}
    env.pop("KHABAR_CONFIG", None)
    command = [sys.executable, "-m", "khabar", "ingest", "-", "--db", str(db), "--max-reject-share", "1"]
    proc = subprocess.Popen(
        command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdin is not None and proc.stdout is not None
    sent = [0]

    def feed() -> None:
        assert proc.stdin is not None
        try:
            for chunk in stream:
                proc.stdin.write(chunk)
                sent[0] += len(chunk)
            proc.stdin.close()
        except BrokenPipeError:  # the reader stopped: what this test is about
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    watchdog = threading.Timer(300, proc.kill)  # a hang fails below, instead of blocking the suite
    feeder.start()
    watchdog.start()
    try:
        output = proc.stdout.read().decode()
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        watchdog.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    feeder.join(timeout=60)
    return Run(proc.returncode, output, usage.ru_maxrss * 1024, sent[0])


def _endless_line(head: bytes, mib: int = 1024) -> Iterator[bytes]:
    """``head`` and then ``mib`` MiB of letters, no newline anywhere."""
    yield head
    block = b"a" * MiB
    for _ in range(mib):
        yield block


def _rejects(db: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT uri, reason, detail FROM rejects ORDER BY uri").fetchall()
        return [(str(u), str(r), str(d)) for u, r, d in rows]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The three good records alone: the peak of an ingest that holds nothing large."""
    run = _ingest_stdin(tmp_path_factory.mktemp("small") / "k.db", [b"\n".join(GOOD) + b"\n"])
    assert run.code == 0 and "read 3 documents: 3 stored" in run.output, run.output
    return run


def test_a_huge_record_and_an_endless_line_on_stdin_stay_in_bounded_memory(
    tmp_path: Path, small: Run
) -> None:
    db = tmp_path / "k.db"
    too_large = b'{"text": "' + b"b" * (MAX_DOCUMENT_BYTES + MiB) + b'"}\n'  # 6 MiB, ends
    stream = itertools.chain(
        [GOOD[0] + b"\n", too_large, GOOD[1] + b"\n" + GOOD[2] + b"\n"], _endless_line(b'{"text": "')
    )
    run = _ingest_stdin(db, stream)
    assert run.code == 0, run.output
    # The records around the huge one are stored: one bad record costs nothing around it.
    assert "read 5 documents: 5 stored, 0 already stored, 2 rejected" in run.output, run.output
    (huge, huge_reason, huge_detail), (endless, endless_reason, endless_detail) = _rejects(db)
    assert (huge, huge_reason) == ("<stdin>#L2", "too_large")
    assert f"{MAX_DOCUMENT_BYTES + MiB + 12} bytes, over the limit of {MAX_DOCUMENT_BYTES}" in huge_detail
    assert (endless, endless_reason) == ("<stdin>#L5", "too_large")
    assert "without ending; reading stopped there" in endless_detail
    read = int(endless_detail.split("runs past ")[1].split(" bytes")[0])
    assert read > MAX_DOCUMENT_BYTES * LONG_LINE_FACTOR  # 80 MiB of one line read…
    assert run.sent < 1024 * MiB  # …and the reading stopped there, not at the stream's end
    assert run.peak_rss < small.peak_rss + MAX_EXTRA_RSS, (run.peak_rss / MiB, small.peak_rss / MiB)


def test_a_huge_document_on_stdin_is_read_only_to_the_limit(tmp_path: Path, small: Run) -> None:
    db = tmp_path / "k.db"
    run = _ingest_stdin(db, _endless_line(b"Plain text, then a line that never ends: "))
    assert run.code == 0, run.output
    assert "read 1 documents: 1 stored, 0 already stored, 1 rejected" in run.output, run.output
    ((uri, reason, detail),) = _rejects(db)
    assert (uri, reason) == ("<stdin>", "too_large")
    assert f"reading stopped after {MAX_DOCUMENT_BYTES + 1} bytes" in detail
    assert run.sent < 1024 * MiB
    assert run.peak_rss < small.peak_rss + MAX_EXTRA_RSS, (run.peak_rss / MiB, small.peak_rss / MiB)
