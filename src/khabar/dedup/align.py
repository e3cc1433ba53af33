"""Side-by-side alignment of two documents' lines, for reading a translation next to its source."""

from __future__ import annotations

from typing import Any

import numpy as np

from khabar.dedup.crosslang import Line, content_lines, dice, monotone_alignment
from khabar.document import Document

#: Lowest cosine (multilingual-e5-small) for two lines to be shown as saying the same thing:
#: unrelated Hindi/Urdu news lines score about 0.75-0.8 with this model, translations above 0.85.
MIN_LINE_COSINE = 0.82
#: Lowest key overlap (Dice of numbers and consonant keys) for a pair without vectors.
MIN_LINE_DICE = 0.15
#: How much a pair's key overlap is discounted per unit of relative position difference, so that
#: among equally similar lines the one at the same place in the other document wins.
POSITION_WEIGHT = 0.3


def align_documents(
    a: Document, b: Document, vectors_a: np.ndarray | None = None, vectors_b: np.ndarray | None = None
) -> list[dict[str, Any]]:
    """Rows ``{"a": line|None, "b": line|None, "score"}`` covering every content line of both, in order."""
    lines_a, lines_b = content_lines(a), content_lines(b)
    return align_lines(lines_a, lines_b, vectors_a, vectors_b)


def align_lines(
    lines_a: list[Line],
    lines_b: list[Line],
    vectors_a: np.ndarray | None = None,
    vectors_b: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """Align two lists of lines (see :func:`align_documents`)."""
    n, m = len(lines_a), len(lines_b)
    use_vectors = (
        vectors_a is not None and vectors_b is not None and len(vectors_a) == n and len(vectors_b) == m
    )
    if use_vectors:
        assert vectors_a is not None and vectors_b is not None
        sims = vectors_a @ vectors_b.T

        def score(i: int, j: int) -> float:
            return float(sims[i, j])

        floor = MIN_LINE_COSINE
    else:

        def score(i: int, j: int) -> float:
            shift = abs(i / max(n, 1) - j / max(m, 1))
            return dice(lines_a[i].keys, lines_b[j].keys) * (1.0 - POSITION_WEIGHT * shift)

        floor = MIN_LINE_DICE
    _, pairs = monotone_alignment(n, m, score, floor)
    rows: list[dict[str, Any]] = []
    i = j = 0
    for pi, pj, s in [*pairs, (n, m, 0.0)]:
        while i < pi:
            rows.append({"a": _line(lines_a[i]), "b": None, "score": 0.0})
            i += 1
        while j < pj:
            rows.append({"a": None, "b": _line(lines_b[j]), "score": 0.0})
            j += 1
        if pi < n and pj < m:
            rows.append({"a": _line(lines_a[pi]), "b": _line(lines_b[pj]), "score": round(s, 3)})
            i, j = pi + 1, pj + 1
    return rows


def _line(line: Line) -> dict[str, Any]:
    return {"start": line.start, "end": line.end, "text": line.text}
