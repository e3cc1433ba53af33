"""Time-expression detection benchmark on ILTIMEX 2012 (Hindi news, spans and types, no values).

Each ``C-*.xml`` file holds one article whose time expressions are marked
``<ILTIMEX TYPE="D|P|F|T">…</ILTIMEX>`` (date, period, frequency, time). The tagger runs on the
article text without the marks; a found span is counted *strict* when it equals a gold span,
*lenient* when it overlaps one. Speed is sentences per second of :func:`khabar.timex.tagger.tag`
on one core.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.eval.report import machine_info
from khabar.timex.tagger import tag

COMMAND = "khabar eval time"
SET_DIR = "timex/iltimex2012_manual_tagged"
SOURCE = "ILTIMEX 2012 manually tagged Hindi news (HayWiir/IASNLP-2018, Data/ILTIMEX2012), licence not stated"
#: ILTIMEX type -> the TIMEX3 types the tagger may give it.
TYPE_MAP = {"D": {"DATE", "TIME"}, "T": {"TIME", "DATE"}, "P": {"DURATION"}, "F": {"SET"}}

_MARK = re.compile(r'<ILTIMEX TYPE="(?P<type>\w)">(?P<body>.*?)</ILTIMEX>|<[^>]+>', re.DOTALL)
_SENTENCE = re.compile(r"[^।?!\n]+[।?!]?")

Span = tuple[int, int, str]


def read_article(path: Path) -> tuple[str, list[Span]]:
    """The plain text of one ILTIMEX file and its gold spans (start, end, type)."""
    raw = path.read_text(encoding="utf-8")
    text: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(raw):
        text.append(raw[pos : m.start()])
        length += m.start() - pos
        if m.group("type"):
            body = m.group("body")
            lead = len(body) - len(body.lstrip())
            core = body.strip()
            spans.append((length + lead, length + lead + len(core), m.group("type")))
            text.append(body)
            length += len(body)
        pos = m.end()
    text.append(raw[pos:])
    return "".join(text), spans


def _prf(tp: int, found: int, gold: int) -> dict[str, float]:
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate_timex(eval_root: Path, limit: int | None = None) -> dict[str, Any]:
    """Detection P/R/F1 (strict and lenient), type accuracy and speed on ILTIMEX 2012.

    ``limit`` keeps the first that many files (sorted by name). The result also lists the
    most frequent missed and spurious expressions, to guide work on the grammar.
    """
    folder = eval_root / SET_DIR
    files = sorted(folder.glob("*.xml"))
    if not files:
        raise InputError(f"no ILTIMEX files in {folder}; pass the shared eval folder as eval_root")
    if limit is not None:
        files = files[:limit]
    gold_n = found_n = strict_tp = lenient_found = lenient_gold = typed = 0
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    by_type_found: Counter[str] = Counter()
    sentences: list[str] = []
    for path in files:
        text, gold = read_article(path)
        sentences.extend(s.strip() for s in _SENTENCE.findall(text) if s.strip())
        found = tag(text)
        gold_n += len(gold)
        found_n += len(found)
        exact = {(s, e) for s, e, _ in gold}
        for t in found:
            hit = [g for g in gold if g[0] < t.end and t.start < g[1]]
            if (t.start, t.end) in exact:
                strict_tp += 1
            if hit:
                lenient_found += 1
                typed += t.type in TYPE_MAP[hit[0][2]]
            else:
                spurious[t.text] += 1
        for s, e, kind in gold:
            by_type[kind] += 1
            if any(t.start < e and s < t.end for t in found):
                lenient_gold += 1
                by_type_found[kind] += 1
            else:
                missed[text[s:e]] += 1
    t0 = time.perf_counter()
    for sentence in sentences:
        tag(sentence)
    seconds = time.perf_counter() - t0
    lenient_p = lenient_found / found_n if found_n else 0.0
    lenient_r = lenient_gold / gold_n if gold_n else 0.0
    lenient_f = 2 * lenient_p * lenient_r / (lenient_p + lenient_r) if lenient_p + lenient_r else 0.0
    return {
        "command": COMMAND + (f" --limit {limit}" if limit else ""),
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine_info(),
        "files": len(files),
        "gold": gold_n,
        "found": found_n,
        "strict": _prf(strict_tp, found_n, gold_n),
        "lenient": {
            "precision": round(lenient_p, 4),
            "recall": round(lenient_r, 4),
            "f1": round(lenient_f, 4),
        },
        "type_accuracy": round(typed / lenient_found, 4) if lenient_found else 0.0,
        "recall_by_type": {k: round(by_type_found[k] / n, 4) for k, n in sorted(by_type.items())},
        "gold_by_type": dict(sorted(by_type.items())),
        "sentences": len(sentences),
        "sentences_per_second": round(len(sentences) / seconds, 1) if seconds else None,
        "top_missed": missed.most_common(15),
        "top_spurious": spurious.most_common(15),
        "source": SOURCE,
    }


def format_markdown(result: dict[str, Any]) -> str:
    """The benchmarks.md section for a result of :func:`evaluate_timex`."""
    m = result["machine"]
    s, lenient = result["strict"], result["lenient"]
    lines = [
        "## Time expressions (ILTIMEX 2012, Hindi)",
        "",
        f"Command: `{result['command']}` — run {result['date']} on a {m['cores']}-core machine "
        f"({m['platform']}, Python {m['python']}); speed measured on one core.",
        "",
        f"{result['files']} articles, {result['gold']} gold expressions, {result['found']} found.",
        "",
        "| match | precision | recall | F1 |",
        "|---|---:|---:|---:|",
        f"| strict (same span) | {s['precision']:.1%} | {s['recall']:.1%} | {s['f1']:.1%} |",
        f"| lenient (overlap) | {lenient['precision']:.1%} | {lenient['recall']:.1%} | {lenient['f1']:.1%} |",
        "",
        "Lenient recall by ILTIMEX type: "
        + ", ".join(
            f"{k} {v:.1%} (n={result['gold_by_type'][k]})" for k, v in result["recall_by_type"].items()
        )
        + f". Type agreement on overlapping spans: {result['type_accuracy']:.1%} "
        "(D/T → DATE or TIME, P → DURATION, F → SET).",
        "",
        f"Speed: {result['sentences_per_second']} sentences/s for `tag` over {result['sentences']} "
        "sentences (one core).",
        "",
        'ILTIMEX tags generic nouns as time expressions (समय "time", दिन "day", रात "night": ~9 % of the '
        "gold); the tagger tags them only inside a fuller expression, which caps its recall.",
        "",
        f"Data: {result['source']}.",
    ]
    return "\n".join(lines)
