"""Piecewise-linear maps from positions in a derived string back to its source string.

Every transformation that changes text (cleaning drops lines, normalisation deletes
tatweel) returns an ``OffsetMap`` so a span in the final text can be shown in the raw
input. A map is a list of runs; inside a run, positions advance one for one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Maps a position in a derived string (``dst``) to a position in its source (``src``).

    ``dst_starts[k]`` is where run *k* starts in the derived string and ``src_starts[k]``
    the source position it maps to. ``dst_len``/``src_len`` are the two strings' lengths.
    """

    dst_starts: list[int] = field(default_factory=list)
    src_starts: list[int] = field(default_factory=list)
    dst_len: int = 0
    src_len: int = 0

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a string onto an identical copy of itself."""
        return cls([0], [0], length, length) if length else cls([], [], 0, 0)

    @classmethod
    def from_index(cls, index: Sequence[int], src_len: int) -> OffsetMap:
        """Build a map from one source position per derived character."""
        dst: list[int] = []
        src: list[int] = []
        prev = None
        for i, s in enumerate(index):
            if prev is None or s != prev + 1:
                dst.append(i)
                src.append(s)
            prev = s
        return cls(dst, src, len(index), src_len)

    @classmethod
    def from_pieces(cls, pieces: Iterable[tuple[int, int, int]], src_len: int) -> OffsetMap:
        """Build a map from ``(dst_start, src_start, length)`` pieces in derived order."""
        dst: list[int] = []
        src: list[int] = []
        end = 0
        for d, s, n in pieces:
            if n <= 0:
                continue
            if dst and d == end and s == src[-1] + (d - dst[-1]):
                end = d + n
                continue  # continues the previous run
            dst.append(d)
            src.append(s)
            end = d + n
        return cls(dst, src, end, src_len)

    def __call__(self, pos: int) -> int:
        """Source position of derived position ``pos`` (``dst_len`` maps past the end)."""
        if not self.dst_starts:
            return 0
        if pos >= self.dst_len:
            return self.src_len
        k = max(bisect_right(self.dst_starts, pos) - 1, 0)
        return self.src_starts[k] + (pos - self.dst_starts[k])

    def map_sorted(self, positions: Sequence[int]) -> list[int]:
        """``[self(p) for p in positions]`` for ascending positions, in one pass over the runs."""
        out: list[int] = []
        k, runs = 0, len(self.dst_starts)
        for pos in positions:
            if pos >= self.dst_len or not runs:
                out.append(self.src_len if runs else 0)
                continue
            while k + 1 < runs and self.dst_starts[k + 1] <= pos:
                k += 1
            out.append(self.src_starts[k] + (pos - self.dst_starts[k]))
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering derived span ``[start, end)``."""
        end = min(end, self.dst_len)  # past the end would map one beyond the source
        if end <= start:
            s = self(start) if start < self.dst_len else self.src_len
            return s, s
        return self(start), self(end - 1) + 1

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """Chain maps: ``self`` maps A→B and ``inner`` maps B→C; the result maps A→C."""
        if not self.dst_starts:  # an empty derived string: nothing to chain
            return OffsetMap([], [], 0, inner.src_len)
        pieces: list[tuple[int, int, int]] = []
        bounds = [*self.dst_starts[1:], self.dst_len]
        for d0, s0, d1 in zip(self.dst_starts, self.src_starts, bounds, strict=True):
            d = d0
            while d < d1:
                mid = s0 + (d - d0)
                k = max(bisect_right(inner.dst_starts, mid) - 1, 0)
                run_end = inner.dst_starts[k + 1] if k + 1 < len(inner.dst_starts) else inner.dst_len
                n = min(d1 - d, max(run_end - mid, 1))
                pieces.append((d, inner(mid), n))
                d += n
        out = OffsetMap.from_pieces(pieces, inner.src_len)
        out.dst_len = self.dst_len
        return out

    def to_list(self) -> list[list[int]]:
        """JSON-safe form: ``[[dst_len, src_len], [dst, src], ...]``."""
        runs = zip(self.dst_starts, self.src_starts, strict=True)
        return [[self.dst_len, self.src_len], *([d, s] for d, s in runs)]

    @classmethod
    def from_list(cls, data: Sequence[Sequence[int]]) -> OffsetMap:
        """Inverse of :meth:`to_list`."""
        if not data:
            return cls()
        (dst_len, src_len), *runs = data
        return cls([r[0] for r in runs], [r[1] for r in runs], dst_len, src_len)
