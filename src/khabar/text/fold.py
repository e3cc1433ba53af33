"""Folding text for matching while keeping positions: Urdu letters for Arabic ones, ASCII digits,
no harakat, nukta, tatweel or zero-width marks."""

from __future__ import annotations

import re

_DROP = {
    0x0640,  # tatweel
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0xFEFF,
    0x00AD,
    0x2060,  # zero-width, bidi, soft hyphen
    0x093C,  # Devanagari nukta: फ़ and फ must match alike
    *range(0x064B, 0x0660),  # Arabic harakat
    0x0670,  # superscript alef
}
_MAP = {
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi/Urdu yeh
    "\u0649": "\u06cc",  # alef maksura -> yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
    "\u0647": "\u06c1",  # Arabic heh -> heh goal
    "\u06c0": "\u06c1",
    "\u06c2": "\u06c1",
    "\u06c3": "\u06c1",
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0671": "\u0627",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u3000": " ",
    # precomposed nukta letters -> base letter (the nukta itself is dropped above)
    "\u0958": "\u0915",
    "\u0959": "\u0916",
    "\u095a": "\u0917",
    "\u095b": "\u091c",
    "\u095c": "\u0921",
    "\u095d": "\u0922",
    "\u095e": "\u092b",
    "\u095f": "\u092f",
}
for _zero in (0x0660, 0x06F0, 0x0966):  # Arabic-Indic, Urdu and Devanagari digits
    for _i in range(10):
        _MAP[chr(_zero + _i)] = str(_i)


_REPLACEMENT: dict[str, str] = {chr(cp): "" for cp in _DROP} | _MAP
# str.translate with a dict costs ~0.15 µs per character (a failed lookup for every kept one),
# which made folding the largest cost of ingesting text; a regex finds the few characters that
# change in ~1 µs per kilobyte.
_CHANGED = re.compile("[" + "".join(re.escape(ch) for ch in _REPLACEMENT) + "]")


def _replace(m: re.Match[str]) -> str:
    return _REPLACEMENT[m.group()]


_DROPPED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_DROP)) + "]")
_KEPT_RUN = re.compile("[^" + "".join(re.escape(chr(cp)) for cp in sorted(_DROP)) + "]+")


def fold(text: str) -> str:
    """Fold ``text`` for matching: Urdu letters for Arabic ones, ASCII digits, no marks.

    Every kept character maps to exactly one character, so positions only shift where
    characters are dropped (harakat, nukta, tatweel, zero-width and bidi marks). Case is kept:
    acronyms such as "AP" match case-sensitively.
    """
    return _CHANGED.sub(_replace, text) if _CHANGED.search(text) else text


def fold_for_match(text: str) -> tuple[str, list[int]]:
    """:func:`fold` ``text`` and give each folded character's position in ``text``.

    ``index[i]`` is where folded character ``i`` came from; a final entry ``len(text)``
    makes end positions map too.
    """
    if _DROPPED.search(text) is None:
        return fold(text), list(range(len(text) + 1))
    index: list[int] = []
    for run in _KEPT_RUN.finditer(text):
        index.extend(range(run.start(), run.end()))
    index.append(len(text))
    return fold(text), index
