"""A word tokenizer for Urdu, Hindi and English that returns ``(start, end)`` offsets.

A word is a run of letters, digits and combining marks (Devanagari matras and viramas, Arabic
harakat) with the zero-width joiners that live inside Urdu and Hindi words; words joined by a
hyphen stay one token ("समय-समय", "COVID-19"), as do numbers with inner separators ("1,000.5",
"10:30"), Latin abbreviations ("U.S.") and Latin words with an inner apostrophe ("O'Brien"),
except the possessive "'s", which is a token of its own. Every other visible character is a token of its
own: the Urdu full stop ۔, comma ، and question mark ؟, the danda ।, quotes, brackets and the
underscore. Spaces are never part of a token.

The work is one ``re.finditer`` over the text; no per-character Python loop.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NAME_WORD_RE", "TOKEN_RE", "WORD_CHAR", "token_spans", "tokenize", "words"]

#: One character of a word for matching names and agencies: ``\w`` plus the Devanagari vowel
#: signs and marks it leaves out (so "पीटीआई" is one word and "पीटीआईने" is not "पीटीआई").
WORD_CHAR = r"[\w\u0900-\u0903\u093A-\u094F\u0951-\u0957\u0962\u0963]"
#: A run of word characters: the tokens of a name, punctuation dropped.
NAME_WORD_RE = re.compile(WORD_CHAR + "+")


def _mark_class() -> str:
    """A regex class body of every combining mark (Unicode category M*) in the scripts we meet."""
    blocks = ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
    parts: list[str] = []
    for lo, hi in blocks:
        run_start = -1
        for cp in range(lo, hi + 2):
            is_mark = cp <= hi and unicodedata.category(chr(cp)).startswith("M")
            if is_mark and run_start < 0:
                run_start = cp
            elif not is_mark and run_start >= 0:
                parts.append(f"\\u{run_start:04x}-\\u{cp - 1:04x}")
                run_start = -1
    return "".join(parts)


# Letters and digits (``[^\W_]``), combining marks, and ZWNJ/ZWJ, which Urdu and Hindi type
# inside words to pick a letter form.
_W = f"(?:[^\\W_]|[{_mark_class()}\u200c\u200d])"
_LATIN = "[A-Za-z]"
_DIGITS = r"\d+"

TOKEN_RE = re.compile(
    "|".join(
        (
            # U.S. / U.N.: single Latin letters each followed by a full stop.
            f"(?:{_LATIN}\\.){{2,}}",
            # 1,000.5  10:30  12/09  ٣٫٥ (Arabic decimal and thousands separators)
            f"{_DIGITS}(?:[.,:/\u066b\u066c]{_DIGITS})+(?!{_W})",
            # O'Brien, don't — but not Putin's.
            f"{_LATIN}+(?:['’](?!s\\b){_LATIN}+)+",
            # the possessive 's of "Putin's"
            "['’]s\\b",
            # words, hyphenated compounds
            f"{_W}+(?:[-\u2010\u2011]{_W}+)*",
            # anything else visible is one token per character
            r"[^\s]",
        )
    )
)

_FINDITER = TOKEN_RE.finditer


def token_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the tokens of ``text``, in order."""
    return [m.span() for m in _FINDITER(text)]


def tokenize(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the tokens of ``text``; the same as :func:`token_spans`."""
    return token_spans(text)


def words(text: str) -> list[str]:
    """The tokens of ``text`` as strings."""
    return TOKEN_RE.findall(text)


#: Regex pieces that assert a word boundary before / after a match (any script).
BEFORE = rf"(?<!{WORD_CHAR})"
AFTER = rf"(?!{WORD_CHAR})"
