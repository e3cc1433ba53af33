"""Cleaning one document: page debris out, every kept line labelled with its role.

Web pages are first reduced to their main text (:mod:`khabar.clean.html_extract`), which
becomes ``raw``. Then every document is read line by line: the boilerplate filter drops
debris into ``removed`` with a reason, and each kept line becomes a segment — title, heading,
dateline, caption, source line or body. ``text`` is the kept lines, stripped, one per line;
``raw_map`` maps every position of ``text`` back into ``raw``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from khabar.clean.boilerplate import classify_lines, is_prose, line_key
from khabar.clean.guard import check_markup
from khabar.clean.headline import choose_title, page_titles
from khabar.clean.html_extract import meta_dates
from khabar.clean.isolated import extract_within_budget
from khabar.clean.page_kind import listing_text
from khabar.document import Document, Removed, Segment
from khabar.errors import Reject
from khabar.sources.agencies import agency_hits, is_credit
from khabar.text.fold import fold_marks
from khabar.text.offsets import OffsetMap
from khabar.timex.datelines import is_dateline

# The title is looked for among this many kept lines at the top (date lines not counted):
# in the seeds it is the first or second, after a banner date or a site logo.
TITLE_WINDOW = 3
# Longest title / subheading (words). Set from the seeds: both title lines and seed 004's
# subheading have 9 words; the standfirsts (16 and 18 words, unpunctuated) must stay body
# text, which the prose shield in boilerplate.is_prose already guarantees for titles.
TITLE_MAX_WORDS = 20
HEADING_MAX_WORDS = 12
# Shortest line (characters) matched to the page title by containment ("Title | Site").
MIN_TITLE_MATCH = 10
# Longest caption (words): seed 002's photo caption has 25.
CAPTION_MAX_WORDS = 40
# Longest "Source: …" line (words).
SOURCE_MAX_WORDS = 15
# A title made from the first sentence is cut to about this many characters, at a space.
TITLE_FALLBACK_CHARS = 100

_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]+")
_EDGE = "\u200b\u200c\u200d\u200e\u200f\ufeff\u2060"
_SENTENCE_END = re.compile(r"[.۔।॥。]\s*[\"'”’»)]*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*•·▪►]|\d{1,3}[.)])\s")
_SENTENCE_BREAK = re.compile(r"[.!?۔؟।॥](?=\s|$)")
# "(ڈین ٹری) - " opening a story is a credit, not part of its first sentence.
_LEAD_CREDIT = re.compile(r"^\([^()]{1,40}\)\s*[-–—:]\s*")
_SOURCE_LINE = re.compile(
    r"^(?:ماخذ|स्रोत|सोर्स|source|sources|بشکریہ|courtesy|साभार)\s*[:：]\s*\S", re.IGNORECASE
)
_PHOTO_LABEL = r"(?:photo|photos|file photo|image|pic|picture|فوٹو|تصویر|फोटो|तस्वीर|फाइल फोटो)"
_PHOTO_CREDIT = re.compile(
    rf"\(\s*{_PHOTO_LABEL}\s*[:：]|^{_PHOTO_LABEL}\s*[:：]|\b(?:AP|AFP|Reuters|PTI|ANI|IANS)\s+Photo\b",
    re.IGNORECASE,
)
_END_PAREN = re.compile(r"\(([^()]{1,60})\)\s*[.۔।]?\s*$")
_BARE_URL = re.compile(r"https?://[^\s/]+\.[^\s]+", re.IGNORECASE)
_SOURCE_WORD = re.compile(r"(?i)ماخذ|स्रोत|सोर्स|source|بشکریہ|courtesy|साभार")


# Arabic-script letters that never begin an Urdu word (do-chashmi he, noon ghunna, bari ye,
# hamza above): a space before one splits a word, as in "بد ھ" for "بدھ".
_NEVER_WORD_INITIAL = "\u06be\u06ba\u06d2\u0654"
_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff"
# A space that splits a word: before a letter that cannot start one, or after a lone alef
# that cannot be a word ("ا مید" for "امید"). Only these two cases are safe to join;
# "پیانگ یا نگ" could be two words as far as spelling goes, so it is left as written.
_SPLIT_WORD_SPACE = re.compile(
    rf"(?<=[{_ARABIC_LETTER}]) (?=[{_NEVER_WORD_INITIAL}])"
    rf"|(?<![{_ARABIC_LETTER}]\u0627)(?<=\u0627) (?=[{_ARABIC_LETTER}])"
)


def split_word_repairs(line: str) -> list[tuple[int, int]]:
    """The parts of ``line`` to keep, as (start, end) pairs: words split by a stray space are joined.

    Repairs are deletions only, so ``raw_map`` still maps every kept character to its source.
    """
    parts, start = [], 0
    for m in _SPLIT_WORD_SPACE.finditer(line):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(line)))
    return [(a, b) for a, b in parts if b > a]


@dataclass
class _Line:
    text: str
    start: int
    end: int


def _lines(raw: str) -> list[_Line]:
    out = []
    for m in _LINE.finditer(raw):
        s, e = m.span()
        while s < e and (raw[s].isspace() or raw[s] in _EDGE):
            s += 1
        while e > s and (raw[e - 1].isspace() or raw[e - 1] in _EDGE):
            e -= 1
        if s < e:
            out.append(_Line(raw[s:e], s, e))
    return out


def is_caption(line: str) -> bool:
    """True for a photo caption: "(فوٹو: رائٹرز)", "Photo: …", or a short line ending "(AP/PTI)"."""
    if len(line.split()) > CAPTION_MAX_WORDS:
        return False
    if _PHOTO_CREDIT.search(fold_marks(line)):
        return True
    m = _END_PAREN.search(fold_marks(line))
    # "(ماخذ: KCNA)" closing a paragraph credits the story, not a photo; so does a lone agency
    # after a sentence ("… کیا۔ (اے پی پی)"). Two agencies ("AP/PTI") credit a photo.
    if m is None or _SOURCE_WORD.search(m.group(1)) or not is_credit(m.group(1)):
        return False
    return len(agency_hits(m.group(1))) > 1 or not is_prose(line)


def is_source_line(line: str) -> bool:
    """True for a cited-source line: "ماخذ: https://…", "स्रोत: …", "Source: Reuters"."""
    return len(line.split()) <= SOURCE_MAX_WORDS and _SOURCE_LINE.match(fold_marks(line)) is not None


def _heading_like(line: str, max_words: int) -> bool:
    return (
        len(line.split()) <= max_words
        and _LIST_ITEM.match(line) is None
        and not is_prose(line)
        and _SENTENCE_END.search(line) is None
        and not line.endswith(",")
    )


def _line_kind(line: str) -> str:
    if is_source_line(line):
        return "source"
    if is_dateline(line):
        return "dateline"
    if is_caption(line):
        return "caption"
    return "body"


def _title_index(lines: list[str], kinds: list[str], title_hint: str) -> int | None:
    """The kept line that is the title: the one matching the page title, else the first line
    near the top that reads as a heading, unless body text comes first."""
    top = [i for i, k in enumerate(kinds) if k != "dateline"][:TITLE_WINDOW]
    hint = line_key(title_hint) if title_hint else ""
    for i in top:
        key = line_key(lines[i])
        contained = min(len(key), len(hint)) >= MIN_TITLE_MATCH and (key in hint or hint in key)
        if kinds[i] == "body" and hint and (key == hint or contained):
            return i
    for i in top:
        if kinds[i] == "body":
            heading = i + 1 < len(lines) and _heading_like(lines[i], TITLE_MAX_WORDS)
            return i if heading else None
    return None


def _kinds(lines: list[str], title_hint: str) -> list[str]:
    kinds = [_line_kind(line) for line in lines]
    title_at = _title_index(lines, kinds, title_hint)
    if title_at is not None:
        kinds[title_at] = "title"
    for i, line in enumerate(lines[:-1]):
        # a subheading introduces a paragraph; a run of short lines is a list, kept as body
        if (
            kinds[i] == "body"
            and kinds[i + 1] == "body"
            and is_prose(lines[i + 1])
            and _heading_like(line, HEADING_MAX_WORDS)
        ):
            kinds[i] = "heading"
    return kinds


def fallback_title(sentence_source: str) -> str:
    """A title from the first sentence of ``sentence_source``, cut to ~100 characters at a space."""
    text = _LEAD_CREDIT.sub("", sentence_source)
    m = _SENTENCE_BREAK.search(text)
    first = " ".join((text[: m.start()] if m else text).split())
    if len(first) > TITLE_FALLBACK_CHARS:
        cut = first.rfind(" ", 0, TITLE_FALLBACK_CHARS + 1)
        first = first[: cut if cut > 0 else TITLE_FALLBACK_CHARS]
    return first.rstrip(" ,،;:-–—")


def _extract(doc: Document, markup: str) -> str:
    """Reduce a web page to its main text in ``doc.raw``; returns the page's title ("" if none)."""
    found = extract_within_budget(markup, doc.source.url)
    doc.raw = found.text
    doc.meta["extractor"] = found.extractor
    if found.reason:
        doc.meta["extractor_reason"] = found.reason
    if found.tried:
        doc.meta["extractors_tried"] = found.tried
    doc.meta["date_candidates"] = [*(doc.meta.get("date_candidates") or []), *found.date_candidates]
    if not found.text:
        raise Reject("empty_after_clean", f"no main text found in the page ({found.extractor} tried)")
    choice = choose_title(str(doc.meta.get("title") or found.title or ""), page_titles(markup), found.text)
    if choice.source != "title":
        doc.meta["title_source"] = f"{choice.source}: {choice.reason}"
    if choice.alternatives:
        doc.meta["alt_titles"] = choice.alternatives
    return choice.title


