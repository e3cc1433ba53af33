"""Named-entity benchmark: readers for the public NER sets and conlleval-style span scoring.

Every reader maps its tag set onto Khabar's three labels, PERSON, LOC and ORG, in BIO form;
other entity types (times, numbers, designations, artefacts …) become ``O``:

- ``il_ner`` (IL-NER, IJCNLP-08 Hindi): ``B-/I-`` + NEP person, NEL location, NEO organisation.
  A tag written ``-NEL`` (a lost ``B``) counts as ``B-NEL``; a bare ``-`` is ``O``.
- ``conll2`` (IJCNLP-08 Urdu, Jahangir et al. Urdu): one bare tag per word, PERSON, LOCATION,
  ORGANIZATION; a run of words with the same tag is one entity.
- ``hiner`` (HiNER, original or collapsed): ``B-/I-`` + PERSON, LOCATION, ORGANIZATION.

Scores are exact-span matches as in conlleval: an ``I-`` tag after ``O`` or after another
type opens a new entity.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.eval.report import machine_info
from khabar.models.ner import bio_spans

COMMAND = "khabar eval ner"
LABELS = ("PERSON", "LOC", "ORG")
FORMATS = ("il_ner", "conll2", "hiner")

_IL_NER = {"NEP": "PERSON", "NEL": "LOC", "NEO": "ORG"}
_NAMED = {"PERSON": "PERSON", "LOCATION": "LOC", "ORGANIZATION": "ORG"}

#: Licence of each data set, named in the Markdown report (keyed by a path fragment).
LICENCES = {
    "il_ner": "IL-NER (SankalpBahad/IL-NER), CC-BY-4.0",
    "hiner": "HiNER validation split (cfiltnlp/HiNER), CC-BY-SA-4.0",
    "urdu": "IJCNLP-08 Urdu / Jahangir et al. Urdu NER (mirfan899/Urdu), original authors' terms",
    "ijcnlp08": "IJCNLP-08 Hindi NER sample (Pruthwik/NER-EXTRACTION-FROM-SSF-TO-CONLL), MIT",
}

Sentence = tuple[list[str], list[str]]  # tokens, BIO tags over LABELS
Span = tuple[int, int, str]  # token start, token end (exclusive), label


def _il_ner_tag(tag: str) -> str:
    prefix, _, kind = tag.partition("-")
    label = _IL_NER.get(kind)
    if label is None:
        return "O"
    return f"{'I' if prefix == 'I' else 'B'}-{label}"


def _hiner_tag(tag: str) -> str:
    prefix, _, kind = tag.partition("-")
    label = _NAMED.get(kind)
    return "O" if label is None or prefix not in ("B", "I") else f"{prefix}-{label}"


def _bare_tags(tags: Sequence[str]) -> list[str]:
    out: list[str] = []
    prev = "O"
    for tag in tags:
        label = _NAMED.get(tag)
        if label is None:
            out.append("O")
        else:
            out.append(f"{'I' if label == prev else 'B'}-{label}")
        prev = label or "O"
    return out


def read_conll(path: Path, fmt: str) -> list[Sentence]:
    """The sentences of a CoNLL file (word, tab, tag; blank line between sentences) in BIO tags.

    ``fmt`` is one of :data:`FORMATS`; see the module docstring for how each maps its tags.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown NER format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not path.is_file():
        raise InputError(f"NER data file {path} is missing; pass the file with --data")
    sentences: list[Sentence] = []
    words: list[str] = []
    raw: list[str] = []
    with path.open(encoding="utf-8-sig") as fh:
        for line in [*fh, ""]:
            parts = line.strip("\r\n").split("\t")
            word = parts[0].strip().lstrip("\ufeff")
            if not word or len(parts) < 2:
                if words:
                    sentences.append((words, _convert(raw, fmt)))
                    words, raw = [], []
                continue
            words.append(word)
            raw.append(parts[-1].strip())
    return sentences


def _convert(raw: list[str], fmt: str) -> list[str]:
    if fmt == "conll2":
        return _bare_tags(raw)
    convert = _il_ner_tag if fmt == "il_ner" else _hiner_tag
    return [convert(tag) for tag in raw]


def spans(tags: Sequence[str]) -> set[Span]:
    """The entities of a BIO tag sequence as ``(start, end, label)`` token spans (conlleval rules)."""
    return set(bio_spans(tags))


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "gold": n_gold,
        "pred": n_pred,
    }


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, Any]:
    """Per-label and overall (micro) precision, recall and F1 of exact entity spans."""
    counts = {label: [0, 0, 0] for label in LABELS}  # true positives, predicted, gold
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = spans(g_tags), spans(p_tags)
        for _, _, label in g:
            counts[label][2] += 1
        for span in p:
            counts[span[2]][1] += 1
            if span in g:
                counts[span[2]][0] += 1
    out: dict[str, Any] = {label: _prf(*counts[label]) for label in LABELS}
    out["overall"] = _prf(*(sum(c[k] for c in counts.values()) for k in range(3)))
    return out


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
