"""Highlighted document HTML built from annotation spans, every text piece escaped.

Spans come from the document's segments (outermost: one per line, with its own language) and its
mentions, time expressions, event triggers and claims. Overlaps are resolved deterministically:
spans are taken longest-first from each start, a span nests inside an open span only when it ends
within it, and a span that crosses the end of an open span is dropped (the outer span wins).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from khabar.document import Document

# Right-to-left scripts and languages: the text element and every Urdu line get dir="rtl".
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc"})
RTL_LANGS = frozenset({"ur", "ar", "fa", "ps", "sd", "ug", "he", "yi", "dv"})

# The date part of a resolved time value that the events page can filter on (2024, 2024-06, 2024-06-13).
ISO_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?![\d])")

# Nesting order when two spans cover exactly the same characters: lower rank is outer.
RANK = {"segment": 0, "claim": 1, "event": 2, "ent": 3, "time": 4}


@dataclass
class Span:
    """One highlighted span: kind (segment, claim, event, ent, time) and its HTML attributes."""

    start: int
    end: int
    kind: str
    attrs: dict[str, str] = field(default_factory=dict)
    href: str | None = None
    children: list[Span] = field(default_factory=list)


def text_dir(lang: str, script: str = "") -> str:
    """``rtl`` for right-to-left languages or scripts, else ``ltr``."""
    base = lang.split("-")[0]
    if script in RTL_SCRIPTS or (base in RTL_LANGS and "Latn" not in lang):
        return "rtl"
    return "ltr"


def entity_href(ref: str) -> str:
    """The entity page of an entity id (ids may hold spaces and any script)."""
    return "/entity/" + quote(ref, safe=":")


def html_lang(lang: str) -> str:
    """A BCP 47 tag for the ``lang`` attribute (``und`` stays ``und``)."""
    return lang or "und"


def document_spans(doc: Document) -> list[Span]:
    """Every span of a document worth highlighting, segments included, unsorted."""
    n = len(doc.text)
    spans: list[Span] = []
    for i, seg in enumerate(doc.segments):
        attrs = {
            "class": f"seg seg-{seg.kind}",
            "lang": html_lang(seg.lang),
            "dir": text_dir(seg.lang, seg.script),
            "data-seg": str(i),
        }
        spans.append(Span(seg.start, seg.end, "segment", attrs))
    for i, m in enumerate(doc.mentions):
        ref = m.entity or m.kb_id
        attrs = {"class": f"ent ent-{m.label.lower()}", "data-label": m.label, "data-mention": str(i)}
        if ref:
            attrs["data-entity"] = ref
            attrs["title"] = f"{m.label} {ref}"
        href = entity_href(ref) if ref and not ref.startswith("role:") else None
        spans.append(Span(m.start, m.end, "ent", attrs, href))
    for i, t in enumerate(doc.times):
        attrs = {"class": "time", "data-value": t.value, "data-time": str(i), "title": f"{t.type} {t.value}"}
        day = ISO_PREFIX.match(t.value)
        href = "/events?" + urlencode({"since": day.group(0), "until": day.group(0)}) if day else None
        spans.append(Span(t.start, t.end, "time", attrs, href))
    for i, e in enumerate(doc.events):
        attrs = {
            "class": "event",
            "data-type": e.type,
            "data-event": str(i),
            "title": _event_title(e.type, e.mode),
        }
        if e.id:
            attrs["data-event-id"] = e.id
        href = "/event/" + quote(e.id, safe=":") if e.id else None
        spans.append(Span(e.trigger_start, e.trigger_end, "event", attrs, href))
    for i, c in enumerate(doc.claims):
        attrs = {"class": f"claim stance-{c.stance or 'none'}", "data-claim": str(i)}
        if c.stance:
            attrs["data-stance"] = c.stance
        spans.append(Span(c.start, c.end, "claim", attrs))
    return [s for s in spans if 0 <= s.start < s.end <= n]


def _event_title(kind: str, mode: str | None) -> str:
    return f"{kind} ({mode})" if mode else kind


def nest(spans: Iterable[Span]) -> list[Span]:
    """Arrange spans into a tree; crossing spans are dropped (the one opened first wins)."""
    # Fresh nodes, so nesting the same spans twice gives the same tree.
    ordered = sorted(
        (replace(s, children=[]) for s in spans), key=lambda s: (s.start, -s.end, RANK.get(s.kind, 9))
    )
    roots: list[Span] = []
    stack: list[Span] = []
    for span in ordered:
        while stack and stack[-1].end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1].end:
            continue  # crosses the end of the open span: the outer span wins
        (stack[-1].children if stack else roots).append(span)
        stack.append(span)
    return roots


def render(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` as HTML with the spans as nested elements; every text piece is escaped."""
    parts: list[str] = []
    _render_level(text, 0, len(text), nest(spans), parts, in_link=False)
    return Markup("".join(parts))


def _render_level(
    text: str, start: int, end: int, spans: list[Span], parts: list[str], *, in_link: bool
) -> None:
    pos = start
    for span in spans:
        if span.start > pos:
            parts.append(str(escape(text[pos : span.start])))
        tag = "span" if span.kind == "segment" else "mark"
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in span.attrs.items())
        parts.append(f"<{tag}{attrs}>")
        link = span.href is not None and not in_link  # links cannot nest
        if link:
            parts.append(f'<a href="{escape(span.href)}">')
        _render_level(text, span.start, span.end, span.children, parts, in_link=in_link or link)
        if link:
            parts.append("</a>")
        parts.append(f"</{tag}>")
        pos = span.end
    if pos < end:
        parts.append(str(escape(text[pos:end])))


def highlight(doc: Document) -> Markup:
    """The document's text as highlighted HTML (segments, entities, times, events, claims)."""
    return render(doc.text, document_spans(doc))


def excerpt(text: str, start: int, end: int, context: int = 80) -> Markup:
    """A window of ``text`` around ``[start, end)`` with that span marked, escaped."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    return Markup(
        ("…" if left else "")
        + str(escape(text[left:start]))
        + '<mark class="evidence">'
        + str(escape(text[start:end]))
        + "</mark>"
        + str(escape(text[end:right]))
        + ("…" if right < len(text) else "")
    )


def bracket_snippet(snippet: str) -> Markup:
    """A search snippet with the hit in ``[brackets]`` as escaped HTML with ``<mark>`` hits."""
    out: list[str] = []
    depth = 0
    for piece in _split_brackets(snippet):
        if piece == "[" and depth == 0:
            out.append('<mark class="hit-term">')
            depth = 1
        elif piece == "]" and depth == 1:
            out.append("</mark>")
            depth = 0
        else:
            out.append(str(escape(piece)))
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


def _split_brackets(snippet: str) -> list[str]:
    pieces: list[str] = []
    buf = ""
    for ch in snippet:
        if ch in "[]":
            if buf:
                pieces.append(buf)
            pieces.append(ch)
            buf = ""
        else:
            buf += ch
    if buf:
        pieces.append(buf)
    return pieces
