"""What event and claim extraction read from a document: folded tokens, sentences, and the parties of a
sentence with the case marker each one carries (ergative نے/ने, سے/से, پر/पर, کو/को, genitive …).

Urdu and Hindi share their grammar, so one reading serves both scripts: the markers are listed in
both (:mod:`khabar.events.lexicon`) and matched on fold keys.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from khabar.document import Document, Mention
from khabar.events import lexicon as lx
from khabar.events.states import holder, state_of
from khabar.kb import load_kb
from khabar.kb.loader import alias_key
from khabar.text.fold import match_key
from khabar.text.tokens import TOKEN_RE

#: Segment kinds that hold no story sentences.
SKIPPED_SEGMENTS = frozenset({"source", "dateline"})
LANGS = frozenset({"ur", "hi", "en"})
#: Tokens that may stand between two coordinated names besides the conjunction ("اور مسٹر").
MAX_COORD_GAP = 2
#: English words that start with a capital but name no party.
_EN_NOT_NAMES = (
    "the a an in on at he she it they we i but and or if as his her its their this that these those "
    "after before when while during monday tuesday wednesday thursday friday saturday sunday january "
    "february march april june july august september october november december senior officials "
    "president minister prime mr mrs ms dr general gen col lt sgt police security foreign defense "
    "defence state deputy chief several some many"
)
EN_NOT_NAMES = frozenset(_EN_NOT_NAMES.split())
_CAP = re.compile(r"^[A-Z]")
_REL = lx._keys("جو", "जो", "who", "which")
#: Conjunctions that join two common nouns into one party ("طلباء و طالبات", "किसानों और मजदूरों").
NOUN_CONJ = lx._keys("و", "اور", "और", "एवं", "तथा")
#: Words between a name and its case marker that do not change the role: a closing bracket
#: ("(KCNA) نے"), "news agency" after an agency's name ("آر آئی اے خبر رساں ایجنسی نے").
APPOSITION = lx._keys(")", "]", "خبر", "رساں", "ایجنسی", "ادارے", "समाचार", "एजेंसी", "news", "agency")


@dataclass
class Party:
    """A possible actor or recipient in a sentence: a name, an office, a state adjective, a pronoun."""

    t0: int  # token indices [t0, t1)
    t1: int
    entity: str | None
    text: str
    label: str  # PERSON | ORG | LOC
    kind: str = "name"  # name | role | demonym | pronoun | both | caps | group (a place's body) | noun
    agency: bool = False
    marker: str = "none"
    group: int = -1
    relative: bool = False  # inside a relative clause ("، جو سابق وزیر دفاع ہیں،")


@dataclass
class Sentence:
    """One sentence: token range (when it holds a trigger or a cue), characters, language, parties."""

    a: int
    b: int
    lang: str
    segment: int
    start: int = 0  # characters of Document.text
    end: int = 0
    active: bool = True  # tokenized: it holds a trigger or a claim cue
    parties: list[Party] = field(default_factory=list)


# Sentence ends in folded text: Urdu/Hindi stops, question marks, a full stop before a space
# (checked afterwards: not after an initial or a title, "u.s.", "mr.").
_END = re.compile(r"[۔।?!؟]+|\.+(?=\s|$)")
_NOT_END_BEFORE_DOT = re.compile(r"(?:^|\W)(?:\w|mr|ms|dr|st|mrs)$")


class DocView:
    """A document's sentences; those holding a trigger or a claim cue are tokenized (folded tokens
    with offsets into ``Document.text``), the others only located: most sentences of a news page
    code nothing, and tokenizing them was most of the stage's time."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.folded, self.fmap = match_key(doc.text)
        self.keys: list[str] = []
        self._run = 0
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.all_sentences = self._sentences()
        self.sentences = [s for s in self.all_sentences if s.active]
        self.roles: dict[str, list[tuple[int, str]]] = {}  # person -> [(token, office)]
        self._kb = load_kb()
        self.mention_tokens: list[tuple[int, int, Mention]] = []
        for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
            if m.label == "ROLE" and m.role_of and m.entity:
                self.roles.setdefault(m.role_of, []).append((m.start, m.entity.removeprefix("role:")))
            t0, t1 = self.token_range(m.start, m.end)
            if t0 < len(self.starts) and self.starts[t0] == m.start and t1 > t0:
                self.mention_tokens.append((t0, t1, m))

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices ``[t0, t1)`` covering characters ``[start, end)``."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def span(self, t0: int, t1: int) -> tuple[int, int]:
        """Characters of tokens ``[t0, t1)``."""
        return self.starts[t0], self.ends[t1 - 1]

    def text(self, t0: int, t1: int) -> str:
        """The text of tokens ``[t0, t1)`` as written."""
        s, e = self.span(t0, t1)
        return self.doc.text[s:e]

    def _folded_pos(self, pos: int) -> int:
        """The folded position of character ``pos`` of ``Document.text`` (the map's inverse)."""
        m = self.fmap
        if not m.src_starts:
            return 0
        k = max(bisect_right(m.src_starts, pos) - 1, 0)
        limit = m.dst_starts[k + 1] if k + 1 < len(m.dst_starts) else m.dst_len
        return min(m.dst_starts[k] + (pos - m.src_starts[k]), limit)

    def _sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        lexicon = lx.load_lexicon()
        folded = self.folded
        for n, seg in enumerate(self.doc.segments):
            if seg.kind in SKIPPED_SEGMENTS:
                continue
            lang = seg.lang if seg.lang in LANGS else self.doc.lang
            if lang not in LANGS:
                continue
            fa, fb = self._folded_pos(seg.start), self._folded_pos(seg.end)
            cuts = [
                m.end()
                for m in _END.finditer(folded, fa, fb)
                if m.group()[0] != "."
                or not _NOT_END_BEFORE_DOT.search(folded, max(fa, m.start() - 4), m.start())
            ]
            p0 = fa
            for p1 in [*cuts, fb]:
                if p1 <= p0 or not folded[p0:p1].strip():
                    p0 = max(p0, p1)
                    continue
                out.append(self._sentence(p0, p1, lang, n, lexicon))
                p0 = p1
        return out

    def _sentence(self, p0: int, p1: int, lang: str, segment: int, lexicon: lx.Lexicon) -> Sentence:
        while self.folded[p0].isspace():
            p0 += 1
        while self.folded[p1 - 1].isspace():
            p1 -= 1
        start, end = self.fmap(p0), self.fmap(p1 - 1) + 1
        if not lexicon.active(self.folded, p0, p1):
            return Sentence(-1, -1, lang, segment, start, end, active=False)
        a = len(self.keys)
        spans = [m.span() for m in TOKEN_RE.finditer(self.folded, p0, p1)]
        self.keys.extend(self.folded[s:e] for s, e in spans)
        flat = self._map([p for s, e in spans for p in (s, e - 1)])
        self.starts.extend(flat[0::2])
        self.ends.extend(e + 1 for e in flat[1::2])
        return Sentence(a, len(self.keys), lang, segment, start, end)

    def _map(self, positions: list[int]) -> list[int]:
        """Text positions of ascending folded positions, resuming where the last call stopped
        (sentences come in order, so the map's runs are walked once per document)."""
        m = self.fmap
        runs = len(m.dst_starts)
        k = self._run
        if positions and k > 0 and m.dst_starts[k] > positions[0]:
            k = 0
        out = []
        for pos in positions:
            while k + 1 < runs and m.dst_starts[k + 1] <= pos:
                k += 1
            out.append(m.src_starts[k] + (pos - m.dst_starts[k]) if runs else 0)
        self._run = k
        return out

    # --- parties ---------------------------------------------------------------------------
    def parties(self, sent: Sentence, date: str | None) -> list[Party]:
        """The parties of ``sent`` in token order, with their case markers and coordination groups."""
        if sent.parties:
            return sent.parties
        found: list[Party] = []
        lo = bisect_left(self.mention_tokens, sent.a, key=lambda x: x[0])
        for t0, t1, m in self.mention_tokens[lo:]:
            if t0 >= sent.b:
                break
            if m.label == "ROLE":
                if not m.role_of:
                    party = self._office(sent, t0, t1, m, found, date)
                    if party:
                        found.append(party)
                continue
            entity = m.entity or m.kb_id
            if entity and entity.startswith("u:"):
                # "چینی سفارت خانہ": a body named after a state adjective acts for that state.
                for n in (3, 2, 1):
                    if t1 - t0 > n and tuple(self.keys[t0 : t0 + n]) in self._demonyms():
                        entity = self._demonyms()[tuple(self.keys[t0 : t0 + n])]
                        break
            kb_entity = self._kb.get(entity) if entity else None
            label = "LOC" if m.label == "GPE" else m.label
            agency = kb_entity is not None and kb_entity.kind == "agency"
            found.append(Party(t0, t1, entity, m.text, label, "name", agency))
        found.extend(self._other_parties(sent, found))
        found.sort(key=lambda p: (p.t0, -p.t1))
        found = _join_nouns(found, self)
        parties: list[Party] = []
        for p in found:
            if parties and p.t0 < parties[-1].t1:
                continue
            parties.append(p)
        self._mark(sent, parties)
        sent.parties = parties
        return parties

    def _office(
        self, sent: Sentence, t0: int, t1: int, m: Mention, before: list[Party], date: str | None
    ) -> Party | None:
        """A party for an office named without a name: "روسی وزیر دفاع", "شمالی کوریا کے رہنما"."""
        role = (m.entity or "").removeprefix("role:")
        state = None
        start = t0
        for n in (3, 2, 1):
            if t0 - n >= sent.a and tuple(self.keys[t0 - n : t0]) in self._demonyms():
                state = self._demonyms()[tuple(self.keys[t0 - n : t0])]
                start = t0 - n
                break
        if state is None and before and before[-1].t1 == t0 - 1 and self.keys[t0 - 1] in lx.GENITIVE:
            state = state_of(before[-1].entity, date)
        if state is None:
            return None
        person = holder(role, state, date)
        if person:
            return Party(start, t1, person, self.text(start, t1), "PERSON", "role")
        return Party(start, t1, state, self.text(start, t1), "LOC", "role")

    @staticmethod
    def _demonyms() -> dict[tuple[str, ...], str]:
        return lx.load_lexicon().demonyms

    def _other_parties(self, sent: Sentence, names: list[Party]) -> list[Party]:
        covered: set[int] = set()
        for p in names:
            covered.update(range(p.t0, p.t1))
        out: list[Party] = []
        keys = self.keys
        demonyms = self._demonyms()
        i = sent.a
        while i < sent.b:
            key = keys[i]
            if i in covered:
                i += 1
                continue
            nxt = keys[i + 1] if i + 1 < sent.b else ""
            if key in _HI_FUSED or (key in lx.PRONOUN_ERGATIVE and nxt in lx.ERGATIVE):
                out.append(Party(i, i + 1, None, self.text(i, i + 1), "PERSON", "pronoun"))
                i += 1
                continue
            if key in lx.BOTH and nxt in lx.BOTH_NOUNS:
                out.append(Party(i, i + 2, None, self.text(i, i + 2), "LOC", "both"))
                i += 2
                continue
            if key in lx.ACTOR_NOUNS:
                out.append(self.noun(i))
                i += 1
                continue
            matched = False
            for n in (3, 2, 1) if key in _demonym_heads() else ():
                words = tuple(keys[i : i + n])
                if i + n <= sent.b and words in demonyms and not covered.intersection(range(i, i + n)):
                    after = keys[i + n] if i + n < sent.b else ""
                    if sent.lang == "en" or after in lx.GROUP_NOUNS:
                        end = i + n + (1 if after in lx.GROUP_NOUNS else 0)
                        out.append(Party(i, end, demonyms[words], self.text(i, end), "LOC", "demonym"))
                        i = end
                        matched = True
                    break
            if matched:
                continue
            if sent.lang == "en":
                j = i
                while (
                    j < sent.b
                    and j not in covered
                    and _CAP.match(self.text(j, j + 1))
                    and keys[j] not in EN_NOT_NAMES
                ):
                    j += 1
                if j > i:
                    text = self.text(i, j)
                    out.append(Party(i, j, "u:" + alias_key(text), text, "ORG", "caps"))
                    i = j
                    continue
            i += 1
        return out

    def noun(self, i: int, marker: str = "none") -> Party:
        """A party named by the common noun at token ``i`` ("پولیس", "लोगों")."""
        text = self.text(i, i + 1)
        return Party(i, i + 1, "u:" + alias_key(text), text, "ORG", "noun", marker=marker)

    def noun_phrase(self, i: int, marker: str, lo: int) -> Party:
        """A party named by the common noun at token ``i``, with a coordinated noun before it
        ("طلباء و طالبات") and coded as a state when a state adjective qualifies it ("اسرائیلی
        مصنوعات", "भारतीय सैनिकों"); tokens before ``lo`` are not looked at."""
        start = i
        keys = self.keys
        if i - 2 >= lo and keys[i - 1] in NOUN_CONJ and self.is_word(i - 2):
            start = i - 2
        for n in (2, 1):
            words = tuple(keys[start - n : start])
            if start - n >= lo and words in self._demonyms():
                text = self.text(start - n, i + 1)
                return Party(start - n, i + 1, self._demonyms()[words], text, "LOC", "demonym", marker=marker)
        text = self.text(start, i + 1)
        return Party(start, i + 1, "u:" + alias_key(text), text, "ORG", "noun", marker=marker)

    def is_word(self, i: int) -> bool:
        """Whether token ``i`` can stand for a party by position alone: a content word that is not
        itself a trigger ("حملہ", "आरोप" name what happened, never who took part)."""
        key = self.keys[i]
        return (
            key not in lx.NOT_PARTY
            and key[:1].isalpha()
            and len(key) > 1
            and not lx.load_lexicon().candidates(key)
        )

    def _mark(self, sent: Sentence, parties: list[Party]) -> None:
        keys = self.keys
        starts = {p.t0 for p in parties} | {t0 for t0, _, m in self.mention_tokens if m.label == "ROLE"}
        relative = self._relative_spans(sent)
        for p in parties:
            p.relative = any(s <= p.t0 < e for s, e in relative)
            if p.kind == "pronoun" and keys[p.t0] in _HI_FUSED:
                p.marker = "erg"
                continue
            k = p.t1
            while k < sent.b:
                if keys[k] in APPOSITION:
                    k += 1
                elif keys[k] == "(" and k + 2 < sent.b and keys[k + 2] == ")":
                    k += 3  # "کمل گوئل (40) اور": an age or an abbreviation in brackets
                else:
                    break
            n1 = keys[k] if k < sent.b else ""
            n2 = keys[k + 1] if k + 1 < sent.b else ""
            p.marker = _marker(n1, n2, k + 1 in starts or n2 in lx.HONORIFIC)
        group = 0
        for i, p in enumerate(parties):
            if p.group < 0:
                p.group = group
                group += 1
            if p.marker != "conj" or i + 1 >= len(parties):
                continue
            q = parties[i + 1]
            gap = keys[p.t1 + 1 : q.t0]
            if q.relative == p.relative and len(gap) <= MAX_COORD_GAP and all(k in lx.HONORIFIC for k in gap):
                q.group = p.group
        # A group takes the marker of its last member: "روس اور شمالی کوریا نے".
        last: dict[int, str] = {}
        for p in parties:
            last[p.group] = p.marker
        for p in parties:
            if p.marker == "conj":
                p.marker = last[p.group] if last[p.group] != "conj" else "none"

    def _relative_spans(self, sent: Sentence) -> list[tuple[int, int]]:
        out = []
        keys = self.keys
        for i in range(sent.a + 1, sent.b):
            if keys[i] in _REL and keys[i - 1] in (",", "،"):
                end = next((j for j in range(i + 1, sent.b) if keys[j] in (",", "،")), sent.b)
                out.append((i, end))
        return out


