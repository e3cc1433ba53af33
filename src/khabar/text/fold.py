"""Folding: every key text is matched on, in two strengths, with positions kept.

Which to use when:

- :func:`match_key` — the full matching key with an :class:`~khabar.text.offsets.OffsetMap`
  back to the input: canonical form, then harakat, nukta, ZWNJ/ZWJ dropped, Arabic letter forms
  and hamza spellings unified, digits made ASCII, Latin lowercased without accents. Use it for
  everything matched across documents: search indexing, entity and alias lookup, lexicon
  words, dedup signatures.
- :func:`query_key` — :func:`match_key` of a search query, without the map; use it for what a
  user types, so that queries and documents fold alike.
- :func:`fold_marks` — a light fold that keeps case and maps every kept character to one
  character: Urdu letters for Arabic ones, ASCII digits, no harakat, nukta, tatweel or
  zero-width marks. Use it where case carries meaning (agency acronyms such as "AP") or where
  the pattern is written against the page's own text (date lines, time expressions).
- :func:`fold_marks_indexed` — :func:`fold_marks` plus each folded character's position in the
  input, to map a match found in the folded text back to the page.
- :func:`strip_accents` — Latin text without accents (é → e), case kept, no positions: for
  features of Latin-script words, such as the romanized-Hindustani classifier's.

One private variant stays with its model: the NER tagger's per-token fold
(``khabar.models.ner.features``) is :func:`match_key` of one token computed from a table, for speed.
"""

from __future__ import annotations

import re
import unicodedata

from khabar.text.normalize import URDU_LETTERS, Pieces, canonical_map, chain, nfc, rewrite, tidy_blanks
from khabar.text.offsets import OffsetMap

# --- the match key ----------------------------------------------------------------------------

# Dropped from the match key: harakat and Quranic marks, superscript alef, high hamza (so that
# "ہٴ" folds like "ۂ"), ZWNJ/ZWJ and the zero-width space and word joiner that some sites type
# in their place, Devanagari nukta, Latin combining accents.
_FOLD_DROP = "\u064b-\u065f\u0670\u0674\u06d6-\u06ed\u200b-\u200d\u2060\u093c\u0300-\u036f"
_HAMZA_ABOVE = "\u0654"
_YEH_BARREE_HAMZA = "\u06d3"
_YEHS = "\u06cc\u064a\u0649"
_YEH_HAMZA = "\u0626"


def _fold_letters() -> dict[str, str]:
    table = dict(URDU_LETTERS)
    table.update({"\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627", "\u06c2": "\u06c1"})
    for zero in (0x0660, 0x06F0, 0x0966):  # Arabic-Indic, Extended (Urdu), Devanagari digits
        table.update({chr(zero + i): str(i) for i in range(10)})
    # Devanagari nukta letters (NFC already splits U+0958-U+095F; ऩ ऱ ऴ stay composed).
    for letter in [*map(chr, range(0x0958, 0x0960)), "\u0929", "\u0931", "\u0934"]:
        table[letter] = unicodedata.normalize("NFD", letter)[0]
    table["\u0901"] = "\u0902"  # chandrabindu -> anusvara
    table["\u0130"] = "i"  # the one character whose lower() is two characters long
    for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
            table[chr(cp)] = decomposed[0].lower()
    return table


_FOLD_LETTERS = _fold_letters()
_FOLD_CHANGES = _FOLD_DROP + "".join(sorted(_FOLD_LETTERS))
_FOLD_RE = re.compile(f"[{_FOLD_CHANGES}]+")
# Yeh + combining hamza is typed for ئ (NFC keeps ی+ٔ apart: there is no precomposed form), and
# ۓ is written interchangeably with ئے (گۓ / گئے), so both fold to the ئ spelling. This slower
# pattern also stops at ی + hamza and at ۓ; it runs only when the text has either.
_FOLD_HAMZA_RE = re.compile(
    f"[{_FOLD_CHANGES}\u06cc{_YEH_BARREE_HAMZA}]"
    f"(?:(?<=[{_YEHS}]){_HAMZA_ABOVE}|(?<!\u06cc))[{_FOLD_CHANGES}{_YEH_BARREE_HAMZA}]*"
)


