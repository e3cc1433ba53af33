"""Main-text extraction from a web page: trafilatura first, justext when it finds nothing.

trafilatura runs once per page with metadata on, so its htmldate call supplies the date; the
page's explicit publication meta tags are read with a regular expression over the markup,
which costs next to nothing beside the parse. Both libraries are imported on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape
from typing import Any

from khabar.errors import KhabarError
from khabar.text.scripts import dominant_script

# Confidence of a date from an explicit publication meta tag / from htmldate's choice, on the
# scale the metadata stage ranks all candidates on (see the reasoning there): a publisher's
# own tag beats htmldate, which may fall back to a date it found in the page text.
META_TAG_CONFIDENCE = 0.9
HTMLDATE_CONFIDENCE = 0.75
# Meta tags sit in <head>; scanning at most this many characters bounds the cost on pages
# whose <head> never closes. The largest <head> among the trafilatura_eval pages is well
# under this.
HEAD_SCAN_CHARS = 200_000
# How much of the page text (characters, tags removed) is read to pick the justext stoplist.
SCRIPT_SAMPLE_CHARS = 20_000

# Meta names/properties that state the publication time.
PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    "cxenseparse:recs:publishtime", "date",
})
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_STOPLISTS = {"Arab": "Urdu", "Deva": "Hindi"}
# justext thresholds: paragraph length bounds (characters), stopword-density bounds, link
# density. justext's own defaults (70, 200, 0.30, 0.32) are tuned on long English paragraphs
# and reject every paragraph of a short Urdu news page (our test page: 130-175 character
# paragraphs, density 0.36-0.57); these are the values trafilatura uses for its own justext
# fallback, tuned on its benchmark (the pages in ../shared/eval/html/trafilatura_eval).
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


def _iso(value: str) -> str | None:
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def meta_dates(markup: str) -> list[dict[str, Any]]:
    """Publication dates stated in the page's meta tags and JSON-LD, as date candidates."""
    out: list[dict[str, Any]] = []
    head_end = markup.find("</head")
    head = markup[: head_end if 0 <= head_end < HEAD_SCAN_CHARS else HEAD_SCAN_CHARS]
    for tag in _META_TAG.finditer(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag.group(0))
        }
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if name in PUBLISHED_META and (value := _iso(unescape(attrs.get("content", "")))):
            out.append({"value": value, "source": "html_meta", "confidence": META_TAG_CONFIDENCE,
                        "evidence": tag.group(0)})
    m = _JSONLD_DATE.search(markup)
    if m and (value := _iso(m.group(1))):
        out.append({"value": value, "source": "html_meta", "confidence": META_TAG_CONFIDENCE,
                    "evidence": m.group(0)})
    return out


def stoplist_language(markup: str) -> str:
    """The justext stoplist for a page: Urdu, Hindi or English, from the script of its text."""
    text = _TAG.sub(" ", _SCRIPT_STYLE.sub(" ", markup))[:SCRIPT_SAMPLE_CHARS]
    return _STOPLISTS.get(dominant_script(text)[0], "English")


def extract_with_justext(markup: str) -> str:
    """The non-boilerplate paragraphs justext finds, one per line (stoplist from the script)."""
    try:
        import justext
        from lxml.etree import LxmlError
    except ImportError as exc:  # pragma: no cover - justext is a core dependency
        raise KhabarError("justext is not installed; install it with: pip install justext") from exc
    stoplist = justext.get_stoplist(stoplist_language(markup))
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
    m = _TITLE.search(markup)
    title = " ".join(unescape(_TAG.sub(" ", m.group(1))).split()) if m else ""
    return title or None


def extract_html(markup: str, url: str | None) -> Extracted:
    """Extract main text, title and date candidates from ``markup`` (the page at ``url``).

    trafilatura's ``bare_extraction`` runs once (its htmldate supplies a date candidate);
    when it returns no text, justext with a Urdu/Hindi/English stoplist is tried instead.
    """
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - trafilatura is a core dependency
        raise KhabarError("trafilatura is not installed; install it with: pip install trafilatura") from exc
    dates = meta_dates(markup)
    result = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    title = getattr(result, "title", None) or None
    text = (getattr(result, "text", None) or "").strip()
    found = getattr(result, "date", None)
    if found and (value := _iso(found)):
        dates.append({"value": value, "source": "html_meta", "confidence": HTMLDATE_CONFIDENCE,
                      "evidence": "htmldate"})
    if text:
        return Extracted(text, title, dates, "trafilatura")
    text = extract_with_justext(markup).strip()
    return Extracted(text, title or _page_title(markup), dates, "justext" if text else "none")
