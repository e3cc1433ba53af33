"""PostgreSQL against SQLite: ingest time of one corpus through the whole pipeline and linkers, and
search latency through the HTTP API over a large synthetic store.

Run with ``python bench/postgres.py --out docs/benchmarks.md``. It starts a throwaway PostgreSQL
server of its own (as the tests do: tests/support/postgres.py) unless ``--pg`` names one.

1. Ingest: the same corpus (the seed pages, the example pages and generated articles: see
   tests/support/writers.py) ingested by ``khabar.jobs.ingest`` in this process into a new SQLite
   file, then into a new PostgreSQL database, after a warm-up run that loads every model. The
   issue's target: PostgreSQL within 1.5x of SQLite's time.
2. Search: ``--documents`` synthetic documents (bench/search.py's generator) stored in PostgreSQL
   through ``put_batch``, then bench/search.py's query mix sent over HTTP to a real uvicorn
   server on the PostgreSQL store, one request at a time. Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search as search_bench  # noqa: E402
from tests.support.writers import build_corpus  # noqa: E402

from khabar.config import Config  # noqa: E402
from khabar.dedup import semantic  # noqa: E402
from khabar.document import Document  # noqa: E402
from khabar.eval.report import machine_line, write_section  # noqa: E402
from khabar.jobs import ingest  # noqa: E402
from khabar.store import open_store  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def _new_database(server: Any, pg: str | None, name: str) -> str:
    if server is not None:
        return str(server.database())
    import psycopg

    base, _, _db = pg.rpartition("/")  # type: ignore[union-attr]
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def time_ingest(target: str, inputs: list[str]) -> dict[str, Any]:
    """Seconds to ingest ``inputs`` into a new store at ``target`` (pipeline, store, linkers),
    with the calls to the sentence-embedding model and the lines they embedded."""
    config = Config().with_overrides(db=target)
    embedded = {"calls": 0, "lines": 0}
    embed = semantic.embed_lines

    def counted(lines: Any) -> Any:
        embedded["calls"] += 1
        embedded["lines"] += len(lines)
        return embed(lines)

    semantic.embed_lines = counted  # type: ignore[assignment]
    try:
        with open_store(target) as store:
            t0 = time.perf_counter()
            report = ingest(inputs, store, config)
            seconds = time.perf_counter() - t0
    finally:
        semantic.embed_lines = embed  # type: ignore[assignment]
    return {"seconds": seconds, "stored": report.stored, "rejected": report.rejected, **embedded}


def build_pg(url: str, n: int) -> dict[str, float]:
    """``n`` synthetic documents stored through put_batch (1000 a batch), as bench/search.py does."""
    pools = search_bench.sentences()
    rng = random.Random(search_bench.SEED)
    langs = [lang for lang, _ in search_bench.LANG_SHARE]
    weights = [share for _, share in search_bench.LANG_SHARE]
    t0 = time.perf_counter()
    with open_store(url) as store:
        batch: list[Document] = []
        for i in range(n):
            lang = rng.choices(langs, weights)[0]
            batch.append(search_bench.make_document(i, lang, pools[lang], rng))
            if len(batch) == 1000:
                store.put_batch(batch)
                batch = []
        if batch:
            store.put_batch(batch)
        store.optimize()
    return {"documents": n, "seconds": time.perf_counter() - t0}


def main() -> None:
    """Time ingest on both backends and API search on PostgreSQL; write the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--pg", help="a PostgreSQL server's address (default: start a throwaway one)")
    parser.add_argument("--files", type=int, default=300, help="inputs of the ingest corpus")
    parser.add_argument("--documents", type=int, default=search_bench.DOCUMENTS)
    parser.add_argument("--queries", type=int, default=search_bench.QUERIES)
    args = parser.parse_args()
    server = None
    if not args.pg:
        from tests.support.postgres import Server

        server = Server()
    work = Path(tempfile.mkdtemp(prefix="khabar-pg-bench-"))
    try:
        folders = build_corpus(work / "in", args.files, seed=11)
        inputs = [str(SEEDS), *map(str, folders)]
        time_ingest(str(work / "warm.db"), [str(SEEDS)])  # load every model once
        sqlite = time_ingest(str(work / "bench.db"), inputs)
        print("sqlite", sqlite, flush=True)
        postgres = time_ingest(_new_database(server, args.pg, "khabar_bench_ingest"), inputs)
        print("postgres", postgres, flush=True)
        url = _new_database(server, args.pg, "khabar_bench_search")
        built = build_pg(url, args.documents)
        print("built", built, flush=True)
        proc, base = search_bench.start_server(url)  # type: ignore[arg-type]
        try:
            result = search_bench.run_queries(base, search_bench.queries(args.queries))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        if server is not None:
            server.stop()
    section = markdown(args, sqlite, postgres, built, result)
    if str(args.out) not in ("", "."):
        write_section(args.out, "postgres", section)
    print(section)


def markdown(
    args: argparse.Namespace,
    sqlite: dict[str, Any],
    postgres: dict[str, Any],
    built: dict[str, float],
    result: dict[str, Any],
) -> str:
    """The benchmarks.md section."""
    p = search_bench.percentile
    times = result["times"]
    ratio = postgres["seconds"] / sqlite["seconds"]
    lines = [
        "## PostgreSQL store",
        "",
        f"Ingest of one corpus ({sqlite['stored']} documents stored, {sqlite['rejected']} rejected: the seed"
        f" pages, the example pages and {args.files} inputs from tests/support/writers.py) through the whole"
        " pipeline and linkers, in one process after a warm-up run that loads the models:",
        "",
        "| backend | seconds | documents/s |",
        "| --- | ---: | ---: |",
        f"| SQLite | {sqlite['seconds']:.1f} | {sqlite['stored'] / sqlite['seconds']:.1f} |",
        f"| PostgreSQL 15 (same machine, TCP on 127.0.0.1) | {postgres['seconds']:.1f}"
        f" | {postgres['stored'] / postgres['seconds']:.1f} |",
        "",
        f"PostgreSQL takes {ratio:.2f}x SQLite's time (target: at most 1.5x). Both runs asked the"
        f" sentence-embedding model the same: {sqlite['calls']} and {postgres['calls']} calls,"
        f" {sqlite['lines']} and {postgres['lines']} lines (the duplicates linker embeds a document"
        " once and reads its vectors back from the store afterwards, on either backend).",
        "",
        f"Search through the HTTP API over {built['documents']:,} synthetic documents in PostgreSQL"
        f" (bench/search.py's documents and query mix, {len(times)} queries one at a time; the store was"
        f" filled in {built['seconds']:.0f} s through put_batch):"
        f" p50 {p(times, 50):.1f} ms, **p95 {p(times, 95):.1f} ms**, p99 {p(times, 99):.1f} ms (target: p95"
        f" under 50 ms). Load average at the end of the search run: {result['load']:.1f}.",
        "",
        "| query kind | queries | p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, values in sorted(result["by_kind"].items()):
        lines.append(f"| {kind} | {len(values)} | {p(values, 50):.1f} | {p(values, 95):.1f} |")
    lines += [
        "",
        "Command: `python bench/postgres.py --out docs/benchmarks.md`. Machine: " + machine_line() + ";"
        f" {os.cpu_count()} cores shared with other agents' work during the run (PostgreSQL 15 from"
        " Debian, a throwaway server started by the benchmark with fsync off, as tests/support/postgres.py"
        " starts it). Why the figures moved and what is left: docs/scale.md.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
