"""Page-kind benchmark: how many real article pages the page-kind classifier wrongly sets aside.

Every page of the two article sets under ``../shared/eval/html`` (trafilatura's evaluation pages,
Scrapinghub's article-extraction benchmark) is classified with its URL, as the pipeline would see
it. Each is meant to be an article (a few of trafilatura's are a video player, a slideshow or a
company home page, and count as errors here all the same), so the share called ``article`` is the
measure, with every page called something else listed by URL.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from khabar.clean.page_kind import ARTICLE, classify_page
from khabar.errors import InputError, Reject
from khabar.ingest.html import declared_charset
from khabar.ingest.text import decode_payload

COMMAND = "khabar eval pages"
SOURCE = (
    "trafilatura evaluation pages (adbar/trafilatura, tests/eval) and the Scrapinghub article "
    "extraction benchmark (scrapinghub/article-extraction-benchmark), under ../shared/eval/html"
)


def _trafilatura(root: Path) -> Iterator[tuple[str | None, Path]]:
    folder = root / "html" / "trafilatura_eval"
    index = folder / "evaldata.json"
    if not index.is_file():
        raise InputError(f"{index} not found; pass the shared eval folder")
    for url, item in json.loads(index.read_text(encoding="utf-8")).items():
        yield (url if "://" in url else None), folder / "html" / f"{item['file']}.gz"


def _scrapinghub(root: Path) -> Iterator[tuple[str | None, Path]]:
    folder = root / "html" / "scrapinghub_aeb"
    index = folder / "ground-truth.json"
    if not index.is_file():
        raise InputError(f"{index} not found; pass the shared eval folder")
    for key, item in json.loads(index.read_text(encoding="utf-8")).items():
        yield item.get("url"), folder / "html" / f"{key}.html.gz"


SETS = {"trafilatura_eval": _trafilatura, "scrapinghub_aeb": _scrapinghub}


def evaluate_page_kinds(root: Path) -> dict[str, Any]:
    """Per set: pages read, kinds found, share called article, and the pages called otherwise."""
    out: dict[str, Any] = {"command": COMMAND, "date": date.today().isoformat(), "source": SOURCE, "sets": {}}
    pages, seconds = 0, 0.0
    for name, listing in SETS.items():
        kinds: Counter[str] = Counter()
        wrong: list[dict[str, Any]] = []
        unreadable = 0
        for url, path in listing(root):
            if not path.is_file():
                unreadable += 1
                continue
            data = gzip.decompress(path.read_bytes())
            try:
                markup, _ = decode_payload(data, declared_charset(data))
            except Reject:
                unreadable += 1
                continue
            t0 = time.perf_counter()
            found = classify_page(markup, url)
            seconds += time.perf_counter() - t0
            pages += 1
            kinds[found.kind] += 1
            if found.kind != ARTICLE:
                wrong.append({"url": url or path.name, "kind": found.kind, "reason": found.reason})
        n = sum(kinds.values())
        out["sets"][name] = {
            "n": n,
            "unreadable": unreadable,
            "kinds": dict(kinds),
            "article_share": kinds[ARTICLE] / n if n else 0.0,
            "not_article": wrong,
        }
    out["ms_per_page"] = round(1000 * seconds / pages, 1) if pages else 0.0
    return out


def format_markdown(result: dict[str, Any]) -> str:
    """A Markdown section for docs/benchmarks.md."""
    lines = [
        "## Page kinds (articles wrongly set aside)",
        "",
        f"Command: `{result['command']}` — run {result['date']}.",
        "",
        "| set | pages | called article | share | called otherwise |",
        "|---|---:|---:|---:|---|",
    ]
    for name, row in result["sets"].items():
        others = ", ".join(f"{k} {v}" for k, v in sorted(row["kinds"].items()) if k != ARTICLE) or "none"
        articles = row["kinds"].get(ARTICLE, 0)
        lines.append(f"| {name} | {row['n']} | {articles} | {row['article_share']:.2%} | {others} |")
    lines += ["", f"Speed: {result['ms_per_page']} ms a page. Pages not called article:", ""]
    for name, row in result["sets"].items():
        lines += [f"- {name}: {w['kind']} ({w['reason']}) {w['url']}" for w in row["not_article"]]
    lines += ["", f"Data: {result['source']}.", ""]
    return "\n".join(lines)
