"""Building the bridge data from the Dakshina train lexicons (``scripts/build_bridge.py``)."""

from __future__ import annotations

from pathlib import Path

from khabar.bridge.pairs import best_pairs, join, read_split
from khabar.bridge.train import align_all, count_trigrams


def lexicons(joined: dict[tuple[str, str], float]) -> tuple[dict[str, str], dict[str, str]]:
    """Each word's likeliest partner: Urdu → Hindi and Hindi → Urdu."""
    best: list[dict[str, tuple[float, str]]] = [{}, {}]
    for pair, score in sorted(joined.items()):
        for side in (0, 1):
            word, other = pair[side], pair[1 - side]
            if word not in best[side] or best[side][word][0] < score:
                best[side][word] = (score, other)
    return (
        {w: o for w, (_, o) in sorted(best[0].items())},
        {w: o for w, (_, o) in sorted(best[1].items())},
    )


def build(eval_root: Path) -> tuple[dict[tuple[str, ...], int], dict[str, str], dict[str, str]]:
    """Trigram counts and word lexicons learned from the train lexicons under ``eval_root``."""
    joined = join(read_split(eval_root, "ur", "train"), read_split(eval_root, "hi", "train"))
    counts = count_trigrams(align_all(best_pairs(joined)))
    ur_hi, hi_ur = lexicons(joined)
    return counts, ur_hi, hi_ur
