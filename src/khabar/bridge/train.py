"""Learning the unit model (:mod:`khabar.bridge.model`) from Urdu–Hindi word pairs.

Each pair is aligned monotonically: every Devanagari akshara takes zero to four Urdu letters.
The first pass scores an alignment by how far the letters are from the akshara's rule spelling
(:func:`khabar.text.hi_to_ur.hindi_to_urdu`, letters that sound alike counted near); later
passes by the unit frequencies of the pass before (hard EM). Pairs that align badly (noise of
the romanization join: "بیعت"/"बाइट") are left out of the counts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from khabar.bridge.model import BOS, EOS, MAX_UR, SEP
from khabar.bridge.units import aksharas, urdu_letters
from khabar.text.hi_to_ur import hindi_to_urdu

#: Letters that sound alike in Hindustani, folded together when comparing spellings.
_SOUND = str.maketrans(
    {
        "ط": "ت",
        "ۃ": "ت",
        "ص": "س",
        "ث": "س",
        "ذ": "ز",
        "ض": "ز",
        "ظ": "ز",
        "ح": "ہ",
        "ھ": "ہ",
        "ے": "ی",
        "ئ": "ی",
        "ں": "ن",
        "ؤ": "و",
        "آ": "ا",
        "ع": "ا",
        "ق": "ک",
        "ۂ": "ہ",
        "ء": "ا",
    }
)
#: Alignments costlier than this per akshara are taken to be noise.
MAX_COST_PER_UNIT = 1.6
EM_PASSES = 3


@lru_cache(maxsize=200_000)
def _rule(akshara: str, initial: bool) -> str:
    spelled = hindi_to_urdu(akshara) if initial else hindi_to_urdu("क" + akshara)[1:]
    return urdu_letters(spelled)


@lru_cache(maxsize=500_000)
def _distance(a: str, b: str) -> float:
    """Edit distance where letters that sound alike cost 0.3."""
    fa, fb = a.translate(_SOUND), b.translate(_SOUND)
    prev = [float(j) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        cur = [float(i)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            sub = 0.0 if a[i - 1] == b[j - 1] else 0.3 if fa[i - 1] == fb[j - 1] else 1.0
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub)
        prev = cur
    return prev[-1]


def align(hi: str, ur: str, unit_cost: dict[str, float] | None = None) -> tuple[list[str], float]:
    """The cheapest unit sequence spelling ``hi`` on one side and ``ur`` on the other, and its cost."""
    pieces, letters = aksharas(hi), urdu_letters(ur)
    n, m = len(pieces), len(letters)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for k in range(0, MAX_UR + 1):
                if j + k > m:
                    break
                sub = letters[j : j + k]
                unit = pieces[i] + SEP + sub
                if unit_cost is not None and unit in unit_cost:
                    c = unit_cost[unit]
                else:
                    c = 2.0 * _distance(_rule(pieces[i], i == 0), sub) + (4.0 if unit_cost else 0.0)
                if cost[i][j] + c < cost[i + 1][j + k]:
                    cost[i + 1][j + k] = cost[i][j] + c
                    back[i + 1][j + k] = k
    if cost[n][m] == inf:
        return [], inf
    units: list[str] = []
    j = m
    for i in range(n, 0, -1):
        k = back[i][j]
        units.append(pieces[i - 1] + SEP + letters[j - k : j])
        j -= k
    return units[::-1], cost[n][m]


def align_all(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Unit sequences of the (Urdu, Hindi) pairs that align well, after hard-EM passes."""
    pairs = sorted(set(pairs))
    unit_cost: dict[str, float] | None = None
    kept: list[list[str]] = []
    for _ in range(EM_PASSES):
        kept = []
        counts: Counter[str] = Counter()
        for ur, hi in pairs:
            units, cost = align(hi, ur, unit_cost)
            if units and (unit_cost is not None or cost / len(units) <= MAX_COST_PER_UNIT):
                kept.append(units)
                counts.update(units)
        by_hi: Counter[str] = Counter()
        for unit, n in counts.items():
            by_hi[unit.split(SEP, 1)[0]] += n
        unit_cost = {u: -math.log(n / by_hi[u.split(SEP, 1)[0]]) for u, n in counts.items()}
    return kept


def count_trigrams(sequences: Iterable[list[str]]) -> dict[tuple[str, ...], int]:
    """Unigram, bigram and trigram counts of unit sequences (with word-boundary units)."""
    counts: Counter[tuple[str, ...]] = Counter()
    for units in sequences:
        seq = [BOS, BOS, *units, EOS]
        for i in range(2, len(seq)):
            counts[(seq[i],)] += 1
            counts[(seq[i - 1], seq[i])] += 1
            counts[(seq[i - 2], seq[i - 1], seq[i])] += 1
    return dict(counts)
