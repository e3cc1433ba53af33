"""Entity mentions: KB gazetteer, NER spans, title patterns, cross-script linking.

Steps, over the fold key of ``Document.text`` (offsets mapped back to ``text``):

1. Gazetteer: every KB alias and title word, leftmost-longest (:mod:`khabar.kb.gazetteer`).
2. NER: spans from :func:`khabar.models.ner.extract` (for languages whose model file is
   built), kept where they do not overlap a gazetteer name.
3. Partial names: a token or leading tokens of a person's name found earlier in the same
   document ("کم" after "کم جونگ ان", "کم جونگ" too).
4. Titles: an office word ("وزیر دفاع", "सचिव", "Chairman") is a ROLE mention attached to the
   person right after it; an office word or honorific ("مسٹر", "श्री") followed by words
   that are no known name marks those words as a PERSON name.
5. Linking: names not in the KB are looked up across scripts (phonetic key + rapidfuzz);
   a miss gets a stable unlinked id ``u:<phonetic key>``.

The result depends on the text, its language and the (read-only) KB alone, never on what was
processed before: a fuzzy link is recorded on its mention (``method="fuzzy"``), not in the KB.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from khabar.document import Mention
from khabar.kb import LINK_THRESHOLD, KnowledgeBase, load_kb
from khabar.kb.gazetteer import Gazetteer, Hit, Token
from khabar.kb.loader import TOKEN_RE
from khabar.models import ner
from khabar.text.fold import match_key
from khabar.text.translit import phonetic_key

# Confidence by how a mention was found. Exact KB aliases are near-certain; an alias shared
# by several entities, a name a title introduced, and fuzzy links less so. Set by hand on
# the seed pages, where every gazetteer hit is right.
CONFIDENCE = {"gazetteer": 0.95, "ambiguous": 0.6, "partial": 0.8, "ner": 0.7, "title": 0.6, "split": 0.85}
# Most words taken as a name after a title ("صدر X Y Z"): Korean names have three.
MAX_NAME_TOKENS = 3
# Shortest partial name token (characters): shorter ones ("ای") are usually grammar.
MIN_PARTIAL_CHARS = 2

# Words that end a name after a title: Hindustani postpositions, conjunctions, auxiliaries and
# pronouns in both scripts, and Urdu/Hindi words that often follow an office ("سابق", "भी").
_STOPWORDS_TEXT = """
    نے سے کو کی کا کے میں پر اور بھی نہیں ہے ہیں تھا تھے تھی کہ جو یہ وہ اس ان ایک کر کیا کہا
    گیا ہو ہوا ہوئے ہوئی رہے رہا رہی لیے لئے ساتھ بعد قبل دوران طور مطابق حوالے تو ہی جب تک
    سابق نئے نئی نیا موجودہ اپنے اپنی اپنا انہوں جس جن کسی کوئی کچھ سب تمام دونوں یا لیکن مگر
    ने से को की का के में पर और भी नहीं है हैं था थे थी कि जो यह वह इस उस उन एक कर किया कहा गया
    हो हुआ हुए हुई रहे रहा रही लिए साथ बाद पहले दौरान रूप अनुसार हवाले ही तो जब तक पूर्व नए नई
    नया मौजूदा अपने अपनी अपना उन्होंने जिस जिन किसी कोई कुछ सब सभी दोनों या लेकिन मगर तथा एवं
    the of and to in on at for with by from said says has have had is was were will a an
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_URL_RE = re.compile(r"(?:https?://|www\.)\S+")

# Name words shared by so many people that alone they name no one in particular, even after
# a full name with them appeared ("خان" after "عمران خان").
_COMMON_NAME_TEXT = (
    "محمد علی احمد حسین خان شاہ سید شیخ ملک چوہدری میاں راجہ بیگم بی بی عبد "
    "मोहम्मद अली अहमद हुसैन खान शाह सैयद शेख मलिक सिंह कुमार देवी लाल प्रसाद राम "
    "mohammad muhammad ali ahmed hussain khan shah singh kumar"
)
COMMON_NAME_WORDS = frozenset(_COMMON_NAME_TEXT.split())

NerFn = Callable[[str, str], list[tuple[int, int, str]]]


def _ner() -> NerFn | None:
    """The statistical tagger (tests replace it, or switch it off by returning ``None``)."""
    return ner.extract


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    kb = load_kb()
    return Gazetteer(kb.entities(), kb.titles)


@dataclass
class _Span:
    first: int  # token range [first, last)
    last: int
    label: str
    entity: str | None  # KB id, unlinked id or role id
    kb_id: str | None
    method: str
    confidence: float
    role: str = ""  # ROLE spans: role name; "honorific" for honorifics (not emitted)
    role_of: str | None = None  # ROLE spans: the entity of the person qualified
    names: bool = False  # ROLE spans: the words after this title may be taken as a name


