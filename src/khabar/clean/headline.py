"""The title an analyst reads: the page's headline in its own language, the other titles kept aside.

Pages state a title in several places: ``<title>``, ``og:title``, the JSON-LD ``headline`` and the
``<h1>`` over the story. On Hindi and Urdu pages ``<title>``/``og:title`` are often an English
transliteration, a mix joined by ``|`` ("Samastipur police caught 2 miscreants | समस्तीपुर …"),
a section name or the bare site name, while the headline is written in the page's own script.
:func:`choose_title` prefers that headline and returns every other title as an alternative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from khabar.clean.boilerplate import line_key
from khabar.text.scripts import dominant_script

# A headline has at least this many words: an <h1> of one or two words is a logo or a section.
MIN_HEADLINE_WORDS = 3
# Share of a title's letters in the body's script for the title to count as written in it.
SAME_SCRIPT_SHARE = 0.6
# The first this many characters of a page are searched for its <h1> (pages put it early).
H1_SEARCH_CHARS = 400_000

_H1_OPEN = re.compile(r"<h1\b[^<>]*>", re.IGNORECASE)
_H1_CLOSE = re.compile(r"</h1\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_JSONLD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){3,400})"')
_META = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# Separators between a headline and the site or section name in <title> and og:title.
_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")


@dataclass(frozen=True)
class TitleChoice:
    """The chosen title, where it came from, why, and the other titles the page states."""

    title: str
    source: str
    reason: str
    alternatives: list[dict[str, str]]


def _squash(text: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", text)).split())


def _json_unescape(text: str) -> str:
    try:
        import json

        return str(json.loads(f'"{text}"'))
    except ValueError:
        return text


def page_titles(markup: str) -> dict[str, str]:
    """The titles ``markup`` states: ``h1``, ``headline`` (JSON-LD), ``og:title``, ``site_name``."""
    out: dict[str, str] = {}
    head = markup[:H1_SEARCH_CHARS]
    start = _H1_OPEN.search(head)
    end = _H1_CLOSE.search(head, start.end()) if start else None
    if start and end and (h1 := _squash(head[start.end() : end.start()])):
        out["h1"] = h1
    if (m := _JSONLD_HEADLINE.search(markup)) and (headline := _squash(_json_unescape(m.group(1)))):
        out["headline"] = headline
    for tag in _META.finditer(head):
        found = _ATTR.finditer(tag.group(0))
        attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or "" for a in found}
        name = (attrs.get("property") or attrs.get("name") or "").lower()
        if name in ("og:title", "og:site_name") and (value := _squash(attrs.get("content", ""))):
            out.setdefault("og_title" if name == "og:title" else "site_name", value)
    return out


def _script_share(text: str, script: str) -> float:
    from khabar.text.scripts import script_counts

    counts = script_counts(text)
    letters = sum(counts.values())
    return counts.get(script, 0) / letters if letters else 0.0


def _in_script(text: str, script: str) -> bool:
    return _script_share(text, script) >= SAME_SCRIPT_SHARE


def _part_in_script(title: str, script: str) -> str | None:
    """The longest part of a "A | B - Site" title written in ``script``, if any."""
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]
    fitting = [p for p in parts if _in_script(p, script) and len(p.split()) >= MIN_HEADLINE_WORDS]
    return max(fitting, key=len) if fitting else None


def choose_title(hint: str, titles: dict[str, str], body: str) -> TitleChoice:
    """The title to show for a page whose ``<title>`` is ``hint`` and whose main text is ``body``.

    The JSON-LD headline or the <h1>, when written in the body's script and at least three words
    long, beats a ``<title>`` that is in another script, is the site name, or holds the headline
    with a site or section name around it. Otherwise the <title> part written in the body's
    script stands in for a mixed title. Every other title is kept as an alternative.
    """
    script = dominant_script(body)[0] if body.strip() else ""
    stated = {"title": hint, **titles} if hint else dict(titles)
    site = titles.get("site_name", "")
    chosen, source, reason = hint, "title", "the page's <title>"
    headlines = [(k, titles[k]) for k in ("headline", "h1") if k in titles]
    fit = [
        (k, v)
        for k, v in headlines
        if len(v.split()) >= MIN_HEADLINE_WORDS and (not script or _in_script(v, script)) and v != site
    ]
    hint_key = line_key(hint)
    if fit:
        key, value = fit[0]
        value_key = line_key(value)
        if not hint:
            chosen, source, reason = value, key, "the page has no <title>"
        elif script and not _in_script(hint, script):
            chosen, source, reason = value, key, f"the <title> is not written in the body's script ({script})"
        elif hint_key == line_key(site) or len(hint.split()) < MIN_HEADLINE_WORDS:
            chosen, source, reason = value, key, "the <title> is the site or a section name"
        elif value_key != hint_key and value_key in hint_key:
            chosen, source, reason = value, key, "the <title> is the headline with a site or section name"
    elif hint and script and not _in_script(hint, script) and (part := _part_in_script(hint, script)):
        chosen, source, reason = part, "title_part", f"the part of the <title> written in {script}"
    seen = {line_key(chosen)}
    alternatives = []
    for k, v in stated.items():
        if k != "site_name" and line_key(v) not in seen:
            seen.add(line_key(v))
            alternatives.append({"source": k, "text": v})
    return TitleChoice(chosen, source, reason, alternatives)
