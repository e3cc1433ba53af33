"""The pieces a word is cut into for the script bridge: Devanagari aksharas and Urdu letters.

An akshara here is a consonant (with its nukta) or an independent vowel, with the vowel signs,
virama and nasal marks that follow it ("शो", "इ", "गु"; "न्" before a conjunct's next
consonant). An Urdu word is a string of letters; harakat (zer, zabar, pesh) are dropped,
since most text is written without them, and Arabic letter variants are read as Urdu's.
"""

from __future__ import annotations

import unicodedata

# Devanagari signs that attach to the akshara before them.
_DEVA_ATTACH = frozenset(
    [chr(c) for c in range(0x093A, 0x0950) if c not in (0x093D,)]  # matras, nukta, virama
    + ["\u0900", "\u0901", "\u0902", "\u0903", "\u0951", "\u0952", "\u0962", "\u0963", "\u200c", "\u200d"]
)
# Arabic-script variants read as the Urdu letter, and marks dropped.
_UR_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ۀ": "ۂ", "ة": "ۃ"})
_UR_DROP = frozenset(
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0654\u0655\u0656\u0657\u0670\u200c\u200d\u0640"
)


def is_deva(ch: str) -> bool:
    """True for a character of the Devanagari block."""
    return "\u0900" <= ch <= "\u097f"


def is_urdu(ch: str) -> bool:
    """True for a character of the Arabic blocks Urdu is written in."""
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


def aksharas(word: str) -> list[str]:
    """A Devanagari word cut into aksharas: ``"शोइगु"`` → ``["शो", "इ", "गु"]``."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", word):
        if out and ch in _DEVA_ATTACH:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def urdu_letters(word: str) -> str:
    """An Urdu word's letters, harakat dropped and Arabic variants read as Urdu letters."""
    word = unicodedata.normalize("NFKC", word).translate(_UR_FOLD)
    return "".join(ch for ch in word if ch not in _UR_DROP)
