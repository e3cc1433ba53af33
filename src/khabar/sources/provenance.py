"""Where a document comes from: its outlet, URL, cited source URLs and news agencies."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from khabar.document import CitedSource, Document, Provenance
from khabar.sources.agencies import find_agencies

_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?۔।،'\"”’»|"
_SOURCE_LABEL_URL = re.compile(
    r"(?:ماخذ|स्रोत|सोर्स|source|sources|بشکریہ|courtesy|via|साभार)\s*[:：]\s*(https?://[^\s<>\"'()\[\]{}]+)",
    re.IGNORECASE,
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


def provenance_of(doc: Document) -> Provenance:
    """The document's provenance: outlet, URL, cited URLs and agencies in text order (none for a
    page that is not an article: a headline's "(APP)" is not the page's source)."""
    cited = cited_urls(doc) + find_agencies(doc.text) if doc.is_article else []
    cited.sort(key=lambda c: (c.start, c.kind))
    return Provenance(
        outlet=outlet_of(doc),
        url=doc.source.url,
        cited=cited,
        translation_of=doc.provenance.translation_of,
    )
