"""Hindustani romanization of Urdu and Devanagari text, and coarse phonetic keys.

Urdu and Hindi write one spoken language in two scripts, so a name in one script is matched
to the other through a shared Latin form. :func:`romanize` gives a readable lower-case
romanization ("کم جونگ اُن" → "kim jong un" needs harakat; without them → "km jong an"),
:func:`phonetic_key` a consonant skeleton that both spellings of a name usually share
(aspirates, retroflexes, z/j, f/ph/p, q/k, sh/s merged; vowels dropped except a leading one),
and :func:`loose` a form with vowel runs kept as one "a" for fuzzy scoring.

The tables are this project's own: Urdu letters (ٹ ڈ ڑ ے ں ھ ہ ئ ؤ included) map by position
in the word, Devanagari consonants carry the inherent "a" unless a vowel sign or virama
follows, and the final inherent "a" is dropped (schwa deletion, with the common medial rule).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- Urdu -----------------------------------------------------------------------------------

_UR_CONSONANTS = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ٹ": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ڈ": "d",
    "ذ": "z",
    "ر": "r",
    "ڑ": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ک": "k",
    "ك": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ں": "n",
    "ۃ": "t",
    "ة": "t",
}
_UR_HARAKAT = {"\u064e": "a", "\u0650": "i", "\u064f": "u", "\u064b": "an", "\u0670": "a", "\u0656": "i"}
_ALIFS = "اآأإٱ"
_YEHS = "یيىې"
_HEHS = "ہهۂۀ"
_WAWS = "وۏ"
_UR_VOWEL_LETTERS = frozenset(_ALIFS + _YEHS + _WAWS + "ےۓئؤ")
_UR_LETTERS = frozenset(_UR_CONSONANTS) | _UR_VOWEL_LETTERS | frozenset(_HEHS + "ھعء")


def _romanize_urdu_word(word: str) -> str:
    # Harakat are kept as vowels where present; the letters around them decide the rest.
    letters = [ch for ch in word if ch in _UR_LETTERS or ch in _UR_HARAKAT]
    out: list[str] = []
    n = len(letters)
    for i, ch in enumerate(letters):
        prev = letters[i - 1] if i else ""
        nxt = letters[i + 1] if i + 1 < n else " "  # a space is in no letter class
        if ch in _UR_HARAKAT:
            out.append(_UR_HARAKAT[ch])
        elif ch in _UR_CONSONANTS:
            out.append(_UR_CONSONANTS[ch])
        elif ch in _ALIFS:
            out.append("a")
        elif ch in _WAWS:
            # A consonant at the start of a word or before a vowel letter ("وزیر", "سوال");
            # otherwise the long vowel o/u ("روس", "پوتن").
            out.append("v" if i == 0 or nxt in _ALIFS or (nxt == "ی" and i + 2 >= n) else "o")
        elif ch in _YEHS:
            if i == 0 or ((nxt in _ALIFS or nxt in _WAWS) and prev not in _YEHS):
                out.append("y")
            elif prev not in "ئ":
                out.append("i")
        elif ch in "ےۓ":
            out.append("e")
        elif ch == "ئ":
            # ئے carries its vowel in the ے; ئی is one i (the ی then adds nothing).
            if nxt not in "ےۓ":
                out.append("i")
        elif ch == "ؤ":
            out.append("o")
        elif ch == "ھ":
            out.append("h")
        elif ch in _HEHS:
            # Word-final heh after a consonant is the vowel a ("کہ", "دفعہ").
            out.append("a" if i == n - 1 and i > 0 and prev not in _UR_VOWEL_LETTERS else "h")
        elif ch == "ع":
            out.append("a" if i == 0 else "")
    return "".join(out)


# --- Devanagari -----------------------------------------------------------------------------

_DEV_CONSONANTS = {
    "क": "k",
    "ख": "kh",
    "ग": "g",
    "घ": "gh",
    "ङ": "n",
    "च": "ch",
    "छ": "chh",
    "ज": "j",
    "झ": "jh",
    "ञ": "n",
    "ट": "t",
    "ठ": "th",
    "ड": "d",
    "ढ": "dh",
    "ण": "n",
    "त": "t",
    "थ": "th",
    "द": "d",
    "ध": "dh",
    "न": "n",
    "प": "p",
    "फ": "ph",
    "ब": "b",
    "भ": "bh",
    "म": "m",
    "य": "y",
    "र": "r",
    "ल": "l",
    "ळ": "l",
    "व": "v",
    "श": "sh",
    "ष": "sh",
    "स": "s",
    "ह": "h",
}
# Letters with a nukta: the Perso-Arabic sounds (and the flapped ड़ ढ़).
_DEV_NUKTA = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "फ": "f", "ड": "r", "ढ": "rh", "य": "y"}
_DEV_PRECOMPOSED = {"क़": "क", "ख़": "ख", "ग़": "ग", "ज़": "ज", "ड़": "ड", "ढ़": "ढ", "फ़": "फ", "य़": "य"}
_DEV_INDEPENDENT = {
    "अ": "a",
    "आ": "a",
    "इ": "i",
    "ई": "i",
    "उ": "u",
    "ऊ": "u",
    "ऋ": "ri",
    "ए": "e",
    "ऐ": "ai",
    "ओ": "o",
    "औ": "au",
    "ऑ": "o",
    "ऍ": "e",
}
_DEV_SIGNS = {
    "ा": "a",
    "ि": "i",
    "ी": "i",
    "ु": "u",
    "ू": "u",
    "ृ": "ri",
    "े": "e",
    "ै": "ai",
    "ो": "o",
    "ौ": "au",
    "ॉ": "o",
    "ॅ": "e",
}
_VIRAMA = "्"
_NUKTA = "़"
_NASALS = "ंँ"
_VISARGA = "ः"
_LABIALS = frozenset("पफबभम")
_NASAL_UNIT = "~"  # vowel slot of an anusvara unit: it closes the syllable before it


def _romanize_devanagari_word(word: str) -> str:
    for pre, base in _DEV_PRECOMPOSED.items():
        if pre in word:
            word = word.replace(pre, base + _NUKTA)
    # Syllables first: (sound, has_inherent_schwa), then schwa deletion decides on the a's.
    units: list[list[str]] = []  # [consonant, vowel] pairs; vowel "A" marks an inherent schwa
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if ch in _DEV_CONSONANTS:
            sound = _DEV_CONSONANTS[ch]
            if i + 1 < n and word[i + 1] == _NUKTA:
                sound = _DEV_NUKTA.get(ch, sound)
                i += 1
            vowel = "A"
            if i + 1 < n and word[i + 1] in _DEV_SIGNS:
                vowel = _DEV_SIGNS[word[i + 1]]
                i += 1
            elif i + 1 < n and word[i + 1] == _VIRAMA:
                vowel = ""
                i += 1
            units.append([sound, vowel])
        elif ch in _DEV_INDEPENDENT:
            units.append(["", _DEV_INDEPENDENT[ch]])
        elif ch in _NASALS:
            nxt = word[i + 1] if i + 1 < n else ""
            units.append(["m" if nxt in _LABIALS and ch == "ं" else "n", _NASAL_UNIT])
        elif ch == _VISARGA:
            units.append(["h", ""])
        i += 1
    _delete_schwas(units)
    return "".join(c + ("a" if v == "A" else "" if v == _NASAL_UNIT else v) for c, v in units)


def _delete_schwas(units: list[list[str]]) -> None:
    """Drop the inherent a at the end of a word and in VC_CV (कमला → kamla)."""
    consonant_idx = [k for k, u in enumerate(units) if u[0] and u[1] == "A"]
    if units and units[-1][1] == "A" and len(units) > 1:
        units[-1][1] = ""
    for k in consonant_idx:
        if k == 0 or k >= len(units) - 1 or units[k][1] != "A":
            continue
        before, after = units[k - 1], units[k + 1]
        if before[1] and after[0] and after[1] not in ("", "A", _NASAL_UNIT) and units[k][0] != "h":
            units[k][1] = ""


# --- shared ---------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[\w\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u064b-\u065f\u0670]+")


def _script_of_word(word: str) -> str:
    for ch in word:
        if "\u0900" <= ch <= "\u097f":
            return "Deva"
        if "\u0600" <= ch <= "\u06ff":
            return "Arab"
    return "Latn"


@lru_cache(maxsize=65536)
def romanize(text: str) -> str:
    """Lower-case Hindustani romanization of Urdu, Devanagari or Latin ``text``, word by word.

    Words are joined by single spaces; punctuation is dropped. Latin words are lower-cased
    without accents so a romanized name compares with an English one.
    """
    words = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        script = _script_of_word(word)
        if script == "Arab":
            words.append(_romanize_urdu_word(word))
        elif script == "Deva":
            words.append(_romanize_devanagari_word(word))
        else:
            words.append(_plain_latin(word))
    return " ".join(w for w in words if w)


def _plain_latin(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word).lower()  # compatibility forms (𝔍) fold first
    plain = "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())
    # English spelling: c is s before e, i, y and k elsewhere (ch stays a digraph).
    return _LATIN_C.sub(lambda m: "s" if m.group(1) else "k", plain) if "c" in plain else plain


_LATIN_C = re.compile(r"c(?=([eiy])?)(?!h)")


# Merges applied to a romanization before keys are taken: digraphs become one letter, sounds
# one script distinguishes and the other does not become the same letter.
_MERGES = (
    ("chh", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "j"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    # Urdu writes Russian -ov with ف, Hindi with व; Hindi writes f as फ (ph) without a nukta.
    ("f", "v"),
    ("z", "j"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
    ("ck", "k"),
    ("ee", "i"),
    ("oo", "u"),
)
_VOWELS = frozenset("aeiou")
_ASPIRABLE = frozenset("bcdgjkprt")


def _merged(text: str) -> str:
    out = "".join(w for w in re.split(r"[^a-z0-9]+", text.lower()) if w)
    for old, new in _MERGES:
        if old in out:
            out = out.replace(old, new)
    out = re.sub(r"m(?=[bp])", "n", out)
    # An h right after a consonant marks aspiration (bh, th, dh) or is unwritten in the
    # other script; either way it is dropped.
    return re.sub(r"(?<=[bcdgjkprt])h", "", out)


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """A coarse consonant skeleton shared by spellings of a name in Urdu, Hindi and Latin.

    Vowels, and y, v and h inside the word, are dropped (a leading vowel stays, as "a");
    aspirates and retroflexes, z/j, f/ph/p, q/k, sh/s are merged; repeats collapse.
    """
    merged = _merged(romanize(text))
    if not merged:
        return ""
    head = "a" if merged[0] in _VOWELS else merged[0]
    body = [ch for ch in merged[1:] if ch not in _VOWELS and ch not in "yvh"]
    key = head + "".join(body)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=65536)
def loose(text: str) -> str:
    """The merged romanization with y and h dropped inside words and vowels in three classes.

    Vowels become a, i (i, e) or u (u, o), runs collapsed: Urdu writes long vowels with
    ا ی و but rarely which of e/i or o/u, nor short ones. Used for fuzzy scoring once
    :func:`phonetic_key` has shortlisted candidates.
    """
    merged = _merged(romanize(text))
    if not merged:
        return ""
    merged = merged[0] + re.sub(r"[yh]", "", merged[1:])
    merged = merged.replace("e", "i").replace("o", "u")
    return re.sub(r"(.)\1+", r"\1", merged)
