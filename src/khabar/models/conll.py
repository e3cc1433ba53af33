"""CoNLL named-entity files and conlleval-style span scoring, over Khabar's three labels.

A reader of the public data format only (no model code), so both the NER trainer
(:mod:`khabar.models.ner.train`) and the benchmark (:mod:`khabar.eval.ner`) can use it.

Every reader maps its tag set onto PERSON, LOC and ORG in BIO form; other entity types (times,
numbers, designations, artefacts …) become ``O``:

- ``il_ner`` (IL-NER, IJCNLP-08 Hindi): ``B-/I-`` + NEP person, NEL location, NEO organisation.
  A tag written ``-NEL`` (a lost ``B``) counts as ``B-NEL``; a bare ``-`` is ``O``.
- ``conll2`` (IJCNLP-08 Urdu, Jahangir et al. Urdu): one bare tag per word, PERSON, LOCATION,
  ORGANIZATION; a run of words with the same tag is one entity.
- ``hiner`` (HiNER, original or collapsed): ``B-/I-`` + PERSON, LOCATION, ORGANIZATION.
- ``wikiann`` (WikiANN / PAN-X): ``B-/I-`` + PER, LOC, ORG.

Scores are exact-span matches as in conlleval: an ``I-`` tag after ``O`` or after another
type opens a new entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from khabar.errors import InputError

LABELS = ("PERSON", "LOC", "ORG")
FORMATS = ("il_ner", "conll2", "hiner", "wikiann")

_IL_NER = {"NEP": "PERSON", "NEL": "LOC", "NEO": "ORG"}
_NAMED = {"PERSON": "PERSON", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
_WIKIANN = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}

Sentence = tuple[list[str], list[str]]  # tokens, BIO tags over LABELS
Span = tuple[int, int, str]  # token start, token end (exclusive), label


def _il_ner_tag(tag: str) -> str:
    prefix, _, kind = tag.partition("-")
    label = _IL_NER.get(kind)
    if label is None:
        return "O"
    return f"{'I' if prefix == 'I' else 'B'}-{label}"


def _hiner_tag(tag: str, names: dict[str, str] = _NAMED) -> str:
    prefix, _, kind = tag.partition("-")
    label = names.get(kind)
    return "O" if label is None or prefix not in ("B", "I") else f"{prefix}-{label}"


def _wikiann_tag(tag: str) -> str:
    return _hiner_tag(tag, _WIKIANN)


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
    convert = {"il_ner": _il_ner_tag, "wikiann": _wikiann_tag}.get(fmt, _hiner_tag)
    return [convert(tag) for tag in raw]


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """Entities of a BIO sequence as ``(first token, last token + 1, label)``; a stray I- opens one."""
    out: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, kind = tag[:1], tag[2:]
        if start >= 0 and (prefix != "I" or kind != label):
            out.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, kind
    return out


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
