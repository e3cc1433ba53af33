"""Named-entity tagger for Urdu and Hindi (CRF), with a rule-based English fallback.

Labels are PERSON, LOC and ORG in BIO form. The Urdu and Hindi taggers are linear-chain CRFs
(python-crfsuite) over cheap per-word features, computed once per distinct word and cached:

- the word's fold key (:func:`khabar.text.normalize.fold`), its prefixes and suffixes, and a
  shape (script, Latin case, digit, punctuation);
- gazetteer classes: the labels a word carried in the training data (a share of its
  occurrences above :data:`GAZ_MIN_SHARE`). While training, each sentence sees the gazetteer
  built from the *other* folds only (jackknife), so the CRF learns how far to trust a hit on
  a name it has not been trained on, rather than trusting it blindly;
- trigger classes from ``data/ner_titles.json``: titles before names (صدر, श्री, मंत्री …),
  head words of organisations (پارٹی, मंत्रालय …) and of places (ضلع, नदी …);
- known multi-word names (``GB``/``GI`` + label), longest match first, jackknifed likewise;
- the word and the classes of the two words on each side.

Training data (read from the shared eval folder, never shipped): IL-NER train (NEP → PERSON,
NEL → LOC, NEO → ORG, every other tag O). The Urdu model also learns from IL-NER *Hindi* train
written in Urdu letters by :func:`hindi_to_urdu` (names and grammar words mostly come out as
Urdu spells them: +4.5 points of dev F1), and from IJCNLP-08 Urdu and Jahangir et al. The
Hindi model also learns from HiNER (its validation split; Khabar evaluates on IL-NER dev) and
the IJCNLP-08 Hindi sample. The extra sets are mapped with care: bare tags become BIO runs,
tokens are re-split with :mod:`khabar.text.tokens` (``ہے۔`` → ``ہے`` ``۔``), leading titles
(صدر, جنرل) leave PERSON spans as in IL-NER, and a sentence is dropped when an entity tag sits
on a function word or punctuation (its tags have slipped off their words).

Each language ships ``ner_<lang>.crfsuite`` (the CRF) and ``ner_<lang>.gaz.json.gz`` (the
gazetteer and training metadata). Train with ``python -m khabar.models.ner train``.

English has no training data here: :class:`EnglishTagger` marks runs of capitalised words and
labels them from the title, head-word and place lists.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from khabar.config import default_eval_root
from khabar.errors import InputError, KhabarError
from khabar.text.normalize import fold
from khabar.text.tokens import token_spans, words

DATA = Path(__file__).parent / "data"
TITLES_FILE = DATA / "ner_titles.json"
LANGS = ("ur", "hi")
LABELS = ("PERSON", "LOC", "ORG")

# --- tuned numbers ------------------------------------------------------------------------
# Each was compared on IL-NER dev (ur: 250 entities, hi: 678) with the rest of the recipe fixed.
# Dev is small: on Urdu one entity moves F1 by ~0.3 points, so changes under ~1.5 points were
# treated as ties and the simpler or faster setting kept.
#: A word counts as a gazetteer name of a label when at least this share of its training
#: occurrences carry the label (0.15 / 0.3 / 0.5 gave hi F1 0.727 / 0.732 / 0.731).
GAZ_MIN_SHARE = 0.3
#: ... and it carried the label at least this many times.
GAZ_MIN_COUNT = 1
#: Longest multi-word name (in words) the gazetteer keeps and marks in a sentence (+0.8 / +0.3
#: points hi / ur over no multi-word names).
MAX_NAME = 6
#: Folds of the jackknifed gazetteer used while training.
JACKKNIFE_FOLDS = 5
#: L1 and L2 regularisation of the CRF. A grid of (c1, c2) from (0.05, 0.01) to (0.5, 0.01)
#: and (0.1, 0.3) gave ur F1 0.683-0.692 (a tie); 0.1 / 0.05 sits in its middle.
C1 = 0.1
C2 = 0.05
#: L-BFGS iterations: 80 / 150 / 300 gave hi F1 0.741 / 0.735 / 0.735 and ur 0.734 / 0.739
#: (a tie); 80 trains in half the time.
MAX_ITERATIONS = 80
#: Prefix and suffix lengths of the fold key used as features.
PREFIXES = (2, 3)
SUFFIXES = (1, 2, 3, 4)
#: Distinct words whose features are kept in memory per tagger.
CACHE_SIZE = 500_000
#: A sentence longer than this many tokens is tagged in pieces (extract only).
MAX_SENTENCE = 200

SENTENCE_ENDS = frozenset({"۔", "।", "॥", ".", "?", "؟", "!"})


class Tagger(Protocol):
    """What :func:`load` returns: BIO labels for a list of tokens."""

    def tag(self, tokens: list[str]) -> list[str]:
        """One BIO label per token."""
        ...

    def describe(self) -> str:
        """A one-line description of the model (for reports)."""
        ...


# --- features -----------------------------------------------------------------------------


def _shape(token: str) -> str:
    c = token[0]
    if c.isdigit():
        return "D"
    if not c.isalpha():
        return "P"
    if c.isascii():
        if token.isupper():
            return "XX" if len(token) > 1 else "X"
        return "Xx" if c.isupper() else "x"
    if "\u0600" <= c <= "\u06ff":
        return "A" if len(token) > 2 else "A2"
    if "\u0900" <= c <= "\u097f":
        return "H" if len(token) > 2 else "H2"
    return "L"


# Code-point blocks whose characters fold() changes one at a time: Latin with accents,
# combining accents, Arabic, Devanagari, zero-width and bidi characters, BOM.
_FOLD_BLOCKS = (
    (0x00C0, 0x024F),
    (0x0300, 0x036F),
    (0x0600, 0x06FF),
    (0x0900, 0x097F),
    (0x1E00, 0x1EFF),
    (0x200B, 0x206F),
)
# Where fold() looks at a character's neighbours (yeh + hamza above makes ئ), or NFC is needed.
_FOLD_CONTEXT = "\u0654"


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    fold("\u0627\u0653")  # a word not in NFC: fold builds its lazy NFC tables now, not mid-tagging
    table = {cp: fold(chr(cp))[0] for lo, hi in (*_FOLD_BLOCKS, (0xFEFF, 0xFEFF)) for cp in range(lo, hi + 1)}
    return {cp: out for cp, out in table.items() if out != chr(cp)}


def _fold_word(token: str) -> str:
    """``fold(token)`` for one token, by a translate table where that gives the same answer."""
    if token.isascii():
        return token.lower()
    if _FOLD_CONTEXT in token or not unicodedata.is_normalized("NFC", token):
        return fold(token)[0]
    out = token.translate(_fold_table())
    return out.lower() if unicodedata.is_normalized("NFC", out) else fold(token)[0]


WordFeatures = list[list[str]]  # own features, then the features seen from -1, +1, -2, +2
# A token sees the word on each side with its shape, and the next one with word and classes
# only. A third word on each side (hi F1 0.730), neighbour suffixes (0.720) and word bigrams
# (0.738, +25 % model size) did not beat this window (0.732).
_EDGES = (["-1<>"], ["+1<>"], ["-2<>"], ["+2<>"])


class Featurizer:
    """Turns tokens into CRF feature lists, caching the features of each distinct word."""

    def __init__(self, gazetteer: Gazetteer, triggers: dict[str, str]) -> None:
        self.gazetteer = gazetteer
        self.triggers = triggers
        self._cache: dict[str, tuple[str, WordFeatures]] = {}

    def word(self, token: str) -> tuple[str, WordFeatures]:
        """The word's fold key, its own features and its features as seen from each offset."""
        got = self._cache.get(token)
        if got is not None:
            return got
        key = _fold_word(token)
        word = "w" + key
        shape = "s" + _shape(token)
        classes = ["g" + c for c in self.gazetteer.words.get(key, "")]
        classes += ["t" + c for c in self.triggers.get(key, "")]
        n = len(key)
        own = [word, shape, *classes]
        own += [f"p{k}{key[:k]}" for k in PREFIXES if n > k]
        own += [f"x{k}{key[-k:]}" for k in SUFFIXES if n > k]
        near = [word, shape, *classes]
        far = [word, *classes]
        roles = [own, ["-1" + x for x in near], ["+1" + x for x in near], ["-2" + x for x in far]]
        roles.append(["+2" + x for x in far])
        got = (key, roles)
        if len(self._cache) < CACHE_SIZE:
            self._cache[token] = got
        return got

    def sequence(self, tokens: Sequence[str]) -> list[list[str]]:
        """The feature list of every token of a sentence."""
        feats = [self.word(t) for t in tokens]
        roles = [f[1] for f in feats]
        marks = self.gazetteer.mark([f[0] for f in feats])
        n = len(feats)
        before, after, before2, after2 = _EDGES
        out: list[list[str]] = []
        for i, own in enumerate(roles):
            row = (
                own[0]
                + (roles[i - 1][1] if i > 0 else before)
                + (roles[i + 1][2] if i + 1 < n else after)
                + (roles[i - 2][3] if i > 1 else before2)
                + (roles[i + 2][4] if i + 2 < n else after2)
            )
            if marks[i]:
                row.append(marks[i])
            out.append(row)
        return out


