"""Find time expressions in Urdu, Hindi and English text and read what each one says.

The grammar is a handful of compiled regular expressions built from :mod:`khabar.timex.lexicon`
over the folded text (ASCII digits, Urdu letter forms, no nukta or harakat), one per kind of
expression: day-month-year dates, month-first dates, months (with "last"/"this"/"next"),
years and decades, weekdays, "N units ago", "last/this/next unit", day words (آج, कल, today),
clock times, parts of the day, sets ("every year") and vague references ("आजकल"). Where
matches overlap the leftmost, then longest wins. Each hit becomes a :class:`Timex` holding
the pieces it names (year, month, day, weekday, shift and unit …); :mod:`khabar.timex.resolve`
turns those into ISO values against an anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from khabar.text.fold import fold_marks, fold_marks_indexed
from khabar.text.tokens import AFTER, BEFORE
from khabar.timex import lexicon as lx

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: its span in the tagged text and the calendar pieces it names."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str | None = None  # part of the day: MO AF EV NI
    hour: int | None = None
    minute: int | None = None
    tz: str | None = None  # UTC offset, "+05:30"
    shift: float | None = None  # signed count of ``unit`` from the anchor ("3 months ago" = -3)
    unit: str | None = None
    deixis: int | None = None  # -1 last, 0 this, +1 next (with unit, month or weekday)
    ambiguous_day: bool = False  # کل / कल: yesterday or tomorrow by tense
    value: str | None = None  # a fixed value: durations, sets, decades, vague references
    future: bool = False  # the clause is in the future tense


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of folded ``words``, longest first, spaces matching any white space."""
    folded = {fold_marks(w).lower() for w in words}
    parts = [r"\s+".join(re.escape(tok) for tok in w.split()) for w in sorted(folded, key=len, reverse=True)]
    return "(?:" + "|".join(parts) + ")"


def _table(table: Mapping[str, V]) -> dict[str, V]:
    """``table`` keyed by the folded, lower-cased, single-spaced form of each word."""
    return {" ".join(fold_marks(k).lower().split()): v for k, v in table.items()}


MONTHS = _table(lx.MONTHS)
WEEKDAYS = _table(lx.WEEKDAYS)
NUMBERS = _table(lx.NUMBERS)
UNITS = _table(lx.UNITS)
DAY_WORDS = _table(lx.DAY_WORDS)
PARTS = _table(lx.PARTS_OF_DAY)
SET_ADVERBS = _table(lx.SET_ADVERBS)
VAGUE = _table(lx.VAGUE_REFS)
SEASONS = _table(lx.SEASONS)
AMBIGUOUS_DAYS = _table(lx.AMBIGUOUS_DAY_WORDS)
TIME_ZONES = _table(lx.TIME_ZONES)
_LAST = {fold_marks(w).lower() for w in lx.LAST_WORDS}
_THIS = {fold_marks(w).lower() for w in lx.THIS_WORDS}
_BEFORE_DIR = {" ".join(fold_marks(w).lower().split()) for w in lx.BEFORE_WORDS}

