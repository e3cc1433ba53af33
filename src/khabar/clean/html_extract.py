"""Main-text extraction from a web page: trafilatura first, justext when it finds nothing.

trafilatura runs once per page with metadata on, so its htmldate call supplies the date; the
page's explicit publication meta tags are read with a regular expression over the markup,
which costs next to nothing beside the parse. Both libraries are imported on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from khabar.clean.fallback import best_candidate, contradictions, page_hints
from khabar.clean.headline import page_titles
from khabar.dates import implausible_year
from khabar.text.scripts import dominant_script
from khabar.timex.datelines import parse_iso

# Confidence of a date from an explicit publication meta tag / from htmldate's choice, on the
# scale the metadata stage ranks all candidates on (see the reasoning there): a publisher's
# own tag beats htmldate, which may fall back to a date it found in the page text.
META_TAG_CONFIDENCE = 0.9
HTMLDATE_CONFIDENCE = 0.75
# A publication tag in the page body (microdata: itemprop="datePublished") may belong to a
# teaser of another story, so only the first one counts, and a little below a <head> tag.
BODY_META_CONFIDENCE = 0.8
# How much of the page text (characters, tags removed) is read to pick the justext stoplist.
SCRIPT_SAMPLE_CHARS = 20_000

# Meta names/properties that state the publication time.
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "publication_date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "cxenseparse:recs:publishtime",
        "date",
    }
)
# No pattern here backtracks over the page: each stops at the next "<" or ">", and an element's
# end is looked for once, from its start (a flood of "<script" without an end used to make
# ".*?</script>" rescan the rest of the page from every one: quadratic time).
_META_TAG = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
_SCRIPT_STYLE_OPEN = re.compile(r"<(script|style|noscript)\b", re.IGNORECASE)
_SCRIPT_STYLE_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "noscript")
}
_TAG = re.compile(r"<[^<>]+>")
_STOPLISTS = {"Arab": "Urdu", "Deva": "Hindi"}
# justext thresholds: paragraph length bounds (characters), stopword-density bounds, link
# density. justext's own defaults (70, 200, 0.30, 0.32) are tuned on long English paragraphs
# and reject every paragraph of a short Urdu news page (the test pages: 130-175 character
# paragraphs, stopword density 0.36-0.58); these are the values trafilatura itself passes
# to justext in its own fallback (trafilatura/external.py).
JUSTEXT_PARAMS = {
    "length_low": 50,
    "length_high": 150,
    "stopwords_low": 0.1,
    "stopwords_high": 0.2,
    "max_link_density": 0.25,
}


@dataclass
class Extracted:
    """What extraction found on a page.

    ``text`` has one paragraph per line; ``date_candidates`` are dicts with ``value``,
    ``source`` ("html_meta"), ``confidence`` and ``evidence``; ``extractor`` names the tool
    that produced ``text`` ("trafilatura", "justext" or "none").
    """

    text: str
    title: str | None = None
    date_candidates: list[dict[str, Any]] = field(default_factory=list)
    extractor: str = "none"
    # Why another extractor's text replaced trafilatura's, and every candidate tried ("" / []).
    reason: str = ""
    tried: list[str] = field(default_factory=list)


def _candidate(value: str, confidence: float, evidence: str) -> dict[str, Any]:
    out = {"value": value, "source": "html_meta", "confidence": confidence, "evidence": evidence}
    if reason := implausible_year(value):  # "0001-01-01" placeholders: kept, refused, with the reason
        out.update(refused=reason, confidence=0.0)
    return out


def meta_dates(markup: str) -> list[dict[str, Any]]:
    """Publication dates stated in the page's meta tags and JSON-LD, as date candidates."""
    # The whole page is scanned (about half a millisecond a page on the eval sets): heads of
    # over a megabyte of inline script occur, and microdata tags sit in the body.
    out: list[dict[str, Any]] = []
    head_end = markup.find("</head")
    in_body = 0
    for tag in _META_TAG.finditer(markup):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag.group(0))
        }
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if name not in PUBLISHED_META or not (value := parse_iso(unescape(attrs.get("content", "")))):
            continue
        in_head = head_end < 0 or tag.start() < head_end
        in_body += not in_head
        if in_head or in_body == 1:
            conf = META_TAG_CONFIDENCE if in_head else BODY_META_CONFIDENCE
            out.append(_candidate(value, conf, tag.group(0)))
    m = _JSONLD_DATE.search(markup)
    if m and (value := parse_iso(m.group(1))):
        out.append(_candidate(value, META_TAG_CONFIDENCE, m.group(0)))
    return out


