"""The commonest grammar words of news Hindustani in both scripts, written by hand.

The romanization join is weakest exactly here: short words share romanizations with many
others ("se" is سے and سی, "main" is میں and मैं). Each line is ``Urdu Devanagari``; the
first line of a word wins in its direction (میں → में, as news writes "in" far more than "I").
"""

from __future__ import annotations

from functools import lru_cache

_PAIRS = """
کے के
کی की
کا का
میں में
سے से
نے ने
ہے है
ہیں हैं
کو को
پر पर
اور और
ہی ही
بھی भी
تھا था
تھی थी
تھے थे
یہ यह
وہ वह
اس इस
اس उस
ان इन
ان उन
ایک एक
لیے लिए
لئے लिए
ساتھ साथ
تک तक
کہ कि
نہیں नहीं
کر कर
کیا किया
گیا गया
گئی गई
گئے गए
ہو हो
ہوا हुआ
ہوئی हुई
ہوئے हुए
رہا रहा
رہی रही
رہے रहे
جو जो
بعد बाद
دو दो
کہا कहा
ملاقات मुलाकात
دورہ दौरा
وزیر वज़ीर
دفاع दफ़ा
"""


@lru_cache(maxsize=1)
def common_words() -> tuple[dict[str, str], dict[str, str]]:
    """Urdu → Devanagari and Devanagari → Urdu for the grammar words above."""
    ur_hi: dict[str, str] = {}
    hi_ur: dict[str, str] = {}
    for line in _PAIRS.strip().splitlines():
        ur, hi = line.split()
        ur_hi.setdefault(ur, hi)
        hi_ur.setdefault(hi, ur)
    return ur_hi, hi_ur
