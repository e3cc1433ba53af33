"""Whole-process ingest time of the working tree against another commit, in the same run.

For refactors: builds one JSONL batch of COUNTER Urdu news documents (three lines each, as
bench/run.py), then times ``python -m khabar ingest BATCH --db NEW.db`` as a user runs it, once
with the code at REF (a git worktree, ``PYTHONPATH`` pointing at it) and once with the working
tree, interleaved, REPEATS runs each; the run with the least CPU time is reported (the machine
may be shared). Writes the
'ingest-against-ref' section of docs/benchmarks.md with ``--out``.

    python bench/against_ref.py --ref 477bc81 --out docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.eval.report import machine_line, write_section

ROOT = Path(__file__).resolve().parents[1]
COUNTER = ROOT.parent / "shared" / "eval" / "urdu_news" / "counter" / "counter.txt"
#: Consecutive COUNTER lines per document (as bench/run.py): about a seed page's size.
LINES_PER_DOC = 3
#: Runs of each side; the best is reported (the others are noise from a shared machine).
REPEATS = 5


def write_batch(path: Path, documents: int) -> int:
    """Write ``documents`` COUNTER documents as JSONL; return how many were written."""
    lines = [ln for ln in COUNTER.read_text(encoding="utf-8").splitlines() if ln.strip()]
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(0, min(len(lines), documents * LINES_PER_DOC), LINES_PER_DOC):
            text = "\n".join(lines[i : i + LINES_PER_DOC])
            out.write(json.dumps({"id": f"counter-{i}", "text": text}, ensure_ascii=False) + "\n")
            n += 1
    return n


def time_ingest(src: Path, batch: Path, db: Path) -> tuple[float, float]:
    """CPU and wall seconds of one whole ``khabar ingest`` process importing khabar from ``src``."""
    db.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "khabar", "ingest", str(batch), "--db", str(db)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    """Build the batch, time both sides interleaved, print (and write) the section."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", default="477bc81", help="The commit to compare with.")
    parser.add_argument("--documents", type=int, default=1000, help="Documents in the batch.")
    parser.add_argument("--out", type=Path, help="Write the section into this benchmarks file.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = work / "ref"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base), args.ref],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            batch = work / "batch.jsonl"
            n = write_batch(batch, args.documents)
            times: dict[str, list[tuple[float, float]]] = {"ref": [], "tree": []}
            for _ in range(REPEATS):
                times["ref"].append(time_ingest(base / "src", batch, work / "ref.db"))
                times["tree"].append(time_ingest(ROOT / "src", batch, work / "tree.db"))
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )
    (ref_cpu, ref), (tree_cpu, tree) = min(times["ref"]), min(times["tree"])
    markdown = "\n".join(
        [
            "## Ingest against a reference commit",
            "",
            f"`python bench/against_ref.py --ref {args.ref} --out docs/benchmarks.md` — {machine_line()}.",
            f"One `khabar ingest` process over {n} COUNTER Urdu documents (JSONL, {LINES_PER_DOC} lines"
            f" each, default stages and linkers, a new SQLite file), the run with the least CPU time of"
            f" {REPEATS} interleaved runs each (CPU time is the process's own cost on a shared machine).",
            "",
            "| code | CPU seconds | wall seconds | documents/s (CPU) |",
            "|---|---:|---:|---:|",
            f"| {args.ref} | {ref_cpu:.2f} | {ref:.2f} | {n / ref_cpu:.0f} |",
            f"| working tree | {tree_cpu:.2f} | {tree:.2f} | {n / tree_cpu:.0f} |",
            "",
            f"Working tree / {args.ref}: {tree_cpu / ref_cpu:.2f}× the CPU time.",
        ]
    )
    print(markdown)
    if args.out:
        write_section(args.out, "ingest-against-ref", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