def _listing(doc: Document, markup: str) -> str:
    """A page that is not an article becomes its title, description and headlines (one a line)."""
    title = str(doc.meta.get("title") or "")
    headlines = [str(link.get("text") or "") for link in doc.meta.get("links") or []]
    doc.raw = listing_text(title, str(doc.meta.get("description") or ""), headlines)
    doc.meta["extractor"] = "listing"
    doc.meta["date_candidates"] = [*(doc.meta.get("date_candidates") or []), *meta_dates(markup)]
    if not doc.raw:
        raise Reject("empty_after_clean", f"a {doc.page_kind} page with no title and no headline links")
    return title


def _page_url_line(doc: Document, lines: list[str], reasons: list[str | None]) -> None:
    """Mark a bare URL among the first kept lines as the page's address, not its title.

    Pages saved as text (and some extractions) start with the page's URL on a line of its own;
    it becomes ``source.url`` when the reader did not know one (so the URL's date and outlet
    count), and the line is removed with the reason ``page_url``.
    """
    kept = [i for i, r in enumerate(reasons) if r is None][:TITLE_WINDOW]
    for i in kept:
        if _BARE_URL.fullmatch(lines[i]):
            reasons[i] = "page_url"
            if doc.source.url is None:
                doc.source = replace(doc.source, url=lines[i])
                doc.meta["url_from_text"] = True
            return


