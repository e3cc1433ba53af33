"""Sharded ingest throughput: ``khabar ingest --executor ray --workers 2`` (and ``local``) against
one process, as whole ``khabar`` processes over the same WARC.

Run with ``python bench/scale.py --out docs/benchmarks.md``. The WARC (built in a temporary
folder at run time, nothing copied into the project) holds every evaluation web page of
``../shared/eval/html`` (trafilatura's and ScrapingHub's sets) and every COUNTER Urdu news
document wrapped as a page, interleaved: 2,245 records. Each run starts from a new SQLite store
with the default settings (all stages and linkers); the wall time includes starting Python, the
Ray runtime and the workers, and every linker.
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
sys.path.insert(0, str(ROOT))

from tests.support.warc_corpus import build_warc  # noqa: E402

from khabar.eval.report import machine_line, write_section  # noqa: E402


def _run(warc: Path, db: Path, extra: list[str]) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "KHABAR_CONFIG": str(db) + ".none"}
    command = [sys.executable, "-m", "khabar", "ingest", str(warc), "--db", str(db), *extra]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    return seconds, stored


def main() -> None:
    """Measure and write the ``scale`` section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="Markdown file to write the section into.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--executors", default="ray,local", help="Sharded executors to time.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "eval.warc.gz"
        records = build_warc(warc)
        rows = []
        base, stored = _run(warc, Path(tmp) / "single.db", [])
        print(f"single: {base:.1f} s, {stored} documents", flush=True)
        rows.append(("one process (`khabar ingest`)", base, stored))
        for name in args.executors.split(","):
            extra = ["--executor", name, "--workers", str(args.workers)]
            seconds, count = _run(warc, Path(tmp) / f"{name}.db", extra)
            print(f"{name}: {seconds:.1f} s, {count} documents, {base / seconds:.2f}x", flush=True)
            rows.append((f"`--executor {name} --workers {args.workers}`", seconds, count))
    lines = [
        "## Sharded ingest (executors)",
        "",
        f"Command: `python bench/scale.py --out docs/benchmarks.md`. {machine_line()}",
        "",
        f"Input: one WARC of {records:,} records built at run time from `../shared/eval` (every web page of"
        " the trafilatura and ScrapingHub evaluation sets, every COUNTER Urdu document wrapped as a page),"
        " shards of 100 records. Whole `khabar ingest` processes into a new SQLite store each, default"
        " stages and linkers; the time includes starting Python, the Ray runtime and its workers.",
        "",
        "| run | wall seconds | documents stored | records/s | vs. one process |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, seconds, count in rows:
        speed = f"{records / seconds:.1f} | {base / seconds:.2f}×"
        lines.append(f"| {label} | {seconds:.1f} | {count:,} | {speed} |")
    section = "\n".join(lines) + "\n"
    print(section)
    if args.out:
        write_section(args.out, "scale", section)


if __name__ == "__main__":
    main()
