"""Urdu–Hindi word pairs from the Dakshina romanization lexicons, joined through romanizations.

Dakshina lists native words with the romanizations people typed for them and how many typed
each (``word<TAB>romanization<TAB>count``). An Urdu and a Hindi word are partners when some
romanization was typed for both; :func:`best_pairs` keeps, for each word, the partner it most
likely shares a reading with (the chance that both are typed the same way).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from khabar.errors import InputError

#: Dakshina lexicon files under the shared eval folder, by language and split.
DAKSHINA = "translit/dakshina/{lang}/{lang}.translit.sampled.{split}.tsv"

Lexicon = dict[str, dict[str, int]]


def read_counts(path: Path) -> Lexicon:
    """Native word -> {romanization (lower-cased): how many typed it}."""
    if not path.is_file():
        raise InputError(f"Dakshina lexicon {path} not found; pass the shared eval folder")
    out: Lexicon = defaultdict(dict)
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] and parts[1]:
                n = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
                roman = parts[1].lower()
                out[parts[0]][roman] = out[parts[0]].get(roman, 0) + n
    return dict(out)


def read_split(eval_root: Path, lang: str, split: str) -> Lexicon:
    """One Dakshina lexicon (``lang`` "ur" or "hi", ``split`` "train" or "dev")."""
    return read_counts(Path(eval_root) / DAKSHINA.format(lang=lang, split=split))


def join(ur: Lexicon, hi: Lexicon) -> dict[tuple[str, str], float]:
    """(Urdu word, Hindi word) -> the chance both are romanized alike, for every partner pair."""
    hi_by_roman: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for word, romans in hi.items():
        total = sum(romans.values())
        for roman, n in romans.items():
            hi_by_roman[roman].append((word, n / total))
    out: dict[tuple[str, str], float] = defaultdict(float)
    for word, romans in ur.items():
        total = sum(romans.values())
        for roman, n in romans.items():
            for partner, q in hi_by_roman.get(roman, ()):
                out[(word, partner)] += n / total * q
    return dict(out)


def partners(joined: dict[tuple[str, str], float], side: int) -> dict[str, set[str]]:
    """Each word of one side (0 Urdu, 1 Hindi) -> its partners on the other side."""
    out: dict[str, set[str]] = defaultdict(set)
    for pair in joined:
        out[pair[side]].add(pair[1 - side])
    return dict(out)


def best_pairs(joined: dict[tuple[str, str], float]) -> set[tuple[str, str]]:
    """The pairs that are some word's likeliest partner, on either side."""
    best: dict[tuple[int, str], tuple[float, tuple[str, str]]] = {}
    for pair, score in joined.items():
        for side in (0, 1):
            key = (side, pair[side])
            if key not in best or best[key][0] < score:
                best[key] = (score, pair)
    return {pair for _, pair in best.values()}
