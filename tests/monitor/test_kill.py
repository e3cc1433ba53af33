"""``kill -9`` of ``khabar watch`` at a deterministic point, then ``khabar watch --once`` again:
every article stored exactly once, every response in the WARC, nothing committed fetched twice.

The outlet kills the watch process right after answering its N-th request (not a sleep-based
race), at a point in the middle of fetching the articles.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.support.outlet import Outlet

ROOT = Path(__file__).resolve().parents[2]


def _khabar(db: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "KHABAR_DB": str(db),
        # The duplicates linker's embeddings are not what this test is about (and cost half a minute).
        "KHABAR_LINKS": "events,stories",
        "NO_COLOR": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "khabar", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _run(db: Path, *args: str) -> str:
    proc = _khabar(db, *args)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return out.decode()


def _archived(warc_dir: Path) -> list[str]:
    paths = []
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with path.open("rb") as stream:
            paths += [
                urlsplit(r.rec_headers.get_header("WARC-Target-URI")).path
                for r in ArchiveIterator(stream)
                if r.rec_type == "response"
            ]
    return paths


# Killed while the first batch of articles is being fetched (nothing committed yet), and after
# the first batch of eight was stored and linked.
@pytest.mark.parametrize(("kill_after", "some_committed"), [(14, False), (22, True)])
def test_a_killed_watch_resumes_without_losing_or_refetching(
    tmp_path: Path, kill_after: int, some_committed: bool
) -> None:
    outlet = Outlet(crawl_delay=None, faults=False).start()
    try:
        db = tmp_path / "k.db"
        _run(db, "sources", "add", outlet.url("/"), "--delay", "0")
        start = len(outlet.requests())
        watch = _khabar(db, "watch", "--once", "--delay", "0")
        outlet.after_request(start + kill_after, lambda: os.kill(watch.pid, signal.SIGKILL))
        watch.communicate(timeout=300)
        assert watch.returncode == -signal.SIGKILL
        with sqlite3.connect(db) as conn:
            committed = {u for (u,) in conn.execute("SELECT url FROM fetch_queue WHERE state = 'done'")}
            committed |= {u for (u,) in conn.execute("SELECT uri FROM documents")}
        resumed_from = len(outlet.requests())
        articles = [u for u in outlet.article_urls() if "/private/" not in u]
        assert bool(committed & set(articles)) == some_committed

        _run(db, "watch", "--once", "--delay", "0")

        with sqlite3.connect(db) as conn:
            uris = [u for (u,) in conn.execute("SELECT uri FROM documents")]
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert integrity == "ok"
        assert sorted(u for u in uris if u in articles) == sorted(articles)  # each exactly once
        refetched = [
            r.path for r in outlet.requests()[resumed_from:] if outlet.url(urlsplit(r.path).path) in committed
        ]
        assert not [p for p in refetched if p != "/"], (
            "an article committed before the kill was fetched again"
        )
        article_paths = {urlsplit(u).path for u in articles}
        fetched = {urlsplit(r.path).path for r in outlet.requests()} & article_paths
        assert fetched <= set(_archived(db.with_suffix(".warc")))
    finally:
        outlet.stop()


def test_a_watch_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    outlet = Outlet(crawl_delay=None, faults=False, eval_pages=0).start()
    try:
        db = tmp_path / "k.db"
        _run(db, "sources", "add", outlet.url("/"), "--delay", "0")
        start = len(outlet.requests())
        watch = _khabar(db, "watch", "--delay", "0")
        # Stop it once the first round has fetched a few articles (the outlet calls back).
        outlet.after_request(start + 12, lambda: os.kill(watch.pid, signal.SIGTERM))
        out, err = watch.communicate(timeout=300)
        assert watch.returncode == 0, err.decode()
        assert "stopping after the current fetch" in err.decode()
        assert "responses archived in" in out.decode()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            states = dict(conn.execute("SELECT state, count(*) FROM fetch_queue GROUP BY state"))
        assert states.get("queued", 0) > 0  # it stopped before the round's end, leaving the rest queued
    finally:
        outlet.stop()