class _Doc:
    """One document's folded text, tokens and spans while mentions are found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.map = match_key(text)
        self.tokens: list[Token] = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(self.folded)]
        self.spans: list[_Span] = []
        self.covered = [False] * len(self.tokens)
        self._bounds: tuple[list[int], list[int]] | None = None
        # Words of a URL ("…/president-of-russia-286239.html") name nothing.
        for url in _URL_RE.finditer(self.folded):
            for k, (s, e, _) in enumerate(self.tokens):
                if url.start() <= s and e <= url.end():
                    self.covered[k] = True

    def token_bounds(self) -> tuple[list[int], list[int]]:
        """Each token's first and last character position in ``text`` (both ascending)."""
        if self._bounds is None:
            self._bounds = (
                self.map.map_sorted([s for s, _, _ in self.tokens]),
                self.map.map_sorted([e - 1 for _, e, _ in self.tokens]),
            )
        return self._bounds

    def span_of(self, first: int, last: int) -> tuple[int, int]:
        return self.map.span(self.tokens[first][0], self.tokens[last - 1][1])

    def add(self, span: _Span) -> None:
        self.spans.append(span)
        for k in range(span.first, span.last):
            self.covered[k] = True

    def free(self, first: int, last: int) -> bool:
        return not any(self.covered[first:last])

    def adjacent(self, left: int, right: int) -> bool:
        """True when token ``left`` is followed by token ``right`` with only spaces between."""
        gap = self.folded[self.tokens[left][1] : self.tokens[right][0]]
        return not gap.strip(" ") and right == left + 1


def find_mentions(text: str, lang: str, kb: KnowledgeBase | None = None) -> list[Mention]:
    """Entity and role mentions of ``text`` (spans into it), linked to ``kb`` (the shipped KB)."""
    kb = load_kb() if kb is None else kb  # an empty KnowledgeBase is falsy, yet meant
    gazetteer = _gazetteer() if kb is load_kb() else Gazetteer(kb.entities(), kb.titles)
    doc = _Doc(text)
    _gazetteer_spans(doc, gazetteer.scan(doc.tokens, doc.folded, doc.covered), kb)
    # Parts of names the document already spelt out in full ("کم", "کم جونگ" after "کم جونگ اُن")
    # go before the statistical tagger, whose shorter spans would otherwise be fuzzy-linked
    # to someone else (seed 003: "کم جونگ" to Kim Yo Jong).
    _partial_spans(doc, kb)
    _ner_spans(doc, lang, kb)
    _title_names(doc, kb)
    _partial_spans(doc, kb)  # names a title introduced are now known to the document too
    _attach_roles(doc)
    return _mentions(doc)


def _gazetteer_spans(doc: _Doc, hits: list[Hit], kb: KnowledgeBase) -> None:
    for hit in hits:
        entry = hit.entry
        if entry.title is not None:
            kind = entry.title.kind
            role = "honorific" if kind == "honorific" else entry.title.role
            span = _Span(
                hit.first, hit.last, "ROLE", f"role:{entry.title.role}", None, "gazetteer", 0.9, role
            )
            span.names = kind != "generic"
            doc.add(span)
            continue
        start, end = doc.span_of(hit.first, hit.last)
        if entry.caps_only and not doc.text[start:end].isupper():
            continue
        entity = kb.get(entry.ids[0])
        if entity is None:
            continue
        method = "ambiguous" if len(entry.ids) > 1 else "split" if hit.split else "gazetteer"
        doc.add(
            _Span(hit.first, hit.last, entity.type, entity.id, entity.id, "gazetteer", CONFIDENCE[method])
        )


def _token_range(doc: _Doc, start: int, end: int) -> tuple[int, int] | None:
    """The tokens lying inside text span ``[start, end)``, or ``None``."""
    starts, ends = doc.token_bounds()
    first = bisect_left(starts, start)
    last = bisect_right(ends, end - 1)
    return (first, last) if first < last else None


def _ner_spans(doc: _Doc, lang: str, kb: KnowledgeBase) -> None:
    extract = _ner()
    # Without a model file (an untrained checkout) the gazetteer and titles still work.
    if extract is None or not ner.has_model(lang):
        return
    for start, end, label in extract(doc.text, lang):
        found = _token_range(doc, start, end)
        if found is None or not doc.free(*found):
            continue
        _link_name(doc, found[0], found[1], label, "ner", kb)


