"""Language-identification benchmark: Khabar's ``identify`` against plain CLD2 on public data.

Sets (all read from the shared eval folder at run time):

- TICO-19 test, the same sentences in Urdu, Hindi and English (CC0);
- Dakshina v1.0 romanized dev sentences, Hindi and Urdu written in Latin letters by native
  speakers (CC-BY-SA-4.0). The romanized classifier never trains on these.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pycld2

from khabar.errors import InputError
from khabar.eval.report import machine_info
from khabar.langid.identify import ROMANIZED, clean_for_lid, identify
from khabar.models import romanized

COMMAND = "khabar eval langid"

#: (set name, path under the eval root, gold label)
SETS: tuple[tuple[str, str, str], ...] = (
    ("tico19-ur", "parallel/tico19/en-ur.tico19-test.ur", "ur"),
    ("tico19-hi", "parallel/tico19/en-hi.tico19-test.hi", "hi"),
    ("tico19-en", "parallel/tico19/en-hi.tico19-test.en", "en"),
    ("dakshina-hi-Latn", "translit/dakshina/hi/hi.romanized.rejoined.dev.roman.txt", "hi-Latn"),
    ("dakshina-ur-Latn", "translit/dakshina/ur/ur.romanized.rejoined.dev.roman.txt", "ur-Latn"),
)

SOURCES = (
    "TICO-19 test set (Helsinki-NLP/OPUS-MT-testsets, datasets/tico19), CC0",
    "Dakshina v1.0 romanized dev sentences (google-research-datasets/dakshina), CC-BY-SA-4.0",
)


def read_set(path: Path, limit: int | None = None) -> list[str]:
    """Non-empty lines of ``path``; with ``limit``, that many spread evenly over the file."""
    if not path.is_file():
        raise InputError(f"eval file {path} is missing; pass the shared eval folder as eval_root")
    with path.open(encoding="utf-8") as fh:
        lines = [line.strip() for line in fh if line.strip()]
    if limit is not None and 0 < limit < len(lines):
        step = len(lines) / limit
        lines = [lines[int(k * step)] for k in range(limit)]
    return lines


def plain_cld2(text: str) -> str:
    """CLD2's top language code for ``text`` with default settings ("un" when it has none)."""
    try:
        return str(pycld2.detect(clean_for_lid(text), isPlainText=True)[2][0][1])
    except pycld2.error:
        return "un"


def _share(counter: Counter[str], labels: set[str] | frozenset[str], n: int) -> float:
    return round(sum(counter[lab] for lab in labels) / max(n, 1), 4)


def evaluate_langid(eval_root: Path, limit: int | None = None) -> dict[str, Any]:
    """Accuracy of ``identify`` and of plain pycld2 per set, and ``identify``'s speed.

    For each set: ``n``; ``accuracy`` (exact label); ``labelled_en`` (share labelled "en");
    for romanized sets ``romanized_detected`` (share labelled hi-Latn or ur-Latn); the most
    frequent labels; ``cld2_accuracy`` (CLD2's top language equals the gold language, with
    "hi"/"ur" counted right for romanized sets, which CLD2 cannot name) and ``cld2_labelled_en``.
    Speed is sentences per second of ``identify`` over all sets on one core (this process).
    """
    romanized.load()  # model loading is not part of the per-sentence speed
    sets: dict[str, Any] = {}
    total_n = 0
    total_seconds = 0.0
    for name, rel, gold in SETS:
        lines = read_set(eval_root / rel, limit)
        t0 = time.perf_counter()
        labels = Counter(identify(line).lang for line in lines)
        total_seconds += time.perf_counter() - t0
        total_n += len(lines)
        cld = Counter(plain_cld2(line) for line in lines)
        base = gold.split("-")[0]
        n = len(lines)
        row: dict[str, Any] = {
            "gold": gold,
            "n": n,
            "accuracy": _share(labels, {gold}, n),
            "labelled_en": _share(labels, {"en"}, n) if gold != "en" else None,
            "top_labels": dict(labels.most_common(4)),
            "cld2_accuracy": _share(cld, {base}, n),
            "cld2_labelled_en": _share(cld, {"en"}, n) if gold != "en" else None,
        }
        if gold in ROMANIZED:
            row["romanized_detected"] = _share(labels, ROMANIZED, n)
        sets[name] = row
    return {
        "command": COMMAND + (f" --limit {limit}" if limit else ""),
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine_info(),
        "limit": limit,
        "sets": sets,
        "sentences": total_n,
        "sentences_per_second": round(total_n / total_seconds, 1) if total_seconds else None,
        "model": {
            "path": str(romanized.DEFAULT_MODEL.name),
            "bytes": romanized.DEFAULT_MODEL.stat().st_size,
        },
        "sources": list(SOURCES),
    }


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def format_markdown(result: dict[str, Any]) -> str:
    """A Markdown section (table plus provenance) for docs/benchmarks.md."""
    m = result["machine"]
    lines = [
        "## Language identification",
        "",
        f"Command: `{result['command']}` — run {result['date']} on a {m['cores']}-core machine "
        f"({m['platform']}, Python {m['python']}); speed measured on one core.",
        "",
        "| set | n | Khabar accuracy | romanized detected | labelled en "
        "| pycld2 accuracy | pycld2 labelled en |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in result["sets"].items():
        lines.append(
            f"| {name} ({row['gold']}) | {row['n']} | {_pct(row['accuracy'])} "
            f"| {_pct(row.get('romanized_detected'))} | {_pct(row['labelled_en'])} "
            f"| {_pct(row['cld2_accuracy'])} | {_pct(row['cld2_labelled_en'])} |"
        )
    lines += [
        "",
        f"Speed: {result['sentences_per_second']} sentences/s for `identify` over "
        f"{result['sentences']} sentences (one core). Romanized-Hindustani model: "
        f"{result['model']['path']}, {result['model']['bytes'] / 1024:.0f} KB.",
        "",
        "Accuracy is the exact label (hi-Latn / ur-Latn for romanized sets). pycld2 cannot name "
        "romanized Hindustani, so for those sets its answer counts as right when it says hi or ur.",
        "",
        "Data: " + "; ".join(result["sources"]) + ".",
        "",
    ]
    return "\n".join(lines)
