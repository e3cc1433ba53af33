"""Web pages: decode markup and read the cheap hints in its head (charset, canonical URL, title).

The reader keeps the markup in ``Document.html`` and leaves ``raw`` empty; the clean stage
extracts the text. Only what a few regular expressions find in the head is read here.
"""

from __future__ import annotations

import dataclasses
import html as htmllib
import re
from urllib.parse import urlsplit

from khabar.document import Document, Source
from khabar.errors import Reject
from khabar.ingest.text import decode_payload, rejected_document

#: Bytes searched for ``<meta charset>``. The HTML standard's prescan reads 1024; pages
#: with long inline scripts before the meta tag need more, and 4 KiB costs nothing.
CHARSET_PRESCAN_BYTES = 4096

#: Characters searched for the canonical URL and the title when no ``</head>`` is found
#: sooner; head sections of news pages we looked at end well before 64 KiB.
HEAD_SEARCH_CHARS = 65536

#: Bytes looked at to decide whether unlabelled input is markup.
MARKUP_SNIFF_BYTES = 2048

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Each pattern stops at the next "<" or ">" and the title's end is searched for once from its
# start, so no page makes these rescan it from every "<" (quadratic time).
_TAG = re.compile(r"<(link|meta)\b([^<>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_MARKUP_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<[!?a-zA-Z]", re.DOTALL)
_MARKUP_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|a|br)[\s/>]",
    re.IGNORECASE,
)


def looks_like_html(data: bytes) -> bool:
    """True when ``data`` starts with a tag and its start holds a doctype, ``<html>`` or common tags."""
    head = data[:MARKUP_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    return bool(_MARKUP_START.match(head) and _MARKUP_TAG.search(head))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:CHARSET_PRESCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def canonical_url(markup: str) -> str | None:
    """The page's own absolute URL from ``<link rel=canonical>`` or ``og:url``, if present."""
    og = None
    for tag, attr_text in _TAG.findall(_head(markup)):
        attrs = _attributes(attr_text)
        if tag.lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            url = _absolute(attrs.get("href"))
            if url:
                return url
        elif tag.lower() == "meta" and attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            og = og or _absolute(attrs.get("content"))
    return og


def page_title(markup: str) -> str | None:
    """The text of the page's ``<title>``, unescaped and with whitespace collapsed."""
    head = _head(markup)
    start = _TITLE_OPEN.search(head)
    end = _TITLE_CLOSE.search(head, start.end()) if start else None
    if not (start and end):
        return None
    title = " ".join(htmllib.unescape(head[start.end() : end.start()]).split())
    return title or None


def outlet_of(url: str | None) -> str | None:
    """The host name of ``url`` without a leading ``www.``, as the outlet's name."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def html_document(data: bytes, source: Source, *, declared: str | None = None) -> Document:
    """A Document holding the decoded markup in ``html``, or a rejected one for unusable bytes.

    ``declared`` is a charset from outside the page (an HTTP header); without it the
    page's own ``<meta charset>`` is used. The source's ``url`` and ``outlet`` are filled
    from the canonical URL when the caller did not know them.
    """
    try:
        markup, encoding = decode_payload(data, declared or declared_charset(data))
    except Reject as rej:
        return rejected_document(source, rej.reason, rej.detail, data=data)
    if source.url is None:
        source = dataclasses.replace(source, url=canonical_url(markup))
    if source.outlet is None:
        source = dataclasses.replace(source, outlet=outlet_of(source.url))
    meta: dict[str, object] = {"encoding": encoding, "size": len(data)}
    title = page_title(markup)
    if title:
        meta["title"] = title
    return Document(source=source, html=markup, meta=meta)


def _head(markup: str) -> str:
    end = _HEAD_END.search(markup, 0, HEAD_SEARCH_CHARS)
    return markup[: end.start()] if end else markup[:HEAD_SEARCH_CHARS]


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): htmllib.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(text)
    }


def _absolute(url: str | None) -> str | None:
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else None
