"""Cross-script name matching benchmark: Urdu ↔ Hindi on the Dakshina romanization lexicons.

Dakshina's dev lexicons list native words with the romanizations native speakers typed for
them (``word<TAB>romanization<TAB>count``). An Urdu and a Hindi word are *partners* when some
romanization was typed for both. For every word with a partner, the linker
(:class:`~khabar.kb.match.NameIndex`) picks the best word among *all* the other script's dev
words; it is right when the pick is a partner. Reported both ways, with the shortlist recall
(a partner was among the phonetic-key candidates at all).
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.kb.match import NameIndex

COMMAND = "khabar eval xscript"
FILES = {
    "hi": "translit/dakshina/hi/hi.translit.sampled.dev.tsv",
    "ur": "translit/dakshina/ur/ur.translit.sampled.dev.tsv",
}
SOURCE = "Dakshina v1.0 romanization lexicons, dev split (google-research-datasets/dakshina), CC-BY-SA-4.0"


def read_lexicon(path: Path) -> dict[str, set[str]]:
    """Native word -> the set of its attested romanizations (lower-cased)."""
    if not path.is_file():
        raise InputError(f"Dakshina lexicon {path} not found; pass the shared eval folder")
    out: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] and parts[1]:
                out[parts[0]].add(parts[1].lower())
    return dict(out)


def partners(source: dict[str, set[str]], target: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each source word, the target words sharing a romanization with it (non-empty only)."""
    by_roman: dict[str, set[str]] = defaultdict(set)
    for word, romans in target.items():
        for roman in romans:
            by_roman[roman].add(word)
    out = {}
    for word, romans in source.items():
        found = set().union(*(by_roman.get(r, set()) for r in romans))
        if found:
            out[word] = found
    return out


def _direction(source: dict[str, set[str]], target: dict[str, set[str]]) -> dict[str, Any]:
    gold = partners(source, target)
    # Lexicon words may be one syllable long ("آؤں"); entity names shorter than three loose
    # letters are left unmatched by the KB's index, but here every word counts.
    index: NameIndex[str] = NameIndex(min_chars=1)
    for word in target:
        index.add(word, word)
    right = shortlisted = 0
    misses: list[tuple[str, str | None, list[str]]] = []
    for word, answers in sorted(gold.items()):
        found = index.matches(word)
        shortlisted += any(m.payload in answers for m in found)
        pick = found[0].payload if found else None
        if pick in answers:
            right += 1
        elif len(misses) < 10:
            misses.append((word, pick, sorted(answers)))
    n = len(gold)
    return {
        "n": n,
        "candidates": len(target),
        "accuracy": right / n if n else 0.0,
        "shortlist_recall": shortlisted / n if n else 0.0,
        "misses": misses,
    }


def evaluate_xscript(eval_root: Path) -> dict[str, Any]:
    """Urdu→Hindi and Hindi→Urdu partner-picking accuracy on the Dakshina dev lexicons."""
    lexicons = {lang: read_lexicon(Path(eval_root) / rel) for lang, rel in FILES.items()}
    t0 = time.perf_counter()
    result = {
        "ur->hi": _direction(lexicons["ur"], lexicons["hi"]),
        "hi->ur": _direction(lexicons["hi"], lexicons["ur"]),
    }
    seconds = time.perf_counter() - t0
    queries = sum(r["n"] for r in result.values())
    return {
        "command": COMMAND,
        "date": time.strftime("%Y-%m-%d"),
        "directions": result,
        "queries_per_second": round(queries / seconds) if seconds else 0,
        "source": SOURCE,
    }


def format_markdown(result: dict[str, Any]) -> str:
    """A Markdown section for docs/benchmarks.md."""
    lines = [
        "## Cross-script name matching (Urdu ↔ Hindi)",
        "",
        f"Command: `{result['command']}` — run {result['date']}.",
        "",
        "| direction | words with a partner | candidates | top-1 accuracy | shortlist recall |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in result["directions"].items():
        lines.append(
            f"| {name} | {row['n']} | {row['candidates']} | {row['accuracy']:.1%} "
            f"| {row['shortlist_recall']:.1%} |"
        )
    lines += [
        "",
        "A word's partners are the other script's words that share an attested romanization with it; "
        "the linker (phonetic-key shortlist, rapidfuzz decision) picks among all of the other "
        f"script's dev words. Speed: {result['queries_per_second']} queries/s.",
        "",
        f"Data: {result['source']}.",
        "",
    ]
    return "\n".join(lines)
