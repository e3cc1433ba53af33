"""Find KB aliases and title words in folded text: a dictionary of first tokens, longest match first.

One lookup per token (not a regex alternation over thousands of aliases) keeps matching at
well over 100,000 tokens a second. Urdu pages sometimes split a word with a stray space
("پیانگ یا نگ") or glue two ("نوازشریف"), so where no alias starts at a token, the token
and its concatenation with the next few are also tried against the aliases written
without spaces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from khabar.kb.loader import Entity, Title, alias_key

# Most tokens a split alias may be spread over ("پیانگ یا نگ" is three).
MAX_SPLIT_TOKENS = 4
# Shortest alias (characters, spaces removed) matched across split tokens: shorter joins
# ("ان" + "کے") collide with ordinary word pairs.
MIN_SPLIT_CHARS = 6


@dataclass(frozen=True)
class Entry:
    """What an alias names: entity ids (``title`` None) or a title word."""

    ids: tuple[str, ...] = ()
    title: Title | None = None
    caps_only: bool = False  # "US", "AP": only when written in capitals


@dataclass(frozen=True)
class Hit:
    """An alias found at tokens ``[first, last)``."""

    first: int
    last: int
    entry: Entry
    split: bool = False  # matched by joining split tokens


Token = tuple[int, int, str]  # start, end (in folded text), folded token


class Gazetteer:
    """Aliases by first token, each list longest first."""

    def __init__(self, entities: Iterable[Entity], titles: Iterable[Title] = ()) -> None:
        ids: dict[str, list[str]] = defaultdict(list)
        caps: dict[str, bool] = {}
        for entity in entities:
            for alias in entity.all_aliases():
                key = alias_key(alias)
                if not key:
                    continue
                if entity.id not in ids[key]:
                    ids[key].append(entity.id)
                is_caps = alias.isascii() and alias.upper() == alias and any(c.isalpha() for c in alias)
                caps[key] = caps.get(key, True) and is_caps
        entries: dict[str, Entry] = {k: Entry(tuple(v), None, caps[k]) for k, v in ids.items()}
        for title in titles:
            for alias in title.aliases:
                key = alias_key(alias)
                if key and key not in entries:
                    entries[key] = Entry(title=title)
        self._first: dict[str, list[tuple[tuple[str, ...], Entry]]] = defaultdict(list)
        self._compact: dict[str, Entry] = {}
        self._prefixes: set[str] = set()  # every prefix of a compact alias: stops a join early
        for key, entry in entries.items():
            parts = tuple(key.split(" "))
            self._first[parts[0]].append((parts, entry))
            compact = key.replace(" ", "")
            if len(compact) >= MIN_SPLIT_CHARS and entry.title is None:
                self._compact.setdefault(compact, entry)
                self._prefixes.update(compact[:k] for k in range(1, len(compact)))
        for options in self._first.values():
            options.sort(key=lambda item: -len(item[0]))

    def scan(self, tokens: Sequence[Token], folded: str, skip: Sequence[bool] = ()) -> list[Hit]:
        """Non-overlapping alias hits over ``tokens`` of ``folded``, leftmost-longest.

        Tokens flagged in ``skip`` start no hit; a match never spans a line break or punctuation.
        """
        hits: list[Hit] = []
        words = [t[2] for t in tokens]
        n = len(words)
        i = 0
        while i < n:
            hit = None if skip and skip[i] else self._at(words, i, n, tokens, folded)
            if hit is None:
                i += 1
            else:
                hits.append(hit)
                i = hit.last
        return hits

    def _at(self, words: list[str], i: int, n: int, tokens: Sequence[Token], folded: str) -> Hit | None:
        for parts, entry in self._first.get(words[i], ()):
            k = len(parts)
            if tuple(words[i : i + k]) == parts and _one_line(tokens, i, i + k, folded):
                return Hit(i, i + k, entry)
        joined = words[i]
        glued = self._compact.get(joined)  # a two-word alias typed as one ("نوازشریف")
        if glued is not None:
            return Hit(i, i + 1, glued, split=True)
        if joined not in self._prefixes:
            return None
        for j in range(i + 1, min(n, i + MAX_SPLIT_TOKENS)):
            joined += words[j]
            compact = self._compact.get(joined)
            if compact is not None and _one_line(tokens, i, j + 1, folded):
                return Hit(i, j + 1, compact, split=True)
            if joined not in self._prefixes:
                return None
        return None


def _one_line(tokens: Sequence[Token], first: int, last: int, folded: str) -> bool:
    """True when tokens ``[first, last)`` are separated only by spaces and hyphens."""
    for k in range(first, last - 1):
        gap = folded[tokens[k][1] : tokens[k + 1][0]]
        if gap.strip(" -‐–") or len(gap) > 2:
            return False
    return True
