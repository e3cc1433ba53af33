"""Watch throughput: from fetched to searchable, per article, against the loopback fake outlet.

Run with ``make bench`` (or ``python bench/watch.py --out docs/benchmarks.md``). The outlet is
``tests/support/outlet.py`` without its faults and without a Crawl-delay (politeness waits are
not processing). In one run, interleaved ``--repeat`` times on fresh stores:

- baseline: the same article URLs fetched with the same client, nothing else;
- watch: ``Watcher.round()`` in this process (poll, discover, fetch, WARC, every default stage
  and linker, store) with the default configuration, timed after the models are loaded;
- whole process: ``khabar watch --once`` as a user runs it (start-up and model loading included).

Processing per article = (watch round − baseline fetching) ÷ articles stored.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.outlet import Outlet  # noqa: E402

from khabar import jobs  # noqa: E402
from khabar.config import load_config  # noqa: E402
from khabar.eval.report import machine_line, write_section  # noqa: E402
from khabar.fetch import Fetcher, FetchPolicy  # noqa: E402
from khabar.monitor import Watcher, WatchOptions, add_source  # noqa: E402
from khabar.pipeline import build  # noqa: E402
from khabar.store.sqlite import SQLiteStore  # noqa: E402

POLICY = FetchPolicy(host_delay=0.0)


def _baseline(outlet: Outlet) -> float:
    urls = [u for u in outlet.article_urls() if "/private/" not in u]
    with Fetcher(POLICY) as fetcher:
        fetcher.fetch(outlet.url("/"))  # robots.txt and the connection, as the watch has them
        start = time.perf_counter()
        for url in urls:
            fetcher.fetch(url, expect_html=True)
        return time.perf_counter() - start


@dataclass
class Timings:
    """One watch round, taken apart."""

    round: float = 0.0
    fetching: float = 0.0  # inside Fetcher.fetch (polls and articles)
    linking: float = 0.0  # inside the cross-document linkers
    stored: int = 0
    latencies: list[float] = field(default_factory=list)  # per article: fetched -> committed (searchable)

    @property
    def processing(self) -> float:
        """Seconds per article of the stages and the store: fetched -> searchable."""
        return (self.round - self.fetching - self.linking) / max(self.stored, 1)

    @property
    def linking_per_article(self) -> float:
        """Seconds per article of the linkers, which run after the batch is searchable."""
        return self.linking / max(self.stored, 1)


def _round(outlet: Outlet, root: Path) -> Timings:
    """A watch round with clocks around fetching, committing and linking."""
    config = load_config(None, env={}, db=root / "k.db")
    timings = Timings()
    fetched_at: dict[str, float] = {}
    with SQLiteStore(config.db) as store:
        watcher = Watcher(store, config, WatchOptions(policy=POLICY, warc_dir=root / "warc"))
        add_source(store, watcher.fetcher, outlet.url("/"))
        fetch, put_batch, link = watcher.fetcher.fetch, store.put_batch, jobs.run_linkers

        def timed_fetch(url: str, **kwargs: Any) -> Any:
            start = time.perf_counter()
            result = fetch(url, **kwargs)
            fetched_at[url] = time.perf_counter()
            timings.fetching += fetched_at[url] - start
            return result

        def timed_put(docs: list[Any], run_id: int | None = None) -> list[bool]:
            fresh = put_batch(docs, run_id)
            now = time.perf_counter()
            timings.latencies += [now - fetched_at[d.source.uri] for d in docs if d.source.uri in fetched_at]
            return fresh

        def timed_link(*args: Any) -> Any:
            start = time.perf_counter()
            counts = link(*args)
            timings.linking += time.perf_counter() - start
            return counts

        watcher.fetcher.fetch, store.put_batch, jobs.run_linkers = timed_fetch, timed_put, timed_link  # type: ignore[method-assign]
        try:
            start = time.perf_counter()
            timings.stored = watcher.round().stored
            timings.round = time.perf_counter() - start
        finally:
            jobs.run_linkers = link
            watcher.close()
    return timings


def _whole_process(outlet: Outlet, root: Path) -> float:
    db = root / "p.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    khabar = [sys.executable, "-m", "khabar"]
    subprocess.run(
        [*khabar, "sources", "add", outlet.url("/"), "--db", str(db), "--delay", "0"],
        env=env,
        check=True,
        capture_output=True,
    )
    start = time.perf_counter()
    subprocess.run(
        [*khabar, "watch", "--once", "--db", str(db), "--delay", "0"],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    """Measure and write the ``watch`` section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="Markdown file to write the section into.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    build(load_config(None, env={}).stages)  # load the models once, outside the timings
    runs: list[Timings] = []
    baselines, whole = [], []
    for n in range(args.repeat):
        outlet = Outlet(crawl_delay=None, faults=False).start()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                baselines.append(_baseline(outlet))
                runs.append(_round(outlet, root))
                whole.append(_whole_process(outlet, root))
        finally:
            outlet.stop()
        t = runs[-1]
        print(f"run {n + 1}: round {t.round:.2f} s, fetching {t.fetching:.2f} s, linking {t.linking:.2f} s,")
        print(
            f"  {t.stored} stored, {t.processing:.3f} s/article to searchable,"
            f" whole process {whole[-1]:.1f} s"
        )
    median = statistics.median
    latencies = sorted(x for t in runs for x in t.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    rows = [
        (
            "articles stored per round (demo corpus + 3 trafilatura pages, and the home page)",
            f"{runs[-1].stored}",
            "",
        ),
        ("baseline: fetching the articles alone, same client", f"{median(baselines):.2f} s", ""),
        (
            "`Watcher.round()`: poll, discover, fetch, WARC, stages, store, linkers",
            f"{median(t.round for t in runs):.2f} s",
            "",
        ),
        (
            "**processing per article, fetched → searchable** (stages + store)",
            f"**{median(t.processing for t in runs):.2f} s**",
            "< 1 s",
        ),
        (
            "latency per article, fetched → committed (median / p95; batches of 8)",
            f"{median(latencies):.2f} / {p95:.2f} s",
            "",
        ),
        (
            "linkers per article, after it is searchable (events, duplicates, stories)",
            f"{median(t.linking_per_article for t in runs):.2f} s",
            "",
        ),
        (
            "whole process `khabar watch --once` (start-up and model loading included)",
            f"{median(whole):.1f} s",
            "",
        ),
    ]
    table = "\n".join(
        ["| measure | median of runs | target |", "|---|---:|---:|"]
        + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    )
    section = (
        "## Watch: fetched to searchable\n\n"
        "Command: `make bench` (`python bench/watch.py --out docs/benchmarks.md`),"
        f" {args.repeat} runs on fresh stores.\n"
        f"{machine_line()}\n\n{table}\n\n"
        "An article is searchable (`/api/search`) once its batch is committed; the cross-document"
        " linkers run after that commit. Their cost is the duplicates linker's semantic translation"
        " check (multilingual-e5-small over every line of a candidate pair, with the `semantic` extra).\n"
    )
    print(section)
    if args.out:
        write_section(args.out, "watch", section)


if __name__ == "__main__":
    main()
