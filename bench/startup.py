"""Start-up as a user pays it: whole ``khabar`` processes, timed against same-run baselines.

Times, interleaved and ``--runs`` times each (median reported):

- ``python -c pass`` and ``python -c "import khabar"`` (the interpreter's own floor);
- ``khabar --help``;
- ``khabar search Tashkent`` on a demo store built from ``examples/`` once before the runs;
- ``khabar ingest`` of one example text file into a fresh store: start-up to the first
  processed (and stored) document.

Each figure is wall time and the child's CPU time (user + system). On a shared machine wall time
is noisy; CPU time and the ratios to the same run's ``python -c pass`` are what to compare.

Usage: python bench/startup.py [--runs 5] [--src src] [--out docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.eval.report import machine_line, write_section

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ONE_TEXT = EXAMPLES / "text" / "en_srpa_tashkent_accord.txt"


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one whole child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(runs: int, src: Path) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) seconds of each case over ``runs`` interleaved rounds."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("KHABAR_DB", None)
    py = sys.executable
    khabar = [py, "-m", "khabar"]
    tmp = Path(tempfile.mkdtemp(prefix="khabar-startup-"))
    demo = tmp / "demo.db"
    subprocess.run(
        [*khabar, "ingest", str(EXAMPLES), "--db", str(demo)], env=env, check=True, stdout=subprocess.DEVNULL
    )
    cases: dict[str, list[str] | None] = {
        "python -c pass": [py, "-c", "pass"],
        'python -c "import khabar"': [py, "-c", "import khabar"],
        "khabar --help": [*khabar, "--help"],
        "khabar search Tashkent (demo store)": [*khabar, "search", "Tashkent", "--db", str(demo)],
        "khabar ingest one .txt (fresh store)": None,  # a new store each run, set below
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for i in range(runs):
        for name, argv in cases.items():
            if argv is None:
                argv = [*khabar, "ingest", str(ONE_TEXT), "--db", str(tmp / f"one-{i}.db")]
            times[name].append(_run(argv, env))
    return {
        name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in times.items()
    }


def markdown(results: dict[str, tuple[float, float]], runs: int, src: str) -> str:
    """The benchmarks-file section for these figures."""
    base_wall, base_cpu = results["python -c pass"]
    lines = [
        "## Start-up (whole processes)",
        "",
        f"Command: `python bench/startup.py --runs {runs} --src {src} --out docs/benchmarks.md`"
        f" — median of {runs} interleaved runs of each whole process, {time.strftime('%Y-%m-%d')}.",
        f"Machine: {machine_line()}.",
        "",
        "| process | wall s | CPU s | wall ÷ `python -c pass` | target |",
        "|---|---:|---:|---:|---|",
    ]
    targets = {
        "khabar search Tashkent (demo store)": "< 0.3 s",
        "khabar ingest one .txt (fresh store)": "< 0.3 s to the first document",
    }
    for name, (wall, cpu) in results.items():
        lines.append(
            f"| {name} | {wall:.3f} | {cpu:.3f} | {wall / base_wall:.1f}× | {targets.get(name, '')} |"
        )
    lines += [
        "",
        f"Baseline CPU: `python -c pass` {base_cpu:.3f} s. The demo store is `khabar ingest examples`.",
    ]
    return "\n".join(lines)


def main() -> None:
    """Measure, print the section, and write it to ``--out`` when given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", default="src", help="Source tree to run (PYTHONPATH of the children).")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    text = markdown(measure(max(3, args.runs), (ROOT / args.src).resolve()), max(3, args.runs), args.src)
    print(text)
    if args.out:
        write_section(args.out, "startup", text)


if __name__ == "__main__":
    main()
