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
    from khabar.dedup.matching import MIN_SHARED_ANCHORS

    gold = [p for p in pairs if p.gold]
    found = sum(1 for p in gold if len(_anchors(p.a) & _anchors(p.b)) >= MIN_SHARED_ANCHORS)
    return found / len(gold) if gold else 0.0


def _anchors(doc: Document) -> set[str]:
    return crosslang.anchors(doc, text_words(content_text(doc)))


def default_cache() -> Path:
    """Where line vectors of the evaluation documents are kept between runs."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("khabar", appauthor=False)) / "eval" / "tico19-vectors.npz"


def sample_blocks(pairs: list[Pair], blocks: int | None) -> list[Pair]:
    """The pairs among the first ``blocks`` blocks of a half (all pairs when ``blocks`` is None)."""
    if blocks is None:
        return pairs
    first = sorted({_block(p.a) for p in pairs})[:blocks]
    keep = set(first)
    return [p for p in pairs if _block(p.a) in keep and _block(p.b) in keep]


def _block(doc: Document) -> int:
    return int(doc.source.uri.rsplit(":", 1)[1])


def evaluate_translation(
    eval_root: Path, semantic: bool | None = None, sample: int | None = None, cache_file: Path | None = None
) -> dict[str, Any]:
    """Precision/recall/F1 of translation-pair detection with and without the semantic extra.

    With the extra, only the first ``sample`` blocks of each half are embedded when given (the
    model reads ~25 lines/s per core); vectors are kept in ``cache_file`` between runs.
    """
    from khabar.dedup import semantic as sem

    use_semantic = sem.available() if semantic is None else semantic
    tune_pairs, test_pairs = build_pairs(read_lines(eval_root))
    cache: dict[str, np.ndarray] = {}
    if cache_file is not None and cache_file.is_file():
        with np.load(cache_file) as stored:
            cache.update({key: stored[key] for key in stored.files})
    known = len(cache)

    fresh = [0]

    def embed(doc: Document) -> np.ndarray:
        key = f"{sem.MODEL}:{doc.id}"
        if key not in cache:
            cache[key] = sem.embed_lines([line.text for line in crosslang.content_lines(doc)])
            fresh[0] += len(cache[key])
        return cache[key]

    t0 = time.perf_counter()
    score_pairs(tune_pairs + test_pairs)
    key_seconds = time.perf_counter() - t0
    result: dict[str, Any] = {
        "command": COMMAND + (f" --sample {sample}" if use_semantic and sample is not None else ""),
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
        sem_tune, sem_test = sample_blocks(tune_pairs, sample), sample_blocks(test_pairs, sample)
        t0 = time.perf_counter()
        score_pairs(sem_tune + sem_test, embed)
        result["semantic_sample"] = _counts(sem_test)
        result["lines_embedded"] = sum(len(v) for v in cache.values())
        result["lines_embedded_now"] = fresh[0]
        result["embed_seconds"] = round(time.perf_counter() - t0, 1)
        if cache_file is not None and len(cache) > known:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            np.savez(cache_file, **cache)  # type: ignore[arg-type]  # numpy stubs type only the first keyword
        shipped["tuned_coverage_threshold"] = tune(
            [p for p in sem_tune if p.coverage is not None], lambda p: p.coverage
        )
        rows["keys + line coverage (semantic extra)"] = prf(
            sem_test, lambda p: decide.judge(p.key_score, p.ratio, p.coverage).translation
        )
        if sample is not None:
            rows["keys alone on the same sample"] = prf(
                sem_test, lambda p: decide.judge(p.key_score, p.ratio).translation
            )
        # Whole-document cosine for comparison: the mean of the line vectors of each side.
        rows["whole-document cosine (for comparison)"] = _doc_cosine_row(sem_tune, sem_test, embed)
    shipped["tuned_key_threshold"] = tuned_key
    result["thresholds"] = shipped
    result["rows"] = rows
    result["means"] = {
        "key_score": _means(test_pairs, lambda p: p.key_score),
        "coverage": _means(sample_blocks(test_pairs, sample) if use_semantic else [], lambda p: p.coverage),
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


NO_NEGATIVES = "none embedded (all below the key gate)"


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
    if "semantic_sample" in result and result["semantic_sample"] != test:
        sample = result["semantic_sample"]
        lines += [
            "",
            f"Rows with embeddings are measured on a sample of the report half ({sample['pairs']} pairs, "
            f"{sample['negatives']} negatives: its first blocks; the tuning half sampled the same way), "
            "since the model reads ~25 lines/s per core; the keys row above is on the whole report half.",
        ]
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
            f"negatives {result['means']['coverage']['negatives'] or NO_NEGATIVES}"
            if result["means"]["coverage"]["pairs"] is not None
            else ""
        )
        + ".",
        f"Candidate recall of the anchor index (translation pairs sharing ≥ 2 anchors, no entities "
        f"since these documents skip the pipeline): {result['candidate_recall']:.1%}. "
        f"Key scoring: {result['pairs_per_second_keys']} pairs/s"
        + (
            f"; {result['lines_embedded']} lines have vectors, {result.get('lines_embedded_now', 0)} of them "
            f"embedded by this run in {result['embed_seconds']} s (the rest read from the vector cache; "
            "a first run at ~5 long TICO lines/s per core took 14 minutes on the loaded test machine)."
            if "lines_embedded" in result
            else "."
        ),
        "",
        f"Data: {result['source']}.",
    ]
    return "\n".join(lines)
