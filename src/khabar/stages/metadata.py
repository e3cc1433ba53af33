"""The metadata stage: cited sources, outlet, and the publication date with its provenance.

Dates are read from every place a page states one (HTML meta tags, reader fields, an
"Updated:" line, a date banner at the top, the URL, the file time), each kept as a candidate
with a source and a confidence; the most trustworthy one becomes ``Document.published``.
The date reader understands English, Urdu and Hindi month names and Urdu/Devanagari digits;
the clean stage uses it too, to recognise date lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from khabar.document import CitedSource, Document, Provenance, PublishedDate
from khabar.pipeline import stage
from khabar.stages.agencies import AFTER, BEFORE, find_agencies, fold, fold_for_match
from khabar.timex import lexicon

# Confidence of each kind of date candidate. Set by hand (no dated gold set exists for
# Urdu/Hindi pages) as a ranking: explicit publication meta tags (0.9) and htmldate's choice
# (0.75), both set in html_extract, and reader fields are what publishers mean as the date;
# an "Updated:" line
# is at or after publication; a date in the URL is usually the publication day; a banner at
# the very top is often the day the page was rendered (seed 004 shows 2026-02-18 over an
# older story); the file time is only when we got it.
JSONL_CONFIDENCE = 0.85
PUBLISHED_LINE_CONFIDENCE = 0.8
UPDATED_LINE_CONFIDENCE = 0.7
URL_CONFIDENCE = 0.6
TEXT_DATE_LINE_CONFIDENCE = 0.5
PAGE_HEADER_CONFIDENCE = 0.3
FILE_MTIME_CONFIDENCE = 0.1
# A candidate later than the fetch time cannot be the publication date as stated; it keeps
# this share of its confidence (it may still be right if the clock or zone is off).
FUTURE_PENALTY = 0.5
# Years accepted as publication years.
MIN_YEAR, MAX_YEAR = 1990, 2100
# A date line holds a date plus at most this many other words (weekday and label aside):
# "Updated: September 14, 2023, 10:54 AM IST | Pyongyang" has one (the place).
DATELINE_EXTRA_WORDS = 3
# ... and at most this many other letters (scripts without spaces make one long "word").
DATELINE_EXTRA_LETTERS = 30
DATELINE_MAX_WORDS = 16

# Month and weekday names are the time grammar's (khabar.timex.lexicon), folded as this
# module folds the text it reads.
MONTHS: dict[str, int] = {fold(name): number for name, number in lexicon.MONTHS.items()}
# English weekday abbreviations appear in datelines ("Wed, Feb 18, 2026"), not in prose.
WEEKDAYS = frozenset(
    [fold(w).casefold() for w in lexicon.WEEKDAYS]
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
    r"(?:\s*(?P<ampm>[ap])\.?m(?![a-z])\.?)?"
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
_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?۔।،'\"”’»|"
_SOURCE_LABEL_URL = re.compile(
    r"(?:ماخذ|स्रोत|सोर्स|source|sources|بشکریہ|courtesy|via|साभार)\s*[:：]\s*(https?://[^\s<>\"'()\[\]{}]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateHit:
    """A date found in a string: ISO value and its span in that string."""

    value: str
    start: int
    end: int


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
    ampm = (m.group("ampm") or "").lower()
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
    folded, index = fold_for_match(text)
    best: tuple[int, int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(folded):
            value = _value(m)
            if value is None:
                continue
            if best is None or (m.start(), -m.end()) < (best[0], -best[1]):
                best = (m.start(), m.end(), value)
            break
    if best is None:
        return None
    s, e, value = best
    return DateHit(value, index[s], index[e - 1] + 1)


def dateline_label(line: str) -> str | None:
    """Which label ``line`` starts with: "published", "updated" ("Updated:", "اپ ڈیٹ"), or None."""
    m = _LABEL.match(fold(line).strip())
    if m is None:
        return None
    return "updated" if m.group("upd") else "published"


def is_dateline(line: str) -> bool:
    """True when ``line`` is a date line: a labelled date ("Updated: …") or a bare date banner."""
    words = line.split()
    if len(words) > DATELINE_MAX_WORDS:
        return False
    hit = find_date(line)
    labelled = dateline_label(line) is not None
    if labelled and (hit is not None or _RELATIVE.search(line)):
        return True
    if hit is None:
        return False
    rest = fold(line[: hit.start] + " " + line[hit.end :]).casefold()
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


def _candidate(value: str, source: str, confidence: float, evidence: str, **span: int) -> dict[str, Any]:
    return {"value": value, "source": source, "confidence": confidence, "evidence": evidence, **span}


def _line_candidates(doc: Document) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen_content = False
    for seg in doc.segments:
        if seg.kind != "dateline":
            seen_content = True
            continue
        line = doc.text[seg.start : seg.end]
        hit = find_date(line)
        if hit is None:
            continue
        label = dateline_label(line)
        if label is not None:
            source = "updated_line"
            conf = UPDATED_LINE_CONFIDENCE if label == "updated" else PUBLISHED_LINE_CONFIDENCE
        elif not seen_content:
            source, conf = "page_header", PAGE_HEADER_CONFIDENCE
        else:
            source, conf = "text", TEXT_DATE_LINE_CONFIDENCE
        span = {"start": seg.start + hit.start, "end": seg.start + hit.end}
        out.append(_candidate(hit.value, source, conf, line, **span))
    return out


def date_candidates(doc: Document) -> list[dict[str, Any]]:
    """Every publication-date candidate the document offers, as dicts (value, source, …)."""
    out = [dict(c) for c in doc.meta.get("date_candidates") or []]
    published = doc.meta.get("published")
    if published:
        raw = str(published)
        value = parse_iso(raw) or (hit.value if (hit := find_date(raw)) else None)
        if value:
            out.append(_candidate(value, "jsonl", JSONL_CONFIDENCE, raw))
    out.extend(_line_candidates(doc))
    if doc.source.url and (value := url_date(doc.source.url)):
        out.append(_candidate(value, "url", URL_CONFIDENCE, doc.source.url))
    fetched = parse_iso(doc.source.fetched) if doc.source.fetched else None
    if fetched is None:
        return out
    for c in out:
        if c["value"][:10] > fetched[:10]:
            c["confidence"] = round(c["confidence"] * FUTURE_PENALTY, 3)
    out.append(_candidate(fetched, "file_mtime", FILE_MTIME_CONFIDENCE, str(doc.source.fetched)))
    return out


def pick_published(candidates: list[dict[str, Any]]) -> PublishedDate | None:
    """The most trustworthy candidate as a PublishedDate (first one wins a tie), or None."""
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c["confidence"])  # max keeps the first of equals
    return PublishedDate(
        value=best["value"],
        source=best["source"],
        confidence=best["confidence"],
        evidence=best.get("evidence", ""),
        candidates=candidates,
    )


def cited_urls(doc: Document) -> list[CitedSource]:
    """URLs the page gives as its source: every URL on a source line, and "ماخذ: https://…" inline."""
    found: dict[tuple[int, int], CitedSource] = {}

    def add(start: int, url: str) -> None:
        url = url.rstrip(_URL_TRAIL)
        if url.count(")") > url.count("("):
            url = url.rstrip(")")
        found.setdefault((start, start + len(url)), CitedSource("url", url, start, start + len(url), url))

    for seg in doc.segments:
        if seg.kind == "source":
            for m in _URL.finditer(doc.text, seg.start, seg.end):
                add(m.start(), m.group(0))
    for m in _SOURCE_LABEL_URL.finditer(doc.text):
        add(m.start(1), m.group(1))
    return [found[k] for k in sorted(found)]


def outlet_of(doc: Document) -> str | None:
    """The publishing outlet: the reader's ``source.outlet``, else the URL's host without "www."."""
    if doc.source.outlet:
        return doc.source.outlet
    if doc.source.url:
        host = urlsplit(doc.source.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


@stage("metadata", requires=("text", "segments", "frozen"), assigns=("published", "provenance"))
def metadata(doc: Document) -> Document:
    """Fill ``provenance`` (outlet, URL, cited URLs and agencies) and ``published``."""
    cited = cited_urls(doc) + find_agencies(doc.text)
    cited.sort(key=lambda c: (c.start, c.kind))
    doc.provenance = Provenance(
        outlet=outlet_of(doc),
        url=doc.source.url,
        cited=cited,
        translation_of=doc.provenance.translation_of,
    )
    doc.published = pick_published(date_candidates(doc))
    return doc
