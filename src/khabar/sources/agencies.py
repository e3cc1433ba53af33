"""Find the news agencies a text names as its sources (KCNA, AP/PTI, رائٹرز, पीटीआई).

The alias table lives in ``data/agencies.json``; this module only compiles and applies it.
Matching runs on a *folded* copy of the text (Arabic-coded Urdu letters mapped to Urdu ones,
harakat, nukta and zero-width marks dropped, all digits made ASCII) that keeps an index back
to the original, so every hit is reported as a span of the text it was given. Folding lives in
:mod:`khabar.text.fold`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khabar.document import CitedSource
from khabar.kb.agencies import agency_table
from khabar.text.fold import fold_marks, fold_marks_indexed
from khabar.text.tokens import AFTER, BEFORE


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]  # every alias in one alternation, longest first
    exact: dict[str, tuple[str, bool]]  # folded alias -> (agency, ambiguous)
    caseless: dict[str, tuple[str, bool]]  # lower-cased alias -> (agency, ambiguous)


def _key(surface: str) -> str:
    return " ".join(surface.split())


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    exact: dict[str, tuple[str, bool]] = {}
    caseless: dict[str, tuple[str, bool]] = {}
    parts: list[tuple[int, str]] = []
    for canon, entry in agency_table().items():
        for field_name, ambiguous in (("aliases", False), ("ambiguous", True)):
            for alias in entry.get(field_name, []):
                folded = _key(fold_marks(alias))
                if folded in exact or folded.lower() in caseless:
                    continue
                body = r"\s+".join(re.escape(tok) for tok in folded.split())
                if folded.isascii() and folded.upper() == folded:
                    exact[folded] = (canon, ambiguous)  # "AP", "PTI": capitals only
                else:
                    caseless[folded.lower()] = (canon, ambiguous)
                    body = f"(?i:{body})"
                parts.append((len(folded), body))
    alternation = "|".join(body for _, body in sorted(parts, key=lambda p: -p[0]))
    return _Matcher(re.compile(f"{BEFORE}(?:{alternation}){AFTER}"), exact, caseless)


# Words that label a credit: "(فوٹو: رائٹرز)", "Source: AP", "(With inputs from PTI)".
_CREDIT_LABELS = (
    "photo",
    "photos",
    "file photo",
    "file",
    "image",
    "images",
    "source",
    "sources",
    "credit",
    "courtesy",
    "via",
    "with inputs from",
    "inputs from",
    "getty images",
    "shutterstock",
    "فوٹو",
    "تصویر",
    "فائل فوٹو",
    "فائل",
    "ماخذ",
    "بشکریہ",
    "بحوالہ",
    "स्रोत",
    "फोटो",
    "फाइल फोटो",
    "तस्वीर",
    "फाइल",
    "सोर्स",
    "साभार",
    "इनपुट",
)
_LABELS_ALT = "|".join(re.escape(fold_marks(w)) for w in sorted(_CREDIT_LABELS, key=len, reverse=True))
_LABEL_BEFORE = re.compile(rf"{BEFORE}(?:{_LABELS_ALT})\s*[:：\-–—]?\s*\(?\s*$", re.IGNORECASE)
_LABEL_ANY = re.compile(rf"{BEFORE}(?:{_LABELS_ALT}){AFTER}", re.IGNORECASE)
_CREDIT_FILLER = re.compile(r"(?i)(?:\band\b|\bwith\b|اور|और|[\s/,&|:：;\-–—.۔،])+")
# A nearby word that says "news agency" makes a short alias a cited agency.
_AGENCY_WORD = re.compile(r"(?i)news agency|agency|wire service|ایجنسی|خبر رساں|एजेंसी|समाचार")
# How far (characters, same line) the agency word may be from the alias: one or two words
# either side in the seed sentences ("آر آئی اے خبر رساں ایجنسی", "news agency AP said").
AGENCY_WORD_WINDOW = 30
# Longest credit parenthesis examined: "( اے پی / پی ٹی آئی)" is 21 characters; beyond ~60
# a parenthesis is prose, not a credit.
MAX_CREDIT_PAREN = 60


def agency_hits(folded: str) -> list[tuple[int, int, str, bool]]:
    """Alias matches in folded text, longest first at each place: (start, end, agency, ambiguous).

    No source cue is checked here; see :func:`find_agencies`.
    """
    matcher = _matcher()
    out = []
    for m in matcher.pattern.finditer(folded):
        key = _key(m.group(0))
        found = matcher.exact.get(key) or matcher.caseless.get(key.lower())
        if found is not None:  # None only if Unicode case folding disagrees with str.lower
            out.append((m.start(), m.end(), *found))
    return out


def is_credit(folded: str) -> bool:
    """True when ``folded`` text is only agency names and credit labels ("AP/PTI", "فوٹو: رائٹرز")."""
    hits = agency_hits(folded)
    if not hits:
        return False
    rest = folded
    for s, e, _, _ in reversed(hits):
        rest = rest[:s] + " " + rest[e:]
    rest = _LABEL_ANY.sub(" ", rest)
    return not _CREDIT_FILLER.sub("", rest)


def _enclosing_paren(folded: str, s: int, e: int) -> tuple[int, int] | None:
    open_at = folded.rfind("(", max(0, s - MAX_CREDIT_PAREN), s)
    if open_at < 0 or ")" in folded[open_at:s] or "\n" in folded[open_at:s]:
        return None
    close_at = folded.find(")", e, e + MAX_CREDIT_PAREN)
    if close_at < 0 or "(" in folded[e:close_at] or "\n" in folded[e:close_at]:
        return None
    return open_at, close_at


# Before a credit parenthesis: nothing, sentence punctuation, a dash, a date or an all-capital
# wire dateline ("NEW DELHI (PTI)", "Mumbai, Sep 14 (PTI)"). After a plain word it is more
# likely an abbreviation being defined: "Andhra Pradesh (AP)", "پاکستان تحریک انصاف (پی ٹی آئی)".
_CREDIT_LEAD = re.compile(r"(?:^|[.۔।!?؟|:\-–—]|\d|(?<![a-z])[A-Z][A-Z .,]+)\s*$")


def _credit_paren(folded: str, line_start: int, line_end: int, open_at: int, close_at: int) -> bool:
    inner = folded[open_at + 1 : close_at]
    if not is_credit(inner):
        return False
    if len(agency_hits(inner)) > 1 or _LABEL_ANY.search(inner):
        return True  # "AP/PTI", "فوٹو: رائٹرز"
    if not folded[close_at + 1 : line_end].strip(" .۔।|-–—"):
        return True  # closes the line
    return _CREDIT_LEAD.search(folded[line_start:open_at]) is not None


def _has_cue(folded: str, s: int, e: int) -> bool:
    line_start = folded.rfind("\n", 0, s) + 1
    line_end = folded.find("\n", e)
    line_end = len(folded) if line_end < 0 else line_end
    paren = _enclosing_paren(folded, s, e)
    if paren is not None and _credit_paren(folded, line_start, line_end, *paren):
        return True
    before = folded[line_start:s]
    if _LABEL_BEFORE.search(before[-AGENCY_WORD_WINDOW:]):
        return True
    window = folded[max(line_start, s - AGENCY_WORD_WINDOW) : min(line_end, e + AGENCY_WORD_WINDOW)]
    if _AGENCY_WORD.search(window):
        return True
    # a wire credit closing a line: "... said. — PTI"
    return not folded[e:line_end].strip(" .۔।") and re.search(r"[-–—|]\s*$", before) is not None


def find_agencies(text: str) -> list[CitedSource]:
    """Every agency ``text`` names as a source, in text order, as spans of ``text``.

    Short ambiguous names ("AP", "پی ٹی آئی") count only with a source cue next to them.
    """
    folded, index = fold_marks_indexed(text)
    out: list[CitedSource] = []
    for s, e, agency, ambiguous in agency_hits(folded):
        if ambiguous and not _has_cue(folded, s, e):
            continue
        start, end = index[s], index[e - 1] + 1
        out.append(CitedSource(kind="agency", value=agency, start=start, end=end, surface=text[start:end]))
    return out
