"""Search latency through the HTTP API over 100k synthetic Urdu, Hindi and English documents.

Run with ``make bench`` (or ``python bench/search.py --out docs/benchmarks.md``). The store is
built once (about two minutes) and kept at ``--db`` (default: a file in the temp folder), so
later runs only time the queries. The server is a real uvicorn process on a loopback port,
queried over HTTP with httpx from this process, one request at a time.

Documents are made from sentences of public corpora read from ``../shared/eval`` at run time
(COUNTER Urdu news, TICO-19 and WMT14 Hindi/English): 8–14 random sentences each, with entity
names from the knowledge base inserted in the three scripts (and stored as linked mentions),
an outlet, a publication date and sometimes an event, so every filter has data to work on.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from khabar.document import Document, Event, Mention, Provenance, PublishedDate, Segment, Source
from khabar.eval.report import machine_line, write_section
from khabar.store.sqlite import SQLiteStore
from khabar.text.offsets import OffsetMap

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
URDU = [EVAL / "urdu_news" / "counter" / "counter.txt", EVAL / "parallel" / "tico19" / "en-ur.tico19-test.ur"]
HINDI = [
    EVAL / "parallel" / "tico19" / "en-hi.tico19-test.hi",
    EVAL / "parallel" / "wmt14_hi_en" / "newstest2014.hin",
]
ENGLISH = [
    EVAL / "parallel" / "tico19" / "en-hi.tico19-test.en",
    EVAL / "parallel" / "wmt14_hi_en" / "newstest2014.eng",
]
DEFAULT_DB = Path(tempfile.gettempdir()) / "khabar-search-bench.db"

DOCUMENTS = 100_000
QUERIES = 360
LANG_SHARE = (("ur", 0.4), ("hi", 0.3), ("en", 0.3))
OUTLETS = tuple(f"news{i}.example" for i in range(12))
EVENT_TYPES = ("CONSULT", "AGREE", "COOPERATE", "ACCUSE", "THREATEN", "AID", "PROTEST", "REJECT")
SEED = 7
FIRST_DAY = 1672531200  # 2023-01-01 in Unix time; publication dates spread over the next 900 days

# Entities inserted into the documents: id, label, (Urdu, Hindi, English) surface, share of documents.
ENTITIES: tuple[tuple[str, str, tuple[str, str, str], float], ...] = (
    ("loc:russia", "GPE", ("روس", "रूस", "Russia"), 0.25),
    ("loc:pakistan", "GPE", ("پاکستان", "पाकिस्तान", "Pakistan"), 0.20),
    ("loc:india", "GPE", ("بھارت", "भारत", "India"), 0.20),
    ("per:vladimir-putin", "PERSON", ("پوتن", "पुतिन", "Putin"), 0.10),
    ("loc:moscow", "GPE", ("ماسکو", "मास्को", "Moscow"), 0.08),
    ("org:un", "ORG", ("اقوام متحدہ", "संयुक्त राष्ट्र", "United Nations"), 0.06),
    ("loc:pyongyang", "GPE", ("پیانگ یانگ", "प्योंगयांग", "Pyongyang"), 0.04),
    ("per:kim-jong-un", "PERSON", ("کم جونگ ان", "किम जोंग उन", "Kim Jong Un"), 0.03),
    ("per:sergey-lavrov", "PERSON", ("لاوروف", "लावरोव", "Lavrov"), 0.02),
    ("per:sergei-shoigu", "PERSON", ("شوئیگو", "शोइगु", "Shoigu"), 0.01),
)
SCRIPT = {"ur": "Arab", "hi": "Deva", "en": "Latn"}


def sentences() -> dict[str, list[str]]:
    """Sentence pools per language, read from the shared corpora."""
    pools: dict[str, list[str]] = {}
    for lang, paths, splitter in (
        ("ur", URDU, r"(?<=۔)\s*"),
        ("hi", HINDI, r"(?<=।)\s*"),
        ("en", ENGLISH, None),
    ):
        pool: list[str] = []
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                parts = re.split(splitter, line) if splitter else [line]
                pool += [p.strip() for p in parts if 20 <= len(p.strip()) <= 400]
        pools[lang] = pool
    return pools


def make_document(i: int, lang: str, pool: list[str], rng: random.Random) -> Document:
    """One synthetic document: random sentences, entity names as linked mentions, metadata."""
    lines = rng.sample(pool, rng.randint(8, 14))
    script_index = ("ur", "hi", "en").index(lang)
    names = [
        (eid, label, surfaces[script_index])
        for eid, label, surfaces, share in ENTITIES
        if rng.random() < share
    ]
    for _eid, _label, surface in names:
        at = rng.randrange(len(lines))
        lines[at] = f"{surface} {lines[at]}"
    title = lines[0][:80]
    text = "\n".join(lines) + f"\n{i}"
    doc = Document(source=Source(uri=f"bench/{lang}/{i:06d}.txt", kind="txt"), raw=text, text=text)
    doc.lang, doc.script, doc.title, doc.lang_confidence = lang, SCRIPT[lang], title, 1.0
    doc.segments = [Segment(0, len(text), "body", lang, SCRIPT[lang], 1.0)]
    doc.raw_map = OffsetMap.identity(len(text))
    doc.provenance = Provenance(outlet=rng.choice(OUTLETS))
    day = 1 + rng.randrange(900)
    doc.published = PublishedDate(
        time.strftime("%Y-%m-%d", time.gmtime(FIRST_DAY + day * 86400)), "html_meta"
    )
    for eid, label, surface in names:
        for match in re.finditer(re.escape(surface), text):
            doc.mentions.append(
                Mention(match.start(), match.end(), label, eid, 0.9, surface, eid, method="gazetteer")
            )
    doc.mentions.sort(key=lambda m: m.start)
    if rng.random() < 0.3:
        doc.events = [Event(rng.choice(EVENT_TYPES), 0, 5, 0, len(lines[0]))]
    return doc


def build_store(db: Path, n: int) -> dict[str, float]:
    """Fill a new store at ``db`` with ``n`` synthetic documents through the store's put path."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    pools = sentences()
    rng = random.Random(SEED)
    langs = [lang for lang, _ in LANG_SHARE]
    weights = [share for _, share in LANG_SHARE]
    t0 = time.perf_counter()
    with SQLiteStore(db) as store:
        batch: list[Document] = []
        for i in range(n):
            lang = rng.choices(langs, weights)[0]
            batch.append(make_document(i, lang, pools[lang], rng))
            if len(batch) == 1000:
                store.put_batch(batch)
                batch = []
        if batch:
            store.put_batch(batch)
        store.optimize()
    return {"documents": n, "seconds": time.perf_counter() - t0, "mb": db.stat().st_size / 1e6}