def match_key(text: str) -> tuple[str, OffsetMap]:
    """The matching key of ``text`` and a map from it back to ``text`` (the original input).

    ``canonical(text)`` plus: harakat, Quranic marks, ZWNJ/ZWJ and Devanagari nukta removed;
    Arabic letter forms and hamza-carrying alifs unified to plain Urdu ones (ۂ → ہ, ۓ → ئے);
    Urdu, Arabic and Devanagari digits made ASCII; chandrabindu made anusvara; Latin lowercased
    without accents.
    """
    # The key maps the Arabic letter forms itself, so canonical need not find out whether it is Urdu.
    canon, canon_map = canonical_map(text, "und")
    pattern = _FOLD_HAMZA_RE if _HAMZA_ABOVE in canon or _YEH_BARREE_HAMZA in canon else _FOLD_RE
    out, drop_map = rewrite(canon, [m.span() for m in pattern.finditer(canon)], _key_run)
    if drop_map is not None:
        # A word made only of dropped marks leaves two spaces, or a space at a line edge.
        out, space_map = tidy_blanks(out)
        drop_map = chain(space_map, drop_map)
        # Dropping a joiner between two marks can leave them out of canonical order.
        out, nfc_map = nfc(out)
        drop_map = chain(nfc_map, drop_map)
    out = out.lower()  # one character per character now that İ is gone
    fwd = chain(drop_map, canon_map)
    return out, fwd if fwd is not None else OffsetMap.identity(len(text))


def query_key(query: str) -> str:
    """The match key of a search query; identical to :func:`match_key` so queries match documents."""
    return match_key(query)[0]


def _key_run(text: str, start: int, end: int) -> Pieces:
    """Rewrite a run of characters the match key changes: map letters and digits, drop marks."""
    out: Pieces = []
    i = start
    while i < end:
        ch = text[i]
        if ch in _YEHS and i + 1 < end and text[i + 1] == _HAMZA_ABOVE:
            out.append((_YEH_HAMZA, i))
            i += 1
        elif ch == _YEH_BARREE_HAMZA:
            out.extend(((_YEH_HAMZA, i), ("\u06d2", i)))
        elif ch in _FOLD_LETTERS:
            out.append((_FOLD_LETTERS[ch], i))
        i += 1
    return out


# --- the light fold ---------------------------------------------------------------------------

_LIGHT_DROP = {
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
_LIGHT_MAP = {
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
        _LIGHT_MAP[chr(_zero + _i)] = str(_i)


_LIGHT_REPLACEMENT: dict[str, str] = {chr(cp): "" for cp in _LIGHT_DROP} | _LIGHT_MAP
# str.translate with a dict costs ~0.15 µs per character (a failed lookup for every kept one),
# which made folding the largest cost of ingesting text; a regex finds the few characters that
# change in ~1 µs per kilobyte.
_LIGHT_CHANGED = re.compile("[" + "".join(re.escape(ch) for ch in _LIGHT_REPLACEMENT) + "]")


def _light_replace(m: re.Match[str]) -> str:
    return _LIGHT_REPLACEMENT[m.group()]


_LIGHT_DROPPED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_LIGHT_DROP)) + "]")
_KEPT_RUN = re.compile("[^" + "".join(re.escape(chr(cp)) for cp in sorted(_LIGHT_DROP)) + "]+")


def fold_marks(text: str) -> str:
    """Fold ``text`` lightly: Urdu letters for Arabic ones, ASCII digits, no marks; case kept.

    Every kept character maps to exactly one character, so positions only shift where
    characters are dropped (harakat, nukta, tatweel, zero-width and bidi marks). Case is kept:
    acronyms such as "AP" match case-sensitively.
    """
    return _LIGHT_CHANGED.sub(_light_replace, text) if _LIGHT_CHANGED.search(text) else text


def fold_marks_indexed(text: str) -> tuple[str, list[int]]:
    """:func:`fold_marks` ``text`` and give each folded character's position in ``text``.

    ``index[i]`` is where folded character ``i`` came from; a final entry ``len(text)``
    makes end positions map too.
    """
    if _LIGHT_DROPPED.search(text) is None:
        return fold_marks(text), list(range(len(text) + 1))
    index: list[int] = []
    for run in _KEPT_RUN.finditer(text):
        index.extend(range(run.start(), run.end()))
    index.append(len(text))
    return fold_marks(text), index


def strip_accents(text: str) -> str:
    """``text`` without accents (NFKD, combining marks dropped), case kept; ASCII passes as is."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
