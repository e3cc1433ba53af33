"""Script bridge benchmark: Urdu ↔ Devanagari word accuracy on held-out Dakshina pairs and KB names.

Test words are the Dakshina *dev* lexicons' words (the shipped bridge data is built from the
train lexicons only, and the two share no word). A test word's gold answers are the other
script's words, in either split, that share an attested romanization with it; the bridge is
right when its spelling is one of them. KB names are every alias of an entity that has aliases
in both scripts, checked twice: through the whole bridge (KB names first) and with the KB's
name table left out, as for a name the KB does not know.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khabar.bridge import to_devanagari, to_urdu
from khabar.bridge.pairs import join, partners, read_split
from khabar.kb import alias_key, load_kb

COMMAND = "khabar eval bridge"
SOURCE = "Dakshina v1.0 romanization lexicons (google-research-datasets/dakshina), CC-BY-SA-4.0"


def _words_only(convert: Callable[[str], str]) -> Callable[[str], str]:
    """``convert`` word by word, so no run of words is read as a KB name."""
    return lambda text: " ".join(convert(w) for w in text.split())


def _score(gold: dict[str, set[str]], convert: Callable[[str], str]) -> dict[str, Any]:
    right = 0
    misses: list[tuple[str, str, list[str]]] = []
    for word, answers in sorted(gold.items()):
        got = convert(word)
        if got in answers:
            right += 1
        elif len(misses) < 8:
            misses.append((word, got, sorted(answers)[:3]))
    n = len(gold)
    return {"n": n, "accuracy": right / n if n else 0.0, "misses": misses}


def held_out_words(eval_root: Path) -> dict[str, dict[str, set[str]]]:
    """Dev words with their gold partners: ``{"ur->hi": {...}, "hi->ur": {...}}``."""
    ur_dev, hi_dev = read_split(eval_root, "ur", "dev"), read_split(eval_root, "hi", "dev")
    ur_all = {**read_split(eval_root, "ur", "train"), **ur_dev}
    hi_all = {**read_split(eval_root, "hi", "train"), **hi_dev}
    joined = join(ur_all, hi_all)
    return {
        "ur->hi": partners({p: s for p, s in joined.items() if p[0] in ur_dev}, 0),
        "hi->ur": partners({p: s for p, s in joined.items() if p[1] in hi_dev}, 1),
    }


def kb_names() -> dict[str, dict[str, set[str]]]:
    """Every KB alias of an entity named in both scripts, with that entity's other-script aliases."""
    out: dict[str, dict[str, set[str]]] = {"ur->hi": {}, "hi->ur": {}}
    for entity in load_kb().entities():
        ur, hi = entity.aliases.get("Arab", []), entity.aliases.get("Deva", [])
        if ur and hi:
            for alias in ur:
                out["ur->hi"].setdefault(alias, set()).update(hi)
            for alias in hi:
                out["hi->ur"].setdefault(alias, set()).update(ur)
    return out


def _by_key(convert: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: alias_key(convert(text))


def evaluate_bridge(eval_root: Path) -> dict[str, Any]:
    """Word accuracy both ways on held-out Dakshina words and on KB names."""
    t0 = time.perf_counter()
    converters = {"ur->hi": to_devanagari, "hi->ur": to_urdu}
    words = held_out_words(eval_root)
    result: dict[str, Any] = {"words": {d: _score(words[d], converters[d]) for d in converters}}
    names = kb_names()
    keyed = {d: {a: {alias_key(g) for g in gold} for a, gold in names[d].items()} for d in names}
    result["kb_names"] = {d: _score(keyed[d], _by_key(converters[d])) for d in converters}
    result["kb_names_model"] = {d: _score(keyed[d], _by_key(_words_only(converters[d]))) for d in converters}
    seconds = time.perf_counter() - t0
    n = sum(r["n"] for part in ("words", "kb_names", "kb_names_model") for r in result[part].values())
    return {
        "command": COMMAND,
        "date": time.strftime("%Y-%m-%d"),
        **result,
        "words_per_second": round(n / seconds) if seconds else 0,
        "source": SOURCE,
    }


def format_markdown(result: dict[str, Any]) -> str:
    """A Markdown section for docs/benchmarks.md."""
    lines = [
        "## Script bridge (Urdu ↔ Devanagari transliteration)",
        "",
        f"Command: `{result['command']}` — run {result['date']}.",
        "",
        "| test set | direction | words | accuracy |",
        "|---|---|---:|---:|",
    ]
    labels = {
        "words": "Dakshina dev words (held out)",
        "kb_names": "KB names, whole bridge",
        "kb_names_model": "KB names, without the KB table",
    }
    for part, label in labels.items():
        for direction, row in result[part].items():
            lines.append(f"| {label} | {direction} | {row['n']} | {row['accuracy']:.1%} |")
    lines += [
        "",
        "Held-out words: the Dakshina dev lexicons' words (the shipped bridge data is built from the "
        "train lexicons only); a word is right when the bridge writes one of the other script's words "
        "that share an attested romanization with it (the join is noisy, so the ceiling is below 100 %). "
        "KB names: every alias of an entity with aliases in both scripts, right when it comes out as one "
        "of that entity's other-script aliases (folded); the last rows leave the KB's name table out, "
        "as for a name the KB does not know (country names the KB writes as translations, "
        '"شمالی کوریا"/"उत्तरी कोरिया", cannot come out right that way). '
        f"Speed: {result['words_per_second']} words/s, cold caches.",
        "",
        f"Data: {result['source']}.",
        "",
    ]
    return "\n".join(lines)
