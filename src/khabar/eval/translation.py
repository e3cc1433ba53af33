"""Translation-pair detection on TICO-19: Hindi and Urdu documents that translate the same English.

TICO-19's Hindi and Urdu test files translate the same English lines in the same order.
Consecutive lines are grouped into documents of BLOCK_LINES lines; the same block in Hindi
and in Urdu is a translation pair, and a block paired with its neighbour in the other
language (the same topic, usually the same source article) is a hard negative. Thresholds are
tuned on the first half of the blocks (:func:`tune`) and reported on the second half.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from khabar.dedup import crosslang, decide
from khabar.dedup.signature import content_text, text_words
from khabar.document import Document, Segment, Source
from khabar.errors import InputError

COMMAND = "khabar eval translation"
FILES = {
    "hi": "parallel/tico19/en-hi.tico19-test.hi",
    "ur": "parallel/tico19/en-ur.tico19-test.ur",
}
SOURCE = "TICO-19 test set (Helsinki-NLP/OPUS-MT-testsets, datasets/tico19), CC0"
#: Lines per document: about a short news story's paragraph count.
BLOCK_LINES = 10


@dataclass
class Pair:
    """Two documents in different languages and whether they are translations of each other."""

    a: Document
    b: Document
    gold: bool
    key_score: float = 0.0
    ratio: float = 0.0
    coverage: float | None = None


def read_lines(eval_root: Path) -> dict[str, list[str]]:
    """The Hindi and Urdu TICO-19 test lines, which translate the same English lines in order."""
    out = {}
    for lang, rel in FILES.items():
        path = Path(eval_root) / rel
        if not path.is_file():
            raise InputError(f"TICO-19 file {path} not found; pass the shared eval folder with --data")
        out[lang] = path.read_text(encoding="utf-8").splitlines()
    if len(out["hi"]) != len(out["ur"]):
        raise InputError("TICO-19 Hindi and Urdu files differ in length; they must be line-aligned")
    return out


def make_document(lines: Sequence[str], lang: str, uri: str) -> Document:
    """A document built by hand: one body segment per line."""
    text = "\n".join(lines)
    segments, pos = [], 0
    for line in lines:
        segments.append(Segment(pos, pos + len(line), "body", lang, "Deva" if lang == "hi" else "Arab", 1.0))
        pos += len(line) + 1
    return Document(source=Source(uri=uri, kind="txt"), raw=text, text=text, lang=lang, segments=segments)


def build_pairs(lines: dict[str, list[str]], block: int = BLOCK_LINES) -> tuple[list[Pair], list[Pair]]:
    """(tuning pairs, report pairs): first and second half of the blocks, positives and neighbours."""
    n = len(lines["hi"]) // block
    docs = {
        lang: [
            make_document(lines[lang][i * block : (i + 1) * block], lang, f"tico19:{lang}:{i}")
            for i in range(n)
        ]
        for lang in ("hi", "ur")
    }
    halves = [range(0, n // 2), range(n // 2, n)]
    out = []
    for half in halves:
        pairs = []
        for i in half:
            pairs.append(Pair(docs["hi"][i], docs["ur"][i], True))
            if i + 1 in half:
                pairs.append(Pair(docs["hi"][i], docs["ur"][i + 1], False))
                pairs.append(Pair(docs["hi"][i + 1], docs["ur"][i], False))
        out.append(pairs)
    return out[0], out[1]


def score_pairs(pairs: list[Pair], embed: Callable[[Document], np.ndarray] | None = None) -> None:
    """Fill each pair's key alignment, length ratio and (with ``embed``) line coverage."""
    for pair in pairs:
        la, lb = crosslang.content_lines(pair.a), crosslang.content_lines(pair.b)
        pair.key_score = crosslang.key_alignment(la, lb)
        pair.ratio = crosslang.length_ratio(la, lb)
        if embed is not None and decide.wants_embedding(pair.key_score, pair.ratio):
            from khabar.dedup.semantic import line_coverage

            pair.coverage = line_coverage(embed(pair.a), embed(pair.b))


