"""The event and claim lexicons: trigger patterns, case markers and cue words, read once from data files.

Every word is stored in its fold key (:func:`khabar.text.fold.match_key`), the form the
extractor matches tokens in, so a pattern written "मुलाक़ात" also matches "मुलाकात".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from khabar.errors import InputError
from khabar.events.ontology import EVENT_TYPES, MODES
from khabar.text.fold import match_key
from khabar.text.tokens import WORD_CHAR, words

TRIGGER_COLUMNS = ("lang", "type", "mode", "frame", "recipients", "flags", "pattern")
FRAMES = frozenset({"verb", "noun", "arrive"})
RECIPIENT_MARKERS = frozenset({"se", "par", "ko", "gen", "sath", "against", "for", "dest", "obj", "none"})
FLAGS = frozenset({"recip", "future", "deny_prev", "nogen", "ask"})
#: Tokens whose trigger candidates are remembered before the memo starts afresh.
MEMO_SIZE = 100_000
GAP = "~"
_WORDS = re.compile(WORD_CHAR + r"+(?:[-\u2010\u2011]" + WORD_CHAR + r"+)*")
#: Tokens a "~" in a pattern may skip: a compound verb's light verb rarely sits further away.
MAX_GAP = 3


def _key(word: str) -> str:
    return match_key(word)[0]


def _keys(*items: str) -> frozenset[str]:
    return frozenset(_key(w) for w in items)


# Case markers and function words Urdu and Hindi share (one entry per script), and English ones.
ERGATIVE = _keys("نے", "ने")
PRONOUN_ERGATIVE = _keys("انہوں", "اس", "انھوں", "ہم", "उन्होंने", "उसने", "इन्होंने", "हमने")  # + نے in Urdu
SE = _keys("سے", "से")
PAR = _keys("پر", "पर")
KO = _keys("کو", "को")
GENITIVE = _keys("کا", "کی", "کے", "का", "की", "के", "اپنے", "اپنی", "اپنا", "अपने", "अपनी", "अपना")
OWN = _keys("اپنے", "اپنی", "اپنا", "अपने", "अपनी", "अपना")
IN = _keys("میں", "में", "in", "at")
CONJ = _keys("اور", "و", "और", "एवं", "तथा", "and", "،", ",")
SATH = _keys("ساتھ", "साथ")
AGAINST = _keys("خلاف", "खिलाफ", "ख़िलाफ़")
BETWEEN = _keys("درمیان", "بیچ", "बीच", "between")
THAT = _keys("کہ", "कि", "that", "کہاکہ", "بتایاکہ")  # the last two: "کہا کہ" written as one word
#: Past forms of "say" that open a reported clause even without "کہ/कि" ("سرتاج عزیز نے کہا …").
SAID = _keys("کہا", "بتایا", "कहा", "बताया")
#: Agent markers of a passive or a nominal: "सुप्रीम कोर्ट द्वारा", "X کی طرف سے", "X की ओर से".
AGENT = _keys("द्वारा", "دوارا")
AGENT_NOUNS = _keys("طرف", "جانب", "ओर", "तरफ")  # after a genitive, before سے/से
#: Words after a light verb that make it passive ("گرفتار کیا گیا", "गिरफ्तार किया गया", "کئے جانے").
PASSIVE = _keys(
    "گیا",
    "گئی",
    "گئے",
    "گیے",
    "جائے",
    "جائیں",
    "جانے",
    "جاتا",
    "جاتی",
    "جاتے",
    "جا",
    "गया",
    "गई",
    "गए",
    "गये",
    "जाए",
    "जाएं",
    "जाने",
    "जाता",
    "जाती",
    "जाते",
    "जा",
)
#: The press: talking to it ("صحافیوں سے گفتگو کرتے ہوئے کہا") is a statement, not a consultation.
PRESS = _keys(
    "صحافیوں",
    "نویسوں",
    "نگاروں",
    "میڈیا",
    "پریس",
    "पत्रकारों",
    "मीडिया",
    "संवाददाताओं",
    "reporters",
    "journalists",
    "press",
    "media",
)
#: Forms of ہونا/होना after a verb trigger that make it intransitive ("ہلاک ہو گئے", "गिरफ्तार हुआ").
BECOME = _keys("ہو", "ہوا", "ہوئے", "ہوئی", "ہونے", "ہوگئے", "ہوگیا", "हो", "हुआ", "हुए", "हुई", "होने")
#: "کے لیے/के लिए" after an infinitive ("کرنے کے لیے") marks a purpose.
PURPOSE = _keys("لیے", "لئے", "لیئے", "लिए", "लिये")
#: Protesters: force used on them by whoever is coding it is coercion, not an assault (PLOVER).
PROTESTERS = _keys(
    "مظاہرین",
    "مظاہرین",
    "احتجاجیوں",
    "प्रदर्शनकारियों",
    "प्रदर्शनकारी",
    "आंदोलनकारियों",
    "protesters",
    "demonstrators",
    "protestors",
)
#: "کیلئے" written as one word ("حملہ کیلیے", "رہائی کیلئے": for an attack, for a release).
PURPOSE_FUSED = _keys("کیلئے", "کیلیے", "کیلیئے", "کےلیے", "کےلئے", "केलिए")
#: Words before "प्रदर्शन"/"مظاہرہ" that make it a display or a performance, not a protest.
DISPLAY = _keys(
    "بہترین",
    "شاندار",
    "عمدہ",
    "اچھا",
    "اچھی",
    "خراب",
    "طاقت",
    "बेहतर",
    "बेहतरीन",
    "सर्वश्रेष्ठ",
    "शानदार",
    "अच्छा",
    "अच्छे",
    "खराब",
    "शक्ति",
    "दमदार",
    "निराशाजनक",
)
INFINITIVE = ("نے", "ने")
#: Nouns after a trigger's genitive that make it a plan or an attempt ("حملے کی منصوبہ بندی").
INTENT = _keys(
    "منصوبہ",
    "منصوبہ بندی",
    "سازش",
    "کوشش",
    "فیصلہ",
    "ارادہ",
    "योजना",
    "साजिश",
    "कोशिश",
    "फैसला",
    "निर्णय",
    "इरादा",
)
#: Nouns after a trigger's genitive that make it a reference to a case or a report
#: ("हत्या की रिपोर्ट दर्ज", "قتل کا مقدمہ"): not an event the clause's subject took part in.
REFERENCE = _keys(
    "रिपोर्ट",
    "मामला",
    "मामले",
    "केस",
    "मुकदमा",
    "رپورٹ",
    "مقدمہ",
    "مقدمے",
    "کیس",
    "معاملہ",
    "معاملے",
    "ایف آئی آر",
)
#: The masculine singular genitive, and plural oblique endings of nouns for people
#: ("مظاہرین کا مطالبہ", "यात्रियों का आरोप"): a genitive of a claim that names the claimant.
GENITIVE_SG = _keys("کا", "का")
PLURAL_OBLIQUE = ("وں", "ों")
#: Particles that may stand between a genitive and its noun ("کا بھی مطالبہ").
PARTICLES = _keys("بھی", "ہی", "तो", "भी", "ही")
#: Vector verbs between کر/कर and a passive's جانا/जाना ("گرفتار کر لیا گیا").
PASSIVE_AFTER_KAR = _keys("لیا", "لی", "لیے", "دیا", "دی", "دیے", "लिया", "ली", "लिए", "दिया", "दी", "दिए")
#: Verb forms that end a finite clause ("… کیا اور …"): a conjunction after one starts a new clause.
FINITE = _keys(
    "کیا",
    "کیے",
    "کئے",
    "دیا",
    "دی",
    "دیے",
    "لیا",
    "ہے",
    "ہیں",
    "تھا",
    "تھی",
    "تھے",
    "گیا",
    "گئی",
    "گئے",
    "किया",
    "किए",
    "किये",
    "दिया",
    "दी",
    "दिए",
    "लिया",
    "है",
    "हैं",
    "था",
    "थी",
    "थे",
    "गया",
    "गई",
    "गए",
)
HONORIFIC = _keys("مسٹر", "جناب", "श्री", "मिस्टर", "mr", "mr.", "ms", "mrs", "dr")
BOTH = _keys("دونوں", "दोनों", "both")
BOTH_NOUNS = _keys(
    "ممالک",
    "ملکوں",
    "فریقوں",
    "فریقین",
    "جانب",
    "رہنماؤں",
    "देशों",
    "पक्षों",
    "नेताओं",
    "sides",
    "countries",
    "leaders",
    "nations",
)
NEGATION = _keys("نہیں", "نہ", "نا", "नहीं", "न", "not", "never", "no", "n't")
FUTURE = _keys("گا", "گی", "گے", "متوقع", "will", "would", "expected", "गा", "गी", "गे", "संभावना")
FUTURE_SUFFIXES = ("ेगा", "ेगी", "ेंगे", "ूंगा", "ेंगी", "एगा", "एगी", "एंगे", "एंगी")
#: A singular habitual present ("विरोध करता है", "مخالفت کرتی ہے"): what somebody usually does,
#: not an event. The plural ("مذمت کرتے ہیں") is left alone: it is also the performative "we condemn".
HABITUAL_SUFFIXES = ("تا", "تی", "ता", "ती")
IS_SINGULAR = _keys("ہے", "है")
#: "کے جواب میں", "की प्रतिक्रिया": what answers a trigger refers back to it.
RESPONSE = _keys("جواب", "ردعمل", "जवाब", "प्रतिक्रिया")
#: "आरोप लगने के बाद", "الزام لگا": an allegation that arose; who made it is not said.
ARISE = _keys("لگا", "لگے", "لگی", "لگنے", "लगा", "लगे", "लगी", "लगने")
#: Words that open the next clause after a subjunctive verb.
CLAUSE_LINKS = _keys(
    "تاہم", "لیکن", "مگر", "اور", "جبکہ", "تاکہ", "लेकिन", "मगर", "और", "जबकि", "ताकि", "वरना", "ورنہ"
)
HYPOTHETICAL = _keys("اگر", "अगर", "यदि", "if", "could", "might", "unless", "تاکہ", "ताकि")
CONDITION = _keys("صورت", "स्थिति", "case", "event")  # + میں/में/in: "حملے کی صورت میں"
#: Light verbs after a nominal trigger make it a verb ("ملاقات کی", "बात की"): then the subject acts.
LIGHT_VERBS = _keys(
    "کی",
    "کیا",
    "کیے",
    "کئے",
    "کرے",
    "کریں",
    "کرنا",
    "کرنے",
    "کر",
    "ہوئی",
    "ہوا",
    "ہوئے",
    "की",
    "किया",
    "किए",
    "किये",
    "करें",
    "करना",
    "करने",
    "कर",
    "हुई",
    "हुआ",
    "हुए",
)
#: Forms of پڑنا/पड़ना after an infinitive: "X کو … کرنا پڑا", "X को … करनी पड़ी" (X had to do it).
COMPULSION = _keys(
    "پڑا",
    "پڑی",
    "پڑے",
    "پڑتا",
    "پڑتی",
    "پڑتے",
    "پڑیگا",
    "पड़ा",
    "पड़ी",
    "पड़े",
    "पड़ता",
    "पड़ती",
    "पड़ते",
    "पड़ेगा",
    "पड़ेगी",
    "पडा",
    "पडी",
    "पडे",
)
#: Tokens after a trigger searched for :data:`COMPULSION` (its light verb, then the auxiliary).
COMPULSION_WINDOW = 3
#: Postpositions after a nominal trigger that make it a time reference ("हमलों के दौरान").
TEMPORAL = _keys("دوران", "بعد", "दौरान", "बाद")
#: Verbs of giving that make "امدادی"/"राहत" (relief …) an act of aid: "امدادی اشیاء تقسیم کیں",
#: "امدادی کشتیاں بھیج کر"; without one it names relief work ("امدادی کاموں میں حصہ").
GIVE = _keys(
    "دی",
    "دیا",
    "دیے",
    "دیئے",
    "دیں",
    "فراہم",
    "تقسیم",
    "بھیج",
    "بھیجی",
    "بھیجا",
    "بھیجے",
    "پہنچائی",
    "پہنچایا",
    "दी",
    "दिया",
    "दिए",
    "दीं",
    "भेजी",
    "भेजा",
    "भेजे",
    "बांटी",
    "बांटा",
    "बांटे",
    "पहुंचाई",
    "पहुंचाया",
    "उपलब्ध",
    "حوالے",
    "हवाले",
    "منظوری",
    "मंजूरी",
)
AID_ADJECTIVES = _keys("امدادی", "राहत")
#: Subjunctive endings of a reported request ("وہ رقوم بھیجیں", "प्रयोग न करें") and the words
#: with the same ending that are not verbs.
SUBJUNCTIVE_ENDINGS = ("یں", "ें", "ئیں", "ाएं")
NOT_SUBJUNCTIVE = _keys(
    "میں", "ہیں", "نہیں", "انہیں", "انھیں", "ہمیں", "تمہیں", "میں", "में", "हैं", "नहीं", "उन्हें", "हमें", "इन्हें"
)
#: "دی"/"दिया" after "قرار"/"करार": a declaration ("مجرم قرار دیا", "दोषी करार दिया"), not an accord.
DECLARE_AFTER = _keys("دیا", "دی", "دیے", "دے", "دینے", "دیتے", "दिया", "दी", "दिए", "दे", "देने", "देते")
#: Words before a trigger that make it a reference to an earlier one ("ان الزامات", "इन आरोपों").
ANAPHORA = _keys("ان", "اس", "یہ", "इन", "इस", "यह", "these", "this")
#: Common nouns that act like a named party ("پولیس نے", "सरकार ने"): kept with their text.
ACTOR_NOUNS = _keys(
    "پولیس",
    "حکومت",
    "فوج",
    "افواج",
    "حکام",
    "انتظامیہ",
    "عدالت",
    "مظاہرین",
    "طالبان",
    "شدت پسندوں",
    "पुलिस",
    "सरकार",
    "सेना",
    "प्रशासन",
    "अदालत",
    "कोर्ट",
    "प्रदर्शनकारियों",
    "प्रदर्शनकारी",
    "अधिकारियों",
    "police",
    "government",
    "army",
    "troops",
    "court",
    "protesters",
    "demonstrators",
    "rebels",
    "militants",
)
#: Words that cannot be a party found by position alone (function words, numbers are checked apart).
NOT_PARTY = _keys(
    "نے",
    "سے",
    "کو",
    "پر",
    "کا",
    "کی",
    "کے",
    "میں",
    "اور",
    "بھی",
    "ہی",
    "تو",
    "یہ",
    "وہ",
    "جو",
    "جس",
    "جنہیں",
    "ने",
    "से",
    "को",
    "पर",
    "का",
    "की",
    "के",
    "में",
    "और",
    "भी",
    "ही",
    "तो",
    "यह",
    "वह",
    "जो",
    "जिस",
    "उन्हें",
    "इसे",
    "उसे",
    "इन्हें",
    "انہیں",
    "اسے",
    "ان",
    "इन",
    "उन",
    ")",
    "(",
    "،",
    ",",
    "।",
    "۔",
    "حوالے",
    "हवाले",
    "مطابق",
    "अनुसार",
    "طور",
    "रूप",
    "ذریعے",
    "जरिए",
    "بارے",
    "बारे",
    "لیے",
    "لئے",
    "लिए",
    "طرف",
    "तरफ",
    "جانب",
    "ओर",
    "بعد",
    "बाद",
    "پہلے",
    "पहले",
    "دوران",
    "दौरान",
    "ایجنسی",
    "एजेंसी",
    "رساں",
    "دوسرے",
    "दूसरे",
    "ایک",
    "एक",
)
GROUP_NOUNS = _keys(
    "پولیس",
    "पुलिस",
    "حکام",
    "حکومت",
    "فوج",
    "فوجی",
    "افواج",
    "اہلکار",
    "अधिकारी",
    "अधिकारियों",
    "सरकार",
    "सेना",
    "officials",
    "government",
    "forces",
    "troops",
    "army",
    "military",
    "police",
    "authorities",
    "officers",
    "leaders",
    "soldiers",
    "diplomats",
    "delegation",
    "ministry",
    "navy",
    "president",
    "minister",
    "premier",
)

# Claims: reporting verbs, attribution phrases, source lines.
SAY = _keys(
    "کہا",
    "کہتے",
    "کہنا",
    "بتایا",
    "لکھا",
    "بیان",
    "اعلان",
    "کہنے",
    "زور",
    "कहा",
    "बताया",
    "लिखा",
    "बयान",
    "घोषणा",
    "said",
    "says",
    "told",
    "stated",
    "announced",
    "reported",
    "added",
    "declared",
)
ACCORDING = _keys("مطابق", "کیمطابق", "अनुसार", "मुताबिक", "according")
QUOTING = _keys("حوالے", "हवाले", "quoting", "citing", "quoted")
SOURCE_WORDS = _keys("ماخذ", "स्रोत", "source")
#: Words that make a sentence worth reading for claims.
CUES = SAY | ACCORDING | QUOTING | SOURCE_WORDS
SENTENCE_END = _keys("۔", "।", ".", "?", "!", "؟")
QUOTES = frozenset("\"“”‘’«»'`")
QUOTE_OPEN = frozenset("\"“‘’«'`")  # Urdu opens a quote with ’’


@dataclass(frozen=True)
class Trigger:
    """One trigger pattern and how to read its roles."""

    lang: str
    type: str
    mode: str | None
    frame: str
    recipients: frozenset[str]
    flags: frozenset[str]
    tokens: tuple[str, ...]  # fold keys; "x*" a prefix, "~" a gap

    @property
    def head(self) -> str:
        """The first token of the pattern, the one the index is keyed on."""
        return self.tokens[0]


@dataclass(frozen=True)
class Lexicon:
    """Triggers indexed by their first token: exact words, and prefixes by their length, so a
    token is looked up with one dict access per prefix length (a handful), not per pattern."""

    exact: dict[str, tuple[Trigger, ...]]
    prefixes: dict[str, tuple[Trigger, ...]]
    prefix_lengths: tuple[int, ...]
    demonyms: dict[tuple[str, ...], str]  # fold-key tokens -> state id
    prefix_re: re.Pattern[str] | None = None  # a word starting with any prefix
    memo: dict[str, tuple[Trigger, ...]] = field(default_factory=dict, compare=False, repr=False)

    def active(self, text: str, start: int, end: int) -> bool:
        """Whether folded ``text[start:end]`` may hold a trigger or a claim cue."""
        words = _WORDS.findall(text, start, end)
        if not CUES.isdisjoint(words) or not self.exact.keys().isdisjoint(words):
            return True
        return self.prefix_re is not None and self.prefix_re.search(text, start, end) is not None

    def candidates(self, token: str) -> tuple[Trigger, ...]:
        """Triggers whose first token may match ``token`` (remembered per token: news repeats words)."""
        known = self.memo.get(token)
        if known is not None:
            return known
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        found = self.exact.get(token, ())
        for n in self.prefix_lengths:
            if len(token) >= n:
                extra = self.prefixes.get(token[:n])
                if extra:
                    found = found + extra
        self.memo[token] = found
        return found


def _data(name: str) -> str:
    return resources.files("khabar.events").joinpath("data", name).read_text("utf-8")


def _rows(text: str, columns: tuple[str, ...], name: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise InputError(f"{name}: the header must be {' '.join(columns)} (tab-separated)")
    out = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise InputError(f"{name}: row {n} has {len(cells)} cells, expected {len(columns)}: {line!r}")
        out.append(dict(zip(columns, cells, strict=True)))
    return out


def parse_trigger(row: dict[str, str]) -> Trigger:
    """A :class:`Trigger` from one row of ``triggers.tsv``; a bad row is an :class:`InputError`."""
    kind, mode = row["type"], row["mode"] or None
    if kind not in EVENT_TYPES:
        raise InputError(f"triggers.tsv: unknown type {kind!r} in {row}")
    if mode and mode not in MODES.get(kind, ()):
        raise InputError(f"triggers.tsv: mode {mode!r} is not a mode of {kind} in {row}")
    if row["frame"] not in FRAMES:
        raise InputError(f"triggers.tsv: frame must be one of {sorted(FRAMES)} in {row}")
    recipients = frozenset(r for r in row["recipients"].split(",") if r)
    flags = frozenset(f for f in row["flags"].split(",") if f)
    if recipients - RECIPIENT_MARKERS or flags - FLAGS:
        raise InputError(f"triggers.tsv: unknown recipient marker or flag in {row}")
    tokens: list[str] = []
    for part in row["pattern"].split():
        if part == GAP:
            tokens.append(GAP)
        elif part.endswith("*"):
            tokens.extend(f"{w}*" for w in words(_key(part[:-1])))
        else:
            tokens.extend(words(_key(part)))
    if not tokens or tokens[0] == GAP:
        raise InputError(f"triggers.tsv: empty pattern or a pattern starting with a gap in {row}")
    return Trigger(row["lang"], kind, mode, row["frame"], recipients, flags, tuple(tokens))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped triggers and demonyms (read once per process)."""
    exact: dict[str, list[Trigger]] = {}
    prefixes: dict[str, list[Trigger]] = {}
    for row in _rows(_data("triggers.tsv"), TRIGGER_COLUMNS, "triggers.tsv"):
        trigger = parse_trigger(row)
        if trigger.head.endswith("*"):
            prefixes.setdefault(trigger.head[:-1], []).append(trigger)
        else:
            exact.setdefault(trigger.head, []).append(trigger)
    demonyms: dict[tuple[str, ...], str] = {}
    for row in _rows(_data("demonyms.tsv"), ("entity", "words"), "demonyms.tsv"):
        for word in row["words"].split("|"):
            demonyms[tuple(words(_key(word)))] = row["entity"]
    # Longer patterns first, so "بات چیت" wins over a one-word trigger at the same token.
    ordered = {k: tuple(sorted(v, key=lambda t: -len(t.tokens))) for k, v in exact.items()}
    by_prefix = {k: tuple(v) for k, v in prefixes.items()}
    alternatives = "|".join(re.escape(p) for p in sorted(by_prefix, key=len, reverse=True))
    prefix_re = re.compile(f"(?<!{WORD_CHAR})(?:{alternatives})") if by_prefix else None
    return Lexicon(ordered, by_prefix, tuple(sorted({len(k) for k in by_prefix})), demonyms, prefix_re)


def matches(trigger: Trigger, toks: list[str], i: int, stop: int) -> int:
    """The token index after a match of ``trigger`` starting at ``toks[i]``, or -1."""
    j = i
    k = 0
    pattern = trigger.tokens
    while k < len(pattern):
        part = pattern[k]
        if part == GAP:
            nxt = pattern[k + 1]
            for skip in range(MAX_GAP + 1):
                if j + skip < stop and _token_ok(nxt, toks[j + skip]):
                    j += skip
                    break
            else:
                return -1
            k += 1
            continue
        if j >= stop or not _token_ok(part, toks[j]):
            return -1
        j += 1
        k += 1
    return j


def _token_ok(part: str, token: str) -> bool:
    return token.startswith(part[:-1]) if part.endswith("*") else token == part
