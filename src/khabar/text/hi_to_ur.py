"""Hindi (Devanagari) words written in Urdu letters, roughly: for training, not for display.

Short vowels are dropped as Urdu writes them, so names and grammar words mostly come out as
Urdu spells them (के → کے, में → میں, भारत → بھارت). The Urdu NER model learns from IL-NER's
Hindi sentences passed through :func:`hindi_to_urdu` (:mod:`khabar.models.ner.train`).
"""

from __future__ import annotations

import unicodedata

# fmt: off
_DEVA_CONSONANTS = {
    "क": "ک", "ख": "کھ", "ग": "گ", "घ": "گھ", "ङ": "ن", "च": "چ", "छ": "چھ", "ज": "ج", "झ": "جھ",
    "ञ": "ن", "ट": "ٹ", "ठ": "ٹھ", "ड": "ڈ", "ढ": "ڈھ", "ण": "ن", "त": "ت", "थ": "تھ", "द": "د",
    "ध": "دھ", "न": "ن", "प": "پ", "फ": "پھ", "ब": "ب", "भ": "بھ", "म": "م", "य": "ی", "र": "ر",
    "ल": "ل", "ळ": "ل", "व": "و", "श": "ش", "ष": "ش", "स": "س", "ह": "ہ",
}
_DEVA_NUKTA = {"क": "ق", "ख": "خ", "ग": "غ", "ज": "ز", "फ": "ف", "ड": "ڑ", "ढ": "ڑھ"}
# Vowel signs; ए/ऐ signs and anusvara are written final-form (ے, ں) and fixed mid-word below.
_DEVA_SIGNS = {
    "ा": "ا", "ि": "", "ी": "ی", "ु": "", "ू": "و", "ृ": "ر", "े": "ے", "ै": "ے", "ो": "و",
    "ौ": "و", "ॉ": "ا", "ॅ": "ی", "ं": "ں", "ँ": "ں", "ः": "ہ", "्": "",
}
# Independent vowels at the start of a word, and (below) inside one.
_DEVA_INITIAL = {
    "अ": "ا", "आ": "آ", "इ": "ا", "ई": "ای", "उ": "ا", "ऊ": "او", "ऋ": "ر", "ए": "اے", "ऐ": "اے",
    "ओ": "او", "औ": "او", "ऑ": "آ",
}
_DEVA_MEDIAL = {
    "अ": "ا", "आ": "ا", "इ": "ئ", "ई": "ئی", "उ": "ؤ", "ऊ": "ؤ", "ऋ": "ر", "ए": "ئے", "ऐ": "ئے",
    "ओ": "ؤ", "औ": "ؤ", "ऑ": "ا",
}
# fmt: on
_DEVA_OTHER = {"।": "۔", ",": "،", "?": "؟"}


def hindi_to_urdu(word: str) -> str:
    """A rough Urdu-script spelling of a Devanagari word (short vowels dropped, as Urdu does).

    Only for training: it lets the Urdu model learn from Hindi sentences, whose names and
    grammar words (के → کے, में → میں, भारत → بھارت) mostly come out as Urdu writes them.
    """
    if word in _DEVA_OTHER:
        return _DEVA_OTHER[word]
    if not any("\u0900" <= c <= "\u097f" for c in word):
        return word
    word = unicodedata.normalize("NFD", word)  # nukta letters split into letter + nukta
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(word):
        if ch in _DEVA_CONSONANTS:
            nukta = i + 1 < len(word) and word[i + 1] == "\u093c"
            letter = _DEVA_NUKTA.get(ch, _DEVA_CONSONANTS[ch]) if nukta else _DEVA_CONSONANTS[ch]
            if not (prev == "\u094d" and out and out[-1] == letter):  # geminate: Urdu writes it once
                out.append(letter)
        elif ch in _DEVA_SIGNS:
            if _DEVA_SIGNS[ch]:
                out.append(_DEVA_SIGNS[ch])
        elif ch in _DEVA_INITIAL:
            out.append(_DEVA_MEDIAL[ch] if out else _DEVA_INITIAL[ch])
        elif "\u0966" <= ch <= "\u096f":
            out.append(str(ord(ch) - 0x0966))
        elif ch != "\u093c":
            out.append(ch)
        prev = ch
    text = "".join(out)
    return text[:-1].replace("ے", "ی").replace("ں", "ن") + text[-1:] if text else text
