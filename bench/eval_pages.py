"""Every evaluation web page of ``../shared/eval/html`` (trafilatura's and ScrapingHub's sets:
pages from outlets Khabar was never tuned on) through one ``khabar ingest`` of both folders, as a
user runs it, with the default stages and linkers.

Run with ``make bench`` (or ``python bench/eval_pages.py --out docs/benchmarks.md``). It checks
what issue 16 asks of such a run: exit 0, every page stored or rejected with a reason, no
document left waiting for its linkers and no linker failure; and it reports the time and the
reject reasons.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.eval.report import machine_line, write_section  # noqa: E402

HTML = ROOT.parent / "shared" / "eval" / "html"
FOLDERS = ("trafilatura_eval", "scrapinghub_aeb")


def main() -> None:
    """Ingest both folders into a new store, check the run and write the ``eval_pages`` section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="Markdown file to write the section into.")
    args = parser.parse_args()
    pages = sorted(str(p) for f in FOLDERS for p in (HTML / f).rglob("*.html.gz"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "k.db"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "KHABAR_CONFIG": f"{db}.none"}
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "khabar", "ingest", *pages, "--db", str(db)],
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        conn = sqlite3.connect(db)
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        documents = one("SELECT count(*) FROM documents")
        rejects = one("SELECT count(*) FROM rejects")
        unexplained = one("SELECT count(*) FROM rejects WHERE coalesce(reason, '') = ''")
        pending = one("SELECT count(*) FROM link_pending")
        failures = one("SELECT count(*) FROM link_failures")
        rejected = conn.execute("SELECT uri, reason, detail FROM rejects ORDER BY reason, uri").fetchall()
        reasons = conn.execute(
            "SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC"
        ).fetchall()
        conn.close()
    checks = {
        "exit code 0": done.returncode == 0,
        "every page stored or rejected, once": documents + rejects == len(pages),
        "every reject has a reason": unexplained == 0,
        "no document waiting for its linkers": pending == 0,
        "no linker failure": failures == 0,
    }
    rows = "\n".join(f"| {name} | {'yes' if ok else '**no**'} |" for name, ok in checks.items())
    why = ", ".join(f"{reason} {n}" for reason, n in reasons) or "none"
    section = (
        "## Unseen outlets' pages, whole folders (issue 16)\n\n"
        "Command: `make bench` (`python bench/eval_pages.py --out docs/benchmarks.md`): one `khabar ingest`"
        f" of every page of ../shared/eval/html/{{{','.join(FOLDERS)}}} into a new SQLite store, default"
        f" stages and linkers.\n{machine_line()}\n\n"
        f"{len(pages)} pages: {documents} documents stored, {rejects} rejected ({why}), in {seconds:.0f} s"
        f" ({len(pages) / seconds:.1f} pages/s), exit code {done.returncode}.\n\n"
        f"| check | holds |\n|---|---|\n{rows}\n\n"
        "| rejected page | reason | detail |\n|---|---|---|\n"
        + "".join(f"| {Path(uri).name} | {reason} | {detail[:120]} |\n" for uri, reason, detail in rejected)
    )
    print(section)
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    if args.out:
        write_section(args.out, "eval_pages", section)
    if not all(checks.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