def load_triggers(lang: str, path: Path = TITLES_FILE) -> dict[str, str]:
    """Fold key of each trigger word of ``lang`` -> its classes (P person title, O org, L place)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for label, items in data.get(lang, {}).items():
        for item in items:
            key = _fold_word(item)
            if label[0] not in out.get(key, ""):
                out[key] = out.get(key, "") + label[0]
    return out


# --- the CRF tagger -----------------------------------------------------------------------


def _crfsuite() -> Any:
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise KhabarError(
            "python-crfsuite is not installed; install it with: pip install python-crfsuite"
        ) from exc
    return pycrfsuite


class NerTagger:
    """A trained CRF for one language: :meth:`tag` gives BIO labels for tokens."""

    def __init__(self, lang: str, model: Path, gazetteer: Gazetteer, meta: dict[str, Any]) -> None:
        self.lang = lang
        self.model = model
        self.meta = meta
        self.featurizer = Featurizer(gazetteer, load_triggers(lang))
        self._tagger = _crfsuite().Tagger()
        self._tagger.open(str(model))
        _fold_table()  # built at loading time, not while tagging the first sentences

    def tag(self, tokens: list[str]) -> list[str]:
        """One BIO label (``B-PERSON``, ``I-LOC``, ``O`` …) per token of one sentence."""
        if not tokens:
            return []
        return list(self._tagger.tag(self.featurizer.sequence(tokens)))

    def describe(self) -> str:
        """File name, size and training date of the model."""
        size = self.model.stat().st_size / 1e6
        return f"{self.model.name} ({size:.1f} MB, trained {self.meta.get('trained', '?')})"


def model_paths(lang: str, root: Path = DATA) -> tuple[Path, Path]:
    """The CRF file and the gazetteer file of ``lang`` under ``root``."""
    return root / f"ner_{lang}.crfsuite", root / f"ner_{lang}.gaz.json.gz"


@lru_cache(maxsize=8)
def _load_cached(lang: str, root: Path) -> Tagger:
    if lang == "en":
        return EnglishTagger()
    if lang not in LANGS:
        raise InputError(f"no NER model for language {lang!r}; Khabar ships ur, hi and en")
    crf, gaz = model_paths(lang, root)
    if not crf.is_file() or not gaz.is_file():
        raise InputError(f"NER model {crf} is missing; train it with `python -m khabar.models.ner train`")
    try:
        with gzip.open(gaz, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        raise KhabarError(f"cannot read NER gazetteer {gaz}: {exc}; retrain the model") from exc
    gazetteer = Gazetteer(data["gazetteer"]["words"], data["gazetteer"]["names"])
    return NerTagger(lang, crf, gazetteer, data.get("meta", {}))


def load(lang: str, root: Path | None = None) -> Tagger:
    """The tagger for ``lang`` ("ur", "hi" or "en"), loaded once and cached.

    ``root`` is the folder holding the model files (default: the ones shipped in the package).
    """
    return _load_cached(lang, (root or DATA).resolve())


def _model_lang(lang: str) -> str | None:
    tags = lang.lower().replace("_", "-").split("-")
    if "latn" in tags or tags[0] in ("en", "eng"):
        return "en"
    return {"ur": "ur", "urd": "ur", "hi": "hi", "hin": "hi"}.get(tags[0])


def sentences(text: str, spans: list[tuple[int, int]]) -> Iterable[list[tuple[int, int]]]:
    """Token spans grouped into sentences: after a full stop, at a line break, or every MAX_SENTENCE."""
    current: list[tuple[int, int]] = []
    prev_end = 0
    for start, end in spans:
        if current and ("\n" in text[prev_end:start] or len(current) >= MAX_SENTENCE):
            yield current
            current = []
        current.append((start, end))
        prev_end = end
        if text[start:end] in SENTENCE_ENDS:
            yield current
            current = []
    if current:
        yield current


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities of a BIO sequence as ``(first token, last token + 1, label)``; a stray I- opens one."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, kind = tag[:1], tag[2:]
        if start >= 0 and (prefix != "I" or kind != label):
            out.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, kind
    return out


def extract(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Named entities of ``text`` as ``(start, end, label)`` character spans, in text order.

    ``lang`` picks the model: "ur" and "hi" use the shipped CRFs; "en" and romanized text
    ("ur-Latn", "hi-Latn") use the English rules; any other language gives no entities.
    """
    model_lang = _model_lang(lang)
    if model_lang is None or not text:
        return []
    tagger = load(model_lang)
    out: list[tuple[int, int, str]] = []
    for sent in sentences(text, token_spans(text)):
        tags = tagger.tag([text[s:e] for s, e in sent])
        out.extend((sent[a][0], sent[b - 1][1], label) for a, b, label in bio_spans(tags))
    return out


