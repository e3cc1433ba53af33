"""The script bridge: Hindustani text written in the other script (transliteration, not translation).

>>> to_devanagari("سرگئی شوئیگو")
'सर्गेई शोइगु'

Each word goes through three steps, first answer wins: names the KB knows in both scripts
(longest run of words first, :mod:`khabar.bridge.names`); a hand-written table of the
commonest grammar words (:mod:`khabar.bridge.common`); the word lexicon joined from the
Dakshina romanization lexicons; the unit model (:mod:`khabar.bridge.model`), which guesses
the short vowels Urdu leaves out. Punctuation and digits are written the other script's way;
everything else (Latin words, spaces) passes through. The output is for display: no offsets
into the original are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from khabar.bridge.common import common_words
from khabar.bridge.data_file import shipped
from khabar.bridge.names import MAX_NAME_WORDS, name_tables
from khabar.bridge.units import is_deva, is_urdu, urdu_letters
from khabar.kb import alias_key

__all__ = ["SCRIPTS", "convert", "to_devanagari", "to_urdu"]

#: The scripts a text can be shown in, by ISO 15924 code.
SCRIPTS = ("Arab", "Deva")

_UR_WORD = re.compile(r"[\u0600-\u0669\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\u200c\u200d]+")
_DEVA_WORD = re.compile(r"[\u0900-\u0963\u0970-\u097f\u200c\u200d]+")
_UR_PUNCT = str.maketrans(
    {"۔": "।", "،": ",", "؟": "?", "؛": ";", **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_UR_PUNCT.update({0x0660 + i: str(i) for i in range(10)})
_DEVA_PUNCT = str.maketrans(
    {"।": "۔", "॥": "۔", ",": "،", "?": "؟", ";": "؛", **{chr(0x0966 + i): str(i) for i in range(10)}}
)
_GAP = re.compile(r"[ \u00a0]+")


@lru_cache(maxsize=50_000)
def _word_to_deva(word: str) -> str:
    model, ur_hi, _ = shipped()
    letters = urdu_letters(word)
    return common_words()[0].get(letters) or ur_hi.get(letters) or model.to_devanagari(letters)


@lru_cache(maxsize=50_000)
def _word_to_urdu(word: str) -> str:
    model, _, hi_ur = shipped()
    return urdu_letters(common_words()[1].get(word) or hi_ur.get(word) or model.to_urdu(word))


def _bridge(text: str, word_re: re.Pattern[str], names: dict[str, str], word: Callable[[str], str]) -> str:
    spans = [m.span() for m in word_re.finditer(text)]
    out: list[str] = []
    pos = i = 0
    while i < len(spans):
        start, end = spans[i]
        taken = 0
        for n in range(min(MAX_NAME_WORDS, len(spans) - i), 0, -1):
            last = spans[i + n - 1][1]
            gaps_ok = all(_GAP.fullmatch(text[spans[k][1] : spans[k + 1][0]]) for k in range(i, i + n - 1))
            if gaps_ok and alias_key(text[start:last]) in names:
                out += [text[pos:start], names[alias_key(text[start:last])]]
                pos, taken = last, n
                break
        if not taken:
            out += [text[pos:start], word(text[start:end])]
            pos, taken = end, 1
        i += taken
    out.append(text[pos:])
    return "".join(out)


def to_devanagari(text: str) -> str:
    """Urdu-script text written in Devanagari (names as the KB spells them)."""
    converted = _bridge(text, _UR_WORD, name_tables()["Arab"], _word_to_deva)
    return converted.translate(_UR_PUNCT)


def to_urdu(text: str) -> str:
    """Devanagari text written in Urdu script (names as the KB spells them)."""
    converted = _bridge(text, _DEVA_WORD, name_tables()["Deva"], _word_to_urdu)
    return converted.translate(_DEVA_PUNCT)


def convert(text: str, script: str) -> str:
    """``text`` shown in ``script`` ("Deva" or "Arab"); words already in that script stay as they are."""
    if script == "Deva":
        return to_devanagari(text) if any(is_urdu(c) for c in text) else text
    if script == "Arab":
        return to_urdu(text) if any(is_deva(c) for c in text) else text
    raise ValueError(f"unknown script {script!r}; expected one of {SCRIPTS}")
