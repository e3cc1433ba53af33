"""Calendar dates written in text: date lines, labels ("Updated:", "اپ ڈیٹ", "प्रकाशित"), URL dates.

The date reader understands English, Urdu and Hindi month names and Urdu/Devanagari digits;
the metadata stage reads publication-date candidates with it and the clean stage uses it to
recognise date lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from khabar.text.fold import fold_marks, fold_marks_indexed
from khabar.text.tokens import AFTER, BEFORE
from khabar.timex import lexicon

# Years accepted as publication years.
MIN_YEAR, MAX_YEAR = 1990, 2100
# A date line holds a date plus at most this many other words (weekday and label aside):
# "Updated: September 14, 2023, 10:54 AM IST | Pyongyang" has one (the place).
DATELINE_EXTRA_WORDS = 3
# ... and at most this many other letters (scripts without spaces make one long "word").
DATELINE_EXTRA_LETTERS = 30
DATELINE_MAX_WORDS = 16
# A date line joins at most this many parts with "|" ("Published … | Updated … | Place").
DATELINE_MAX_PARTS = 4

# Month and weekday names are the time grammar's (khabar.timex.lexicon), folded as this
# module folds the text it reads.
MONTHS: dict[str, int] = {fold_marks(name): number for name, number in lexicon.MONTHS.items()}
# English weekday abbreviations appear in datelines ("Wed, Feb 18, 2026"), not in prose.
WEEKDAYS = frozenset(
    [fold_marks(w).casefold() for w in lexicon.WEEKDAYS]
    + ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
)
# Zones as the time grammar reads them, plus two dateline forms: Pakistani pages write "PST"
# for Pakistan Standard Time, and ISO stamps end in "Z".
TZ_OFFSETS = {**lexicon.TIME_ZONES, "pst": "+05:00", "z": "+00:00"}

_MONTH = "(?P<mon>" + "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![^\Wء])"  # Urdu may write "2023ء"
_SEP = r"[\s,،]*"
_TIME = (
    r"(?:(?:[\s,،|]*(?:at\s+)?|T)(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap])\.?m(?![a-z])\.?|\s*(?P<part>صبح|شام|رات|دوپہر|सुबह|शाम|रात|दोपहर)" + AFTER + ")?"
    r"(?:\s*\(?(?:(?:gmt|utc)?\s*(?P<sign>[+-])(?P<oh>\d{1,2}):?(?P<om>\d\d)?"
    r"|(?P<tz>ist|pkt|pst|gmt|utc|kst|ict|msk|npt|z))\)?" + AFTER + ")?)?"
)
_DATE_PATTERNS = (
    re.compile(rf"{BEFORE}{_MONTH}{AFTER}\.?{_SEP}{_DAY}{_SEP}{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(
        rf"(?<!\d){_DAY}(?:\s*-\s*|{_SEP}){BEFORE}{_MONTH}{AFTER}\.?(?:\s*-\s*|{_SEP}){_YEAR}{_TIME}",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<!\d){_YEAR}-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d)(?!\d){_TIME}", re.IGNORECASE),
    re.compile(r"(?<![\d/.])(?P<d>[0-3]?\d)[./-](?P<mo>[01]?\d)[./-]" + _YEAR + _TIME, re.IGNORECASE),
)
# Indian and Pakistani pages write all-numeric dates day first ("09-03-2023" is 9 March).
_DAY_FIRST = _DATE_PATTERNS[-1]
_LABEL = re.compile(
    r"^(?:(?P<upd>last updated|updated on|updated at|updated|last modified|modified|اپ ڈیٹ شدہ|اپ ڈیٹڈ"
    r"|اپڈیٹڈ|اپ ڈیٹ|اپڈیٹ|अंतिम अपडेट|अपडेटेड|अपडेट)"
    r"|(?P<pub>first published|published on|published at|published|posted on|posted|publish date|date"
    r"|تاریخ اشاعت|شائع شدہ|شائع ہوا|شائع|प्रकाशन तिथि|प्रकाशित तिथि|प्रकाशित|पब्लिश्ड))"
    + AFTER
    + r"\s*(?:on|at)?\s*[:：\-–—|]?",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"\d{4}-?\d\d-?\d\d")
_RELATIVE = re.compile(r"(?i)\bago\b|پہلے|पहले")
_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:[/-]|$|\.)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{0,9})(?!\d)"),
)


# A part of the day written after a clock time stands for am/pm: "۰۹:۱۵ شام" is 21:15.
_PART_OF_DAY = {
    **dict.fromkeys(("صبح", "सुबह"), "a"),
    **dict.fromkeys(("شام", "शाम", "دوپہر", "दोपहर", "رات", "रात"), "p"),
}
_NIGHT = frozenset({"رات", "रात"})
# "At night" before this hour is after midnight ("रात 2:30" = 02:30).
NIGHT_AM_BEFORE = 5


@dataclass(frozen=True)
class DateHit:
    """A date found in a string: ISO value and its span in that string.

    ``alternative`` is the month-day reading of an all-numeric date whose day and month could
    be swapped ("09-03-2023": 9 March, or 3 September), None when the order is certain.
    """

    value: str
    start: int
    end: int
    alternative: str | None = None


def _iso(y: int, mo: int, d: int, m: re.Match[str]) -> str | None:
    if not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if m.group("hh") is None:
        return day.isoformat()
    hh, mi, ss = int(m.group("hh")), int(m.group("mi")), int(m.group("ss") or 0)
    ampm = (m.group("ampm") or "").lower() or _PART_OF_DAY.get(m.group("part") or "", "")
    if ampm == "p" and m.group("part") in _NIGHT and hh < NIGHT_AM_BEFORE:
        ampm = ""  # "رات ۲:۳۰" is half past two at night, not in the afternoon
    if ampm == "p" and hh < 12:
        hh += 12
    elif ampm == "a" and hh == 12:
        hh = 0
    value = f"{day.isoformat()}T{hh:02d}:{mi:02d}:{ss:02d}"
    if m.group("tz"):
        value += TZ_OFFSETS[m.group("tz").lower()]
    elif m.group("sign"):
        value += f"{m.group('sign')}{int(m.group('oh')):02d}:{m.group('om') or '00'}"
    return value


def _swapped(m: re.Match[str], value: str) -> str | None:
    """The month-first reading of a day-first numeric date, when both readings are dates."""
    d, mo = int(m.group("d")), int(m.group("mo"))
    if d == mo or d > 12:
        return None
    other = _iso(int(m.group("year")), d, mo, m)
    return other if other and other != value else None


def _value(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("mon"):
        return _iso(int(m.group("year")), MONTHS[m.group("mon").lower()], int(m.group("day")), m)
    return _iso(int(m.group("year")), int(m.group("mo")), int(m.group("d")), m)


def find_date(text: str) -> DateHit | None:
    """The first calendar date written in ``text`` (English, Urdu or Hindi), or None.

    "September 14, 2023, 10:54 AM IST" gives ``2023-09-14T10:54:00+05:30``; "بدھ, فروری 18,
    2026" gives ``2026-02-18``; "۱۸ فروری ۲۰۲۶" and "18 फ़रवरी 2026" parse too.
    """
    folded, index = fold_marks_indexed(text)
    best: tuple[int, int, str, str | None] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(folded):
            value = _value(m)
            if value is None:
                continue
            if best is None or (m.start(), -m.end()) < (best[0], -best[1]):
                best = (m.start(), m.end(), value, _swapped(m, value) if pattern is _DAY_FIRST else None)
            break
    if best is None:
        return None
    s, e, value, alternative = best
    return DateHit(value, index[s], index[e - 1] + 1, alternative)


def dateline_label(line: str) -> str | None:
    """Which label ``line`` starts with: "published", "updated" ("Updated:", "اپ ڈیٹ"), or None."""
    m = _LABEL.match(fold_marks(line).strip())
    if m is None:
        return None
    return "updated" if m.group("upd") else "published"


def dateline_parts(line: str) -> list[tuple[int, str]]:
    """The parts of a date line joined by "|", each with its offset in ``line``.

    "Publish Date: Thu, 30 Nov 2017 02:40 PM (IST) | Updated Date: …" has two labelled parts;
    "09-03-2023 | 7:44 pm" is one date (a part without a date or label belongs to the one
    before it). A line without "|" is its own single part.
    """
    parts: list[tuple[int, str]] = []
    pos = 0
    for piece in line.split("|"):
        text = piece.strip()
        if text:
            offset = pos + piece.index(text)
            if parts and dateline_label(text) is None and find_date(text) is None:
                start = parts[-1][0]
                parts[-1] = (start, line[start : offset + len(text)])
            else:
                parts.append((offset, text))
        pos += len(piece) + 1
    return parts or [(0, line)]


def is_dateline(line: str) -> bool:
    """True when ``line`` is a date line: a labelled date ("Updated: …") or a bare date banner.

    A line of several labelled dates joined by "|" is one too.
    """
    if "|" in line and line.count("|") <= DATELINE_MAX_PARTS:
        parts = dateline_parts(line)
        if len(parts) > 1:
            return all(_is_single_dateline(p) for _, p in parts)
    return _is_single_dateline(line)


def _is_single_dateline(line: str) -> bool:
    words = line.split()
    if len(words) > DATELINE_MAX_WORDS:
        return False
    hit = find_date(line)
    labelled = dateline_label(line) is not None
    if labelled and (hit is not None or _RELATIVE.search(line)):
        return True
    if hit is None:
        return False
    rest = fold_marks(line[: hit.start] + " " + line[hit.end :]).casefold()
    rest_words = [w for w in re.split(r"[\s,،|:：\-–—/]+", rest) if w and any(c.isalpha() for c in w)]
    extra = [w for w in rest_words if w.strip(".") not in WEEKDAYS]
    letters = sum(c.isalpha() for w in extra for c in w)
    return len(extra) <= DATELINE_EXTRA_WORDS and letters <= DATELINE_EXTRA_LETTERS


def parse_iso(value: str) -> str | None:
    """``value`` as a normalised ISO 8601 date or datetime, or None when it is not one."""
    value = value.strip()
    try:
        if _ISO_DAY.fullmatch(value):  # a bare day stays a day, not midnight
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def url_date(url: str) -> str | None:
    """The publication date written in a URL's path ("/2023/09/14/", "-20241129154226900.htm")."""
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            try:
                day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            if MIN_YEAR <= day.year <= MAX_YEAR:
                return day.isoformat()
    return None