# --- English rules ------------------------------------------------------------------------

_CONNECTORS = frozenset({"of", "the", "for", "and", "de", "al", "bin", "ul", "&"})
_LOC_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "across", "into", "towards"})
_SAID = frozenset({"said", "says", "told", "added", "'s", "’s"})


class EnglishTagger:
    """Rule-based PERSON/LOC/ORG tags for English (no English training data is shipped).

    A candidate is a run of capitalised words (with "of", "the", "for", "and" inside). A run
    led by a title (Mr, President …) is a PERSON; one containing an organisation head word
    (Ministry, Party …) or written in capitals (KCNA) is an ORG; a known place, or one ending
    in a place word (Province, River …) or after "in"/"from", is a LOC; other runs of two or
    more words are PERSON. Sentence-initial common words, months, weekdays and demonyms
    (Russian, Pakistani) are not entities.
    """

    def __init__(self) -> None:
        data = json.loads(TITLES_FILE.read_text(encoding="utf-8"))
        en = data["en"]
        self.titles = frozenset(en["PERSON"])
        self.org_heads = frozenset(en["ORG"])
        self.place_heads = frozenset(en["LOC"])
        self.places = frozenset(p.lower() for p in data["en_places"])
        self.not_names = frozenset(w.lower() for w in data["en_not_names"])

    def describe(self) -> str:
        """A one-line description of the tagger."""
        return "English rules (ner_titles.json)"

    def _is_cap(self, token: str) -> bool:
        return token[:1].isupper() and token[:1].isalpha()

    def tag(self, tokens: list[str]) -> list[str]:
        """One BIO label per token of one sentence."""
        tags = ["O"] * len(tokens)
        i = 0
        while i < len(tokens):
            if not self._is_cap(tokens[i]) or tokens[i].lower() in self.not_names:
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                if self._is_cap(tokens[j]):
                    j += 1
                elif tokens[j].lower() in _CONNECTORS and j + 1 < len(tokens) and self._is_cap(tokens[j + 1]):
                    j += 2
                else:
                    break
            # Titles inside a run split it: "Security Council Secretary Sergei Shoigu".
            start = i
            after_title = False
            for k in range(i, j + 1):
                if k == j or tokens[k].lower().rstrip(".") in self.titles:
                    if k > start:
                        self._label(tokens, start, k, tags, after_title)
                    after_title = k < j
                    start = k + 1
            i = j
        return tags

    def _label(self, tokens: list[str], i: int, j: int, tags: list[str], after_title: bool) -> None:
        lower = [t.lower() for t in tokens[i:j]]
        name = " ".join(lower)
        if lower[-1] in self.not_names and name not in self.places:
            return  # "North Korean": a demonym, not a name
        if any(w in self.org_heads for w in lower) or (
            j - i == 1 and tokens[i].isupper() and len(tokens[i]) > 1
        ):
            label = "LOC" if name in self.places else "ORG"
        elif name in self.places:
            label = "LOC"
        elif after_title or j - i >= 2:
            label = "LOC" if lower[-1] in self.place_heads and j - i >= 2 else "PERSON"
        elif i > 0 and tokens[i - 1].lower() in _LOC_PREPOSITIONS:
            label = "LOC"
        elif j < len(tokens) and tokens[j].lower() in _SAID:
            label = "PERSON"
        else:
            return
        if i == 0 and j - i == 1 and label == "PERSON" and not after_title:
            return  # a lone capitalised first word is most often just a sentence start
        for n in range(i, j):
            tags[n] = ("B-" if n == i else "I-") + label