_MON = _alt(lx.MONTHS)
_WD = _alt(lx.WEEKDAYS)
_NUM_WORD = _alt(lx.NUMBERS)
_VAGUE_NUM = _alt(lx.VAGUE_NUMBERS)
_UNIT = _alt(lx.UNITS)
_PART = _alt(lx.PARTS_OF_DAY)
_DEIX = _alt(lx.LAST_WORDS + lx.THIS_WORDS + lx.NEXT_WORDS)
_DEIX_LN = _alt(lx.LAST_WORDS + lx.NEXT_WORDS)
_DIR = _alt(lx.BEFORE_WORDS + lx.AFTER_WORDS)
_TZ = _alt(lx.TIME_ZONES)
_GEN = r"(?:کی|کے|کا|की|के|का|of)"  # genitive linking a date to a part of the day
_ROZ = r"(?P<roz>\s+(?:کے|के)\s+(?:روز|دن|दिन|रोज))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?:ء|ع)?(?!\d)"
_YEAR_WORD = r"(?:(?:سال|سن|वर्ष|साल|सन|year)\s+)?"
_CLOCK = (
    r"(?:[\s,،|]+(?:at\s+)?(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?(?:\s*(?P<tz>" + _TZ + r"))?)?"
)
_WD_PREFIX = r"(?:" + _WD + r"[\s,،]+)?"
_PART_TAIL = r"(?:\s+(?:" + _GEN + r"\s+)?(?P<part>" + _PART + r"))?"
# "… सुबह 6 बजे": a clock time after a weekday or day word
_OCLOCK_TAIL = r"(?:\s*(?P<hh>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*؍?\s*(?:" + _alt(lx.OCLOCK_WORDS) + r"))?"
_MOD_TAIL = r"(?:\s+(?:کے|के)\s+" + _alt(lx.MONTH_MODIFIERS) + r")?"
_YDEIX = r"(?:(?P<ydeix>" + _DEIX + r")\s+(?:سال|برس|साल|वर्ष|year)\s+(?:" + _GEN + r"\s+)?)?"
_DAY_NUM = r"(?P<day>[0-3]?\d|" + _NUM_WORD + r")(?:st|nd|rd|th)?(?!\d)"