def queries(n: int) -> list[tuple[str, dict[str, str], str]]:
    """(query, extra parameters, kind) for ``n`` searches of every kind, in a shuffled order."""
    rng = random.Random(SEED + 1)
    pools = sentences()
    picked: list[tuple[str, dict[str, str], str]] = []
    for lang, pool in pools.items():
        words = Counter(w for s in pool for w in re.findall(r"[^\W\d_]+", s) if len(w) > 1)
        ranked = [w for w, _ in words.most_common()]
        common, middle, rare = ranked[:30], ranked[200:2000], [w for w in ranked if words[w] == 1]
        for kind, band, k in (("common word", common, 15), ("mid word", middle, 15), ("rare word", rare, 15)):
            picked += [(w, {}, f"{kind}") for w in rng.sample(band, k)]
        for s in rng.sample(pool, 15):
            ws = re.findall(r"[^\W\d_]+", s)
            if len(ws) >= 2:
                at = rng.randrange(len(ws) - 1)
                picked.append((f"{ws[at]} {ws[at + 1]}", {}, "two words"))
        picked += [(rng.choice(common), {"lang": lang}, "common word, language filter") for _ in range(8)]
    for _eid, _label, surfaces, _share in ENTITIES:
        for surface in surfaces:
            picked.append((surface, {}, "entity name"))
    since = [("2023", "2023"), ("2024-03", "2024-06"), ("2025-01-01", "2025-02-15")]
    while len(picked) < n:
        surface = rng.choice(ENTITIES)[2][rng.randrange(3)]
        start, end = rng.choice(since)
        extra = rng.choice(
            [
                {"since": start, "until": end},
                {"outlet": rng.choice(OUTLETS)},
                {"event_type": rng.choice(EVENT_TYPES)},
                {"entity": rng.choice(ENTITIES)[2][2]},
            ]
        )
        picked.append((surface, extra, "entity name + filter"))
    rng.shuffle(picked)
    return picked[:n]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """``khabar serve --workers N`` over ``db`` on a free loopback port, as a user starts it."""
    port = _free_port()
    command = [sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--workers", str(workers), "--token", "bench"],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "KHABAR_CONFIG": str(db) + ".no-config.toml"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/search", params={"q": "warm"}, timeout=5)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start within 60 s")


