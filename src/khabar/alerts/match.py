"""Whether a document matches an alert's rule, and what matched.

A rule's entities match a mention of any of them (in any script: the mention is linked to the KB
entity); its query text matches the same words in a row, compared on the folded match key (case,
accents, Urdu letter forms and marks do not matter), on word boundaries. Either is enough. An
event type keeps only documents holding an event of that type; when the rule names entities, one
of them must be a party (actor or recipient) of such an event. A language keeps only documents
in that language. A rule of an event type alone matches every document holding such an event.
Only articles match: a home page, section, video or gallery page is kept for its links, not read.

What matched is a JSON-safe record: ``kind`` (``entity``, ``text`` or ``event``), the span
(``start``, ``end``, ``text``) in the document's text, the ``entity`` for an entity match, a
``snippet`` around the span with the span's place in it (``mark``: [start, end]), and ``event``
(index, type, mode, trigger text) when the rule has an event type.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Any

from khabar.alerts.rules import Rule
from khabar.document import Document, Event
from khabar.text.fold import match_key, query_key
from khabar.text.offsets import OffsetMap
from khabar.text.tokens import AFTER, BEFORE, NAME_WORD_RE, WORD_CHAR

#: Characters of context either side of the matched span in a snippet.
SNIPPET_CHARS = 80


#: Characters between two words of a query in the text: anything that is not a word character.
_GAP = "[^" + WORD_CHAR[1:] + "+"


@lru_cache(maxsize=256)
def query_pattern(query: str) -> re.Pattern[str] | None:
    """The query's folded words in a row, on word boundaries, as a pattern over a match key."""
    words = NAME_WORD_RE.findall(query_key(query))
    if not words:
        return None
    return re.compile(BEFORE + _GAP.join(re.escape(w) for w in words) + AFTER)


class Candidate:
    """A document being matched against several rules: its match key is made once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def key(self) -> tuple[str, OffsetMap]:
        """The folded match key of the text and the map back to the text."""
        return match_key(self.doc.text)

    def find_words(self, query: str) -> tuple[int, int] | None:
        """The span in the text of the first run of the query's words, or None."""
        pattern = query_pattern(query)
        if pattern is None:
            return None
        key, back = self.key
        hit = pattern.search(key)
        return (back(hit.start()), back(hit.end() - 1) + 1) if hit else None


def match_document(rule: Rule, doc: Document | Candidate) -> dict[str, Any] | None:
    """What in ``doc`` matches ``rule`` (see the module docstring), or None when nothing does."""
    cand = doc if isinstance(doc, Candidate) else Candidate(doc)
    document = cand.doc
    if document.rejected or not document.is_article or (rule.lang and document.lang != rule.lang):
        return None
    typed = [(i, e) for i, e in enumerate(document.events) if e.type == rule.type] if rule.type else []
    if rule.type and not typed:
        return None
    if rule.type and rule.entities:
        wanted = set(rule.entities)
        typed = [(i, e) for i, e in typed if wanted & {*e.actors, *e.recipients}]
        if not typed:
            return None
    # With an event, the entity's mention in the event's sentence says most about what matched.
    within = (typed[0][1].evidence_start, typed[0][1].evidence_end) if typed else None
    found = _entity_hit(rule, document, within) if rule.entities else None
    if found is None and rule.query:
        span = cand.find_words(rule.query)
        if span is not None:
            found = _record(document, "text", *span)
    if found is None and (rule.entities or rule.query):
        return None
    if typed:
        idx, event = typed[0]
        if found is None:
            found = _record(document, "event", event.trigger_start, event.trigger_end)
        found["event"] = _event(idx, event)
    return found


def _entity_hit(rule: Rule, doc: Document, within: tuple[int, int] | None = None) -> dict[str, Any] | None:
    """The first mention of the rule's entities (inside ``within`` when one is there)."""
    wanted = set(rule.entities)
    hits = [m for m in doc.mentions if (m.entity or m.kb_id) in wanted or m.kb_id in wanted]
    if not hits:
        return None
    if within is not None:
        hits = [m for m in hits if within[0] <= m.start and m.end <= within[1]] or hits
    first = min(hits, key=lambda m: (m.start, m.end))
    found = _record(doc, "entity", first.start, first.end)
    found["entity"] = first.entity if first.entity in wanted else first.kb_id
    return found


def _record(doc: Document, kind: str, start: int, end: int) -> dict[str, Any]:
    snippet, mark = snippet_around(doc.text, start, end)
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "text": doc.text[start:end],
        "snippet": snippet,
        "mark": mark,
    }


def _event(idx: int, event: Event) -> dict[str, Any]:
    return {"index": idx, "type": event.type, "mode": event.mode, "text": event.text}


def snippet_around(text: str, start: int, end: int, chars: int = SNIPPET_CHARS) -> tuple[str, list[int]]:
    """One line of ``text`` around ``[start, end)`` (at most ``chars`` either side, cut at line
    ends and whole words) and where the span is in it."""
    lo = max(0, start - chars, text.rfind("\n", 0, start) + 1)
    newline = text.find("\n", end)
    hi = min(len(text), end + chars, newline if newline >= 0 else len(text))
    if lo > 0 and text.rfind("\n", 0, start) + 1 < lo:  # cut at a space, not inside a word
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text) and text[hi : hi + 1] not in ("\n", ""):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    prefix = "…" if lo > 0 and text[lo - 1] != "\n" else ""
    suffix = "…" if hi < len(text) and text[hi] != "\n" else ""
    snippet = prefix + text[lo:hi] + suffix
    at = len(prefix) + start - lo
    return snippet, [at, at + (end - start)]
