"""Negation, tense and mood around a trigger: whether what it names did not happen, will happen,
or is only planned, conditional or wanted."""

from __future__ import annotations

from khabar.events import lexicon as lx
from khabar.events.parse import DocView, Sentence

#: Tokens after a Urdu/Hindi trigger (before an English one) searched for negation and tense.
FLAG_WINDOW = 4


def modality(view: DocView, sent: Sentence, t0: int, t1: int, ca: int) -> tuple[bool, bool, bool]:
    """(negated, future, hypothetical) of trigger ``[t0, t1)`` in the clause starting at ``ca``."""
    keys = view.keys
    if sent.lang == "en":
        window = keys[max(sent.a, t0 - FLAG_WINDOW) : t0]
    else:
        window = keys[t1 : min(sent.b, t1 + FLAG_WINDOW)]
    negated = any(k in lx.NEGATION for k in window)
    future = any(k in lx.FUTURE or k.endswith(lx.FUTURE_SUFFIXES) for k in window)
    # "اگر …", "تاکہ …" before the trigger; "حملے کی صورت میں" before it or right after it.
    hypothetical = any(keys[j] in lx.HYPOTHETICAL for j in range(ca, t0)) or any(
        keys[j] in lx.CONDITION and j + 1 < sent.b and keys[j + 1] in lx.IN
        for j in range(ca, min(sent.b, t1 + FLAG_WINDOW))
    )
    # "مذاکرات جاری رکھنے کے لیے", "हत्या को अंजाम देने के लिए", "समझौता करने के खिलाफ": a purpose
    # or what is opposed, not what happened.
    hypothetical = hypothetical or any(
        keys[j] in lx.PURPOSE
        and keys[j - 1] in lx.GENITIVE
        and len(keys[j - 2]) > 2
        and keys[j - 2].endswith(lx.INFINITIVE)
        for j in range(t1 + 2, min(sent.b, t1 + FLAG_WINDOW + 2))
    )
    # "حملے کی منصوبہ بندی", "हत्या का फैसला": a plan or an attempt.
    hypothetical = hypothetical or (t1 + 1 < sent.b and keys[t1] in lx.GENITIVE and keys[t1 + 1] in lx.INTENT)
    # "حملہ کیلیے", "رہائی کیلئے", "बातचीत के लिए": what is aimed at, not what happened.
    nxt = keys[t1] if t1 < sent.b else ""
    hypothetical = (
        hypothetical
        or nxt in lx.PURPOSE_FUSED
        or (nxt in lx.GENITIVE and t1 + 1 < sent.b and keys[t1 + 1] in lx.PURPOSE)
    )
    # "यह वर्ग … सेंसर का विरोध करता है": a habit or a stance, not something that happened.
    hypothetical = hypothetical or (
        sent.lang != "en"
        and any(
            keys[j].endswith(lx.HABITUAL_SUFFIXES) and len(keys[j]) > 2 and keys[j + 1] in lx.IS_SINGULAR
            for j in range(t1, min(sent.b - 1, t1 + FLAG_WINDOW))
        )
    )
    return negated, future, hypothetical