_PATTERNS: dict[str, str] = {
    # "14 ستمبر 2023", "18 फरवरी 2026", "13 ستمبر کی شام", "4 जून", "14 September"
    "dmy": rf"{BEFORE}{_YDEIX}{_WD_PREFIX}{_DAY_NUM}(?:\s*[-/]\s*|\s+|[\s,،]+)(?P<mon>{_MON}){AFTER}\.?"
    rf"(?:[\s,،]+{_YEAR})?{_CLOCK}{_PART_TAIL}",
    # "September 14, 2023, 10:54 AM IST", "بدھ, فروری 18, 2026"
    "mdy": rf"{BEFORE}{_WD_PREFIX}(?P<mon>{_MON}){AFTER}\.?\s*{_DAY}(?:[\s,،]+{_YEAR})?{_CLOCK}",
    # "ستمبر 2023", "गत जून", "last June", "पिछले साल दिसंबर", "جون کے اوائل"
    "month": rf"{BEFORE}(?:(?P<deix>{_DEIX_LN})\s+)?{_YDEIX}(?P<mon>{_MON}){AFTER}"
    rf"(?:[\s,،]+{_YEAR})?{_MOD_TAIL}",
    "ymd": r"(?<![\d./-])(?P<year>(?:19|20)\d\d)-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d)(?![\d-])",
    "dmy_num": r"(?<![\d./-])(?P<d>[0-3]?\d)[./-](?P<mo>[01]?\d)[./-](?P<year>(?:19|20)\d\d)(?![\d./-])",
    # "2008", "سال 2023", "वर्ष 2009", "1990s", "60 के दशक", "1990 کی دہائی"
    "year": rf"(?<![\d.,/-]){_YEAR_WORD}{_YEAR}(?![.,/-]?\d)",
    "decade": r"(?<![\d.,])(?P<dec>(?:1[89]|20)?\d0)(?:'?s\b|\s+(?:کی|के)\s+(?:دہائی|दशक))",
    # "منگل کے روز", "بدھ کو" (span without کو), "मंगलवार की शाम", "last Tuesday", "Tuesday morning"
    "weekday": rf"{BEFORE}(?:(?P<deix>{_DEIX})\s+)?(?P<wd>{_WD}){AFTER}(?:{_ROZ}|{_PART_TAIL}{_OCLOCK_TAIL})",
    # "تین ماہ قبل", "दो हफ्ते पहले", "three months ago", "छह महीने", "अगले 6 महीने"
    "relative": rf"{BEFORE}(?:(?P<deix>{_DEIX_LN})\s+)?(?P<num>\d+(?:[.,]\d+)?|{_NUM_WORD}|{_VAGUE_NUM})"
    rf"(?:\s*-\s*|\s+)(?P<unit>{_UNIT}){AFTER}(?:\s+(?:(?:کے|के)\s+)?(?P<dir>{_DIR}){AFTER})?",
    # "پچھلے سال", "اس سال", "رواں برس", "इस साल", "अगले महीने", "last week", "گزشتہ روز"
    "deictic": rf"{BEFORE}(?P<deix>{_DEIX})\s+"
    rf"(?:(?P<unit>{_UNIT}){AFTER}{_PART_TAIL}{_MOD_TAIL}|(?P<dpart>{_PART}))",
    # "آج", "کل رات", "कल शाम", "yesterday morning"
    "dayword": rf"{BEFORE}(?P<dw>{_alt(lx.DAY_WORDS)}){AFTER}(?:\s+(?:{_GEN}\s+)?(?P<part>{_PART}))?{AFTER}"
    rf"{_OCLOCK_TAIL}",
    # "صبح۶؍ بجے", "शाम 6 बजे", "10:54 AM IST", "रात 8 से 10 बजे"
    "clock": rf"{BEFORE}(?:(?P<part>{_PART})\s*)?(?P<hh>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?"
    rf"(?:\s*(?:سے|से|to|-)\s*(?P<hh2>[012]?\d))?\s*؍?\s*"
    rf"(?:(?P<oc>{_alt(lx.OCLOCK_WORDS)})|(?P<ampm>[ap])\.?\s?m\b\.?)(?:\s*(?P<tz>{_TZ}){AFTER})?",
    "part": rf"{BEFORE}(?P<part>{_PART}){AFTER}",
    # "हर साल", "ہر ماہ", "every week", "روزانہ", "सालाना", "समय-समय"
    "set": rf"{BEFORE}(?:(?:{_alt(lx.EVERY_WORDS)})\s+(?P<unit>{_UNIT})|(?P<adv>{_alt(lx.SET_ADVERBS)})"
    rf"|(?P<ts>समय-समय|وقتاً فوقتاً|وقتا فوقتا)){AFTER}",
    # "पूरे दिन", "दिन भर", "साल भर", and bare plural units ("घंटों", "सालों", "برسوں")
    "span": rf"{BEFORE}(?:(?:پورے|پورا|पूरे|पूरा)\s+(?P<unit>{_UNIT})|(?P<unit2>{_UNIT})\s*(?:بھر|भर)"
    rf"|(?P<plural>घंटों|सालों|महीनों|वर्षों|दशकों|बरसों|सदियों|برسوں|سالوں|مہینوں|گھنٹوں|دہائیوں)){AFTER}",
    "vague": rf"{BEFORE}(?P<vague>{_alt(lx.VAGUE_REFS)}|(?P<fest>{_alt(lx.FESTIVALS)})"
    rf"|(?P<season>{_alt(lx.SEASONS)})|(?P<vspan>{_alt(lx.VAGUE_SPAN_HEADS)}\s+{_alt(lx.VAGUE_SPAN_NOUNS)})){AFTER}",
}
_COMPILED = {name: re.compile(p) for name, p in _PATTERNS.items()}  # run on lower-cased text