def prf(pairs: list[Pair], predict: Callable[[Pair], bool]) -> dict[str, float]:
    """Precision, recall and F1 of ``predict`` against the pairs' gold labels."""
    tp = sum(1 for p in pairs if p.gold and predict(p))
    fp = sum(1 for p in pairs if not p.gold and predict(p))
    fn = sum(1 for p in pairs if p.gold and not predict(p))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def tune(pairs: list[Pair], value: Callable[[Pair], float | None]) -> float:
    """The threshold on ``value`` with the best F1 on ``pairs`` (midway between neighbouring values)."""
    values = sorted({v for p in pairs if (v := value(p)) is not None})
    best, best_t = -1.0, 0.0
    for lo, hi in zip(values, [*values[1:], values[-1] + 1e-6], strict=True):
        t = (lo + hi) / 2 if hi > lo else lo

        def above(p: Pair, t: float = t) -> bool:
            v = value(p)
            return v is not None and v >= t

        f1 = prf(pairs, above)["f1"]
        if f1 > best:
            best, best_t = f1, t
    return best_t


def candidate_recall(pairs: list[Pair]) -> float:
    """Share of translation pairs the anchor index would propose (shared anchors ≥ the linker's minimum)."""
    from khabar.dedup.link import MIN_SHARED_ANCHORS

    gold = [p for p in pairs if p.gold]
    found = sum(1 for p in gold if len(_anchors(p.a) & _anchors(p.b)) >= MIN_SHARED_ANCHORS)
    return found / len(gold) if gold else 0.0


def _anchors(doc: Document) -> set[str]:
    return crosslang.anchors(doc, text_words(content_text(doc)))


def evaluate_translation(eval_root: Path, semantic: bool | None = None) -> dict[str, Any]:
    """Precision/recall/F1 of translation-pair detection with and without the semantic extra."""
    from khabar.dedup import semantic as sem

    use_semantic = sem.available() if semantic is None else semantic
    tune_pairs, test_pairs = build_pairs(read_lines(eval_root))
    cache: dict[str, np.ndarray] = {}

    def embed(doc: Document) -> np.ndarray:
        if doc.id not in cache:
            cache[doc.id] = sem.embed_lines([line.text for line in crosslang.content_lines(doc)])
        return cache[doc.id]

    t0 = time.perf_counter()
    score_pairs(tune_pairs + test_pairs)
    key_seconds = time.perf_counter() - t0
    result: dict[str, Any] = {
        "command": COMMAND,
        "date": time.strftime("%Y-%m-%d"),
        "source": SOURCE,
        "block_lines": BLOCK_LINES,
        "tune": _counts(tune_pairs),
        "test": _counts(test_pairs),
        "pairs_per_second_keys": round(len(tune_pairs + test_pairs) / key_seconds) if key_seconds else 0,
        "candidate_recall": candidate_recall(test_pairs),
    }
    shipped = {"key_threshold": decide.KEY_THRESHOLD, "coverage_threshold": decide.COVERAGE_THRESHOLD}
    tuned_key = tune(tune_pairs, lambda p: p.key_score if p.ratio >= decide.MIN_LENGTH_RATIO else -1.0)
    rows = {
        "keys (no semantic extra)": prf(test_pairs, lambda p: decide.judge(p.key_score, p.ratio).translation),
    }
    if use_semantic:
        t0 = time.perf_counter()
        score_pairs(tune_pairs + test_pairs, embed)
        embedded = sum(len(v) for v in cache.values())
        result["lines_embedded"] = embedded
        result["embed_seconds"] = round(time.perf_counter() - t0, 1)
        shipped["tuned_coverage_threshold"] = tune(
            [p for p in tune_pairs if p.coverage is not None], lambda p: p.coverage
        )
        rows["keys + line coverage (semantic extra)"] = prf(
            test_pairs, lambda p: decide.judge(p.key_score, p.ratio, p.coverage).translation
        )
        # Whole-document cosine for comparison: the mean of the line vectors of each side.
        rows["whole-document cosine (for comparison)"] = _doc_cosine_row(tune_pairs, test_pairs, embed)
    shipped["tuned_key_threshold"] = tuned_key
    result["thresholds"] = shipped
    result["rows"] = rows
    result["means"] = {
        "key_score": _means(test_pairs, lambda p: p.key_score),
        "coverage": _means(test_pairs, lambda p: p.coverage),
    }
    return result