# --- training -----------------------------------------------------------------------------

Sentence = tuple[list[str], list[str]]


def _function_words(sents: list[Sentence], min_count: int = 50, max_entity_share: float = 0.01) -> set[str]:
    """Frequent words that are (almost) never part of an entity in ``sents``."""
    total: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for toks, tags in sents:
        for tok, tag in zip(toks, tags, strict=True):
            key = _fold_word(tok)
            total[key] += 1
            if tag != "O":
                named[key] += 1
    return {w for w, n in total.items() if n >= min_count and named[w] / n < max_entity_share}


def _resplit(sent: Sentence) -> Sentence:
    """Split tokens the way :mod:`khabar.text.tokens` does; punctuation pieces are O."""
    toks: list[str] = []
    tags: list[str] = []
    for tok, tag in zip(*sent, strict=True):
        pieces = words(tok) or [tok]
        inside = False
        for piece in pieces:
            if tag == "O" or not (piece[0].isalnum()):
                toks.append(piece)
                tags.append("O")
                continue
            toks.append(piece)
            tags.append(tag if not inside else "I-" + tag[2:])
            inside = True
    return toks, tags


def _strip_titles(sent: Sentence, titles: dict[str, str]) -> Sentence:
    """Take leading titles (صدر, جنرل …) out of PERSON spans, as IL-NER annotates them."""
    toks, tags = sent
    tags = list(tags)
    for i, tag in enumerate(tags):
        if tag == "B-PERSON" and "P" in titles.get(_fold_word(toks[i]), ""):
            tags[i] = "O"
            if i + 1 < len(tags) and tags[i + 1] == "I-PERSON":
                tags[i + 1] = "B-PERSON"
    return toks, tags


