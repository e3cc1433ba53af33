"""The translation decision for one candidate pair of pages in different languages.

All thresholds were chosen on the tuning half of the TICO-19 Hindi/Urdu document pairs
(``khabar eval translation``: blocks of BLOCK_LINES consecutive lines, the same block in
both languages is a pair, neighbouring blocks on the same topic are the negatives) and are
reported on the other half.

With the semantic extra, line coverage decides every pair the keys do not rule out, including
pairs the keys alone would accept: another outlet's report of the same story is the error that
matters most, and embeddings veto it where shared names and numbers cannot. On TICO-19 this costs
some recall (two report-sample pairs at coverage 0.91, just under the threshold) for that guard.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Monotone key-alignment score (khabar.dedup.crosslang.key_alignment) at or above which a pair is
#: a translation without the semantic extra. Tuning half: pairs 0.34 and up (mean 0.46),
#: neighbouring blocks at most 0.30 (mean 0.18); the F1-best threshold, midway, was 0.319.
KEY_THRESHOLD = 0.32
#: Below this key-alignment score a pair is not embedded and never called a translation: the
#: lowest tuning-half translation pair scored 0.34, so the gate loses none, while other outlets'
#: reports of the same story in the other script stay below it (seeds 001 vs 002/003/004: 0.22-0.24;
#: their line coverage, 0.87-0.89, is too close to a translation's to separate them alone).
KEY_GATE = 0.25
#: Line coverage (mean best cosine of the shorter side's lines, multilingual-e5-small) at or
#: above which a gated pair is a translation. Tuning-half sample (40 pairs, 78 neighbours): pairs
#: 0.932 and up, gated neighbours at most 0.915; the F1-best threshold was 0.924.
COVERAGE_THRESHOLD = 0.92
#: Translations are about as long as their source; a page holding less than this share of the
#: other's words is an excerpt or a different report, not a translation.
MIN_LENGTH_RATIO = 0.5


@dataclass(frozen=True)
class Verdict:
    """Whether a pair is a translation, with the score the decision was made on and why."""

    translation: bool
    score: float
    method: str  # keys | semantic | length | gate
    key_score: float
    coverage: float | None = None


def wants_embedding(key_score: float, ratio: float) -> bool:
    """True when a pair passes the cheap checks and is worth a semantic line-coverage check."""
    return ratio >= MIN_LENGTH_RATIO and key_score >= KEY_GATE


def judge(key_score: float, ratio: float, coverage: float | None = None) -> Verdict:
    """Decide on a pair from its key alignment, length ratio and (when embedded) line coverage."""
    if ratio < MIN_LENGTH_RATIO:
        return Verdict(False, key_score, "length", key_score, coverage)
    if coverage is None:
        return Verdict(key_score >= KEY_THRESHOLD, key_score, "keys", key_score)
    if key_score < KEY_GATE:
        return Verdict(False, key_score, "gate", key_score, coverage)
    return Verdict(coverage >= COVERAGE_THRESHOLD, coverage, "semantic", key_score, coverage)