_YEAR_WORDS = ("سال", "سن", "वर्ष", "साल", "सन", "year", "in")
_SPAN_HEADS = ("پورے", "پورا", "पूरे", "पूरा")
_PLURALS = (
    "घंटों",
    "सालों",
    "महीनों",
    "वर्षों",
    "दशकों",
    "बरसों",
    "सदियों",
    "برسوں",
    "سالوں",
    "مہینوں",
    "گھنٹوں",
    "دہائیوں",
)
_DEIX_ALL = lx.LAST_WORDS + lx.THIS_WORDS + lx.NEXT_WORDS
_NUMERIC = ("dmy", "ymd", "dmy_num", "year", "decade", "relative", "clock")
#: The words a pattern can open with -> the patterns to try there. A pattern is tried only where
#: one of its opening words stands (found by one regex pass), which keeps tagging at a few
#: hundred microseconds per page instead of running every pattern at every character.
_OPENERS: dict[str, tuple[str, ...]] = {
    "dmy": (*_DEIX_ALL, *lx.WEEKDAYS, *lx.NUMBERS),
    "mdy": (*lx.WEEKDAYS, *lx.MONTHS),
    "month": (*_DEIX_ALL, *lx.MONTHS),
    "year": _YEAR_WORDS,
    "weekday": (*_DEIX_ALL, *lx.WEEKDAYS),
    "relative": (*_DEIX_ALL, *lx.NUMBERS, *lx.VAGUE_NUMBERS),
    "deictic": _DEIX_ALL,
    "dayword": tuple(lx.DAY_WORDS),
    "clock": (*lx.PARTS_OF_DAY, "दिन", "دن"),
    "part": tuple(lx.PARTS_OF_DAY),
    "set": (*lx.EVERY_WORDS, *lx.SET_ADVERBS, "समय", "وقتاً", "وقتا"),
    "span": (*_SPAN_HEADS, *lx.UNITS, *_PLURALS),
    "vague": (*lx.VAGUE_REFS, *lx.FESTIVALS, *lx.SEASONS, *lx.VAGUE_SPAN_HEADS),
}


def _first_word(entry: str) -> str:
    folded = fold_marks(entry).lower().split()[0]
    return re.split(r"[-\u2010-\u2015]", folded)[0]


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, factored by shared prefixes.

    A flat alternation of ~500 words makes the regex engine try every word at every letter
    (3 ms per page of Urdu); the factored form tries one branch per letter.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


def _opener_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for kind, words in _OPENERS.items():
        for word in words:
            kinds = table.setdefault(_first_word(word), [])
            if kind not in kinds:
                kinds.append(kind)
    order = list(_PATTERNS)
    return {w: tuple(sorted(k, key=order.index)) for w, k in table.items()}


_OPENER_KINDS = _opener_table()
_DIGIT_KINDS = tuple(k for k in _PATTERNS if k in _NUMERIC)
# One pass finds every opening word or number at a word start.
# An opening word may run straight into a digit ("صبح۶؍ بجے"), so only a letter after it blocks.
_LETTER_AFTER = r"(?![^\W\d]|[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963])"
_OPENER = re.compile(BEFORE + r"(?:\d+|" + _trie(_OPENER_KINDS) + _LETTER_AFTER + ")")


# Words after a bare Urdu کل that make it "total, all" rather than a day (کل تعداد, کل جماعتی).
_KUL_NOT_DAY = re.compile(
    r"\s*(?:\d|تعداد|رقم|ملا|جماعتی|آبادی|پاکستان|ہند|مالیت|اخراجات|حجم|ووٹ|نشست|اثاثے|عالم|وقتی|-)"
)
# Urdu weekday names that are ordinary words alone: accepted before کو / تک, or with a part of
# the day or "کے روز".
_WEEKDAY_TAIL = re.compile(r"\s*(?:کو|تک)(?!\S)")  # not کے: "ہفتے کے دوران" is "during the week"
_SYRIA_TAIL = re.compile(r"\s*(?:کو|کے\s+وقت|ڈھلے)")
# Where a clause ends, for the tense test: sentence punctuation or the complementiser کہ / कि /
# that (the main verb of "said on Wednesday that … will …" comes before it).
_CLAUSE_END = re.compile(r"[۔।.?!؟\n]|\s(?:کہ|कि|that)\s")
_FUTURE = re.compile(
    r"(?<!\S)(?:گا|گی|گے)(?!\S)|(?:ہوگا|ہوگی|ہونگے)(?!\S)"
    r"|(?:" + "|".join(lx.FUTURE_SUFFIXES_HI) + r")(?![\u0900-\u097f])"
    r"|\b(?:will|shall|going to|scheduled)\b",
)
# English puts the future auxiliary before the time: "he will visit on Sunday".
_FUTURE_BEFORE = re.compile(r"\b(?:will|shall|'ll|going to|to be held)\b[^.?!;\n]*$")
# How far back (characters) the English auxiliary may stand.
FUTURE_BEFORE_WINDOW = 60
_ERGATIVE = re.compile(r"(?<!\S)(?:نے|ने)(?!\S)")
# How far past the expression (characters) the tense test looks when no clause end comes first:
# a long news sentence is ~200 characters; the verb of the expression's clause is well within.
TENSE_WINDOW = 200


