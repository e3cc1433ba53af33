"""Language-independent signatures and line alignment: is one page a translation of another?

Urdu and Hindi share grammar words and names but not scripts, so every word is reduced to the
consonant key of its Hindustani romanization (:func:`khabar.text.translit.phonetic_key`:
شوئیگو and शोइगु both become ``sg``) and every number to its folded digits. Two pages are
compared line by line: a translation keeps the order of its source, so the best *monotone*
alignment of their lines (a line may be skipped on either side) is scored by the Dice overlap
of the lines' keys. Another outlet's report of the same story shares names and numbers but
not the line-by-line sequence, which is what separates it from a translation.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from khabar.dates import day_part
from khabar.dedup.signature import CONTENT_KINDS, text_words
from khabar.document import Document
from khabar.kb.loader import alias_key
from khabar.text.fold import match_key
from khabar.text.translit import phonetic_key

#: Consonant keys shorter than this are left out of line keys. Length-1 keys are mostly grammar
#: words (کے/के → k) but they still carry word order; on the TICO-19 tuning half, keys of any
#: length separated translation pairs from neighbouring blocks best (khabar eval translation).
MIN_KEY_CHARS = 1
#: Content-word keys (at least this long) a page offers as candidate anchors, and how many:
#: the smallest by hash, a consistent sample, so two translations tend to offer the same ones.
ANCHOR_KEY_CHARS = 4
ANCHOR_KEYS = 8
#: A page with this many entity, number, date, source and event anchors gets no content-word keys:
#: those are for pages without names (TICO-19's health advice), and romanizing every new word is
#: the costliest part of a signature. TICO-19 candidate recall is 91.4% with 5 as with 8.
STRONG_ANCHORS = 5
#: Entity ids that describe rather than identify (titles such as role:chairman) are not anchors.
_DESCRIPTIVE_PREFIXES = ("role:",)

# A number of two or more digits, leading zeros dropped, standing as a word of its own.
_NUMBER_RE = re.compile(r"(?<!\S)0*([1-9][0-9]+)(?!\S)")


@dataclass(frozen=True)
class Line:
    """A content line of a document: its span in ``Document.text``, text and keys."""

    start: int
    end: int
    text: str
    keys: frozenset[str]


def content_lines(doc: Document) -> list[Line]:
    """The document's body, heading and caption lines (all lines when it has none), with keys."""
    spans = [(s.start, s.end) for s in doc.segments if s.kind in CONTENT_KINDS]
    if not spans:
        spans = [(s.start, s.end) for s in doc.segments] or [(0, len(doc.text))]
    out = []
    for start, end in spans:
        text = doc.text[start:end]
        if text.strip():
            out.append(Line(start, end, text, line_keys(text)))
    return out


def line_keys(text: str) -> frozenset[str]:
    """Numbers (``#13``) and consonant keys of the words of one line, script-independent."""
    out = set()
    for word in text_words(match_key(text)[0]):
        if word.isdigit():
            out.add("#" + (word.lstrip("0") or "0"))
            continue
        key = phonetic_key(word)
        if len(key) >= MIN_KEY_CHARS:
            out.add(key)
    return frozenset(out)


def anchors(doc: Document, words: Sequence[str]) -> set[str]:
    """What a page shares with its translations whatever the script: the candidate-finding keys.

    Linked entities (``e:``), numbers of two or more digits (``#``), resolved dates (``t:``),
    cited URLs (``u:``), agencies (``a:``), agency wires of a day (``w:``) and dated event
    fingerprints (``v:``, when the events stage ran), plus a consistent sample of content-word
    keys (``k:``). ``words`` are the folded, lower-cased words of the document's content
    (:func:`khabar.dedup.signature.text_words`).
    """
    days = {day for t in doc.times if (day := day_part(t.value))}
    out = {"e:" + e for e in _entities(doc)}
    out |= {"t:" + day for day in days}
    out |= {"u:" + url for url in doc.provenance.cited_urls}
    out |= {"a:" + agency for agency in doc.provenance.agencies}
    # One key per agency and day: "the KCNA wire of 13 September" is a selective lookup, where
    # the agency alone would be shared by every story citing it.
    out |= {f"w:{agency}|{day}" for agency in doc.provenance.agencies for day in days}
    out |= {"v:" + fp for fp in event_fingerprints(doc)}
    out |= {"#" + n for n in set(_NUMBER_RE.findall(" ".join(words)))}
    if len(out) >= STRONG_ANCHORS:
        return out
    keys: set[str] = set()
    for word in set(words):
        if len(word) >= ANCHOR_KEY_CHARS and not word.isdigit():
            # A consonant key is never longer than its word's letters, so shorter words are skipped
            # without romanizing them.
            key = phonetic_key(word)
            if len(key) >= ANCHOR_KEY_CHARS:
                keys.add(key)
    sample = sorted(keys, key=lambda k: zlib.crc32(k.encode()))[:ANCHOR_KEYS]
    out |= {"k:" + k for k in sample}
    return out


