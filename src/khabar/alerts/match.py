"""Whether a document matches an alert's rule, and what matched.

A rule's entities match a mention of any of them (in any script: the mention is linked to the KB
entity); its query text matches the same words in a row, compared on the folded match key (case,
accents, Urdu letter forms and marks do not matter), on word boundaries. Either is enough. An
event type keeps only documents holding an event of that type; when the rule names entities, one
of them must be a party (actor or recipient) of such an event. A language keeps only documents
in that language. A rule of an event type alone matches every document holding such an event.

What matched is a JSON-safe record: ``kind`` (``entity``, ``text`` or ``event``), the span
(``start``, ``end``, ``text``) in the document's text, the ``entity`` for an entity match, a
``snippet`` around the span with the span's place in it (``mark``: [start, end]), and ``event``
(index, type, mode, trigger text) when the rule has an event type.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from khabar.alerts.rules import Rule
from khabar.document import Document, Event
from khabar.text.fold import match_key, query_key
from khabar.text.tokens import NAME_WORD_RE

#: Characters of context either side of the matched span in a snippet.
SNIPPET_CHARS = 80


class Candidate:
    """A document being matched against several rules: its folded words are made once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def words(self) -> tuple[list[str], list[tuple[int, int]]]:
        """The folded words of the text and each word's span in the original text."""
        key, back = match_key(self.doc.text)
        found = list(NAME_WORD_RE.finditer(key))
        spans = [(back(m.start()), back(m.end() - 1) + 1) for m in found]
        return [m.group() for m in found], spans

    def find_words(self, query: str) -> tuple[int, int] | None:
        """The span of the first run of the query's words in the text, or None."""
        wanted = NAME_WORD_RE.findall(query_key(query))
        if not wanted:
            return None
        words, spans = self.words
        n = len(wanted)
        first = wanted[0]
        for i, word in enumerate(words):
            if word == first and words[i : i + n] == wanted:
                return spans[i][0], spans[i + n - 1][1]
        return None


def match_document(rule: Rule, doc: Document | Candidate) -> dict[str, Any] | None:
    """What in ``doc`` matches ``rule`` (see the module docstring), or None when nothing does."""
    cand = doc if isinstance(doc, Candidate) else Candidate(doc)
    document = cand.doc
    if document.rejected or (rule.lang and document.lang != rule.lang):
        return None
    typed = [(i, e) for i, e in enumerate(document.events) if e.type == rule.type] if rule.type else []
    if rule.type and not typed:
        return None
    if rule.type and rule.entities:
        wanted = set(rule.entities)
        typed = [(i, e) for i, e in typed if wanted & {*e.actors, *e.recipients}]
        if not typed:
            return None
    found = _entity_hit(rule, document) if rule.entities else None
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


def _entity_hit(rule: Rule, doc: Document) -> dict[str, Any] | None:
    wanted = set(rule.entities)
    hits = [m for m in doc.mentions if (m.entity or m.kb_id) in wanted or m.kb_id in wanted]
    if not hits:
        return None
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