def _clean_extra(sents: list[Sentence], function_words: set[str], titles: dict[str, str]) -> list[Sentence]:
    """Re-split tokens, drop leading titles from PERSON spans, and drop sentences whose entity
    tags sit on function words or punctuation (the tags have slipped off their words)."""
    out: list[Sentence] = []
    for sent in (_strip_titles(_resplit(s), titles) for s in sents):
        slipped = any(
            tag != "O" and (_fold_word(tok) in function_words or not tok[0].isalnum())
            for tok, tag in zip(*sent, strict=True)
        )
        if not slipped:
            out.append(sent)
    return out


def training_sentences(eval_root: Path, lang: str) -> dict[str, list[Sentence]]:
    """The training sentences of ``lang`` per source, tags mapped to PERSON/LOC/ORG BIO."""
    from khabar.eval.ner import read_conll

    ner = eval_root / "ner"
    if lang == "ur":
        main = read_conll(ner / "il_ner" / "Urdu-train.txt", "il_ner")
        fw, titles = _function_words(main), load_triggers(lang)
        hindi = read_conll(ner / "il_ner" / "Hindi-train.txt", "il_ner")
        return {
            "il_ner": main,
            "il_ner_hi_as_ur": [([hindi_to_urdu(w) for w in toks], tags) for toks, tags in hindi],
            "jahangir": _clean_extra(read_conll(ner / "urdu" / "jahangir.txt", "conll2"), fw, titles),
            "ijcnlp08_ur": _clean_extra(read_conll(ner / "urdu" / "ijnlp.txt", "conll2"), fw, titles),
        }
    if lang == "hi":
        main = read_conll(ner / "il_ner" / "Hindi-train.txt", "il_ner")
        fw, titles = _function_words(main), load_triggers(lang)
        return {
            "il_ner": main,
            "hiner": _clean_extra(
                read_conll(ner / "hiner" / "collapsed_validation.conll", "hiner"), fw, titles
            ),
            "ijcnlp08_hi": _clean_extra(
                read_conll(ner / "ijcnlp08_hindi_ner_sample" / "sample-hindi-ner.conll", "il_ner"), fw, titles
            ),
        }
    raise InputError(f"no NER training data for language {lang!r}; use one of {', '.join(LANGS)}")