def _link_name(doc: _Doc, first: int, last: int, label: str, method: str, kb: KnowledgeBase) -> None:
    """Add a name span, linked to the KB when a same-type entity matches it across scripts.

    A cross-script link is kept on the span alone (method ``fuzzy``): the KB is not taught the
    spelling, so the next document is linked exactly as if it came first.
    """
    start, end = doc.span_of(first, last)
    surface = doc.text[start:end]
    for entity in kb.lookup(surface, fuzzy=False):
        if entity.type == label:
            doc.add(_Span(first, last, label, entity.id, entity.id, method, CONFIDENCE[method]))
            return
    for match in kb.names().matches(surface, LINK_THRESHOLD):
        linked = kb.get(match.payload)
        if linked is not None and linked.type == label:
            confidence = CONFIDENCE[method] * match.score / 100
            doc.add(_Span(first, last, label, linked.id, linked.id, "fuzzy", round(confidence, 3)))
            return
    key = phonetic_key(surface)
    if key:
        doc.add(_Span(first, last, label, "u:" + key, None, method, CONFIDENCE[method]))


def _partial_spans(doc: _Doc, kb: KnowledgeBase) -> None:
    """Tokens and leading tokens of a person named earlier in the document."""
    partial: dict[tuple[str, ...], str | None] = {}
    for span in doc.spans:
        if span.label != "PERSON" or span.entity is None:
            continue
        words = tuple(doc.tokens[k][2] for k in range(span.first, span.last))
        pieces: list[tuple[str, ...]] = [words[:n] for n in range(1, len(words))]
        pieces += [(w,) for w in words[1:]]
        for piece in pieces:
            if len(piece) == 1 and (
                piece[0] in STOPWORDS or piece[0] in COMMON_NAME_WORDS or len(piece[0]) < MIN_PARTIAL_CHARS
            ):
                continue
            # A piece two people of the document share names neither.
            partial[piece] = span.entity if partial.get(piece, span.entity) == span.entity else None
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for piece, owner in sorted(partial.items(), key=lambda item: -len(item[0])):
        if owner is not None:
            by_first.setdefault(piece[0], []).append((piece, owner))
    for i, (_, _, word) in enumerate(doc.tokens):
        if doc.covered[i] or word not in by_first:
            continue
        for piece, entity in by_first[word]:
            n = len(piece)
            if tuple(t[2] for t in doc.tokens[i : i + n]) == piece and doc.free(i, i + n):
                kb_id = entity if entity in kb else None
                doc.add(_Span(i, i + n, "PERSON", entity, kb_id, "partial", CONFIDENCE["partial"]))
                break


def _title_names(doc: _Doc, kb: KnowledgeBase) -> None:
    """Words right after a title that no step has claimed are a person's name.

    When a known person follows those words ("وزیراعظم محمد نواز شریف"), they are the start
    of that person's name instead.
    """
    starts = {s.first: s for s in doc.spans if s.label == "PERSON"}
    for span in sorted((s for s in doc.spans if s.label == "ROLE" and s.names), key=lambda s: s.first):
        first = span.last
        if first >= len(doc.tokens) or doc.covered[first] or not doc.adjacent(span.last - 1, first):
            continue
        last = first
        while last < len(doc.tokens) and last - first < MAX_NAME_TOKENS and _name_word(doc, last):
            if last > first and not doc.adjacent(last - 1, last):
                break
            last += 1
        if last == first:
            continue
        person = starts.get(last)
        if person is not None and doc.adjacent(last - 1, last):
            person.first = first
            for k in range(first, last):
                doc.covered[k] = True
        else:
            _link_name(doc, first, last, "PERSON", "title", kb)


def _name_word(doc: _Doc, k: int) -> bool:
    start, _, word = doc.tokens[k]
    if doc.covered[k] or word in STOPWORDS or word.isdigit():
        return False
    if word.isascii():  # Latin names are capitalised; Urdu and Devanagari have no case
        original = doc.text[doc.map(start)]
        return original.isupper()
    return True


def _attach_roles(doc: _Doc) -> None:
    """Give each office title the person right after it (an honorific may sit between)."""
    by_first = {s.first: s for s in doc.spans}
    for span in doc.spans:
        if span.label != "ROLE" or span.role == "honorific":
            continue
        nxt = by_first.get(span.last)
        if nxt is not None and nxt.label == "ROLE" and nxt.role == "honorific":
            nxt = by_first.get(nxt.last)
        if nxt is not None and nxt.label == "PERSON" and doc.adjacent(nxt.first - 1, nxt.first):
            span.role_of = nxt.entity


def _mentions(doc: _Doc) -> list[Mention]:
    out = []
    for span in sorted(doc.spans, key=lambda s: s.first):
        if span.role == "honorific":
            continue
        start, end = doc.span_of(span.first, span.last)
        role = span.label == "ROLE"
        out.append(
            Mention(
                start=start,
                end=end,
                label=span.label,
                kb_id=None if role else span.kb_id,
                confidence=span.confidence,
                text=doc.text[start:end],
                entity=span.entity,
                role_of=span.role_of,
                method=span.method,
            )
        )
    return out
