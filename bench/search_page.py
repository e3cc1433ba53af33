"""Web page latency (``/search``, ``/stats``, ``/entities``) over synthetic documents, under
concurrent clients: the pages issue 16 item 10 measured at 0.8–3.9 s because each recounted the
whole store.

Run with ``python bench/search_page.py --out docs/benchmarks.md`` (section ``search_page``). The
store is built with bench/search.py's synthetic documents through ``put_batch`` (``--documents``,
default 5,000; the build time is reported: it includes the counters' triggers), served by
``khabar serve --workers N`` on loopback (each ``--workers`` count in turn), and each page is
fetched ``--requests`` times by ``--clients`` threads. ``--json`` saves the figures;
``--compare`` adds an earlier run's (e.g. made with ``PYTHONPATH`` pointing at an older tree) as
the "before" column.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import build_store, percentile, queries, start_server

from khabar.eval.report import machine_line, write_section

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "/search (no query: store counts)": ("/search", {}),
    "/search?q=Pakistan": ("/search", {"q": "Pakistan"}),
    "/search?q=پاکستان": ("/search", {"q": "پاکستان"}),
    "/api/search?q=Pakistan": ("/api/search", {"q": "Pakistan"}),
    "/stats": ("/stats", {}),
    "/entities": ("/entities", {}),
}


#: Requests each client makes before it starts timing a page.
WARM_REQUESTS = 5

#: The page fetched with a different search each time (bench/search.py's mix of words, names and
#: filters), so no request finds its facets counted by an earlier one.
VARIED = "/search?q=… (a different search each request)"


def time_page(
    base: str, path: str, params: dict[str, str] | list[dict[str, str]], requests: int, clients: int
) -> list[float]:
    """Latencies (ms) of ``requests`` GETs of one page shared among ``clients`` threads; with a
    list of ``params``, request i gets the i-th."""
    times: list[float] = []
    lock = threading.Lock()
    left = [requests]
    each = params if isinstance(params, list) else [params] * requests

    warm = ({}, "/search") if isinstance(params, list) else (params, path)

    def client() -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            # Warm this client's connection and the server's stores (each a page cache of its
            # own, one per request served at once), never a timed search's answers.
            for _ in range(WARM_REQUESTS):
                http.get(warm[1], params=warm[0])
            while True:
                with lock:
                    if left[0] <= 0:
                        return
                    left[0] -= 1
                    these = each[left[0]]
                t0 = time.perf_counter()
                http.get(path, params=these).raise_for_status()
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    times.append(ms)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def main() -> None:
    """Build the store, serve it, time each page, write the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="benchmarks page to write the section to")
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "khabar-page-bench.db")
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=80)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--workers", default="1,2", help="khabar serve --workers to time, one server after another"
    )
    parser.add_argument("--json", type=Path, default=None, help="save the figures here")
    parser.add_argument("--compare", type=Path, default=None, help="figures of an earlier run (--json)")
    parser.add_argument("--section", default="search_page", help="section of --out to write")
    parser.add_argument(
        "--note", default="", help="a sentence added under the table (e.g. what 'before' was)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="time the store already at --db instead of building one"
    )
    args = parser.parse_args()
    built: dict[str, Any]
    if args.reuse and args.db.exists():
        built = {"documents": args.documents, "seconds": None, "mb": args.db.stat().st_size / 1e6}
    else:
        built = dict(build_store(args.db, args.documents))
    print("built", built, flush=True)
    counts = [int(n) for n in args.workers.split(",")]
    result: dict[str, Any] = {"built": built, "servers": {}, "load": list(os.getloadavg())}
    varied = [{"q": q, **extra} for q, extra, _kind in queries(args.requests)]
    for workers in counts:
        proc, base = start_server(args.db, workers)
        pages: dict[str, dict[str, float]] = {}
        result["servers"][str(workers)] = pages
        try:
            for name, (path, params) in [*PAGES.items(), (VARIED, ("/search", varied))]:
                times = time_page(base, path, params, args.requests, args.clients)
                pages[name] = {"p50": percentile(times, 50), "p95": percentile(times, 95)}
                print(f"workers={workers}", name, pages[name], flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    result["load"] = [max(a, b) for a, b in zip(result["load"], os.getloadavg(), strict=True)]
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    before = json.loads(args.compare.read_text()) if args.compare else None
    command = (
        f"python bench/search_page.py --documents {args.documents} --clients {args.clients}"
        f" --requests {args.requests} --workers {args.workers}" + (" --reuse" if args.reuse else "")
    )
    head = "| page |"
    rule = "|---|"
    if before:
        head += " before p50 | before p95 |"
        rule += "---|---|"
    for workers in counts:
        head += f" {workers} worker{'s' if workers > 1 else ''}: p50 | p95 |"
        rule += "---|---|"
    lines = [
        f"## Web pages at {args.documents:,} documents (issue 16 target: /search p95 < 100 ms)",
        "",
        f"Command: `{command}`. Machine: {machine_line()}.",
        "",
        f"{args.documents:,} synthetic documents (bench/search.py's), served by `khabar serve --workers N`"
        f" on loopback (each N in turn, a fresh server each); each page fetched {args.requests} times by"
        f" {args.clients} concurrent httpx clients on the same machine (so p50 includes queueing behind"
        f" the other {args.clients - 1}). The last row asks a different search each time (bench/search.py's"
        " mix of common, rare and two words, entity names, filters), so no request finds its hits or facet"
        " counts already counted. What the pages cost and why: docs/search.md.",
        "",
        head,
        rule,
    ]
    for name in result["servers"][str(counts[0])]:
        row = f"| {name} |"
        if before:
            old = _pages(before).get(name, {"p50": float("nan"), "p95": float("nan")})
            row += f" {old['p50']:.0f} ms | {old['p95']:.0f} ms |"
        for workers in counts:
            now = result["servers"][str(workers)][name]
            row += f" {now['p50']:.0f} ms | **{now['p95']:.0f} ms** |"
        lines.append(row)
    lines.append("")
    if built["seconds"] is not None:
        build = f"Building the store took {built['seconds']:.1f} s"
        if before and before["built"].get("seconds") is not None:
            build += f" ({before['built']['seconds']:.1f} s before)"
        lines.append(build + ".")
    else:
        lines.append("The store was built by an earlier run (`--reuse`).")
    load = ", ".join(f"{x:.1f}" for x in result["load"])
    lines.append(f"Load average (1, 5, 15 min; the higher of start and end): {load}.")
    if args.note:
        lines += ["", args.note]
    section = "\n".join(lines)
    if args.out:
        write_section(args.out, args.section, section)
    print(section)


def _pages(figures: dict[str, Any]) -> dict[str, Any]:
    """The page figures of a saved run (older runs kept one server's, newer ones each server's;
    the first)."""
    if "pages" in figures:
        return dict(figures["pages"])
    return dict(next(iter(figures["servers"].values())))


if __name__ == "__main__":
    main()
