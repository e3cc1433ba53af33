"""Menus, language switchers and statistics tables inside an extracted page body.

Extractors keep some page furniture as body lines: a menu written as one line of short items
(``होम | बाजार | कंपनियां | …``, ``Download App | Subscribe to Newsletter | …``), a language
switcher (``English | हिंदी``), and tables of figures (a district-wise COVID table under an
English article, written by trafilatura as ``| Mysuru | 412 | 133 | 2 |`` rows). The boilerplate
filter asks :func:`menu_reason` of every short line and :func:`table_rows` of the whole page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from khabar.timex.datelines import find_date

# A menu line has at least this many items, none longer than this many words.
MENU_MIN_ITEMS = 3
MENU_ITEM_MAX_WORDS = 5
# A table whose rows are this share or more "figure rows" (half their cells numbers) is statistics.
FIGURE_ROWS_MIN_SHARE = 0.5
# Fewest rows of a statistics table (header included): one row of figures may be a fact box.
TABLE_MIN_ROWS = 3

# Names of languages as switchers write them, in their own script and in English.
_NAMES = (
    "english hindi urdu marathi bengali bangla gujarati punjabi tamil telugu kannada malayalam odia "
    "oriya assamese sindhi pashto kashmiri nepali arabic persian "
    "हिंदी हिन्दी मराठी अंग्रेजी अंग्रेज़ी इंग्लिश उर्दू বাংলা ગુજરાતી ਪੰਜਾਬੀ தமிழ் తెలుగు ಕನ್ನಡ മലയാളം ଓଡ଼ିଆ "
    "اردو انگریزی پنجابی سندھی پشتو ہندی عربی"
)
LANGUAGE_NAMES = frozenset(_NAMES.split())
_ITEM_SEP = re.compile(r"\s*[|•·]\s*|\s+/\s+")
_SENTENCE_END = re.compile(r"[.!?۔؟।]$")
_NUMBER = re.compile(r"^[\d.,:%+\-−–() ]+$|^[\d.,]+\s*(?:%|lakh|crore|cr|k|m)?$", re.IGNORECASE)


def _items(key: str) -> list[str]:
    return [i.strip() for i in _ITEM_SEP.split(key) if i.strip()]


def menu_reason(line: str, key: str) -> str | None:
    """``language_switcher`` or ``menu`` for a one-line menu, else None. ``key`` is its line key."""
    if line.lstrip().startswith("|"):
        return None  # a table row
    items = _items(key)
    if len(items) >= 2 and all(i in LANGUAGE_NAMES for i in items):
        return "language_switcher"
    if len(items) < MENU_MIN_ITEMS or find_date(line) is not None:
        return None
    if all(len(i.split()) <= MENU_ITEM_MAX_WORDS and not _SENTENCE_END.search(i) for i in items):
        return "menu"
    return None


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _is_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3


def _figure_row(line: str) -> bool:
    cells = [c for c in _cells(line) if c and set(c) - set("-: ")]
    return bool(cells) and sum(_NUMBER.match(c) is not None for c in cells) * 2 >= len(cells)


def table_rows(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines that are rows of a statistics table (mostly figures)."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if not _is_row(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and _is_row(lines[j]):
            j += 1
        rows = [k for k in range(i, j) if set(lines[k]) - set("|-: ")]
        figures = sum(_figure_row(lines[k]) for k in rows)
        if len(rows) >= TABLE_MIN_ROWS and figures >= FIGURE_ROWS_MIN_SHARE * len(rows):
            out.update(range(i, j))
        i = j
    return out
