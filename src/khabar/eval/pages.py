"""Page benchmark: language, publication date, title, body text and page kind of labelled pages.

A folder holds gold labels, one JSON file per page (``NAME.json`` beside ``NAME.html``) and/or a
``gold.jsonl`` of one label per line. A label names its page with ``page``: a path relative to the
label file, or ``shared:PATH`` relative to the shared eval folder (so the public pages stay in
``../shared`` and only our own labels live in the repository). A label's fields:

- ``lang``: the document language (``hi``, ``ur``, ``en``, ``id`` ...);
- ``published``: the publication day (``YYYY-MM-DD``), or null when the page states none (then
  Khabar must not pick one, the file time aside);
- ``title``: the headline as an analyst reads it (compared with whitespace collapsed);
- ``body``: key sentences the body text must hold, ``not_body``: strings it must not hold;
- ``page_kind``: ``article``, ``homepage``, ``section``, ``video`` or ``gallery``;
- ``url`` (optional): the page's address, handed to the reader as the fetcher would;
- ``split`` (optional): ``tune`` or ``heldout`` (a ``heldout`` folder name sets it too); each
  split is reported apart.

Every page is read as ``khabar ingest`` reads it and run through the stages up to ``time``.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from khabar.document import Document, Source
from khabar.errors import InputError
from khabar.eval.report import machine_line
from khabar.ingest.html import html_document

COMMAND = "khabar eval pages DIR"
FIELDS = ("lang", "published", "title", "body", "page_kind")
STAGES = ("page_kind", "clean", "langid", "normalize", "metadata", "outlet")
SHARED_PREFIX = "shared:"
# Segments that count as body text: running text and its subheadings.
BODY_KINDS = frozenset({"body", "heading"})


@dataclass
class Label:
    """One gold label and the page file it describes."""

    name: str
    page: Path
    gold: dict[str, Any]
    split: str


def _split_of(path: Path, gold: dict[str, Any]) -> str:
    return str(gold.get("split") or ("heldout" if "heldout" in path.parts else "tune"))


def _resolve(page: str, base: Path, shared: Path | None) -> Path:
    if page.startswith(SHARED_PREFIX):
        if shared is None:
            raise InputError(f"{page}: pass the shared eval folder (--data)")
        return shared / page[len(SHARED_PREFIX) :]
    return base / page


def read_labels(folder: Path, shared: Path | None = None) -> list[Label]:
    """Every label under ``folder`` (recursively), in path order."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder of page labels")
    labels: list[Label] = []
    for path in sorted(folder.rglob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = _resolve(str(gold.get("page") or path.with_suffix(".html").name), path.parent, shared)
        labels.append(Label(str(path.relative_to(folder).with_suffix("")), page, gold, _split_of(path, gold)))
    for path in sorted(folder.rglob("gold.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                gold = json.loads(line)
                page = _resolve(str(gold["page"]), path.parent, shared)
                name = str(gold.get("name") or f"{path.parent.name}:{n}")
                labels.append(Label(name, page, gold, _split_of(path, gold)))
    return labels


def run_page(label: Label) -> Document:
    """The page of ``label`` read and run through the stages up to ``outlet``."""
    from khabar.pipeline import build

    data = label.page.read_bytes()
    if label.page.suffix == ".gz":
        data = gzip.decompress(data)
    source = Source(uri=str(label.page), kind="html", url=label.gold.get("url"))
    return build(list(STAGES)).process(html_document(data, source))


def _squash(text: str) -> str:
    return " ".join(text.split())


def score_page(doc: Document, gold: dict[str, Any]) -> dict[str, bool]:
    """Which of the labelled fields ``doc`` gets right (only the fields ``gold`` labels)."""
    out: dict[str, bool] = {}
    if "lang" in gold:
        out["lang"] = doc.lang == gold["lang"]
    if "published" in gold:
        pub = doc.published
        stated = pub is not None and pub.source != "file_mtime"
        want = gold["published"]
        out["published"] = (not stated) if want is None else bool(stated and pub and pub.value[:10] == want)
    if "title" in gold:
        out["title"] = _squash(doc.title) == _squash(str(gold["title"]))
    if "body" in gold or "not_body" in gold:
        body = _squash(" ".join(doc.text[s.start : s.end] for s in doc.segments if s.kind in BODY_KINDS))
        whole = _squash(doc.text)
        has = all(_squash(s) in body for s in gold.get("body") or [])
        out["body"] = has and not any(_squash(s) in whole for s in gold.get("not_body") or [])
    if "page_kind" in gold:
        out["page_kind"] = doc.page_kind == gold["page_kind"]
    return out


def _found(doc: Document) -> dict[str, Any]:
    pub = doc.published
    return {
        "lang": doc.lang,
        "published": pub.value if pub and pub.source != "file_mtime" else None,
        "title": doc.title,
        "page_kind": doc.page_kind,
        "extractor": doc.meta.get("extractor"),
        "rejected": doc.rejects[-1].reason if doc.rejects else None,
    }


def evaluate_pages(folder: Path, shared: Path | None = None) -> dict[str, Any]:
    """Per split and field: pages labelled, pages right, and every wrong page with what was found."""
    labels = read_labels(folder, shared)
    right: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    pages: dict[str, int] = defaultdict(int)
    errors: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for label in labels:
        if not label.page.is_file():
            raise InputError(f"{label.name}: page {label.page} not found")
        doc = run_page(label)
        pages[label.split] += 1
        scores = score_page(doc, label.gold)
        for name, ok in scores.items():
            total[label.split][name] += 1
            right[label.split][name] += ok
        wrong = sorted(k for k, ok in scores.items() if not ok)
        if wrong:
            errors.append({"page": label.name, "split": label.split, "wrong": wrong, "found": _found(doc)})
    seconds = time.perf_counter() - t0
    splits = {
        split: {
            "pages": pages[split],
            "fields": {f: [right[split][f], total[split][f]] for f in FIELDS if total[split][f]},
        }
        for split in sorted(pages)
    }
    return {
        "command": f"khabar eval pages {folder}",
        "date": date.today().isoformat(),
        "machine": machine_line(),
        "seconds": round(seconds, 1),
        "splits": splits,
        "errors": errors,
    }


def format_markdown(result: dict[str, Any], title: str = "Pages: language, date, title, body, kind") -> str:
    """A Markdown section for docs/benchmarks.md."""
    lines = [
        f"## {title}",
        "",
        f"Command: `{result['command']}` — run {result['date']} on {result['machine']} "
        f"({result['seconds']} s).",
        "",
        "| split | pages | " + " | ".join(FIELDS) + " |",
        "|---|---:|" + "---:|" * len(FIELDS),
    ]
    for split, row in result["splits"].items():
        cells = []
        for f in FIELDS:
            ok, n = row["fields"].get(f, [0, 0])
            cells.append(f"{ok}/{n} ({ok / n:.0%})" if n else "–")
        lines.append(f"| {split} | {row['pages']} | " + " | ".join(cells) + " |")
    if result["errors"]:
        lines += ["", "Wrong fields:", ""]
        for e in result["errors"]:
            found = ", ".join(f"{k}={v!r}" for k, v in e["found"].items() if v is not None)
            lines.append(f"- {e['page']} ({e['split']}): {', '.join(e['wrong'])} — found {found}")
    lines.append("")
    return "\n".join(lines)
