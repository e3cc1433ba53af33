"""Which writing system a character or a text is in (ISO 15924 codes).

Only letters and combining marks carry a script here: digits, punctuation, symbols,
spaces and format characters are ``Zyyy`` (common) whatever block they sit in, and
generic combining marks (Arabic harakat, the combining diacritics block) are ``Zinh``
(inherited). Letters outside the table below are ``Zzzz`` (uncoded). The table covers the
scripts a South Asian news corpus meets; it is not the full Unicode ``Scripts.txt``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import Counter

# (first code point, last code point, script), sorted and non-overlapping.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"),
    (0x0061, 0x007A, "Latn"),
    (0x00AA, 0x00AA, "Latn"),
    (0x00BA, 0x00BA, "Latn"),
    (0x00C0, 0x024F, "Latn"),
    (0x0250, 0x02AF, "Latn"),
    (0x0300, 0x036F, "Zinh"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x063F, "Arab"),
    (0x0640, 0x0640, "Zyyy"),  # tatweel only stretches a word; Unicode calls it common
    (0x0641, 0x064A, "Arab"),
    (0x064B, 0x0655, "Zinh"),
    (0x0656, 0x066F, "Arab"),
    (0x0670, 0x0670, "Zinh"),
    (0x0671, 0x06FF, "Arab"),
    (0x0700, 0x074F, "Syrc"),
    (0x0750, 0x077F, "Arab"),
    (0x0780, 0x07BF, "Thaa"),
    (0x08A0, 0x08FF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"),
    (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"),
    (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"),
    (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"),
    (0x1200, 0x137F, "Ethi"),
    (0x1780, 0x17FF, "Khmr"),
    (0x1AB0, 0x1AFF, "Zinh"),
    (0x1C80, 0x1C8F, "Cyrl"),
    (0x1D00, 0x1D7F, "Latn"),
    (0x1DC0, 0x1DFF, "Zinh"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x20D0, 0x20FF, "Zinh"),
    (0x2C60, 0x2C7F, "Latn"),
    (0x2DE0, 0x2DFF, "Cyrl"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3100, 0x312F, "Bopo"),
    (0x3130, 0x318F, "Hang"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA640, 0xA69F, "Cyrl"),
    (0xA720, 0xA7FF, "Latn"),
    (0xA8E0, 0xA8FF, "Deva"),
    (0xAC00, 0xD7AF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE00, 0xFE0F, "Zinh"),
    (0xFE20, 0xFE2F, "Zinh"),
    (0xFE70, 0xFEFF, "Arab"),
    (0xFF21, 0xFF3A, "Latn"),
    (0xFF41, 0xFF5A, "Latn"),
    (0x20000, 0x3134F, "Hani"),
)
_STARTS = [r[0] for r in _RANGES]

#: Scripts that are not a writing system of their own.
NEUTRAL = frozenset({"Zyyy", "Zinh"})

# Filled lazily; a news corpus uses a few thousand distinct characters at most.
_CACHE: dict[str, str] = {}


class _TagTable(dict[int, str | None]):
    """A ``str.translate`` table mapping each letter to one tag character per script.

    Translating and then counting tags runs in C, which is several times faster than a
    Python loop over the characters; the table fills itself as characters are met.
    """

    def __init__(self) -> None:
        super().__init__()
        self.scripts: dict[str, str] = {}  # tag -> script
        self._tags: dict[str, str] = {}  # script -> tag

    def __missing__(self, cp: int) -> str | None:
        script = script_of(chr(cp))
        tag = None
        if script not in NEUTRAL:
            tag = self._tags.get(script)
            if tag is None:
                tag = chr(0xE000 + len(self._tags))  # private use: never a letter itself
                self._tags[script] = tag
                self.scripts[tag] = script
        self[cp] = tag
        return tag


_TAGS = _TagTable()


def _lookup(ch: str) -> str:
    if unicodedata.category(ch)[0] not in "LM":
        return "Zyyy"
    cp = ord(ch)
    k = bisect_right(_STARTS, cp) - 1
    if k >= 0 and cp <= _RANGES[k][1]:
        return _RANGES[k][2]
    return "Zzzz"


def script_of(ch: str) -> str:
    """The ISO 15924 code of one character's script.

    Digits, punctuation, symbols and spaces are ``Zyyy``; generic combining marks are
    ``Zinh``; letters outside the covered blocks are ``Zzzz``.
    """
    got = _CACHE.get(ch)
    if got is None:
        got = _CACHE[ch] = _lookup(ch)
    return got


def script_counts(text: str) -> Counter[str]:
    """How many letters (and script-specific vowel signs) of each script ``text`` has.

    ``Zyyy`` and ``Zinh`` characters are not counted.
    """
    tags = text.translate(_TAGS)
    return Counter({_TAGS.scripts[tag]: tags.count(tag) for tag in set(tags)})


def dominant_script(text: str) -> tuple[str, float]:
    """The script with the most letters in ``text`` and its share of all letters.

    Returns ``("Zyyy", 0.0)`` when ``text`` has no letters.
    """
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return "Zyyy", 0.0
    script, n = counts.most_common(1)[0]
    return script, n / total
