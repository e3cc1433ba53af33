"""Loading the shipped NER taggers and finding entities in text with them.

Each of Urdu and Hindi ships ``ner_<lang>.crfsuite`` (a linear-chain CRF, python-crfsuite) and
``ner_<lang>.gaz.json.gz`` (its name list and training metadata); English uses
:class:`~khabar.models.ner.english.EnglishTagger`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from khabar.errors import InputError, KhabarError
from khabar.models.conll import bio_spans
from khabar.models.ner import clusters as word_clusters
from khabar.models.ner.english import EnglishTagger
from khabar.models.ner.features import DATA, LANGS, Featurizer, NerNameList, load_triggers
from khabar.models.ner.kbnames import kb_names
from khabar.text.tokens import token_spans

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


def crfsuite() -> Any:
    """The ``pycrfsuite`` module (a core dependency, imported on first use)."""
    import pycrfsuite

    return pycrfsuite


class NerTagger:
    """A trained CRF for one language: :meth:`tag` gives BIO labels for tokens."""

    def __init__(
        self,
        lang: str,
        model: Path,
        name_list: NerNameList,
        meta: dict[str, Any],
        clusters: dict[str, str] | None = None,
    ) -> None:
        self.lang = lang
        self.model = model
        self.meta = meta
        kb = kb_names(lang) if meta.get("kb") else None
        self.featurizer = Featurizer(name_list, load_triggers(lang), clusters, kb)
        self._tagger = crfsuite().Tagger()
        self._tagger.open(str(model))

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
    """The CRF file and the name-list file of ``lang`` under ``root``."""
    return root / f"ner_{lang}.crfsuite", root / f"ner_{lang}.gaz.json.gz"


def clusters_path(lang: str, root: Path = DATA) -> Path:
    """The word-cluster file of ``lang`` under ``root`` (optional: a model may have none)."""
    return root / f"ner_{lang}.clusters.json.gz"


@lru_cache(maxsize=8)
def _load_cached(lang: str, root: Path) -> Tagger:
    if lang == "en":
        return EnglishTagger()
    if lang not in LANGS:
        raise InputError(f"no NER model for language {lang!r}; Khabar ships ur, hi and en")
    crf, gaz = model_paths(lang, root)
    if not crf.is_file() or not gaz.is_file():
        raise InputError(f"NER model {crf} is missing; train it with `khabar train ner --lang {lang}`")
    try:
        with gzip.open(gaz, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        raise KhabarError(f"cannot read NER gazetteer {gaz}: {exc}; retrain the model") from exc
    name_list = NerNameList(data["gazetteer"]["words"], data["gazetteer"]["names"])
    clusters = word_clusters.read(clusters_path(lang, root)) if data.get("meta", {}).get("clusters") else None
    return NerTagger(lang, crf, name_list, data.get("meta", {}), clusters)


def load(lang: str, root: Path | None = None) -> Tagger:
    """The tagger for ``lang`` ("ur", "hi" or "en"), loaded once and cached.

    ``root`` is the folder holding the model files (default: the ones shipped in the package).
    """
    return _load_cached(lang, (root or DATA).resolve())


def forget_loaded() -> None:
    """Drop the cached taggers, so the next :func:`load` reads the model files again."""
    _load_cached.cache_clear()
    has_model.cache_clear()


@lru_cache(maxsize=32)
def has_model(lang: str) -> bool:
    """Whether :func:`extract` can tag ``lang`` here: English (and romanized text) by rules
    always, Urdu and Hindi when their model files are installed (an untrained checkout has none)."""
    model_lang = _model_lang(lang)
    if model_lang is None or model_lang == "en":
        return model_lang == "en"
    return all(path.is_file() for path in model_paths(model_lang))


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
