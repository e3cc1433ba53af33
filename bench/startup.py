"""Start-up as a user pays it: whole ``khabar`` processes, timed against same-run baselines.

Times, interleaved and ``--runs`` times each (median reported):

- ``python -c pass`` and ``python -c "import khabar"`` (the interpreter's own floor);
- ``khabar --help``;
- ``khabar search Tashkent`` on a demo store built from ``examples/`` once before the runs;
- ``khabar ingest`` of one example text file into a fresh store: start-up to the first
  processed (and stored) document.

Each figure is wall time and the child's CPU time (user + system). On a shared machine wall time
is noisy; CPU time and the ratios to the same run's ``python -c pass`` are what to compare.

``--before OTHER/src`` times a second source tree (main, say) in the same interleaved rounds, so
the section gives before and after side by side. The children write bytecode (as an installed
package has it) and each tree gets its own ``KHABAR_CACHE_DIR``, filled by the demo ingest as a
user's first command fills it; ``khabar search`` is also timed with an empty cache dir each run.

Usage: python bench/startup.py [--runs 5] [--src src] [--before ../main/src] [--out docs/benchmarks.md]
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


SEARCH = "khabar search Tashkent (demo store)"
COLD = "khabar search Tashkent (empty cache dir)"
INGEST = "khabar ingest one .txt (fresh store)"


def measure(runs: int, trees: dict[str, Path]) -> dict[str, dict[str, tuple[float, float]]]:
    """Median (wall, cpu) seconds of each case of each source tree over ``runs`` interleaved rounds."""
    py = sys.executable
    khabar = [py, "-m", "khabar"]
    tmp = Path(tempfile.mkdtemp(prefix="khabar-startup-"))
    envs: dict[str, dict[str, str]] = {}
    for label, src in trees.items():
        env = {**os.environ, "PYTHONPATH": str(src), "KHABAR_CACHE_DIR": str(tmp / label / "cache")}
        env.pop("KHABAR_DB", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        envs[label] = env
        subprocess.run(
            [*khabar, "ingest", str(EXAMPLES), "--db", str(tmp / label / "demo.db")],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    names = ["python -c pass", 'python -c "import khabar"', "khabar --help", SEARCH, COLD, INGEST]
    times: dict[str, dict[str, list[tuple[float, float]]]] = {
        label: {name: [] for name in names} for label in trees
    }
    for i in range(runs):
        for name in names:
            for label, env in envs.items():
                demo = str(tmp / label / "demo.db")
                argv = {
                    "python -c pass": [py, "-c", "pass"],
                    'python -c "import khabar"': [py, "-c", "import khabar"],
                    "khabar --help": [*khabar, "--help"],
                    SEARCH: [*khabar, "search", "Tashkent", "--db", demo],
                    COLD: [*khabar, "search", "Tashkent", "--db", demo],
                    INGEST: [*khabar, "ingest", str(ONE_TEXT), "--db", str(tmp / label / f"one-{i}.db")],
                }[name]
                run_env = env
                if name == COLD:
                    run_env = {**env, "KHABAR_CACHE_DIR": str(tmp / label / f"cold-{i}")}
                times[label][name].append(_run(argv, run_env))
    return {
        label: {
            name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
            for name, got in by_name.items()
        }
        for label, by_name in times.items()
    }


def markdown(results: dict[str, dict[str, tuple[float, float]]], runs: int, command: str) -> str:
    """The benchmarks-file section for these figures (``after`` and, when timed, ``before``)."""
    after = results["after"]
    before = results.get("before")
    base_wall, base_cpu = after["python -c pass"]
    lines = [
        "## Start-up (whole processes)",
        "",
        f"Command: `{command}` — median of {runs} interleaved runs of each whole process,"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {_load()}.",
        f"Machine: {machine_line()}.",
        "",
    ]
    targets = {SEARCH: "< 0.3 s", INGEST: "< 0.3 s to the first document"}
    if before:
        lines += [
            "| process | before wall s | before CPU s | wall s | CPU s | wall ÷ `python -c pass` | target |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for name, (wall, cpu) in after.items():
            b_wall, b_cpu = before[name]
            lines.append(
                f"| {name} | {b_wall:.3f} | {b_cpu:.3f} | **{wall:.3f}** | {cpu:.3f} |"
                f" {wall / base_wall:.1f}× | {targets.get(name, '')} |"
            )
    else:
        lines += [
            "| process | wall s | CPU s | wall ÷ `python -c pass` | target |",
            "|---|---:|---:|---:|---|",
        ]
        for name, (wall, cpu) in after.items():
            lines.append(
                f"| {name} | {wall:.3f} | {cpu:.3f} | {wall / base_wall:.1f}× | {targets.get(name, '')} |"
            )
    lines += [
        "",
        f"Baseline CPU: `python -c pass` {base_cpu:.3f} s. The demo store is `khabar ingest examples`.",
    ]
    return "\n".join(lines)


def _load() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> None:
    """Measure, print the section, and write it to ``--out`` when given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", default="src", help="Source tree to run (PYTHONPATH of the children).")
    parser.add_argument("--before", help="Another source tree timed in the same rounds (e.g. ../main/src).")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--note", default="", help="a paragraph added under the table (what 'before' is)")
    args = parser.parse_args()
    runs = max(3, args.runs)
    trees = {"after": (ROOT / args.src).resolve()}
    if args.before:
        trees["before"] = (ROOT / args.before).resolve()
    command = f"python bench/startup.py --runs {runs} --src {args.src}"
    command += f" --before {args.before}" if args.before else ""
    command += f" --out {args.out}" if args.out else ""
    text = markdown(measure(runs, trees), runs, command)
    text += f"\n\n{args.note}" if args.note else ""
    print(text)
    if args.out:
        write_section(args.out, "startup", text)


if __name__ == "__main__":
    main()
