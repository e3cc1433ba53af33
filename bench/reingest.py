"""Re-ingest of known input: the same folder ingested twice, as a user runs ``khabar ingest``.

Run with ``make bench`` (or ``python bench/reingest.py --out docs/benchmarks.md``). The folder
holds ``--docs`` text documents cut from the COUNTER Urdu news corpus (read from
``../shared/eval`` at run time; repeated with a number when the corpus runs out). The second run
finds every document already stored before any stage runs, so it should cost a small part of
the first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.eval.report import machine_line, write_section  # noqa: E402

COUNTER = ROOT.parent / "shared" / "eval" / "urdu_news" / "counter" / "counter.txt"
LINES = 3


def _corpus(folder: Path, count: int) -> None:
    lines = [ln for ln in COUNTER.read_text(encoding="utf-8").splitlines() if ln.strip()]
    docs = ["\n".join(lines[i : i + LINES]) for i in range(0, len(lines) - LINES, LINES)]
    for n in range(count):
        (folder / f"{n:06d}.txt").write_text(f"{docs[n % len(docs)]}\n({n})\n", encoding="utf-8")


def _ingest(folder: Path, db: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "khabar", "ingest", str(folder), "--db", str(db)],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    """Measure and write the ``reingest`` section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="Markdown file to write the section into.")
    parser.add_argument("--docs", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        _corpus(folder, args.docs)
        db = Path(tmp) / "k.db"
        first = _ingest(folder, db)
        second = _ingest(folder, db)
    print(f"first {first:.1f} s, second {second:.1f} s, ratio {second / first:.3f}")
    section = (
        "## Re-ingest of known input\n\n"
        "Command: `make bench` (`python bench/reingest.py --out docs/benchmarks.md`).\n"
        f"{machine_line()}\n\n"
        "| measure | figure | target |\n|---|---:|---:|\n"
        f"| first `khabar ingest` of {args.docs:,} Urdu text documents (all default stages and linkers) |"
        f" {first:.1f} s | |\n"
        f"| the same folder again (every document known before its stages) | {second:.1f} s | |\n"
        f"| **second ÷ first** | **{second / first:.1%}** | < 10 % |\n"
    )
    print(section)
    if args.out:
        write_section(args.out, "reingest", section)


if __name__ == "__main__":
    main()
