"""A joint-unit (graphone) trigram model of Hindi and Urdu spellings, decoded both ways.

A unit pairs one Devanagari akshara with the Urdu letters it is written as ("शो|شو",
"इ|ئی", "गु|گو", "क|ک"; an akshara may be written with no letter, as "अ" often is). The model
is a trigram over units with Witten–Bell interpolation, learned from aligned word pairs
(:mod:`khabar.bridge.train`). Transliterating a word is a beam search for the likeliest unit
sequence whose one side spells the word: Urdu → Devanagari must guess the short vowels Urdu
leaves out, which the unit context decides ("ک" is "क", "कि" or "कु").
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from khabar.bridge.units import aksharas, urdu_letters

SEP = "|"
BOS = "<s>"
EOS = "</s>"
#: Hypotheses kept per input position.
BEAM = 12
#: The longest Urdu side of a unit.
MAX_UR = 4
#: Log-probability of writing a letter no unit knows as itself.
COPY_LOGP = -12.0
#: Urdu → Devanagari decoding considers units seen this often, at most this many per Urdu
#: side (and fewer for the units written with no Urdu letter, tried at every position).
MIN_UNIT_COUNT = 2
MAX_CHOICES = 12
MAX_EMPTY = 6


@dataclass
class UnitModel:
    """Trigram counts over units and the indexes decoding needs."""

    counts: dict[tuple[str, ...], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._ctx: dict[tuple[str, ...], int] = defaultdict(int)
        self._types: dict[tuple[str, ...], int] = defaultdict(int)
        self.by_hi: dict[str, list[str]] = defaultdict(list)
        self.by_ur: dict[str, list[str]] = defaultdict(list)
        self._vocab = 1
        for gram, n in self.counts.items():
            self._ctx[gram[:-1]] += n
            self._types[gram[:-1]] += 1
        units = {g[0]: n for g, n in self.counts.items() if len(g) == 1}
        self._vocab = max(len(units), 1)
        self._uni = set(units)
        for unit, _ in sorted(units.items(), key=lambda kv: -kv[1]):
            if unit in (BOS, EOS):
                continue
            hi, ur = unit.split(SEP, 1)
            self.by_hi[hi].append(unit)
            if units[unit] >= MIN_UNIT_COUNT and len(self.by_ur[ur]) < (MAX_EMPTY if not ur else MAX_CHOICES):
                self.by_ur[ur].append(unit)
        self._cache: dict[tuple[str, ...], float] = {}

    def logp(self, h2: str, h1: str, unit: str) -> float:
        """Log-probability of ``unit`` after ``h2 h1`` (interpolated down to a uniform floor)."""
        key = (h2, h1, unit)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        p = 1.0 / (self._vocab + 1)
        for gram in ((unit,), (h1, unit), (h2, h1, unit)):
            ctx = gram[:-1]
            total, types = self._ctx.get(ctx, 0), self._types.get(ctx, 0)
            if total:
                p = (self.counts.get(gram, 0) + types * p) / (total + types)
        value = math.log(p)
        self._cache[key] = value
        return value

    def to_devanagari(self, word: str) -> str:
        """The likeliest Devanagari spelling of an Urdu word."""
        letters = urdu_letters(word)
        if not letters:
            return word
        # A hypothesis: (score, h2, h1, output pieces, last unit's Urdu side was empty).
        beams: list[dict[tuple[str, str], tuple[float, list[str], bool]]] = [
            {} for _ in range(len(letters) + 1)
        ]
        beams[0][(BOS, BOS)] = (0.0, [], True)
        for j in range(len(letters) + 1):
            # Units written with no Urdu letter first (at most one in a row), then the rest.
            self._extend(beams, j, letters, empty=True)
            self._prune(beams, j)
            if j < len(letters):
                self._extend(beams, j, letters, empty=False)
        return self._best(beams[-1], 0)

    def _extend(
        self,
        beams: list[dict[tuple[str, str], tuple[float, list[str], bool]]],
        j: int,
        letters: str,
        empty: bool,
    ) -> None:
        for (h2, h1), (score, out, was_empty) in list(beams[j].items()):
            if empty:
                if was_empty:
                    continue
                steps = [("", u) for u in self.by_ur.get("", [])]
            else:
                steps = [
                    (letters[j : j + k], u)
                    for k in range(1, MAX_UR + 1)
                    if j + k <= len(letters)
                    for u in self.by_ur.get(letters[j : j + k], [])
                ]
                if not steps:
                    steps = [(letters[j], letters[j] + SEP + letters[j])]
            for sub, unit in steps:
                lp = self.logp(h2, h1, unit) if unit in self._uni else COPY_LOGP
                target = beams[j + len(sub)]
                key = (h1, unit)
                cand = (score + lp, [*out, unit.split(SEP, 1)[0]], not sub)
                if key not in target or target[key][0] < cand[0]:
                    target[key] = cand

    @staticmethod
    def _prune(beams: list[dict[tuple[str, str], tuple[float, list[str], bool]]], j: int) -> None:
        if len(beams[j]) > BEAM:
            kept = sorted(beams[j].items(), key=lambda kv: -kv[1][0])[:BEAM]
            beams[j] = dict(kept)

    def _best(self, final: dict[tuple[str, str], tuple[float, list[str], bool]], side: int) -> str:
        best = max(final.items(), key=lambda kv: kv[1][0] + self.logp(kv[0][0], kv[0][1], EOS))
        return "".join(best[1][1])

    def to_urdu(self, word: str) -> str:
        """The likeliest Urdu spelling of a Devanagari word."""
        pieces = aksharas(word)
        if not pieces:
            return word
        beam: dict[tuple[str, str], tuple[float, list[str]]] = {(BOS, BOS): (0.0, [])}
        for piece in pieces:
            units = self.by_hi.get(piece) or [piece + SEP + _fallback_urdu(piece)]
            nxt: dict[tuple[str, str], tuple[float, list[str]]] = {}
            for (h2, h1), (score, out) in beam.items():
                for unit in units:
                    lp = self.logp(h2, h1, unit) if unit in self._uni else COPY_LOGP
                    key = (h1, unit)
                    cand = (score + lp, [*out, unit.split(SEP, 1)[1]])
                    if key not in nxt or nxt[key][0] < cand[0]:
                        nxt[key] = cand
            beam = dict(sorted(nxt.items(), key=lambda kv: -kv[1][0])[:BEAM])
        best = max(beam.items(), key=lambda kv: kv[1][0] + self.logp(kv[0][0], kv[0][1], EOS))
        return "".join(best[1][1])


def _fallback_urdu(piece: str) -> str:
    from khabar.text.hi_to_ur import hindi_to_urdu

    return hindi_to_urdu(piece)