class Gazetteer:
    """Names seen in training: single words and multi-word names, each with its label initials."""

    def __init__(self, words: dict[str, str], names: dict[str, str]) -> None:
        self.words = words
        self.names = names
        self.longest: dict[str, int] = {}
        for name in names:
            parts = name.split(" ")
            self.longest[parts[0]] = max(self.longest.get(parts[0], 0), len(parts))

    def mark(self, keys: Sequence[str]) -> list[str]:
        """Per fold key of a sentence, "GB"/"GI" + label initials where a known multi-word name
        starts / goes on (longest match, left to right), else ""."""
        n = len(keys)
        out = [""] * n
        i = 0
        while i < n:
            longest = self.longest.get(keys[i], 0)
            for size in range(min(longest, n - i), 1, -1):
                classes = self.names.get(" ".join(keys[i : i + size]))
                if classes:
                    out[i] = "GB" + classes
                    out[i + 1 : i + size] = ["GI" + classes] * (size - 1)
                    i += size
                    break
            else:
                i += 1
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe form of the gazetteer."""
        return {"words": self.words, "names": self.names}


Counts = tuple[dict[str, Counter[str]], dict[str, Counter[str]]]


def gazetteer_counts(sents: Iterable[Sentence], known_names: set[str] | None = None) -> Counts:
    """Per fold key and per multi-word name, how often it was tagged each label (and "O").

    A multi-word name counts an "O" wherever its words occur but not as that entity; only names
    in ``known_names`` are looked for (all of them are counted as entities).
    """
    from khabar.eval.ner import spans as entity_spans

    words: dict[str, Counter[str]] = {}
    names: dict[str, Counter[str]] = {}
    longest: dict[str, int] = {}
    for name in known_names or ():
        first, size = name.split(" ", 1)[0], name.count(" ") + 1
        longest[first] = max(longest.get(first, 0), size)
    for toks, tags in sents:
        keys = [_fold_word(tok) for tok in toks]
        for key, tag in zip(keys, tags, strict=True):
            words.setdefault(key, Counter())[tag[2:] or "O"] += 1
        found = {(a, b): label for a, b, label in entity_spans(tags) if 1 < b - a <= MAX_NAME}
        for (a, b), label in found.items():
            names.setdefault(" ".join(keys[a:b]), Counter())[label] += 1
        for i, key in enumerate(keys):
            for size in range(2, min(longest.get(key, 0), len(keys) - i) + 1):
                name = " ".join(keys[i : i + size])
                if name in known_names and (i, i + size) not in found:  # type: ignore[operator]
                    names.setdefault(name, Counter())["O"] += 1
    return words, names


def _classes(counts: dict[str, Counter[str]], minus: dict[str, Counter[str]] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for word, c in counts.items():
        if minus and word in minus:
            c = c - minus[word]
        total = sum(c.values())
        classes = "".join(
            label[0] for label in LABELS if c[label] >= GAZ_MIN_COUNT and c[label] >= GAZ_MIN_SHARE * total
        )
        if classes:
            out[word] = classes
    return out


def gazetteer(counts: Counts, minus: Counts | None = None) -> Gazetteer:
    """The names of ``counts`` (less ``minus``) that carry a label often enough (see GAZ_MIN_*)."""
    return Gazetteer(
        _classes(counts[0], minus[0] if minus else None), _classes(counts[1], minus[1] if minus else None)
    )


def train(eval_root: Path, lang: str, out_dir: Path = DATA) -> dict[str, Any]:
    """Train the ``lang`` CRF on the shared eval data and write it to ``out_dir``; return figures."""
    from khabar.eval.ner import read_conll, score

    pycrfsuite = _crfsuite()
    t0 = time.perf_counter()
    sources = training_sentences(eval_root, lang)
    sents = [s for group in sources.values() for s in group]
    triggers = load_triggers(lang)
    known = set(gazetteer_counts(sents)[1])
    counts = gazetteer_counts(sents, known)
    folds = [sents[k::JACKKNIFE_FOLDS] for k in range(JACKKNIFE_FOLDS)]
    trainer = pycrfsuite.Trainer(verbose=False)
    for part in folds:
        feats = Featurizer(gazetteer(counts, minus=gazetteer_counts(part, known)), triggers)
        for toks, tags in part:
            trainer.append(feats.sequence(toks), tags)
    trainer.set_params(
        {"c1": C1, "c2": C2, "max_iterations": MAX_ITERATIONS, "feature.possible_transitions": True}
    )
    crf, gaz = model_paths(lang, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    trainer.train(str(crf))
    seconds = round(time.perf_counter() - t0, 1)
    meta = {
        "trained": time.strftime("%Y-%m-%d"),
        "sources": {name: len(group) for name, group in sources.items()},
        "params": {"c1": C1, "c2": C2, "max_iterations": MAX_ITERATIONS, "folds": JACKKNIFE_FOLDS},
    }
    payload = {"meta": meta, "gazetteer": gazetteer(counts).to_json()}
    with gaz.open("wb") as raw, gzip.GzipFile("", "wb", compresslevel=9, fileobj=raw, mtime=0) as fh:
        fh.write(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
    _load_cached.cache_clear()
    dev_name = {"ur": "Urdu-dev.txt", "hi": "Hindi-dev.txt"}[lang]
    dev = read_conll(eval_root / "ner" / "il_ner" / dev_name, "il_ner")
    tagger = load(lang, out_dir)
    figures = {
        "lang": lang,
        "train_seconds": seconds,
        "sentences": meta["sources"],
        "model_bytes": crf.stat().st_size,
        "gazetteer_bytes": gaz.stat().st_size,
        "dev": score([t for _, t in dev], [tagger.tag(w) for w, _ in dev]),
    }
    return figures


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m khabar.models.ner train [--lang ur] [--eval-root DIR] [--out DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m khabar.models.ner", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_train = sub.add_parser("train", help="train the models and print their IL-NER dev figures as JSON")
    p_train.add_argument("--lang", choices=LANGS, action="append", help="language (default: all)")
    p_train.add_argument("--eval-root", type=Path, default=None, help="the shared eval folder")
    p_train.add_argument("--out", type=Path, default=DATA, help="folder to write the models to")
    args = parser.parse_args(argv)
    for lang in args.lang or LANGS:
        figures = train(args.eval_root or default_eval_root(), lang, args.out)
        json.dump(figures, sys.stdout, indent=2, ensure_ascii=False)
        print(flush=True)
    return 0


# --- Hindi → Urdu script, for training the Urdu model on Hindi sentences ----------------------

# fmt: off
_DEVA_CONSONANTS = {
    "क": "ک", "ख": "کھ", "ग": "گ", "घ": "گھ", "ङ": "ن", "च": "چ", "छ": "چھ", "ज": "ج", "झ": "جھ",
    "ञ": "ن", "ट": "ٹ", "ठ": "ٹھ", "ड": "ڈ", "ढ": "ڈھ", "ण": "ن", "त": "ت", "थ": "تھ", "द": "د",
    "ध": "دھ", "न": "ن", "प": "پ", "फ": "پھ", "ब": "ب", "भ": "بھ", "म": "م", "य": "ی", "र": "ر",
    "ल": "ل", "ळ": "ل", "व": "و", "श": "ش", "ष": "ش", "स": "س", "ह": "ہ",
}
_DEVA_NUKTA = {"क": "ق", "ख": "خ", "ग": "غ", "ज": "ز", "फ": "ف", "ड": "ڑ", "ढ": "ڑھ"}
# Vowel signs; ए/ऐ signs and anusvara are written final-form (ے, ں) and fixed mid-word below.
_DEVA_SIGNS = {
    "ा": "ا", "ि": "", "ी": "ی", "ु": "", "ू": "و", "ृ": "ر", "े": "ے", "ै": "ے", "ो": "و",
    "ौ": "و", "ॉ": "ا", "ॅ": "ی", "ं": "ں", "ँ": "ں", "ः": "ہ", "्": "",
}
# Independent vowels at the start of a word, and (below) inside one.
_DEVA_INITIAL = {
    "अ": "ا", "आ": "آ", "इ": "ا", "ई": "ای", "उ": "ا", "ऊ": "او", "ऋ": "ر", "ए": "اے", "ऐ": "اے",
    "ओ": "او", "औ": "او", "ऑ": "آ",
}
_DEVA_MEDIAL = {
    "अ": "ا", "आ": "ا", "इ": "ئ", "ई": "ئی", "उ": "ؤ", "ऊ": "ؤ", "ऋ": "ر", "ए": "ئے", "ऐ": "ئے",
    "ओ": "ؤ", "औ": "ؤ", "ऑ": "ا",
}
# fmt: on
_DEVA_OTHER = {"।": "۔", ",": "،", "?": "؟"}


def hindi_to_urdu(word: str) -> str:
    """A rough Urdu-script spelling of a Devanagari word (short vowels dropped, as Urdu does).

    Only for training: it lets the Urdu model learn from Hindi sentences, whose names and
    grammar words (के → کے, में → میں, भारत → بھارت) mostly come out as Urdu writes them.
    """
    if word in _DEVA_OTHER:
        return _DEVA_OTHER[word]
    if not any("\u0900" <= c <= "\u097f" for c in word):
        return word
    word = unicodedata.normalize("NFD", word)  # nukta letters split into letter + nukta
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(word):
        if ch in _DEVA_CONSONANTS:
            nukta = i + 1 < len(word) and word[i + 1] == "\u093c"
            letter = _DEVA_NUKTA.get(ch, _DEVA_CONSONANTS[ch]) if nukta else _DEVA_CONSONANTS[ch]
            if not (prev == "\u094d" and out and out[-1] == letter):  # geminate: Urdu writes it once
                out.append(letter)
        elif ch in _DEVA_SIGNS:
            if _DEVA_SIGNS[ch]:
                out.append(_DEVA_SIGNS[ch])
        elif ch in _DEVA_INITIAL:
            out.append(_DEVA_MEDIAL[ch] if out else _DEVA_INITIAL[ch])
        elif "\u0966" <= ch <= "\u096f":
            out.append(str(ord(ch) - 0x0966))
        elif ch != "\u093c":
            out.append(ch)
        prev = ch
    text = "".join(out)
    return text[:-1].replace("ے", "ی").replace("ں", "ن") + text[-1:] if text else text


if __name__ == "__main__":
    raise SystemExit(main())
