"""Event and claim extraction speed; writes the 'events-bench' section of docs/benchmarks.md.

Run with ``python bench/events.py --out docs/benchmarks.md``. The
batch is the COUNTER Urdu news corpus cut into documents of three lines (~2.4 KB, the size of a
seed page), as in bench/run.py. Every document first goes through the stages before "events"
(untimed); then the events stage alone is timed on the whole batch, best of REPEATS runs, in CPU
time and wall time (the machine is shared: CPU time is the stage's own cost). The cross-document merge is
timed once, storing the batch into a fresh SQLite file and running the "events" linker.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from khabar.config import Config
from khabar.document import Document, Source
from khabar.eval.report import machine_line, write_section
from khabar.linking import load_linkers, run_linkers
from khabar.pipeline import build
from khabar.stages.events import code_events
from khabar.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
URDU_NEWS = ROOT.parent / "shared" / "eval" / "urdu_news" / "counter" / "counter.txt"
COMMAND = "python bench/events.py --out docs/benchmarks.md"
#: Consecutive COUNTER lines per document (as bench/run.py).
LINES_PER_DOCUMENT = 3
#: Timed runs of the events stage over the batch; the fastest is reported.
REPEATS = 3


def prepared_documents() -> list[Document]:
    """The Urdu batch through every default stage before "events"."""
    lines = [ln for ln in URDU_NEWS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    texts = ["\n".join(lines[i : i + LINES_PER_DOCUMENT]) for i in range(0, len(lines), LINES_PER_DOCUMENT)]
    stages = tuple(s for s in Config().stages if s != "events")
    pipeline = build(stages)
    docs = [
        pipeline.process(Document(source=Source(uri=f"counter:{i}", kind="txt"), raw=t))
        for i, t in enumerate(texts)
    ]
    return [d for d in docs if not d.rejected]


def main() -> None:
    """Measure and print (and with --out, write) the events benchmark section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="benchmarks file to write the section into")
    args = parser.parse_args()
    docs = prepared_documents()
    code_events(docs[0])  # load the lexicon and the knowledge base before timing
    best = best_cpu = float("inf")
    for _ in range(REPEATS):
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in docs:
            code_events(doc)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    n = len(docs)
    events = sum(len(d.events) for d in docs)
    claims = sum(len(d.claims) for d in docs)
    with_events = sum(1 for d in docs if d.events)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        store.put_batch(docs)
        linkers = load_linkers(("events",))
        t0, c0 = time.perf_counter(), time.process_time()
        counts = run_linkers(store, docs, linkers)
        merge_seconds, merge_cpu = time.perf_counter() - t0, time.process_time() - c0
        store.close()
    merged = counts.get("events", {})
    markdown = "\n".join(
        [
            "## Events and claims: speed",
            "",
            f"Command: `{COMMAND}` on {machine_line()}.",
            "",
            f"COUNTER Urdu news (`urdu_news/counter`, CC-BY-NC-SA-4.0), {n} documents of {LINES_PER_DOCUMENT}"
            " lines; the events stage alone, after the other default stages, best of"
            f" {REPEATS} runs; the merge linker once on the stored batch.",
            "",
            "| step | CPU ms per document | wall ms per document | output |",
            "|---|---|---|---|",
            f"| events stage (extraction + claims) | {1000 * best_cpu / n:.3f} | {1000 * best / n:.3f} |"
            f" {events} events in {with_events} documents, {claims} claims |",
            f"| events linker (cross-document merge, SQLite) | {1000 * merge_cpu / n:.3f} |"
            f" {1000 * merge_seconds / n:.3f} | {merged.get('events', 0)} merged events from"
            f" {merged.get('mentions', 0)} mentions |",
            "",
            f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared"
            " machine); CPU time is this process's own, the figure the < 2 ms target is checked on.",
        ]
    )
    print(markdown)
    if args.out:
        write_section(args.out, "events-bench", markdown)


if __name__ == "__main__":
    main()