def _number(raw: str) -> float | None:
    key = " ".join(raw.lower().split())
    if key in NUMBERS:
        return float(NUMBERS[key])
    try:
        return float(key.replace(",", "."))
    except ValueError:
        return None  # a vague quantity: "کچھ", "कई"


def _deixis(word: str | None) -> int | None:
    if word is None:
        return None
    key = " ".join(word.lower().split())
    if key in _LAST:
        return -1
    if key in _THIS:
        return 0
    return 1


def _key(word: str) -> str:
    return " ".join(word.lower().split())


def _is_future(folded: str, start: int, end: int) -> bool:
    if _FUTURE_BEFORE.search(folded, max(0, start - FUTURE_BEFORE_WINDOW), start):
        return True
    stop = _CLAUSE_END.search(folded, end, end + TENSE_WINDOW)
    clause = folded[end : stop.start() if stop else end + TENSE_WINDOW]
    return bool(_FUTURE.search(clause)) and not _ERGATIVE.search(clause)


def _clock(m: re.Match[str]) -> tuple[int | None, int | None, str | None]:
    if m.group("hh") is None:
        return None, None, None
    hh = int(m.group("hh"))
    ampm = (m.group("ampm") or "").lower()
    if ampm == "p" and hh < 12:
        hh += 12
    elif ampm == "a" and hh == 12:
        hh = 0
    tz = TIME_ZONES.get(_key(m.group("tz"))) if m.group("tz") else None
    return hh, int(m.group("mi") or 0), tz


def _hour(m: re.Match[str]) -> tuple[int | None, int | None]:
    """Hour and minute of an "… 6 بجے" tail, moved to the afternoon for evening and night."""
    raw = m.groupdict().get("hh")
    if raw is None:
        return None, None
    hh, part = int(raw), _part(m)
    if (part in ("AF", "EV") and hh < 12) or (part == "NI" and 5 <= hh < 12):
        hh += 12
    return hh, int(m.group("mi") or 0)


def _part(m: re.Match[str]) -> str | None:
    raw = m.groupdict().get("part")
    return PARTS.get(_key(raw)) if raw else None


