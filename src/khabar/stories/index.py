"""Candidate stories from lookup keys, ranked in memory as the store ranks them."""

from __future__ import annotations

from collections.abc import Sequence


def rank_candidates(
    index: dict[str, list[str]] | dict[str, set[str]], keys: Sequence[str], limit: int
) -> list[str]:
    """Stories indexed under the most of ``keys`` in ``index`` (key -> story ids), best first, ties
    by id: the in-memory form of ``store.stories.candidates``."""
    counts: dict[str, int] = {}
    get = counts.get
    for key in dict.fromkeys(keys):
        for sid in index.get(key, ()):
            counts[sid] = get(sid, 0) + 1
    if not counts:
        return []
    # By id, then (a stable sort) by count, most first: ORDER BY count(*) DESC, story_id.
    ranked = sorted(counts)
    ranked.sort(key=counts.__getitem__, reverse=True)
    return ranked[:limit]
