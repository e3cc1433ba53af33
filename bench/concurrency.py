"""Two ``khabar ingest`` processes of overlapping inputs on one store while ``khabar serve``
answers four reading clients (issue 16, item 6), run after run.

Run with ``python bench/concurrency.py --out docs/benchmarks.md`` (section ``concurrency``). Each
run builds a fresh store: ``--files`` inputs (the example pages and generated articles; half read
by both writers, a quarter by each alone), two writer processes started together, and a
``khabar serve`` process on a loopback port that four httpx threads query (``/api/search``,
``/api/stats``, ``/search``) until both writers end. A run passes when both writers exit 0,
every input is one document or reject, each was new to exactly one writer, every event is
merged, every article is in a story, no linker failed and ``PRAGMA integrity_check`` is ok.
``--links`` chooses the linkers (default: the configured ones, duplicates included).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.support.writers import build_corpus, run_pair, store_check, writer_env  # noqa: E402

from khabar.eval.report import machine_line, write_section  # noqa: E402

READS = (("/api/search", {"q": "Pakistan"}), ("/api/stats", {}), ("/search", {"q": "talks"}), ("/search", {}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port), "--token", "bench"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/stats", timeout=5)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("khabar serve did not start within 120 s")


def one_run(work: Path, files: int, seed: int, links: str | None) -> dict[str, Any]:
    """One pair of writers with the server and its readers; what happened and the checks."""
    shutil.rmtree(work, ignore_errors=True)
    folders = build_corpus(work / "in", files, seed=seed)
    db = work / "shared.db"
    env = writer_env(links=links)
    server, base = _serve(db, env)
    statuses: list[int] = []
    client = [0]

    def reader() -> None:
        path, params = READS[client[0] % len(READS)]
        client[0] += 1
        with httpx.Client(base_url=base, timeout=120) as http:
            statuses.append(http.get(path, params=params).status_code)

    try:
        result = run_pair(db, folders, env=env, reader=reader, pause=0.05, timeout=1800)
    finally:
        server.terminate()
        server.wait(timeout=30)
    check = store_check(db)
    ok = (
        result.exit_codes == [0, 0]
        and not result.reader_errors
        and all(s == 200 for s in statuses)
        and check["integrity"] == "ok"
        and check["documents"] + check["rejects"] == files
        and check["uris"] == files
        and check["both"] == 0
        and sum(result.stored) == files
        and check["event_mentions"] == check["event_annotations"]
        and check["in_stories"] == check["articles"]
        and check["link_failures"] == 0
    )
    if not ok:
        print("\n---\n".join(result.outputs[-2:])[-3000:], result.reader_errors[:5], check, flush=True)
    return {
        "ok": ok,
        "seconds": result.seconds,
        "exit_codes": result.exit_codes,
        "stored": result.stored,
        "reads": len(statuses),
        "non_200": sum(s != 200 for s in statuses),
        "reader_errors": len(result.reader_errors),
        **check,
    }


def markdown(runs: list[dict[str, Any]], files: int, links: str | None) -> str:
    """The benchmark section."""
    passed = sum(r["ok"] for r in runs)
    lines = [
        "## Concurrent writers",
        "",
        f"Command: `python bench/concurrency.py --runs {len(runs)} --files {files}"
        + (f" --links {links}" if links else "")
        + f"`. Machine: {machine_line()}.",
        "",
        f"Per run: a fresh store, {files} inputs (half read by both writers), two `khabar ingest`"
        " processes started together (batches of 4), `khabar serve` on loopback with 4 httpx"
        " clients reading `/api/search`, `/api/stats` and `/search` until both end. Linkers: "
        + (links or "the configured default (events, duplicates, stories)")
        + ".",
        "",
        f"**{passed} of {len(runs)} runs passed** (both exit 0, every input stored once, new to one"
        " writer only, events merged, articles in stories, no linker failure, integrity ok).",
        "",
        "| run | seconds | exit codes | new to writer A / B | documents + rejects | reads (non-200) | ok |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(runs, 1):
        lines.append(
            f"| {i} | {r['seconds']:.1f} | {r['exit_codes']} | {r['stored'][0]} / {r['stored'][1]} |"
            f" {r['documents']} + {r['rejects']} | {r['reads']} ({r['non_200']}) |"
            f" {'yes' if r['ok'] else 'NO'} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run the pairs and write the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--links", default=None, help="comma-separated linkers (default: configured)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "khabar-concurrency")
    args = parser.parse_args()
    runs = []
    for i in range(args.runs):
        runs.append(one_run(args.work / f"run{i}", args.files, seed=i, links=args.links))
        print(i + 1, runs[-1], flush=True)
    section = markdown(runs, args.files, args.links)
    if args.out:
        write_section(args.out, "concurrency", section)
    print(section)


if __name__ == "__main__":
    main()