def _build(kind: str, m: re.Match[str], folded: str) -> dict[str, Any] | None:
    """The Timex fields of match ``m`` of pattern ``kind``, or None when it is not a time."""
    g = m.groupdict()
    if kind in ("dmy", "mdy"):
        hh, mi, tz = _clock(m)
        year = int(g["year"]) if g.get("year") else None
        day = _number(g["day"])
        if day is None or not 1 <= day <= 31 or day != int(day):
            return None
        extra: dict[str, Any] = {}
        if g.get("ydeix") and year is None:
            extra = {"shift": float(_deixis(g["ydeix"]) or 0), "unit": "year"}
        return extra | {
            "type": "TIME" if hh is not None else "DATE",
            "year": year,
            "month": MONTHS[_key(g["mon"])],
            "day": int(day),
            "hour": hh,
            "minute": mi,
            "tz": tz,
            "part": _part(m),
        }
    if kind in ("ymd", "dmy_num"):
        return {"type": "DATE", "year": int(g["year"]), "month": int(g["mo"]), "day": int(g["d"])}
    if kind == "month":
        mon = _key(g["mon"])
        bare = not g.get("year") and not g.get("deix") and not g.get("ydeix")
        if bare and mon in lx.AMBIGUOUS_BARE_MONTHS:
            return None
        fields: dict[str, Any] = {"type": "DATE", "month": MONTHS[mon]}
        if g.get("year"):
            fields["year"] = int(g["year"])
        if g.get("ydeix"):
            fields["shift"], fields["unit"] = float(_deixis(g["ydeix"]) or 0), "year"
        if g.get("deix"):
            fields["deixis"] = _deixis(g["deix"])
        return fields
    if kind == "year":
        return {"type": "DATE", "year": int(g["year"])}
    if kind == "decade":
        dec = g["dec"]
        century = "19" if len(dec) == 2 else ""
        return {"type": "DATE", "value": (century + dec)[:3], "unit": "decade"}
    if kind == "weekday":
        wd = _key(g["wd"])
        if wd in lx.AMBIGUOUS_WEEKDAYS and not (g.get("roz") or g.get("part")):
            if not _WEEKDAY_TAIL.match(folded, m.end()):
                return None
            if g.get("deix") is not None and _deixis(g["deix"]) is not None and wd.startswith("ہفت"):
                return None  # "گزشتہ ہفتے" is "last week"
        hh, mi = _hour(m)
        fields = {"type": "DATE", "weekday": WEEKDAYS[wd], "deixis": _deixis(g.get("deix")), "part": _part(m)}
        return fields | ({"type": "TIME", "hour": hh, "minute": mi} if hh is not None else {})
    if kind == "relative":
        unit = str(UNITS[_key(g["unit"])])
        num = _number(g["num"])
        direction = _key(g["dir"]) if g.get("dir") else None
        deix = _deixis(g.get("deix"))
        if direction is None:
            amount = "X" if num is None else _fmt(num)
            return {"type": "DURATION", "unit": unit, "value": _duration(amount, unit), "deixis": deix}
        sign = -1.0 if direction in _BEFORE_DIR else 1.0
        if num is None:
            return {"type": "DATE", "unit": unit, "value": "PAST_REF" if sign < 0 else "FUTURE_REF"}
        return {"type": "DATE", "unit": unit, "shift": sign * num}
    if kind == "deictic":
        deix = _deixis(g["deix"])
        if g.get("dpart"):  # "अगली सुबह", "پچھلی رات": the next morning, last night
            part = str(PARTS[_key(g["dpart"])])
            if deix == 0:
                return {"type": "TIME", "unit": "day", "shift": 0.0, "part": part}
            return {"type": "TIME", "unit": "day", "shift": float(deix or 0), "part": part}
        unit = str(UNITS[_key(g["unit"])])
        if unit == "day" and deix == 0:
            return {"type": "DATE", "value": "PAST_REF"}  # "اس دن", "इस दिन": the day just told
        return {"type": "DATE", "unit": unit, "shift": float(deix or 0), "part": _part(m)}
    if kind == "dayword":
        word = _key(g["dw"])
        if word == "کل" and _KUL_NOT_DAY.match(folded, m.end("dw")):
            return None
        if word == "कल" and folded[m.end("dw") : m.end("dw") + 1] == "-":
            return None
        offset = DAY_WORDS[word]
        hh, mi = _hour(m)
        base: dict[str, Any] = {"type": "DATE", "unit": "day", "part": _part(m)}
        clock: dict[str, Any] = {"type": "TIME", "hour": hh, "minute": mi} if hh is not None else {}
        if offset is None:
            return base | {"shift": float(AMBIGUOUS_DAYS[word]), "ambiguous_day": True} | clock
        return base | {"shift": float(offset)} | clock
    if kind == "clock":
        hh, mi, tz = _clock(m)
        if g.get("ampm") is None and g.get("oc") is None:
            return None
        if hh is None or hh > 24:
            return None
        if g.get("hh2"):
            span = int(g["hh2"]) - int(g["hh"])
            return {"type": "DURATION", "value": f"PT{span % 12 or 12}H", "unit": "hour"}
        at = _part(m) if g.get("part") not in ("दिन", "دن") else "DT"
        if at in ("AF", "EV", "NI") and hh < 12 and g.get("ampm") is None:
            hh = hh + 12 if not (at == "NI" and hh < 5) else hh
        return {"type": "TIME", "hour": hh, "minute": mi, "tz": tz, "part": at}
    if kind == "part":
        word = _key(g["part"])
        if word in lx.SYRIA_AMBIGUOUS and not _SYRIA_TAIL.match(folded, m.end()):
            return None
        return {"type": "TIME", "part": PARTS[word]}
    if kind == "set":
        if g.get("ts"):
            return {"type": "SET", "value": "PXX", "unit": "vague"}
        unit = str(UNITS[_key(g["unit"])]) if g.get("unit") else str(SET_ADVERBS[_key(g["adv"])])
        return {"type": "SET", "unit": unit, "value": _duration("1", unit)}
    if kind == "span":
        raw = g.get("unit") or g.get("unit2")
        if raw:
            unit = str(UNITS[_key(raw)])
            return {"type": "DURATION", "unit": unit, "value": _duration("1", unit)}
        plural = {"घंटों": "hour", "گھنٹوں": "hour", "महीनों": "month", "مہینوں": "month"}
        plural |= {"दशकों": "decade", "دہائیوں": "decade", "सदियों": "century"}
        unit = plural.get(_key(g["plural"]), "year")
        return {"type": "DURATION", "unit": unit, "value": _duration("X", unit)}
    if kind == "vague":
        if g.get("fest"):
            return {"type": "DATE", "value": "XXXX-XX-XX"}
        if g.get("season"):
            return {"type": "DATE", "value": "XXXX-" + str(SEASONS[_key(g["season"])])}
        if g.get("vspan"):
            return {"type": "DURATION", "value": "PXX", "unit": "vague"}
        return {"type": "DATE", "value": VAGUE[_key(g["vague"])]}
    raise ValueError(f"no builder for pattern {kind!r}")


