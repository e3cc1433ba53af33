"""Linear-time checks on a page's markup before the extractors see it.

trafilatura, htmldate and justext are fast on real pages but slow down badly on some hostile
markup: one tag with a hundred thousand attributes kept htmldate busy for minutes. These
checks make one pass over the markup each (no backtracking: every regular expression here
stops at the next ``<`` or ``>``) and refuse such a page with a reason a person can act on.

>>> check_markup("<html><body><p>fine</p></body></html>")
"""

from __future__ import annotations

import re
from itertools import accumulate

from khabar.errors import Reject

#: Most attributes (counted as ``=`` signs) one tag may carry. Real tags have a few, a bloated
#: ``<div>`` of a page builder a few dozen; a query-string-laden ``<a href>`` stays far under.
MAX_ATTRIBUTES_PER_TAG = 1000

#: Deepest nesting of container elements (div, section, table…) a page may have. News pages
#: nest 20–60 deep; the extractors' tree walks slow down and recurse past a few thousand.
MAX_NESTING_DEPTH = 5000

#: Most ``<`` characters that open no tag (``< ``, ``<<``, ``<3``), beyond which the page is
#: markup noise rather than text with a stray comparison sign.
MAX_STRAY_LESS_THAN = 100_000

# Elements that are closed in practice; void and optional-close elements (p, li, br) are not counted.
_CONTAINERS = [
    "div",
    "span",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "nav",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "dl",
    "form",
    "blockquote",
    "figure",
    "svg",
    "g",
]
# An opening or closing container tag; the match is "<" or "</" plus the name.
_CONTAINER_TAG = re.compile(rf"</?(?:{'|'.join(_CONTAINERS)})(?=[\s/>])", re.IGNORECASE)
# A tag long enough to hold MAX_ATTRIBUTES_PER_TAG attributes (each takes at least 2 characters,
# "a=" and a space); shorter tags are skipped by the pattern itself, without Python code.
_LONG_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9:-]*+)([^<>]{{{2 * MAX_ATTRIBUTES_PER_TAG},}})")
_TAG_START = re.compile(r"<[a-zA-Z/!?]")


def check_markup(markup: str) -> None:
    """Raise :class:`Reject` when ``markup`` is shaped so the extractors would take minutes.

    Reasons: ``too_many_attributes`` (one tag over :data:`MAX_ATTRIBUTES_PER_TAG`),
    ``too_deep`` (nesting over :data:`MAX_NESTING_DEPTH`), ``markup_flood`` (over
    :data:`MAX_STRAY_LESS_THAN` ``<`` that open no tag). Runs in time linear in the markup.
    """
    tags = len(_TAG_START.findall(markup))
    stray = markup.count("<") - tags
    if stray > MAX_STRAY_LESS_THAN:
        raise Reject(
            "markup_flood",
            f"{stray} '<' characters that open no tag (over {MAX_STRAY_LESS_THAN}): not a readable page",
        )
    for m in _LONG_TAG.finditer(markup):
        attributes = m.group(2).count("=")
        if attributes > MAX_ATTRIBUTES_PER_TAG:
            raise Reject(
                "too_many_attributes",
                f"a <{m.group(1)}> tag at character {m.start()} has {attributes} attributes"
                f" (over {MAX_ATTRIBUTES_PER_TAG})",
            )
    if tags <= MAX_NESTING_DEPTH:
        return  # too few tags to nest that deep
    steps = [-1 if tag.startswith("</") else 1 for tag in _CONTAINER_TAG.findall(markup)]
    deepest = max(accumulate(steps), default=0)
    if deepest > MAX_NESTING_DEPTH:
        raise Reject("too_deep", f"container elements nested {deepest} deep (over {MAX_NESTING_DEPTH})")