def _join_nouns(parties: list[Party], view: DocView) -> list[Party]:
    """ "دہلی پولیس", "जहांगीरपुरी पुलिस": a place right before an actor noun names that body."""
    out: list[Party] = []
    for p in parties:
        if (
            out
            and p.kind == "noun"
            and out[-1].t1 == p.t0
            and out[-1].label == "LOC"
            and out[-1].kind == "name"
        ):
            place = out.pop()
            text = view.text(place.t0, p.t1)
            out.append(Party(place.t0, p.t1, "u:" + alias_key(text), text, "ORG", "group"))  # a named body
            continue
        out.append(p)
    return out


def coordination_group(parties: list[Party], p: Party) -> list[Party]:
    """``p`` and the parties coordinated with it ("X اور Y"), outside relative clauses."""
    if not any(q is p for q in parties):
        return [p]  # a party found by position ("مظفرگڑھ پہنچ گئے"), in no coordination group
    return [q for q in parties if q.group == p.group and not q.relative]


@lru_cache(maxsize=1)
def _demonym_heads() -> frozenset[str]:
    """First words of the state adjectives, to skip the others fast."""
    return frozenset(k[0] for k in lx.load_lexicon().demonyms)


_HI_FUSED = lx._keys("उन्होंने", "उसने", "इन्होंने", "हमने")


def _marker(n1: str, n2: str, next_is_name: bool) -> str:
    """The case marker after a party from the next two tokens."""
    if n1 in lx.ERGATIVE:
        return "erg"
    if n1 in lx.SE:
        return "se"
    if n1 in lx.PAR:
        return "par"
    if n1 in lx.KO:
        return "ko"
    if n1 in lx.AGENT:
        return "agent"
    if n1 in lx.PURPOSE_FUSED:
        return "for"
    if n1 in lx.GENITIVE and n1 not in lx.OWN:
        if n2 in lx.PURPOSE:
            return "for"  # "افغانستان کے لیے", "पीड़ितों के लिए": who it is for
        if n2 in lx.AGENT_NOUNS:
            return "agent"
        if n2 in lx.SATH:
            return "sath"
        if n2 in lx.AGAINST:
            return "against"
        if n2 in lx.BETWEEN:
            return "between"
        if n2 in lx.QUOTING:
            return "attrib"
        if n2 in lx.ACCORDING:
            return "according"
        return "gen_mod" if next_is_name else "gen"
    if n1 in lx.BETWEEN:
        return "between"
    if n1 in lx.IN:
        return "in"
    if n1 in lx.CONJ:
        return "conj"
    return "none"