def clean_document(doc: Document) -> Document:
    """Extract web pages, drop boilerplate lines, label kept lines, and build ``text``."""
    markup = doc.html if doc.html is not None and doc.html.strip() else None
    if markup is None and not doc.raw.strip():
        raise Reject("empty_input", f"{doc.source.kind} input has no text")
    if markup:
        check_markup(markup)  # refuse, in linear time, markup the extractors would take minutes on
    if markup and not doc.is_article:
        title_hint = _listing(doc, markup)
    else:
        title_hint = _extract(doc, markup) if markup else str(doc.meta.get("title") or "")
    lines = _lines(doc.raw)
    reasons = classify_lines([ln.text for ln in lines])
    _page_url_line(doc, [ln.text for ln in lines], reasons)
    kept = [ln for ln, r in zip(lines, reasons, strict=True) if r is None]
    doc.removed = [
        Removed(ln.text, r, ln.start, ln.end) for ln, r in zip(lines, reasons, strict=True) if r is not None
    ]
    kinds = _kinds([ln.text for ln in kept], title_hint)
    pieces, segments, texts, pos = [], [], [], 0
    for ln, kind in zip(kept, kinds, strict=True):
        start = pos
        for a, b in split_word_repairs(ln.text):
            pieces.append((pos, ln.start + a, b - a))
            texts.append(ln.text[a:b])
            pos += b - a
        segments.append(Segment(start, pos, kind))
        texts.append("\n")
        pos += 1
    doc.text = "".join(texts[:-1])
    doc.segments = segments
    doc.raw_map = OffsetMap.from_pieces(pieces, len(doc.raw))
    body = [ln.text for ln, kind in zip(kept, kinds, strict=True) if kind == "body"]
    if not body and doc.is_article:
        dropped = ", ".join(sorted({r.reason for r in doc.removed})) or "nothing"
        raise Reject("empty_after_clean", f"no body text left after cleaning (removed: {dropped})")
    title_line = next((ln.text for ln, kind in zip(kept, kinds, strict=True) if kind == "title"), "")
    doc.title = title_hint or title_line or (fallback_title(body[0]) if body else "")
    return doc