def event_fingerprints(doc: Document) -> set[str]:
    """Dated events as ``TYPE|actor states|recipient states|date``: the same in every language.

    Empty when the events stage has not run or found nothing dated.
    """
    out = set()
    for ev in doc.events:
        if ev.type and ev.time and not (ev.negated or ev.hypothetical):
            actors = ",".join(sorted(ev.actor_states or ev.actors or _noun_keys(ev.actor_nouns)))
            recipients = ",".join(
                sorted(ev.recipient_states or ev.recipients or _noun_keys(ev.recipient_nouns))
            )
            out.add(f"{ev.type}|{actors}|{recipients}|{ev.time}")
    return out


def _noun_keys(nouns: list[str]) -> list[str]:
    """Common-noun arguments by the phonetic key the same noun has in either script."""
    return ["u:" + alias_key(noun) for noun in nouns]


def _entities(doc: Document) -> set[str]:
    return {m.entity for m in doc.mentions if m.entity and not m.entity.startswith(_DESCRIPTIVE_PREFIXES)}


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice overlap of two key sets (0 when both are empty)."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


def monotone_alignment(
    n: int, m: int, score: Callable[[int, int], float], floor: float = 0.0
) -> tuple[float, list[tuple[int, int, float]]]:
    """The order-keeping pairing of ``n`` lines with ``m`` lines that maximises the summed score.

    Lines may stay unpaired on either side; pairs scoring at or below ``floor`` are never made.
    Returns the total and the pairs ``(i, j, score)`` in order.
    """
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev = best[i], best[i - 1]
        for j in range(1, m + 1):
            s = score(i - 1, j - 1)
            diag = prev[j - 1] + s if s > floor else -1.0
            row[j] = max(prev[j], row[j - 1], diag)
    pairs = []
    i, j = n, m
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1, score(i - 1, j - 1)))
            i, j = i - 1, j - 1
    pairs.reverse()
    return best[n][m], pairs


def key_alignment(a: Sequence[Line], b: Sequence[Line]) -> float:
    """Summed Dice of the best monotone line pairing divided by the shorter side's line count."""
    if not a or not b:
        return 0.0
    total, _ = monotone_alignment(len(a), len(b), lambda i, j: dice(a[i].keys, b[j].keys))
    return total / min(len(a), len(b))


def length_ratio(a: Sequence[Line], b: Sequence[Line]) -> float:
    """Shorter over longer total key count: translations are about as long as their source."""
    na, nb = sum(len(x.keys) for x in a), sum(len(x.keys) for x in b)
    return min(na, nb) / max(na, nb) if max(na, nb) else 0.0


def shared_evidence(
    a: Document, b: Document, a_lines: Sequence[Line], b_lines: Sequence[Line]
) -> dict[str, list[str]]:
    """What two pages share, for a link's evidence: numbers, entities, dates, cited URLs, agencies."""
    nums_a = {k[1:] for line in a_lines for k in line.keys if k.startswith("#")}
    nums_b = {k[1:] for line in b_lines for k in line.keys if k.startswith("#")}
    ents_a, ents_b = _entities(a), _entities(b)
    return {
        "numbers": sorted(nums_a & nums_b, key=lambda s: (len(s), s))[:20],
        "entities": sorted(ents_a & ents_b)[:20],
        "dates": sorted({t.value for t in a.times} & {t.value for t in b.times})[:10],
        "cited_urls": sorted(set(a.provenance.cited_urls) & set(b.provenance.cited_urls)),
        "agencies": sorted(set(a.provenance.agencies) & set(b.provenance.agencies)),
        "events": sorted(event_fingerprints(a) & event_fingerprints(b))[:10],
    }
