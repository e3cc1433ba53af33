"""Per-document signatures for finding copies: a content hash, word-shingle MinHash and LSH band keys.

Everything here is a pure function of the document's text. Text is folded first
(:func:`khabar.text.fold.match_key`: Urdu letter variants, harakat, nukta and digits made one),
so the same story typed with Arabic ي/ك or Urdu digits hashes the same.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
import numpy.typing as npt

from khabar.document import Document
from khabar.text.fold import match_key

#: MinHash permutations, LSH bands and rows per band (BANDS * ROWS == NUM_PERM). With 32 bands of
#: 3 rows a pair at Jaccard 0.5 is a candidate with probability 0.986 and one at 0.2 with 0.23;
#: candidates are then checked on the full signature. Chosen so that a reprint cut to half its
#: length (Jaccard ~0.5) is still proposed, with 96 permutations to keep the per-document cost
#: low; on the tuning half of the synthetic COUNTER reprints (khabar.eval.dedup) every reprint
#: was proposed, with 8 other stories.
NUM_PERM = 96
BANDS = 32
ROWS = 3
#: Words per shingle. Three-word shingles keep Urdu/Hindi grammar words (کے, की, में) from
#: making unrelated texts look alike, yet survive re-wrapping and banner lines.
SHINGLE_WORDS = 3

# Segment kinds that carry the story; titles, datelines and source lines differ between copies.
CONTENT_KINDS = frozenset({"body", "heading", "caption"})

_WORD_RE = re.compile(r"[^\W_]+(?:[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963][^\W_]*)*")

# Fixed seeds: signatures stored by one run must compare with those of the next.
_rng = np.random.default_rng(20240913)
_PERM_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_PERM_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_SHINGLE_MIX = _rng.integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.uint64) | np.uint64(1)
_BAND_MIX = _rng.integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)
_BAND_SALT = _rng.integers(0, 2**63, size=BANDS, dtype=np.uint64)

Signature = npt.NDArray[np.uint32]


def content_text(doc: Document) -> str:
    """The folded story text of ``doc``: its body, headings and captions, whitespace collapsed."""
    parts = [doc.text[s.start : s.end] for s in doc.segments if s.kind in CONTENT_KINDS]
    text = " ".join(parts) if parts else doc.text
    return " ".join(match_key(text)[0].split())


def content_hash(text: str) -> str:
    """A hash of folded, whitespace-collapsed text: equal for exact copies however wrapped."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def text_words(text: str) -> list[str]:
    """The lower-cased words of ``text``: letters, digits and marks, punctuation dropped."""
    return _WORD_RE.findall(text.lower())


def shingle_hashes(words: list[str]) -> npt.NDArray[np.uint64]:
    """Distinct hashes of the SHINGLE_WORDS-word shingles of ``words`` (one per word when fewer)."""
    # One encode and one C-level crc32 per word: a Python-level loop per word costs twice as much.
    raw = " ".join(words).encode("utf-8", "surrogatepass").split(b" ") if words else []
    hashes = np.array(list(map(zlib.crc32, raw)), dtype=np.uint64)
    if len(hashes) < SHINGLE_WORDS:
        return np.unique(hashes)
    n = len(hashes) - SHINGLE_WORDS + 1
    mixed = hashes[:n] * _SHINGLE_MIX[0]
    for i in range(1, SHINGLE_WORDS):
        mixed ^= hashes[i : i + n] * _SHINGLE_MIX[i]
    return np.unique(mixed)


def minhash(shingles: npt.NDArray[np.uint64]) -> Signature:
    """The NUM_PERM-value MinHash of a set of shingle hashes (all ones for an empty set)."""
    if not len(shingles):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    # Multiply-shift hashing, (a*x + b) mod 2^64, top 32 bits, over mixed inputs: on raw small
    # or sequential values the permutations would order elements alike.
    with np.errstate(over="ignore"):
        mixed = _mix64(shingles)
        values = (_PERM_A[:, None] * mixed[None, :] + _PERM_B[:, None]) >> np.uint64(32)
    return values.min(axis=1).astype(np.uint32)


def _mix64(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finaliser: every input bit affects every output bit."""
    z = x + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def band_keys(signature: Signature) -> list[int]:
    """One signed 64-bit LSH bucket key per band (band index mixed in, so bands never collide)."""
    rows = signature.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (rows * _BAND_MIX[None, :]).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT
    return [int(k) for k in keys.view(np.int64)]


def jaccard(a: Signature, b: Signature) -> float:
    """The Jaccard similarity two MinHash signatures estimate."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def containment(jac: float, size_a: int, size_b: int) -> float:
    """Share of the smaller shingle set inside the larger one, from Jaccard and the set sizes.

    A reprint cut to its first half has Jaccard 0.5 with the original but containment 1.0.
    """
    small = min(size_a, size_b)
    if small <= 0:
        return 0.0
    return min(1.0, jac * (size_a + size_b) / ((1.0 + jac) * small))
