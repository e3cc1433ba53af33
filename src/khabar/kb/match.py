"""Cross-script name matching: shortlist by phonetic key, decide with rapidfuzz.

A :class:`NameIndex` holds names in any script (Urdu, Devanagari, Latin) with a payload each.
:meth:`NameIndex.best` romanizes a query, takes the names whose phonetic key equals the
query's (or, failing that, is one edit away), and scores them with rapidfuzz on the
:func:`~khabar.text.translit.loose` forms: mostly the consonant skeleton, partly where the
vowels fall.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from khabar.text.translit import loose, phonetic_key

P = TypeVar("P", bound=Hashable)

# Weight of the skeleton (key) ratio against the loose-form ratio in a score. Tuned on the
# Dakshina ur↔hi dev pairs (khabar.eval.xscript): 0.3, 0.5 and 0.7 gave ur→hi 74.1 % each
# and hi→ur 68.1, 68.1, 69.0 %.
KEY_WEIGHT = 0.7
# Keys shorter than this only match exactly: two-letter skeletons ("sg", "ptn" is three)
# have too many neighbours one edit away.
MIN_KEY_FOR_NEAR = 3
# Shortest loose form (khabar.text.translit.loose) matched at all: with one or two letters
# ("زززز" is "j") every short word of the other script scores high.
MIN_LOOSE_CHARS = 3
# Keys compared one edit away when no key matches exactly (a bound on the fallback's work).
NEAR_KEY_LIMIT = 20


@dataclass(frozen=True)
class Match(Generic[P]):
    """A candidate name, its payload and how well it matched (0–100)."""

    name: str
    payload: P
    score: float


def similarity(a: str, b: str) -> float:
    """Cross-script name similarity 0–100 of two names in any of the three scripts."""
    ka, kb = phonetic_key(a), phonetic_key(b)
    if not ka or not kb:
        return 0.0
    return KEY_WEIGHT * fuzz.ratio(ka, kb) + (1 - KEY_WEIGHT) * fuzz.ratio(loose(a), loose(b))


class NameIndex(Generic[P]):
    """Names in any script, found again from a spelling in another script."""

    def __init__(self, min_chars: int = MIN_LOOSE_CHARS) -> None:
        self._by_key: dict[str, list[tuple[str, P]]] = defaultdict(list)
        self.min_chars = min_chars

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_key.values())

    def by_key(self) -> dict[str, list[tuple[str, P]]]:
        """Phonetic key -> (name, payload) pairs: the whole index, e.g. to keep in a file."""
        return {k: list(v) for k, v in self._by_key.items()}

    @classmethod
    def from_keys(
        cls, by_key: dict[str, list[tuple[str, P]]], min_chars: int = MIN_LOOSE_CHARS
    ) -> NameIndex[P]:
        """An index holding ``by_key`` (from :meth:`by_key`) without computing a key again."""
        index: NameIndex[P] = cls(min_chars)
        index._by_key.update((k, list(v)) for k, v in by_key.items())
        return index

    def add(self, name: str, payload: P) -> None:
        """Index ``name`` (any script) with ``payload``."""
        key = phonetic_key(name)
        if key and (name, payload) not in self._by_key[key]:
            self._by_key[key].append((name, payload))

    def shortlist(self, query: str) -> list[tuple[str, P]]:
        """Names whose key equals the query's, else whose key is one edit away."""
        key = phonetic_key(query)
        if not key or len(loose(query)) < self.min_chars:
            return []
        if key in self._by_key:
            return list(self._by_key[key])
        if len(key) < MIN_KEY_FOR_NEAR:
            return []
        near = process.extract(
            key, list(self._by_key), scorer=Levenshtein.distance, score_cutoff=1, limit=NEAR_KEY_LIMIT
        )
        return [item for k, _, _ in near for item in self._by_key[k]]

    def matches(self, query: str, min_score: float = 0.0) -> list[Match[P]]:
        """Shortlisted names scored against ``query``, best first, at least ``min_score``."""
        scored = [Match(name, payload, similarity(query, name)) for name, payload in self.shortlist(query)]
        return sorted((m for m in scored if m.score >= min_score), key=lambda m: -m.score)

    def best(self, query: str, min_score: float = 0.0) -> Match[P] | None:
        """The best-scoring match for ``query``, or ``None`` below ``min_score``."""
        found = self.matches(query, min_score)
        return found[0] if found else None
