"""Named-entity benchmark: the shipped taggers scored on the public NER sets (conlleval spans).

The sets are read, and the spans scored, by :mod:`khabar.models.conll`; see there for how
each tag scheme maps onto PERSON, LOC and ORG.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from khabar.eval.report import machine_info
from khabar.models.conll import LABELS, Sentence, read_conll, score, spans

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


def training_names(train_root: Path, lang: str) -> set[str]:
    """The fold keys (words joined by spaces) of every entity in the ``lang`` training data."""
    from khabar.models.ner.features import _fold_token_by_table
    from khabar.models.ner.train import training_sentences

    out: set[str] = set()
    for group in training_sentences(train_root, lang).values():
        for toks, tags in group:
            for a, b, _ in spans(tags):
                out.add(" ".join(_fold_token_by_table(t) for t in toks[a:b]))
    return out


def unseen_scores(sentences: list[Sentence], predicted: list[list[str]], known: set[str]) -> dict[str, Any]:
    """How the tagger does on names never seen in training: recall on gold entities whose text is
    not a training entity (and, to compare, on those that are), and P/R/F1 over the sentences whose
    every gold entity is unseen."""
    from khabar.models.ner.features import _fold_token_by_table

    hits = {"seen": [0, 0], "unseen": [0, 0]}  # found, gold
    gold_only: list[list[str]] = []
    pred_only: list[list[str]] = []
    for (toks, tags), pred in zip(sentences, predicted, strict=True):
        gold, got = spans(tags), spans(pred)
        kinds = set()
        for span in gold:
            kind = (
                "seen"
                if " ".join(_fold_token_by_table(t) for t in toks[span[0] : span[1]]) in known
                else "unseen"
            )
            kinds.add(kind)
            hits[kind][0] += span in got
            hits[kind][1] += 1
        if kinds == {"unseen"}:
            gold_only.append(tags)
            pred_only.append(pred)
    out: dict[str, Any] = {
        f"{kind}_recall": round(found / total, 4) if total else 0.0 for kind, (found, total) in hits.items()
    }
    out.update({f"{kind}_gold": total for kind, (_, total) in hits.items()})
    out["unseen_sentences"] = len(gold_only)
    out["unseen_sentence_scores"] = score(gold_only, pred_only)
    return out


def evaluate_ner(
    path: Path, lang: str, fmt: str = "il_ner", train_root: Path | None = None
) -> dict[str, Any]:
    """Tag the sentences of ``path`` with the shipped ``lang`` model and score the entities.

    Returns per-label and overall precision/recall/F1 (exact spans, conlleval style), the
    sentence and token counts, and tagging speed in tokens per second on one core (features
    included, model loading not). With ``train_root`` (the shared eval folder the models were
    trained from) it also scores names never seen in training (:func:`unseen_scores`).
    """
    from khabar.models import ner

    sentences = read_conll(path, fmt)
    tagger = ner.load(lang)
    tokens = [words for words, _ in sentences]
    t0 = time.perf_counter()
    predicted = [tagger.tag(words) for words in tokens]
    seconds = time.perf_counter() - t0
    n_tokens = sum(len(words) for words in tokens)
    unseen = unseen_scores(sentences, predicted, training_names(train_root, lang)) if train_root else None
    return {
        "unseen": unseen,
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
    unseen = [r for r in results if r.get("unseen")]
    if unseen:
        lines += [
            "",
            "Names never seen in training (an entity is *unseen* when its text is no entity of the "
            "model's training data); the last columns score only the sentences whose every gold "
            "entity is unseen:",
            "",
            "| set | lang | recall seen | recall unseen | unseen gold | sentences | P | R | F1 |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in unseen:
            u = r["unseen"]
            sc = u["unseen_sentence_scores"]["overall"]
            lines.append(
                f"| {Path(r['data']).name} | {r['lang']} | {u['seen_recall']:.3f} | {u['unseen_recall']:.3f} "
                f"| {u['unseen_gold']} | {u['unseen_sentences']} | {sc['precision']:.3f} "
                f"| {sc['recall']:.3f} | {sc['f1']:.3f} |"
            )
    lines += ["", "Commands:", ""]
    lines += [f"- `{r['command']}` — model {r['model']}" for r in results]
    licences = dict.fromkeys(r["licence"] for r in results)
    lines += ["", "Data: " + "; ".join(licences) + ".", ""]
    return "\n".join(lines)