def run_queries(base: str, picked: list[tuple[str, dict[str, str], str]]) -> dict[str, Any]:
    """Time every query over HTTP; latencies in milliseconds per query and per kind."""
    times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    hits: list[int] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for q, extra, _kind in picked[:20]:  # warm the page cache and the server
            client.get("/api/search", params={"q": q, **extra})
        for q, extra, kind in picked:
            t0 = time.perf_counter()
            response = client.get("/api/search", params={"q": q, **extra})
            ms = (time.perf_counter() - t0) * 1000
            response.raise_for_status()
            times.append(ms)
            by_kind.setdefault(kind, []).append(ms)
            hits.append(len(response.json().get("items", [])))
    return {"times": times, "by_kind": by_kind, "hits": hits, "load": os.getloadavg()[0]}


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def markdown(built: dict[str, Any], result: dict[str, Any], db: Path) -> str:
    """The benchmark section."""
    times = result["times"]
    lines = [
        "## Search latency through the API",
        "",
        "Command: `make bench` (`python bench/search.py --out docs/benchmarks.md`). "
        f"Machine: {machine_line()}.",
        "",
        f"{built['documents']:,} synthetic documents (Urdu 40 %, Hindi 30 %, English 30 %; 8–14 sentences of"
        " COUNTER, TICO-19 and WMT14 each, with knowledge-base names as linked mentions, outlets, dates and"
        f" events), {built['mb']:.0f} MB of SQLite. {len(times)} searches, one at a time, as"
        " `GET /api/search?q=…` over HTTP (httpx) to a uvicorn process on loopback, after 20 warm-up"
        " requests; the time is the whole round trip, with the first page of 20 hits as JSON."
        f" Load average at the end of the run: {result['load']:.1f} (other work shared the cores).",
        "",
        "| searches | p50 | p95 | p99 | max | target |",
        "|---|---|---|---|---|---|",
        f"| all {len(times)} | {percentile(times, 50):.1f} ms | **{percentile(times, 95):.1f} ms** | "
        f"{percentile(times, 99):.1f} ms | {max(times):.1f} ms | p95 < 50 ms |",
    ]
    for kind, values in sorted(result["by_kind"].items()):
        lines.append(
            f"| {kind} ({len(values)}) | {percentile(values, 50):.1f} ms | {percentile(values, 95):.1f} ms | "
            f"{percentile(values, 99):.1f} ms | {max(values):.1f} ms | |"
        )
    lines += [
        "",
        "Kinds: the 30 most frequent words of each language (in most documents of that language), words"
        " of middling frequency, words seen once in the sentence pools, two adjacent words, entity names"
        " in Urdu, Hindi and Latin script (the API adds every document mentioning the entity), and entity"
        " names with a date range, outlet, event-type or entity filter (`entity=`: documents that mention"
        " another entity too).",
        "How: bm25 ranks at most the 1,000 most recently stored matches that pass the filters (a word in"
        " most documents would otherwise cost ~0.3 s to rank), entity hits read the newest 300 mentions,"
        " filters are checked in a narrow `doc_facets` table or as rowid sets (outlet, event type), and"
        " snippets are made only for the hits shown.",
        "The store is built through `SQLiteStore.put_batch` (not part of the figure)"
        + (f", here in {built['seconds']:.0f} s." if built["seconds"] else "; this run reused it."),
    ]
    return "\n".join(lines)


def main() -> None:
    """Build (once) the store, start the server, time the searches, write the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help="the benchmark store (built when missing)"
    )
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it exists")
    args = parser.parse_args()
    built: dict[str, Any] = {"documents": args.documents, "seconds": 0.0, "mb": 0.0}
    if args.rebuild or not args.db.exists():
        built = build_store(args.db, args.documents)
        print("built", built, flush=True)
    else:
        with SQLiteStore(args.db) as store:
            built["documents"] = store.stats()["documents"]
        built["mb"] = args.db.stat().st_size / 1e6
        built["seconds"] = None
    proc, base = start_server(args.db)
    try:
        result = run_queries(base, queries(args.queries))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    section = markdown(built, result, args.db)
    if args.out:
        write_section(args.out, "search", section)
    print(section)


if __name__ == "__main__":
    main()
