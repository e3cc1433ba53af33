"""Text normalisation with offset maps: the canonical form of ``Document.text``.

``canonical`` is what the page says, cleaned of invisible noise (controls, bidi marks, tatweel,
odd spaces) and put in NFC; evidence is shown from it, so harakat and digits stay as written.
The matching keys built on it (which also drop harakat, unify letter variants and digits, and
lowercase Latin) live in :mod:`khabar.text.fold`, which uses the offset machinery here
(:func:`rewrite`, :func:`chain`, :func:`nfc`, :func:`tidy_blanks`).

Each step returns an :class:`~khabar.text.offsets.OffsetMap` from output positions to input positions.
The work is done by C-level string methods and compiled regular expressions, and the map is
built from the kept pieces; a per-character Python loop runs only inside the rare words that
are not already in NFC. Each step first checks cheaply whether it has anything to do.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cache

from khabar.text.offsets import OffsetMap

__all__ = [
    "URDU_LETTERS",
    "Pieces",
    "canonical",
    "canonical_map",
    "chain",
    "forward",
    "nfc",
    "remap_span",
    "rewrite",
    "tidy_blanks",
]

# --- canonical: white space and invisible characters ----------------------------------------

_LINE_BREAKS = "\n\r\v\f\x85\u2028\u2029"
# Horizontal white space other than the ASCII space: tab, NBSP, Ogham space, the U+2000 spaces,
# narrow NBSP, medium mathematical space, ideographic space.
_ODD_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Dropped from canonical text: Cc controls except tab and the line breaks, soft hyphen, Arabic
# tatweel, Arabic letter mark, LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, BOM, surrogates.
_INVISIBLE = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u0640\u061c\u200e\u200f"
    "\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff"
)
_RARE = _ODD_SPACES + _INVISIBLE + _LINE_BREAKS[1:]  # every blank but " " and "\n"
_RARE_RE = re.compile(f"[{_RARE}]+")


def _char_set(ranges: str) -> frozenset[str]:
    """The characters of a regex class body made of single characters and ``a-b`` ranges."""
    chars: set[str] = set()
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            chars.update(map(chr, range(ord(ranges[i]), ord(ranges[i + 2]) + 1)))
            i += 3
        else:
            chars.add(ranges[i])
            i += 1
    return frozenset(chars)


_KEPT_FORMAT = ("\u200c", "\u200d", "\u200b")  # ZWNJ, ZWJ, ZWSP: invisible but meaningful
_BLANKS = _char_set(" " + _RARE + "\n")
_SPACES = _char_set(" " + _ODD_SPACES)
_BREAKS = frozenset(_LINE_BREAKS)

# --- canonical: Urdu letter forms -----------------------------------------------------------

# Urdu writes ی ک ہ; the Arabic-block ي ى ك ه reach Urdu pages from Arabic keyboard layouts
# and fonts and look the same, so in Urdu text they are one letter each and mapping them loses
# nothing. In Arabic ي and ى are different letters (yeh, alef maksura) and Arabic and Persian
# write heh as ه, never ہ, so this mapping would corrupt those languages: canonical applies it
# only to Urdu, while fold (a key nobody reads) applies it to everything.
URDU_LETTERS = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0647": "\u06c1"}
_URDU_LETTERS_RE = re.compile(f"[{''.join(URDU_LETTERS)}]")
# Share of non-blank characters that must lie in the Arabic block for untagged text to count as
# Urdu: a simple majority, so Urdu pages with Latin URLs, agency names and an English cookie
# notice still qualify (the four Urdu seed pages score 0.77-0.97, the Hindi one 0).
_URDU_SCRIPT_SHARE = 0.5
_ARABIC_BLOCK_HIGH_BYTE = 0x06  # U+0600-U+06FF holds every Urdu letter

Pieces = list[tuple[str, int]]  # replacement characters with the source position of each


# --- public API -----------------------------------------------------------------------------


def canonical(text: str, lang: str | None = None) -> tuple[str, OffsetMap]:
    """The frozen ``Document.text`` form of ``text`` and a map from it back to ``text``.

    NFC; controls (except newline and tab), surrogates, BOM, soft hyphen, bidi marks and tatweel
    removed; any run of spaces, tabs and odd spaces becomes one ASCII space, spaces at line
    starts and ends go, and ``\\r\\n``, ``\\r`` and the other line breaks become ``\\n``. Urdu
    text (``lang="ur"``, or ``lang=None`` and mostly Arabic script) gets the Urdu letters
    ی ک ہ for ي ى ك ه.
    """
    out, fwd = canonical_map(text, lang)
    return out, fwd if fwd is not None else OffsetMap.identity(len(text))


# --- steps ----------------------------------------------------------------------------------


def canonical_map(text: str, lang: str | None) -> tuple[str, OffsetMap | None]:
    """Canonical text and its map, or ``None`` for the map when nothing moved."""
    out, out_map = tidy_blanks(text)
    out, nfc_map = nfc(out)
    out_map = chain(nfc_map, out_map)
    if any(letter in out for letter in URDU_LETTERS) and _is_urdu(out, lang):
        out = _URDU_LETTERS_RE.sub(_urdu_letter, out)
        out, nfc_map = nfc(out)  # ہ + combining hamza composes to ۂ, where ه + hamza did not
        out_map = chain(nfc_map, out_map)
    return out, out_map


def tidy_blanks(text: str) -> tuple[str, OffsetMap | None]:
    """``text`` with its runs of blanks as canonical form wants them, and the map (None when
    nothing changed)."""
    if _blanks_are_clean(text):
        return text, None
    return rewrite(text, _blank_runs(text), _blank_run)


def _blanks_are_clean(text: str) -> bool:
    # isprintable() is False for every rare blank except tatweel, and for the format characters
    # canonical keeps; the common ones are taken out first, the rest only cost the exact pass.
    printable = text.replace("\n", "")
    for kept in _KEPT_FORMAT:
        if kept in printable:
            printable = printable.replace(kept, "")
    return (
        "\u0640" not in text
        and printable.isprintable()
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
    )


def _blank_runs(text: str) -> list[tuple[int, int]]:
    """The maximal runs of blanks that canonical form changes, in text order."""
    # Seeds are rare blanks, double blanks and edge spaces (found by C-speed scans); each grows
    # to its whole run. A lone space or newline inside a line is never a seed.
    seeds = [m.start() for m in _RARE_RE.finditer(text)]
    for pair in ("  ", " \n", "\n "):
        i = text.find(pair)
        while i >= 0:
            seeds.append(i)
            i = text.find(pair, i + 2)
    if text[:1] == " ":
        seeds.append(0)
    if text[-1:] == " ":
        seeds.append(len(text) - 1)
    runs: list[tuple[int, int]] = []
    for seed in sorted(seeds):
        if runs and seed < runs[-1][1]:
            continue
        start, end = seed, seed + 1
        while start and text[start - 1] in _BLANKS:
            start -= 1
        while end < len(text) and text[end] in _BLANKS:
            end += 1
        runs.append((start, end))
    return runs


def _blank_run(text: str, start: int, end: int) -> Pieces:
    """Rewrite a maximal run of blanks the way canonical form wants it.

    Line breaks stay (as ``\n``), the spaces of a run inside a line become one space, and
    spaces at line edges and invisible characters go.
    """
    out: Pieces = []
    space = -1  # where the pending space run starts, if any
    line_start = start == 0
    i = start
    while i < end:
        ch = text[i]
        if ch in _BREAKS:
            if ch == "\r" and i + 1 < end and text[i + 1] == "\n":
                i += 1  # "\r\n" keeps its "\n"
            out.append(("\n", i))
            space, line_start = -1, True
        elif ch in _SPACES and space < 0:
            space = i
        i += 1
    if space >= 0 and not line_start and end < len(text):
        out.append((" ", space))
    return out


def _is_urdu(text: str, lang: str | None) -> bool:
    if lang is not None:
        tags = lang.lower().replace("_", "-").split("-")
        return tags[0] in ("ur", "urd") and "latn" not in tags  # romanized Urdu is not
    # The high byte of each UTF-16 code unit names its 256-character block: counting them is
    # a C-speed script census.
    high_bytes = text.encode("utf-16-be", "surrogatepass")[::2]
    non_blank = len(text) - text.count(" ") - text.count("\n")
    return high_bytes.count(_ARABIC_BLOCK_HIGH_BYTE) > _URDU_SCRIPT_SHARE * non_blank


def _urdu_letter(m: re.Match[str]) -> str:
    return URDU_LETTERS[m.group()]


# --- carrying spans across a rewrite --------------------------------------------------------


def forward(new_to_old: OffsetMap, old: int) -> int:
    """The new-text position that old-text position ``old`` becomes under a monotonic map.

    It is the number of new characters that come from old positions before ``old``, so a
    boundary in the old text lands on the matching boundary in the new one: characters
    deleted at it disappear, and a character the new text spells with several keeps all of
    them on the same side.
    """
    starts = new_to_old.src_starts
    k = bisect_left(starts, old) - 1  # the last run that starts before ``old``
    if k < 0:
        return 0
    run_len = _run_end(new_to_old, k) - new_to_old.dst_starts[k]
    return new_to_old.dst_starts[k] + min(old - starts[k], run_len)


def remap_span(new_to_old: OffsetMap, start: int, end: int) -> tuple[int, int]:
    """Carry the old-text span ``[start, end)`` over to the new text of ``new_to_old``."""
    return forward(new_to_old, start), forward(new_to_old, end)


def _run_end(offsets: OffsetMap, k: int) -> int:
    return offsets.dst_starts[k + 1] if k + 1 < len(offsets.dst_starts) else offsets.dst_len


# --- map plumbing ---------------------------------------------------------------------------


def rewrite(
    text: str, spans: Sequence[tuple[int, int]], replace: Callable[[str, int, int], Pieces]
) -> tuple[str, OffsetMap | None]:
    """Replace each ``[start, end)`` of ``spans`` (sorted, disjoint) by ``replace(text, start, end)``.

    Text between spans is copied; each replacement character maps to the source position the
    replacer gives it. The map is ``None`` when there were no spans.
    """
    if not spans:
        return text, None
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    src = dst = 0
    for start, end in spans:
        if start > src:
            parts.append(text[src:start])
            pieces.append((dst, src, start - src))
            dst += start - src
        for ch, at in replace(text, start, end):
            parts.append(ch)
            pieces.append((dst, at, 1))
            dst += 1
        src = end
    if src < len(text):
        parts.append(text[src:])
        pieces.append((dst, src, len(text) - src))
    return "".join(parts), OffsetMap.from_pieces(pieces, len(text))


def chain(outer: OffsetMap | None, inner: OffsetMap | None) -> OffsetMap | None:
    """Compose two optional maps (``None`` is the identity)."""
    if outer is None:
        return inner
    if inner is None:
        return outer
    return outer.compose(inner)


# --- NFC with a map -------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^ \n]+")
# Combining marks that compose with the letter before them in Urdu and Hindi (madda, hamza,
# nukta). ``unicodedata.is_normalized`` falls back to normalising the whole text whenever one
# occurs (about 90 ns a character), so they get a targeted test instead.
_COMMON_SECONDS = ("\u093c", "\u0653", "\u0654", "\u0655")
# Devanagari nukta letters, which NFC always splits (composition exclusions); Hindi pages
# that type them would otherwise send every word through the per-word check.
_COMMON_SPLIT = tuple(map(chr, range(0x0958, 0x0960)))
_STAND_IN = "\x00"  # a starter that composes with nothing, to hide a character from the check


def _composers(second: str) -> frozenset[str]:
    """Letters that NFC merges with a following ``second`` (from the Arabic and Devanagari blocks)."""
    out = set()
    for cp in [*range(0x0600, 0x0700), *range(0x0900, 0x0980)]:
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if decomposed[1:] == second and unicodedata.normalize("NFC", decomposed) == chr(cp):
            out.add(decomposed[0])
    return frozenset(out)


_COMPOSERS = {second: _composers(second) for second in _COMMON_SECONDS}


def nfc(text: str) -> tuple[str, OffsetMap | None]:
    """NFC of ``text`` with a map back, or ``None`` when ``text`` is already NFC."""
    marks = [mark for mark in _COMMON_SECONDS if mark in text]
    splits = [letter for letter in _COMMON_SPLIT if letter in text]
    masked = text
    for ch in (*marks, *splits):
        masked = masked.replace(ch, _STAND_IN)
    if not unicodedata.is_normalized("NFC", masked):
        words = [m.span() for m in _WORD_RE.finditer(text)]
    elif marks or splits:
        words = _words_to_check(text, marks, splits)
    else:
        return text, None
    # Spaces and newlines never compose, so each word normalises on its own.
    dirty = [(a, b) for a, b in words if not unicodedata.is_normalized("NFC", text[a:b])]
    return rewrite(text, dirty, _nfc_word) if dirty else (text, None)


def _words_to_check(text: str, marks: list[str], splits: list[str]) -> list[tuple[int, int]]:
    """Words where a masked character may still change under NFC, in text order.

    With them masked the rest of the text passed the NFC check, so what is left is every word
    with a nukta letter, and each mark that can compose with the letter before it or sits next
    to another combining mark (which NFC may reorder or compose across).
    """
    words = set()
    for ch in (*marks, *splits):
        composers = _COMPOSERS.get(ch)
        i = text.find(ch)
        while i >= 0:
            if composers is None or _may_interact(text, i, composers):
                start = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
                ends = [e for e in (text.find(" ", i), text.find("\n", i)) if e >= 0]
                words.add((start, min(ends, default=len(text))))
            i = text.find(ch, i + 1)
    return sorted(words)


def _may_interact(text: str, i: int, composers: frozenset[str]) -> bool:
    before = unicodedata.normalize("NFD", text[i - 1]) if i else " "
    after = unicodedata.normalize("NFD", text[i + 1]) if i + 1 < len(text) else " "
    return before in composers or bool(unicodedata.combining(before[-1]) or unicodedata.combining(after[0]))


def _nfc_word(text: str, start: int, end: int) -> Pieces:
    out: Pieces = []
    bounds = [start] + [i for i in range(start + 1, end) if _stable_starter(text[i])]
    for b, e in zip(bounds, [*bounds[1:], end], strict=True):
        chunk = text[b:e]
        new = unicodedata.normalize("NFC", chunk)
        if new == chunk:
            out.extend((ch, b + k) for k, ch in enumerate(chunk))
        else:
            out.extend((ch, b + k) for ch, k in zip(new, _align(chunk, new), strict=True))
    return out


def _align(chunk: str, new: str) -> list[int]:
    """For each character of ``new`` (the NFC of ``chunk``), the chunk offset it comes from.

    Each output character goes to the next input character whose decomposition starts with the
    same character; one with no such partner (the second half of an expansion, a reordered
    mark) shares the previous character's position, which keeps the map monotonic. The first
    always goes to the chunk's start, so a span starting at the chunk covers all of it.
    """
    out: list[int] = []
    last = ptr = 0
    for ch in new:
        head = unicodedata.normalize("NFD", ch)[:1]
        for j in range(ptr, len(chunk)):
            if unicodedata.normalize("NFD", chunk[j])[:1] == head:
                last, ptr = j, j + 1
                break
        out.append(last)
    out[0] = 0
    return out


@cache
def _stable_starter(ch: str) -> bool:
    """True if NFC never composes or reorders ``ch`` with the characters before it."""
    head = unicodedata.normalize("NFD", ch)[:1]
    seconds = _second_of_pair()
    return (
        unicodedata.combining(ch) == 0
        and unicodedata.combining(head) == 0
        and ch not in seconds
        and head not in seconds
    )


@cache
def _second_of_pair() -> frozenset[str]:
    """Characters that are the second half of a canonical composition (computed once, lazily)."""
    # Hangul vowel and final jamo compose algorithmically, outside the decomposition table.
    seconds = {chr(cp) for cp in [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]}
    for cp in range(0x30000):  # no canonical decomposition lies above U+2FFFF
        decomposition = unicodedata.decomposition(chr(cp))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    return frozenset(seconds)
