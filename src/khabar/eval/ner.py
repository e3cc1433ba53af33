"""Named-entity benchmark: the shipped taggers scored on the public NER sets (conlleval spans).

The sets are read, and the spans scored, by :mod:`khabar.models.conll`; see there for how
each tag scheme maps onto PERSON, LOC and ORG.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from khabar.eval.report import machine_info
from khabar.models.conll import LABELS, read_conll, score

COMMAND = "khabar eval ner"

#: Licence of each data set, named in the Markdown report (keyed by a path fragment).
LICENCES = {
    "il_ner": "IL-NER (SankalpBahad/IL-NER), CC-BY-4.0",
    "hiner": "HiNER validation split (cfiltnlp/HiNER), CC-BY-SA-4.0",
    "urdu": "IJCNLP-08 Urdu / Jahangir et al. Urdu NER (mirfan899/Urdu), original authors' terms",
    "ijcnlp08": "IJCNLP-08 Hindi NER sample (Pruthwik/NER-EXTRACTION-FROM-SSF-TO-CONLL), MIT",
}


def _licence(path: Path) -> str:
    text = str(path).lower()
    for key, licence in LICENCES.items():
        if key in text:
            return licence
    return f"{path.name} (licence not known to Khabar)"


def evaluate_ner(path: Path, lang: str, fmt: str = "il_ner") -> dict[str, Any]:
    """Tag the sentences of ``path`` with the shipped ``lang`` model and score the entities.

    Returns per-label and overall precision/recall/F1 (exact spans, conlleval style), the
    sentence and token counts, and tagging speed in tokens per second on one core (features
    included, model loading not).
    """
    from khabar.models import ner

    sentences = read_conll(path, fmt)
    tagger = ner.load(lang)
    tokens = [words for words, _ in sentences]
    t0 = time.perf_counter()
    predicted = [tagger.tag(words) for words in tokens]
    seconds = time.perf_counter() - t0
    n_tokens = sum(len(words) for words in tokens)
    return {
        "command": f"{COMMAND} --lang {lang} --format {fmt} --data {path}",
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine_info(),
        "data": str(path),
        "lang": lang,
        "format": fmt,
        "sentences": len(sentences),
        "tokens": n_tokens,
        "tokens_per_second": round(n_tokens / seconds) if seconds else None,
        "scores": score([tags for _, tags in sentences], predicted),
        "model": tagger.describe(),
        "licence": _licence(path),
    }


def format_markdown(results: list[dict[str, Any]]) -> str:
    """A Markdown section (one table row per set and label, plus provenance) for docs/benchmarks.md."""
    lines = ["## Named entities", ""]
    if not results:
        return "\n".join([*lines, "No results.", ""])
    m = results[0]["machine"]
    lines += [
        f"Run {results[0]['date']} on a {m['cores']}-core machine ({m['platform']}, Python "
        f"{m['python']}); speed is tagging on one core, feature extraction included. Scores are "
        "exact entity spans (conlleval), micro-averaged over PERSON, LOC and ORG.",
        "",
        "| set | lang | label | precision | recall | F1 | gold | tokens/s |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        name = Path(r["data"]).name
        for label in (*LABELS, "overall"):
            sc = r["scores"][label]
            f1 = f"{sc['f1']:.3f}"
            speed = ""
            if label == "overall":
                f1 = f"**{f1}**"
                speed = f"{r['tokens_per_second']:,}" if r["tokens_per_second"] else "–"
            lines.append(
                f"| {name} | {r['lang']} | {label} | {sc['precision']:.3f} | {sc['recall']:.3f} "
                f"| {f1} | {sc['gold']} | {speed} |"
            )
    lines += ["", "Commands:", ""]
    lines += [f"- `{r['command']}` — model {r['model']}" for r in results]
    licences = dict.fromkeys(r["licence"] for r in results)
    lines += ["", "Data: " + "; ".join(licences) + ".", ""]
    return "\n".join(lines)
