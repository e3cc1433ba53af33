"""Throughput and memory benchmarks; writes the 'ingest' section of docs/benchmarks.md.

Run with ``make bench`` (or ``python bench/run.py --out docs/benchmarks.md``). Everything
runs in this one process, so the figures are for one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.config import load_config
from khabar.document import Document, Source
from khabar.eval.report import machine_line, write_section
from khabar.jobs import ingest
from khabar.pipeline import build
from khabar.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
URDU_NEWS = EVAL / "urdu_news" / "counter" / "counter.txt"
HTML_DIR = EVAL / "html" / "trafilatura_eval" / "html"

# Consecutive COUNTER lines (paragraphs of ~800 characters) per benchmark document, so a
# document is ~2.4 KB: the size of a short news story like the seeds.
LINES_PER_DOCUMENT = 3
# Documents for the memory check through every default stage (NER makes it ~4x slower than
# the foundation stages, so 100k would take over 20 minutes).
FULL_MEMORY_DOCUMENTS = 10_000
# Pages run through both extractors before timing starts.
HTML_WARMUP_PAGES = 20


def urdu_documents() -> list[str]:
    """The COUNTER Urdu news corpus cut into documents of LINES_PER_DOCUMENT lines."""
    lines = [ln for ln in URDU_NEWS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return ["\n".join(lines[i : i + LINES_PER_DOCUMENT]) for i in range(0, len(lines), LINES_PER_DOCUMENT)]


#: The stages the foundation's throughput target (≥ 300 documents/s) is about.
FOUNDATION_STAGES = ("clean", "langid", "normalize", "metadata")


def bench_text(tmp: Path, stages: tuple[str, ...], name: str) -> dict[str, float]:
    """Ingest the Urdu documents as .txt files through ``stages`` into a fresh SQLite file."""
    folder = tmp / "urdu_txt"
    if not folder.exists():
        folder.mkdir()
        for i, text in enumerate(urdu_documents()):
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    config = load_config(env={}, db=tmp / f"{name}.db", stages=stages)
    with SQLiteStore(config.db) as store:
        t0 = time.perf_counter()
        report = ingest([str(folder)], store, config)
        seconds = time.perf_counter() - t0
    return {
        "documents": report.read,
        "stored": report.stored,
        "seconds": seconds,
        "docs_per_s": report.read / seconds,
    }


def bench_entities() -> dict[str, float]:
    """NER + linking (the entities stage's find_mentions) over the Urdu documents, in tokens/s."""
    from khabar.entities.mentions import find_mentions
    from khabar.kb import load_kb
    from khabar.text.tokens import tokenize

    docs = urdu_documents()
    kb = load_kb()
    find_mentions(docs[0], "ur", kb)
    tokens = mentions = 0
    t0 = time.perf_counter()
    for text in docs:
        mentions += len(find_mentions(text, "ur", kb))
    seconds = time.perf_counter() - t0
    tokens = sum(len(tokenize(text)) for text in docs)
    return {"documents": len(docs), "tokens": tokens, "mentions": mentions, "tokens_per_s": tokens / seconds}


def html_pages() -> list[tuple[str, str]]:
    """(name, markup) of every page in the trafilatura evaluation set."""
    pages = []
    for path in sorted(HTML_DIR.glob("*.html.gz")):
        pages.append((path.name, gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
    return pages


def bench_html() -> dict[str, float]:
    """Khabar's HTML path (clean → langid → normalise → metadata) vs trafilatura alone, same pages.

    The two are timed page by page, alternating, after a warm-up, so that load on the machine
    and one-off costs (dateparser's locale tables) fall on both alike.
    """
    import trafilatura

    pages = html_pages()
    pipeline = build(load_config(env={}).stages)
    for _name, markup in pages[:HTML_WARMUP_PAGES]:
        trafilatura.bare_extraction(markup, with_metadata=True)
        pipeline.process(Document(source=Source(uri="warm-up", kind="html"), html=markup))
    pipeline = build(load_config(env={}).stages)
    trafilatura_s = plain_s = khabar_s = 0.0
    for name, markup in pages:
        t0 = time.perf_counter()
        trafilatura.bare_extraction(markup, with_metadata=True)
        t1 = time.perf_counter()
        trafilatura.extract(markup)
        t2 = time.perf_counter()
        pipeline.process(Document(source=Source(uri=name, kind="html"), html=markup))
        t3 = time.perf_counter()
        trafilatura_s += t1 - t0
        plain_s += t2 - t1
        khabar_s += t3 - t2
    return {
        "pages": len(pages),
        "trafilatura_meta_pages_per_s": len(pages) / trafilatura_s,
        "trafilatura_plain_pages_per_s": len(pages) / plain_s,
        "khabar_pages_per_s": len(pages) / khabar_s,
        "ratio": trafilatura_s / khabar_s,
        "rejected": pipeline.stats.rejected,
    }


def _stream_jsonl(path: Path, n: int) -> None:
    docs = urdu_documents()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            # A distinct suffix keeps every document's id unique, as in a real crawl.
            text = docs[i % len(docs)] + f"\nخبر نمبر {i}"
            fh.write(
                json.dumps({"text": text, "url": f"https://example.org/news/{i}"}, ensure_ascii=False) + "\n"
            )


def bench_memory(tmp: Path, n: int, stages: tuple[str, ...]) -> dict[str, float]:
    """Peak resident memory of a child process ingesting ``n`` JSONL documents through ``stages``."""
    src = tmp / f"stream{n}.jsonl"
    _stream_jsonl(src, n)
    code = (
        "import time\n"
        "from khabar.config import load_config\n"
        "from khabar.jobs import ingest\n"
        "from khabar.store.sqlite import SQLiteStore\n"
        f"cfg = load_config(env={{}}, db={str(tmp / f'mem{n}.db')!r}, stages={stages!r})\n"
        "t0 = time.perf_counter()\n"
        "with SQLiteStore(cfg.db) as s:\n"
        f"    r = ingest([{str(src)!r}], s, cfg)\n"
        # VmHWM is this process's own peak: ru_maxrss would include the parent's memory,
        # which Linux carries across fork + exec.
        "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0].split()[1]\n"
        "print(r.read, r.stored, time.perf_counter() - t0, hwm)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    read, stored, seconds, peak_kb = result.stdout.split()
    return {
        "documents": int(read),
        "stored": int(stored),
        "seconds": float(seconds),
        "peak_rss_mb": int(peak_kb) / 1024,
    }


def markdown(
    text: dict[str, float],
    full: dict[str, float],
    ents: dict[str, float],
    html: dict[str, float],
    mem: dict[str, float] | None,
    mem_full: dict[str, float] | None,
) -> str:
    """The benchmarks section."""
    lines = [
        "## Ingest throughput and memory",
        "",
        "Command: `make bench` (`python bench/run.py --out docs/benchmarks.md`), one process (one core).",
        f"Machine: {machine_line()}.",
        "",
        "| benchmark | figure | target |",
        "|---|---|---|",
        "| text: ingest → clean → langid → normalise → metadata → SQLite, "
        f"{text['documents']:.0f} Urdu documents (COUNTER corpus, {LINES_PER_DOCUMENT} lines each) | "
        f"**{text['docs_per_s']:.0f} documents/s** | ≥ 300 |",
        f"| text: the same through every default stage ({', '.join(load_config(env={}).stages)}) | "
        f"{full['docs_per_s']:.0f} documents/s | |",
        f"| entities: NER + linking on the same {ents['documents']:.0f} Urdu documents "
        f"({ents['tokens']:.0f} tokens, {ents['mentions']:.0f} mentions) | "
        f"**{ents['tokens_per_s']:,.0f} tokens/s** | ≥ 50,000 |",
        f"| HTML: Khabar, all default stages, on {html['pages']:.0f} trafilatura evaluation pages | "
        f"{html['khabar_pages_per_s']:.1f} pages/s | |",
        f"| HTML: trafilatura.bare_extraction(with_metadata=True) alone, same pages, same run | "
        f"{html['trafilatura_meta_pages_per_s']:.1f} pages/s | |",
        f"| HTML: Khabar speed ÷ trafilatura speed | **{html['ratio']:.2f}×** | ≥ 0.8× |",
        f"| HTML: trafilatura.extract() without metadata, for reference | "
        f"{html['trafilatura_plain_pages_per_s']:.1f} pages/s | |",
    ]
    for run, what in ((mem, "the foundation stages"), (mem_full, "every default stage")):
        if not run:
            continue
        lines.append(
            f"| memory: peak RSS streaming {run['documents']:.0f} JSONL documents through {what} into SQLite "
            f"({run['documents'] / run['seconds']:.0f} docs/s) | **{run['peak_rss_mb']:.0f} MB** | < 1 GB |"
        )
    lines += [
        "",
        "Data: COUNTER Urdu news (CC-BY-NC-SA-4.0, research use) and trafilatura's evaluation pages"
        " (Apache-2.0), read from `../shared/eval`.",
    ]
    return "\n".join(lines)


def main() -> None:
    """Run the benchmarks and write the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--stream", type=int, default=100_000, help="documents for the memory benchmark (0 skips)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        mem = bench_memory(tmp, args.stream, FOUNDATION_STAGES) if args.stream else None
        print("memory", mem, flush=True)
        full_stages = load_config(env={}).stages
        mem_full = bench_memory(tmp, FULL_MEMORY_DOCUMENTS, full_stages) if args.stream else None
        print("memory (all stages)", mem_full, flush=True)
        text = bench_text(tmp, FOUNDATION_STAGES, "foundation")
        print("text", text, flush=True)
        full = bench_text(tmp, load_config(env={}).stages, "full")
        print("full", full, flush=True)
        ents = bench_entities()
        print("entities", ents, flush=True)
        html = bench_html()
        print("html", html, flush=True)
    section = markdown(text, full, ents, html, mem, mem_full)
    write_section(args.out, "ingest", section)
    print(section)


if __name__ == "__main__":
    main()