def _fmt(num: float) -> str:
    return str(int(num)) if num == int(num) else str(num)


def _duration(amount: str, unit: str) -> str:
    """ISO 8601 duration: ``_duration("3", "month")`` is ``P3M``; hours and minutes go after T."""
    letter, timepart = lx.UNIT_ISO[unit]
    if unit == "decade":
        amount, letter = (str(int(float(amount)) * 10) if amount != "X" else "X"), "Y"
    elif unit == "century":
        amount, letter = (str(int(float(amount)) * 100) if amount != "X" else "X"), "Y"
    return f"PT{amount}{letter}" if timepart else f"P{amount}{letter}"


#: Kinds whose meaning depends on the tense of their clause.
_TENSED = frozenset({"dmy", "mdy", "month", "weekday", "dayword"})


def tag(text: str, offset: int = 0) -> list[Timex]:
    """Every time expression in ``text``, leftmost-longest, with spans shifted by ``offset``.

    >>> [t.text for t in tag("شوئیگو منگل کے روز پہنچے، تین ماہ قبل معاہدہ ہوا")]
    ['منگل کے روز', 'تین ماہ قبل']
    """
    folded, index = fold_marks_indexed(text)
    # One code point lower-cases to two (U+0130); fold leaves it, so map it first to keep offsets.
    folded = folded.replace("\u0130", "i").lower()
    hits: list[tuple[int, int, str, re.Match[str]]] = []
    for opener in _OPENER.finditer(folded):
        pos = opener.start()
        word = opener.group()
        for kind in _DIGIT_KINDS if word[0].isdigit() else _OPENER_KINDS[word]:
            m = _COMPILED[kind].match(folded, pos)
            if m is not None and m.end() > pos:
                hits.append((pos, -m.end(), kind, m))
    hits.sort(key=lambda h: (h[0], h[1]))
    out: list[Timex] = []
    last_end = 0
    for start, neg_end, kind, m in hits:
        end = -neg_end
        if start < last_end:
            continue
        fields = _build(kind, m, folded)
        if fields is None:
            continue
        if kind in _TENSED:
            fields["future"] = _is_future(folded, start, end)
        s, e = index[start], index[end - 1] + 1
        out.append(Timex(start=s + offset, end=e + offset, text=text[s:e], **fields))
        last_end = end
    return out