def _doc_cosine_row(
    tune_pairs: list[Pair], test_pairs: list[Pair], embed: Callable[[Document], np.ndarray]
) -> dict[str, float]:
    def cosine(p: Pair) -> float:
        va, vb = embed(p.a).mean(axis=0), embed(p.b).mean(axis=0)
        return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb) + 1e-9))

    cos = {id(p): cosine(p) for p in tune_pairs + test_pairs}
    t = tune(tune_pairs, lambda p: cos[id(p)])
    row = prf(test_pairs, lambda p: cos[id(p)] >= t)
    row["threshold"] = t
    return row


def _counts(pairs: list[Pair]) -> dict[str, int]:
    return {"pairs": sum(p.gold for p in pairs), "negatives": sum(not p.gold for p in pairs)}


def _means(pairs: list[Pair], value: Callable[[Pair], float | None]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for label, gold in (("pairs", True), ("negatives", False)):
        vals = [v for p in pairs if p.gold is gold and (v := value(p)) is not None]
        out[label] = round(sum(vals) / len(vals), 3) if vals else None
    return out


def format_markdown(result: dict[str, Any]) -> str:
    """A Markdown section for docs/benchmarks.md."""
    from khabar.eval.report import machine_line

    test, tune_ = result["test"], result["tune"]
    lines = [
        "## Translation-pair detection (Hindi ↔ Urdu, TICO-19)",
        "",
        f"Command: `{result['command']}` — {machine_line()}.",
        "",
        f"Documents of {result['block_lines']} consecutive TICO-19 lines; the same block in Hindi and Urdu "
        "is a "
        "translation pair, a block with its neighbour in the other language (same topic) a negative. "
        "Thresholds were tuned on the first half of the blocks "
        f"({tune_['pairs']} pairs, {tune_['negatives']} negatives) and are reported on the second half "
        f"({test['pairs']} pairs, {test['negatives']} negatives).",
        "",
        "| method | precision | recall | F1 |",
        "|---|---:|---:|---:|",
    ]
    for name, row in result["rows"].items():
        lines.append(f"| {name} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |")
    th = result["thresholds"]
    lines += [
        "",
        f"Shipped thresholds (khabar.dedup.decide): key alignment ≥ {th['key_threshold']} without the "
        f"extra (tuning-half optimum {th['tuned_key_threshold']:.3f}); line coverage ≥ "
        f"{th['coverage_threshold']} with it"
        + (
            f" (tuning-half optimum {th['tuned_coverage_threshold']:.3f})"
            if "tuned_coverage_threshold" in th
            else ""
        )
        + ".",
        f"Mean key alignment on the report half: pairs {result['means']['key_score']['pairs']}, "
        f"negatives {result['means']['key_score']['negatives']}"
        + (
            f"; mean line coverage: pairs {result['means']['coverage']['pairs']}, "
            f"negatives {result['means']['coverage']['negatives']}"
            if result["means"]["coverage"]["pairs"] is not None
            else ""
        )
        + ".",
        f"Candidate recall of the anchor index (translation pairs sharing ≥ 2 anchors, no entities "
        f"since these documents skip the pipeline): {result['candidate_recall']:.1%}. "
        f"Key scoring: {result['pairs_per_second_keys']} pairs/s"
        + (
            f"; {result['lines_embedded']} lines embedded in {result['embed_seconds']} s."
            if "lines_embedded" in result
            else "."
        ),
        "",
        f"Data: {result['source']}.",
    ]
    return "\n".join(lines)
