"""CRF features of the NER tagger, computed once per distinct word and cached.

- the word's fold key (:func:`khabar.text.fold.match_key`), its prefixes and suffixes, and a
  shape (script, Latin case, digit, punctuation);
- name-list classes: the labels a word carried in the training data (see :class:`NerNameList`
  and :mod:`khabar.models.ner.train`);
- trigger classes from ``data/ner_titles.json``: titles before names (صدر, श्री, मंत्री …),
  head words of organisations (پارٹی, मंत्रालय …) and of places (ضلع, नदी …);
- word clusters learnt from unlabelled text (``c<level>_<id>``, see
  :mod:`khabar.models.ner.clusters`), for words never seen in training;
- known multi-word names (``GB``/``GI`` + label), longest match first;
- names of the KB and the outlet registry (``k`` + label, ``KGB``/``KGI`` + label; see
  :mod:`khabar.models.ner.kbnames`), when the model was trained with them;
- the word and the classes of the two words on each side.

The feature strings are what the shipped models were trained on: changing one means retraining.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from khabar.models.conll import LABELS as LABELS  # the tagger's labels are the data's
from khabar.text.fold import match_key

DATA = Path(__file__).parent.parent / "data"
TITLES_FILE = DATA / "ner_titles.json"
LANGS = ("ur", "hi")

# Compared on IL-NER dev with the rest of the recipe fixed (see khabar.models.ner.train).
#: Prefix and suffix lengths of the fold key used as features.
PREFIXES = (2, 3)
SUFFIXES = (1, 2, 3, 4)
#: Distinct words whose features are kept in memory per tagger.
CACHE_SIZE = 500_000


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


# Code-point blocks whose characters match_key() changes one at a time: Latin with accents,
# combining accents, Arabic, Devanagari, zero-width and bidi characters, BOM.
_FOLD_BLOCKS = (
    (0x00C0, 0x024F),
    (0x0300, 0x036F),
    (0x0600, 0x06FF),
    (0x0900, 0x097F),
    (0x1E00, 0x1EFF),
    (0x200B, 0x206F),
)
# Where match_key() looks at a character's neighbours (yeh + hamza above makes ئ), or NFC is needed.
_FOLD_CONTEXT = "\u0654"


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    match_key("\u0627\u0653")  # a word not in NFC: fold builds its lazy NFC tables now, not mid-tagging
    blocks = (*_FOLD_BLOCKS, (0xFEFF, 0xFEFF))
    table = {cp: match_key(chr(cp))[0] for lo, hi in blocks for cp in range(lo, hi + 1)}
    return {cp: out for cp, out in table.items() if out != chr(cp)}


def _fold_token_by_table(token: str) -> str:
    """``khabar.text.fold.match_key(token)[0]`` for one token, without its offset map, by a
    per-character translate table wherever that gives the same answer (it is the hot loop of
    tagging; the full fold is kept for the few tokens that need context or NFC)."""
    if token.isascii():
        return token.lower()
    if _FOLD_CONTEXT in token or not unicodedata.is_normalized("NFC", token):
        return match_key(token)[0]
    out = token.translate(_fold_table())
    return out.lower() if unicodedata.is_normalized("NFC", out) else match_key(token)[0]


class NerNameList:
    """Names seen in NER training: single words and multi-word names, each with its label
    initials (not the KB's alias matcher, :class:`khabar.kb.gazetteer.Gazetteer`)."""

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
        """A JSON-safe form of the name list (the ``gazetteer`` entry of a ``.gaz.json.gz`` file)."""
        return {"words": self.words, "names": self.names}


WordFeatures = list[list[str]]  # own features, then the features seen from -1, +1, -2, +2
# A token sees the word on each side with its shape, and the next one with word and classes
# only. A third word on each side (hi F1 0.730), neighbour suffixes (0.720) and word bigrams
# (0.738, +25 % model size) did not beat this window (0.732).
_EDGES = (["-1<>"], ["+1<>"], ["-2<>"], ["+2<>"])


class Featurizer:
    """Turns tokens into CRF feature lists, caching the features of each distinct word."""

    def __init__(
        self,
        name_list: NerNameList,
        triggers: dict[str, str],
        clusters: dict[str, str] | None = None,
        kb: NerNameList | None = None,
    ) -> None:
        self.name_list = name_list
        self.triggers = triggers
        self.clusters = clusters or {}
        self.kb = kb
        self._cache: dict[str, tuple[str, WordFeatures]] = {}
        _fold_table()  # built now, not while tagging the first sentences

    def word(self, token: str) -> tuple[str, WordFeatures]:
        """The word's fold key, its own features and its features as seen from each offset."""
        got = self._cache.get(token)
        if got is not None:
            return got
        key = _fold_token_by_table(token)
        word = "w" + key
        shape = "s" + _shape(token)
        classes = ["g" + c for c in self.name_list.words.get(key, "")]
        classes += ["t" + c for c in self.triggers.get(key, "")]
        if self.kb is not None:
            classes += ["k" + c for c in self.kb.words.get(key, "")]
        n = len(key)
        cluster = self.clusters.get(key, "c?").split(" ") if self.clusters else []
        own = [word, shape, *classes, *cluster]
        own += [f"p{k}{key[:k]}" for k in PREFIXES if n > k]
        own += [f"x{k}{key[-k:]}" for k in SUFFIXES if n > k]
        near = [word, shape, *classes, *cluster]
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
        keys = [f[0] for f in feats]
        marks = self.name_list.mark(keys)
        kb_marks = self.kb.mark(keys) if self.kb is not None else None
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
            if kb_marks and kb_marks[i]:
                row.append("K" + kb_marks[i])
            out.append(row)
        return out


def load_triggers(lang: str, path: Path = TITLES_FILE) -> dict[str, str]:
    """Fold key of each trigger word of ``lang`` -> its classes (P person title, O org, L place)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for label, items in data.get(lang, {}).items():
        for item in items:
            key = _fold_token_by_table(item)
            if label[0] not in out.get(key, ""):
                out[key] = out.get(key, "") + label[0]
    return out
