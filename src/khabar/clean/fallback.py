"""When the extracted text contradicts the page, try the other extractors and keep the one that fits.

trafilatura sometimes returns a widget (a weather or score table beside the story) instead of the
article. Its text then contradicts the page: it is written in another script than the page's
declared language and its headline, it is mostly numbers and short lines, and it holds nothing of
the page's description. :func:`contradictions` names what a text contradicts; :func:`best_candidate`
runs the other extractors (JSON-LD ``articleBody``, justext with the page language's stoplist,
readability-lxml, Resiliparse's main-content extraction, the largest text block in the page's
script) and keeps the one that fits best, with the reasons.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

from khabar.text.scripts import script_counts

# Share of a text's letters in the page's script below which the text is in another script.
SCRIPT_SHARE_MIN = 0.5
# A line is "short" under this many words; a text of more than this share of short or
# number-heavy lines is a table or a list, not a story.
SHORT_LINE_WORDS = 6
LISTY_SHARE = 0.6
# A line whose tokens are this share or more digit-bearing is a number line ("38°C Max 41°C").
NUMBER_TOKEN_SHARE = 0.3
# Share of the description's words found in a text below which the text does not tell its story.
DESCRIPTION_OVERLAP_MIN = 0.3
# A candidate shorter than this (characters) is no article.
MIN_CANDIDATE_CHARS = 120
_LANG_SCRIPT = {"hi": "Deva", "mr": "Deva", "ne": "Deva", "ur": "Arab", "ar": "Arab", "fa": "Arab"}
_HTML_LANG = re.compile(r"<html\b[^<>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_DESCRIPTION = re.compile(
    r"<meta\b[^<>]*?(?:name|property)\s*=\s*[\"'](?:og:)?description[\"'][^<>]*?content\s*=\s*\"([^\"]*)\"",
    re.IGNORECASE,
)
_ARTICLE_BODY = re.compile(r'"articleBody"\s*:\s*"((?:[^"\\]|\\.){40,})"')
_WORD = re.compile(r"\w+")
_BLOCK_SPLIT = re.compile(r"</?(?:div|section|article|aside|td|ul|table)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_BREAK = re.compile(r"<(?:br|/p|/li|/h\d)\b[^<>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class PageHints:
    """What the page says about itself: its script (declared or from the headline), description."""

    script: str | None
    script_from: str
    description: str


@dataclass(frozen=True)
class Candidate:
    """One extractor's text and how well it fits the page (higher is better)."""

    extractor: str
    text: str
    fit: float


def page_hints(markup: str, headline: str | None) -> PageHints:
    """The script the page's text should be in and its description, from ``markup``."""
    description = unescape(m.group(1)).strip() if (m := _DESCRIPTION.search(markup)) else ""
    if (m := _HTML_LANG.search(markup[:5000])) and (script := _LANG_SCRIPT.get(m.group(1).lower())):
        return PageHints(script, f'<html lang="{m.group(1)}">', description)
    if headline:
        counts = script_counts(headline)
        if counts:
            top, n = counts.most_common(1)[0]
            if top in ("Deva", "Arab") and n >= 0.6 * sum(counts.values()):
                return PageHints(top, "the headline's script", description)
    return PageHints(None, "", description)


def _script_share(text: str, script: str) -> float:
    counts = script_counts(text)
    letters = sum(counts.values())
    return counts.get(script, 0) / letters if letters else 0.0


def listy_share(text: str) -> float:
    """Share of ``text``'s lines that are short or mostly numbers."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return 1.0
    listy = 0
    for line in lines:
        tokens = line.split()
        digits = sum(any(c.isdigit() for c in t) for t in tokens)
        listy += len(tokens) < SHORT_LINE_WORDS or digits >= NUMBER_TOKEN_SHARE * len(tokens)
    return listy / len(lines)


def description_overlap(text: str, description: str) -> float:
    """Share of the description's words that occur in ``text`` (1.0 without a description)."""
    words = {w.casefold() for w in _WORD.findall(description) if len(w) > 1}
    if not words:
        return 1.0
    have = {w.casefold() for w in _WORD.findall(text)}
    return len(words & have) / len(words)


def contradictions(text: str, hints: PageHints) -> list[str]:
    """Why ``text`` cannot be the page's article (empty when nothing contradicts it)."""
    why: list[str] = []
    if hints.script and (share := _script_share(text, hints.script)) < SCRIPT_SHARE_MIN:
        why.append(f"{share:.0%} of its letters are in {hints.script}, the script of {hints.script_from}")
    listy = listy_share(text)
    overlap = description_overlap(text, hints.description)
    if listy > LISTY_SHARE and overlap < DESCRIPTION_OVERLAP_MIN:
        why.append(
            f"{listy:.0%} of its lines are short or numbers and it holds {overlap:.0%} of the description"
        )
    return why


def fit(text: str, hints: PageHints) -> float:
    """How well ``text`` fits the page: script share × prose share × description overlap (0..1)."""
    if len(text) < MIN_CANDIDATE_CHARS:
        return 0.0
    script = _script_share(text, hints.script) if hints.script else 1.0
    overlap = description_overlap(text, hints.description) if hints.description else 1.0
    return round(script * (1.0 - listy_share(text)) * (0.5 + 0.5 * overlap), 4)


def _article_body(markup: str) -> str:
    m = _ARTICLE_BODY.search(markup)
    if m is None:
        return ""
    try:
        return str(json.loads(f'"{m.group(1)}"'))
    except ValueError:
        return ""


def _readability(markup: str) -> str:
    from readability import Document as Readable

    html = Readable(markup).summary(html_partial=True)
    return _block_text(html)


def _resiliparse(markup: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(markup, main_content=True))


def _block_text(fragment: str) -> str:
    text = unescape(_TAG.sub(" ", _BREAK.sub("\n", fragment)))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def largest_block(markup: str, script: str | None) -> str:
    """The text of the markup block with the most letters in ``script`` (any script when None).

    ``markup`` has its scripts and styles cut out already.
    """
    best, best_n = "", 0
    for block in _BLOCK_SPLIT.split(markup):
        text = _block_text(block)
        counts = script_counts(text)
        n = counts.get(script, 0) if script else sum(counts.values())
        if n > best_n:
            best, best_n = text, n
    return best


def best_candidate(
    markup: str, hints: PageHints, justext: Callable[[str], str], plain: str
) -> tuple[Candidate | None, list[str]]:
    """The best fitting of the other extractors' texts (None if none fits), and what was tried.

    ``justext`` runs justext with the page language's stoplist; ``plain`` is ``markup`` with its
    scripts and styles cut out.
    """
    runs: list[tuple[str, Callable[[], str]]] = [
        ("jsonld_articlebody", lambda: _article_body(markup)),
        ("justext", lambda: justext(markup)),
        ("readability", lambda: _readability(markup)),
        ("resiliparse", lambda: _resiliparse(markup)),
        ("largest_block", lambda: largest_block(plain, hints.script)),
    ]
    tried: list[str] = []
    best: Candidate | None = None
    for name, run in runs:
        try:
            text = run().strip()
        except Exception as exc:  # an extractor failing on odd markup is one candidate less
            tried.append(f"{name}: failed ({type(exc).__name__})")
            continue
        score = fit(text, hints) if text and not contradictions(text, hints) else 0.0
        tried.append(f"{name}: fit {score:.2f}")
        if score > 0 and (best is None or score > best.fit):
            best = Candidate(name, text, score)
    return best, tried
