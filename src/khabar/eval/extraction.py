"""Extraction benchmark on trafilatura's evaluation pages: does the cleaned text keep the "with"
snippets and leave out the "without" ones?

Each of the 990 pages under ``../shared/eval/html/trafilatura_eval`` comes with snippets the main
text must hold and snippets it must not (page furniture). Every page is run through the
``page_kind`` and ``clean`` stages as ingest would; a snippet counts as found when its
whitespace-collapsed text occurs in the document's kept text. Precision, recall and F1 follow
trafilatura's own evaluation (true positive: a "with" snippet found; false positive: a "without"
snippet found).
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from khabar.document import Source
from khabar.errors import InputError
from khabar.eval.report import machine_line
from khabar.ingest.html import html_document

COMMAND = "khabar eval extraction"


def _squash(text: str) -> str:
    return " ".join(text.split())


def evaluate_extraction(root: Path, limit: int | None = None) -> dict[str, Any]:
    """Snippet counts (tp, fn, fp, tn), precision, recall, F1 and the extractors used."""
    from khabar.pipeline import build

    folder = root / "html" / "trafilatura_eval"
    index = folder / "evaldata.json"
    if not index.is_file():
        raise InputError(f"{index} not found; pass the shared eval folder")
    pipeline = build(["page_kind", "clean"])
    counts: Counter[str] = Counter()
    extractors: Counter[str] = Counter()
    t0 = time.perf_counter()
    items = list(json.loads(index.read_text(encoding="utf-8")).items())[:limit]
    for url, item in items:
        path = folder / "html" / f"{item['file']}.gz"
        if not path.is_file():
            counts["missing"] += 1
            continue
        source = Source(uri=str(path), kind="html", url=url if "://" in url else None)
        doc = pipeline.process(html_document(gzip.decompress(path.read_bytes()), source))
        text = _squash(f"{doc.title}\n{doc.text}")
        extractors[str(doc.meta.get("extractor") or "rejected")] += 1
        for s in item.get("with") or []:
            counts["tp" if _squash(s) in text else "fn"] += 1
        for s in item.get("without") or []:
            counts["fp" if _squash(s) in text else "tn"] += 1
    tp, fn, fp = counts["tp"], counts["fn"], counts["fp"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "command": COMMAND,
        "date": date.today().isoformat(),
        "machine": machine_line(),
        "pages": len(items),
        "seconds": round(time.perf_counter() - t0, 1),
        "counts": dict(counts),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "extractors": dict(extractors),
    }


def format_markdown(result: dict[str, Any]) -> str:
    """A Markdown section for docs/benchmarks.md."""
    c = result["counts"]
    used = ", ".join(f"{k} {v}" for k, v in sorted(result["extractors"].items(), key=lambda kv: -kv[1]))
    return "\n".join(
        [
            "## Main-text extraction (trafilatura evaluation pages)",
            "",
            f"Command: `{result['command']}` — run {result['date']} on {result['machine']} "
            f"({result['pages']} pages, {result['seconds']} s).",
            "",
            "| snippets | with found | with missed | without found | without left out "
            "| precision | recall | F1 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            f"| {sum(c.values()) - c.get('missing', 0)} | {c.get('tp', 0)} | {c.get('fn', 0)} "
            f"| {c.get('fp', 0)} "
            f"| {c.get('tn', 0)} | {result['precision']:.3f} | {result['recall']:.3f} | {result['f1']:.3f} |",
            "",
            f"Text taken from: {used}.",
            "",
        ]
    )