def without_scripts(markup: str) -> str:
    """``markup`` with every script, style and noscript element (an unclosed one: the rest) cut out.

    One pass: each element's end is searched for once, from where it starts.
    """
    pieces: list[str] = []
    pos = 0
    while (m := _SCRIPT_STYLE_OPEN.search(markup, pos)) is not None:
        pieces.append(markup[pos : m.start()])
        end = _SCRIPT_STYLE_CLOSE[m.group(1).lower()].search(markup, m.end())
        if end is None:
            return " ".join(pieces)
        pos = end.end()
    pieces.append(markup[pos:])
    return " ".join(pieces)


def stoplist_language(markup: str) -> str:
    """The justext stoplist for a page: Urdu, Hindi or English, from the script of its text."""
    text = _TAG.sub(" ", without_scripts(markup))[:SCRIPT_SAMPLE_CHARS]
    return _STOPLISTS.get(dominant_script(text)[0], "English")


def extract_with_justext(markup: str, language: str | None = None) -> str:
    """The non-boilerplate paragraphs justext finds, one per line.

    The stoplist is ``language``'s (Urdu, Hindi, English) or, without one, the page script's.
    """
    import justext  # core dependencies, imported on first use: they take a while to load
    from lxml.etree import LxmlError

    stoplist = justext.get_stoplist(language or stoplist_language(markup))
    try:
        paragraphs = justext.justext(markup, stoplist, **JUSTEXT_PARAMS)
    except (LxmlError, ValueError):  # lxml refuses empty or undecodable markup: no text to find
        return ""
    kept = [p for p in paragraphs if not p.is_boilerplate]
    if not kept:
        # justext promotes "near-good" paragraphs only next to a good one, so a short page
        # whose paragraphs are all a little under length_high loses everything; take the
        # paragraphs that pass on their own instead.
        kept = [p for p in paragraphs if p.cf_class in ("good", "neargood")]
    return "\n".join(p.text.strip() for p in kept if p.text.strip())


def _page_title(markup: str) -> str | None:
    start = _TITLE_OPEN.search(markup)
    end = _TITLE_CLOSE.search(markup, start.end()) if start else None
    inner = markup[start.end() : end.start()] if start and end else ""
    title = " ".join(unescape(_TAG.sub(" ", inner)).split())
    return title or None


def extract_html(markup: str, url: str | None) -> Extracted:
    """Extract main text, title and date candidates from ``markup`` (the page at ``url``).

    trafilatura's ``bare_extraction`` runs once (its htmldate supplies a date candidate);
    when it returns no text, justext with a Urdu/Hindi/English stoplist is tried instead.
    """
    import trafilatura  # a core dependency, imported on first use: it takes a while to load

    dates = meta_dates(markup)
    result = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    title = getattr(result, "title", None) or None
    text = (getattr(result, "text", None) or "").strip()
    found = getattr(result, "date", None)
    if found and (value := parse_iso(found)):
        dates.append(_candidate(value, HTMLDATE_CONFIDENCE, "htmldate"))
    if text:
        return _checked(Extracted(text, title, dates, "trafilatura"), markup)
    text = extract_with_justext(markup).strip()
    return Extracted(text, title or _page_title(markup), dates, "justext" if text else "none")


def _checked(found: Extracted, markup: str) -> Extracted:
    """``found``, or another extractor's text when ``found`` contradicts the page (see fallback)."""
    titles = page_titles(markup)
    hints = page_hints(markup, titles.get("headline") or titles.get("h1"))
    why = contradictions(found.text, hints)
    if not why:
        return found
    language = _STOPLISTS.get(hints.script or "", "English")
    best, tried = best_candidate(
        markup, hints, lambda m: extract_with_justext(m, language), without_scripts(markup)
    )
    if best is None:
        found.tried = tried
        return found
    reason = f"trafilatura's text contradicts the page ({'; '.join(why)}); {best.extractor} fits it best"
    for c in found.date_candidates:
        if c.get("evidence") == "htmldate":  # htmldate read the page trafilatura misread: not trusted
            c.update(refused="htmldate date of a page whose extracted text was a widget", confidence=0.0)
    return Extracted(best.text, found.title, found.date_candidates, best.extractor, reason, tried)
