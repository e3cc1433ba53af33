"""English vs romanized Hindi vs romanized Urdu: a character n-gram naive Bayes classifier.

Hindustani written in Latin letters ("mera naam rahul hai") is not English, but general
language identifiers have never seen it and call it Estonian or Tsonga. This model tells the
three apart from the character 1–5-grams of each word, with word boundaries marked.

Training data (read from the shared eval folder, never shipped):

- romanized Hindi and Urdu: native-script sentences (Tatoeba Hindi and Urdu, IL-NER train)
  romanized word by word with the Dakshina romanization lexicons
  (``*.translit.sampled.train.tsv``), each native word replaced by one of its
  attested romanizations drawn with the annotators' counts as weights; the lexicons' own
  entries are added too, so rare words are covered. Romanizing running text (rather than
  using the lexicon alone) gives function words like "ke", "hai", "aur" their real weight.
- English: Tatoeba English sides, PLOVER's example sentences and the article bodies of the
  ScrapingHub extraction benchmark (MIT). WMT14 newstest is left out: it is licensed for
  research use only.

Dakshina's romanized dev sentences and TICO-19 are never read here except to report held-out
figures after training. The shipped model is gzipped JSON; inference is pure Python.
"""

from __future__ import annotations

import gzip
import json
import marshal
import math
import random
import re
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from khabar import cache
from khabar.errors import InputError, KhabarError
from khabar.text.fold import strip_accents
from khabar.text.scripts import script_of

LABELS = ("en", "hi-Latn", "ur-Latn")
FORMAT = "khabar-romanized-nb"
FORMAT_VERSION = 1
DEFAULT_MODEL = Path(__file__).parent / "data" / "romanized_hindustani.json.gz"

# The four numbers below were chosen together by a grid search (orders 3–6, ALPHA 0.1/0.5/1,
# pruning (1, 0), (3, 0.15), (5, 0.3), (10, 0.5), (20, 0.5)) scored on two dev sets built only
# from training sources: the synthetic dev split (lines held back by CRC-32) and sentences
# of six words drawn from Dakshina's *dev* romanization lexicons (words never seen in
# training). Order 5 beat 4 by 0.7–0.8 points of macro accuracy on both; 6 moved them by
# +0.3 / -0.1 points with 1.6x the features.
#: Longest character n-gram, boundaries included.
MAX_ORDER = 5
#: Additive smoothing of n-gram counts (0.5 was best on the unseen-word dev set).
ALPHA = 0.5
#: An n-gram seen fewer times than this (summed over classes) is dropped from the shipped
#: model; with MIN_SPREAD it cuts 249k n-grams to 102k (file ~630 KB) for < 0.1 points of
#: accuracy on either dev set.
MIN_FEATURE_COUNT = 5
#: An n-gram whose largest log-probability gap from the class mean is below this (nats)
#: carries too little evidence to ship.
MIN_SPREAD = 0.3
#: How much a capitalised word counts. Names ("Kim Jong Un", "Vladimir Putin") say nothing
#: about the language around them but look Hindustani to the n-grams, so a caption like
#: "Kim Jong Un and Vladimir Putin." is decided by its lower-case words. On the English dev
#: split 1.0 / 0.5 / 0.3 / 0.2 gave 99.27 / 99.39 / 99.52 / 99.52 % (romanized dev lines are
#: lower case, so unaffected); 0.2 won the tie by deciding that caption with a wider margin.
NAME_WEIGHT = 0.2
#: Weights are stored as integers in hundredths of a nat.
WEIGHT_SCALE = 100
#: Share of lines (by CRC-32 of the line) held back from training as the synthetic dev split.
DEV_MODULO = 10
#: Dev-lexicon words used for the unseen-word dev set, per language.
UNSEEN_WORDS = 6000
#: Seed of the romanization sampler, so training is reproducible.
SEED = 20240613
#: Only the first this many words of a text are scored: evidence has long saturated by then,
#: and it bounds the cost of a long Latin-script document.
MAX_WORDS = 300
#: Scored words kept in the per-model cache before it is emptied.
WORD_CACHE_SIZE = 200_000

_LATIN_WORD = re.compile(r"[a-z]+")
_CASED_WORD = re.compile(r"[A-Za-z]+")
_URDU_VARIANTS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


class _ScaledWeights(Mapping[str, tuple[float, ...]]):
    """The stored integer weights of each n-gram, divided by their scale when first looked up.

    Dividing all ~100k n-grams up front cost most of the model's load time at start-up, while a
    document looks up a few hundred; the values are the same ``x / scale`` either way.
    """

    __slots__ = ("_decoded", "_raw", "_scale")

    def __init__(self, raw: dict[str, list[int]], scale: float) -> None:
        self._raw = raw
        self._scale = scale
        self._decoded: dict[str, tuple[float, ...]] = {}

    def get(self, key: str, default: Any = None) -> Any:  # the hot path of word_scores
        """The weights of ``key`` per label, or ``default`` when it is not a feature."""
        got = self._decoded.get(key)
        if got is None:
            raw = self._raw.get(key)
            if raw is None:
                return default
            scale = self._scale
            got = self._decoded[key] = tuple(x / scale for x in raw)
        return got

    def __getitem__(self, key: str) -> tuple[float, ...]:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key: object) -> bool:
        return key in self._raw


class RomanizedModel:
    """A trained classifier: per-n-gram weights for each label and a softmax temperature."""

    __slots__ = ("_cache", "labels", "max_order", "meta", "temperature", "weights")

    def __init__(
        self,
        weights: Mapping[str, tuple[float, ...]],
        labels: tuple[str, ...] = LABELS,
        max_order: int = MAX_ORDER,
        temperature: float = 1.0,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.weights = weights
        self.labels = labels
        self.max_order = max_order
        self.temperature = temperature
        self.meta = meta or {}
        self._cache: dict[str, tuple[float, ...]] = {}

    def word_scores(self, word: str) -> tuple[float, ...]:
        """Summed n-gram weights of one lower-case ASCII word, per label."""
        got = self._cache.get(word)
        if got is not None:
            return got
        sums = [0.0] * len(self.labels)
        get = self.weights.get
        for feat in ngrams(word, self.max_order):
            w = get(feat)
            if w is not None:
                for i, x in enumerate(w):
                    sums[i] += x
        got = tuple(sums)
        if len(self._cache) >= WORD_CACHE_SIZE:
            self._cache.clear()
        self._cache[word] = got
        return got

    def scores(self, text: str) -> tuple[tuple[float, ...], int]:
        """Summed weights per label over the words of ``text``, and how many words counted.

        Capitalised words count ``NAME_WEIGHT`` times as much as the others (see there).
        """
        words = weighted_words(text)[:MAX_WORDS]
        if not words:
            return (0.0,) * len(self.labels), 0
        cache = self._cache
        rows = []
        for word, weight in words:
            row = cache.get(word) or self.word_scores(word)
            rows.append(row if weight == 1.0 else tuple(weight * x for x in row))
        # Summing columns with zip/sum runs in C: the hot loop of identification on Latin text.
        return tuple(map(sum, zip(*rows, strict=True))), len(words)

    def probabilities(self, text: str) -> dict[str, float]:
        """Probability of each label for ``text`` (uniform when it has no Latin words)."""
        sums, n = self.scores(text)
        if not n:
            return {lab: 1.0 / len(self.labels) for lab in self.labels}
        return dict(zip(self.labels, _softmax(sums, self.temperature), strict=True))

    def classify(self, text: str) -> tuple[str, float]:
        """The most likely label and its probability; ``("und", 0.0)`` with no Latin words."""
        sums, n = self.scores(text)
        if not n:
            return "und", 0.0
        probs = _softmax(sums, self.temperature)
        best = max(range(len(probs)), key=probs.__getitem__)
        return self.labels[best], probs[best]

    def to_json(self) -> dict[str, Any]:
        """The JSON-safe form :func:`load` reads."""
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "labels": list(self.labels),
            "max_order": self.max_order,
            "temperature": self.temperature,
            "scale": WEIGHT_SCALE,
            "meta": self.meta,
            "weights": {f: [round(x * WEIGHT_SCALE) for x in w] for f, w in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RomanizedModel:
        """Inverse of :meth:`to_json`."""
        if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
            raise KhabarError(
                f"not a {FORMAT} v{FORMAT_VERSION} model file; retrain it with `khabar train langid`"
            )
        weights = _ScaledWeights(data["weights"], float(data["scale"]))
        return cls(
            weights,
            tuple(data["labels"]),
            int(data["max_order"]),
            float(data["temperature"]),
            dict(data.get("meta") or {}),
        )


def _softmax(scores: Iterable[float], temperature: float) -> list[float]:
    xs = [s / temperature for s in scores]
    top = max(xs)
    exps = [math.exp(x - top) for x in xs]
    total = sum(exps)
    return [e / total for e in exps]


def latin_words(text: str) -> list[str]:
    """Lower-case ASCII letter runs of ``text``, with accents folded away (é → e)."""
    return _LATIN_WORD.findall(strip_accents(text).lower())


def weighted_words(text: str) -> list[tuple[str, float]]:
    """Lower-cased words of ``text``, each with ``NAME_WEIGHT`` if written capitalised, else 1.

    When every word (or none) is capitalised, as in a headline, all weigh 1.
    """
    words = _CASED_WORD.findall(strip_accents(text))
    capital = [w[0].isupper() for w in words]
    if all(capital) or not any(capital):
        return [(w.lower(), 1.0) for w in words]
    return [(w.lower(), NAME_WEIGHT if c else 1.0) for w, c in zip(words, capital, strict=True)]


def ngrams(word: str, max_order: int = MAX_ORDER) -> Iterator[str]:
    """Character 1..max_order-grams of ``word`` padded with a space on each side."""
    padded = f" {word} "
    size = len(padded)
    for n in range(1, max_order + 1):
        for i in range(size - n + 1):
            gram = padded[i : i + n]
            if gram != " ":
                yield gram


#: Names of the decoded model files in the cache dir (khabar.cache).
CACHE_PREFIX = "romanized-"


@lru_cache(maxsize=8)
def _load_cached(path: Path) -> RomanizedModel:
    try:
        data = _model_data(path)
    except FileNotFoundError as exc:
        raise InputError(f"romanized model {path} not found; train one with `khabar train langid`") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise KhabarError(f"cannot read romanized model {path}: {exc}; retrain it") from exc
    return RomanizedModel.from_json(data)


def _model_data(path: Path) -> dict[str, Any]:
    """The model file's JSON, decoded once per file content and kept (marshal) in the cache dir:
    unzipping and parsing ~100k weights takes longer than the rest of a short ingest's start-up."""
    raw = path.read_bytes()
    target = cache.cache_dir() / f"{CACHE_PREFIX}{cache.digest([raw])}.marshal"
    try:
        data = marshal.loads(target.read_bytes())
        if isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not kept yet, or damaged: decode the model file
    data = json.loads(gzip.decompress(raw).decode("utf-8"))
    cache.keep(target, marshal.dumps(data), CACHE_PREFIX)
    return dict(data)


def load(path: Path | None = None) -> RomanizedModel:
    """The model at ``path`` (default: the one shipped in the package), loaded once and cached."""
    return _load_cached(Path(path).resolve() if path is not None else DEFAULT_MODEL)


def classify(text: str) -> tuple[str, float]:
    """Label ``text`` as "en", "hi-Latn" or "ur-Latn" with the shipped model, with a probability.

    Returns ``("und", 0.0)`` when ``text`` has no Latin letters.
    """
    return load().classify(text)


# --- training -------------------------------------------------------------------------


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise InputError(f"training file {path} is missing; is the eval root right?")
    with path.open(encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def _read_conll_sentences(path: Path) -> list[str]:
    sentences: list[str] = []
    words: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                sentences.append(" ".join(words))
                words = []
            continue
        words.append(line.split("\t")[0].replace("_", " "))
    return sentences


def _is_dev(line: str) -> bool:
    return zlib.crc32(line.encode("utf-8")) % DEV_MODULO == 0


def _native_words(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for ch in unicodedata.normalize("NFC", text) + " ":
        if script_of(ch) in ("Arab", "Deva", "Zinh"):
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    return words


Lexicon = dict[str, tuple[list[str], list[int]]]


def _read_lexicon(path: Path) -> Lexicon:
    lex: Lexicon = {}
    for line in _read_lines(path):
        native, roman, count = line.split("\t")
        romans, counts = lex.setdefault(unicodedata.normalize("NFC", native), ([], []))
        romans.append(roman.lower())
        counts.append(int(count))
    return lex


def _romanize(text: str, lex: Lexicon, rng: random.Random) -> tuple[str, int, int]:
    """Romanize the words of ``text`` found in ``lex``; the others are dropped."""
    out: list[str] = []
    words = _native_words(text)
    for word in words:
        entry = lex.get(word) or lex.get(word.translate(_URDU_VARIANTS))
        if entry is not None:
            out.append(rng.choices(entry[0], weights=entry[1])[0])
    return " ".join(out), len(out), len(words)


def _unseen_word_lines(eval_root: Path, lang: str) -> list[str]:
    """Lines of six romanized words from Dakshina's dev lexicon, whose words training never sees."""
    path = eval_root / "translit" / "dakshina" / lang / f"{lang}.translit.sampled.dev.tsv"
    words = [line.split("\t")[1] for line in _read_lines(path)]
    random.Random(SEED).shuffle(words)
    words = words[:UNSEEN_WORDS]
    return [" ".join(words[i : i + 6]) for i in range(0, len(words), 6)]


def _plover_sentences(path: Path) -> list[str]:
    """The English example sentences of the PLOVER gold-standard records."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r["eventText"].strip() for r in records if r.get("event") != "DOCUMENT" and r.get("eventText")]


def _article_lines(path: Path) -> list[str]:
    """Non-empty lines of the article bodies in an article-extraction ground-truth file."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        line.strip()
        for record in records.values()
        for line in (record.get("articleBody") or "").splitlines()
        if line.strip()
    ]


def _training_text(
    eval_root: Path,
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], dict[str, Any]]:
    """Train lines, synthetic dev lines and unseen-word dev lines per label, plus coverage."""
    par = eval_root / "parallel"
    tat = par / "tatoeba_hi_ur_en"
    native = {
        "hi-Latn": [
            *_read_lines(tat / "eng-hin.tatoeba-test-v2021-08-07.hin"),
            *_read_lines(tat / "hin-urd.tatoeba-test-v2021-08-07.hin"),
            *_read_conll_sentences(eval_root / "ner" / "il_ner" / "Hindi-train.txt"),
        ],
        "ur-Latn": [
            *_read_lines(tat / "eng-urd.tatoeba-test-v2021-08-07.urd"),
            *_read_lines(tat / "hin-urd.tatoeba-test-v2021-08-07.urd"),
            *_read_conll_sentences(eval_root / "ner" / "il_ner" / "Urdu-train.txt"),
        ],
    }
    # WMT14 newstest is licensed for research use only, so the shipped model does not learn
    # from it; English news prose comes from the ScrapingHub benchmark's article bodies (MIT).
    english = [
        *_article_lines(eval_root / "html" / "scrapinghub_aeb" / "ground-truth.json"),
        *_plover_sentences(eval_root / "events" / "plover_gsr" / "PLOVER_GSR_CAMEO.json"),
        *_read_lines(tat / "eng-hin.tatoeba-test-v2021-08-07.eng"),
        *_read_lines(tat / "eng-urd.tatoeba-test-v2021-08-07.eng"),
    ]
    train: dict[str, list[str]] = {"en": [], "hi-Latn": [], "ur-Latn": []}
    dev: dict[str, list[str]] = {"en": [], "hi-Latn": [], "ur-Latn": []}
    for line in dict.fromkeys(english):
        (dev if _is_dev(line) else train)["en"].append(line)
    coverage: dict[str, float] = {}
    rng = random.Random(SEED)
    for label, lang in (("hi-Latn", "hi"), ("ur-Latn", "ur")):
        lex = _read_lexicon(eval_root / "translit" / "dakshina" / lang / f"{lang}.translit.sampled.train.tsv")
        found = seen = 0
        for line in dict.fromkeys(native[label]):
            roman, n_found, n_seen = _romanize(line, lex, rng)
            found += n_found
            seen += n_seen
            if roman:
                (dev if _is_dev(line) else train)[label].append(roman)
        coverage[label] = round(found / max(seen, 1), 4)
        # The lexicon entries themselves, one "sentence" per annotator vote.
        for romans, counts in lex.values():
            for roman, count in zip(romans, counts, strict=True):
                train[label].extend([roman] * count)
    unseen = {"en": dev["en"]}
    unseen.update({label: _unseen_word_lines(eval_root, label[:2]) for label in ("hi-Latn", "ur-Latn")})
    info = {
        "lexicon_coverage_of_running_words": coverage,
        "train_lines": {k: len(v) for k, v in train.items()},
        "dev_lines": {k: len(v) for k, v in dev.items()},
    }
    return train, dev, unseen, info


def fit(
    train: dict[str, list[str]],
    max_order: int = MAX_ORDER,
    alpha: float = ALPHA,
    min_count: int = MIN_FEATURE_COUNT,
    min_spread: float = MIN_SPREAD,
) -> RomanizedModel:
    """Fit naive Bayes weights from lines per label (the labels are ``train``'s keys, in order)."""
    labels = tuple(train)
    counts: list[Counter[str]] = []
    for label in labels:
        words: Counter[str] = Counter()
        for line in train[label]:
            words.update(latin_words(line))
        grams: Counter[str] = Counter()
        for word, n in words.items():
            for gram in ngrams(word, max_order):
                grams[gram] += n
        counts.append(grams)
    vocab = set().union(*counts)
    totals = [sum(c.values()) + alpha * len(vocab) for c in counts]
    weights: dict[str, tuple[float, ...]] = {}
    for gram in vocab:
        ns = [c.get(gram, 0) for c in counts]
        if sum(ns) < min_count:
            continue
        logs = [math.log((n + alpha) / t) for n, t in zip(ns, totals, strict=True)]
        mean = sum(logs) / len(logs)
        centred = tuple(x - mean for x in logs)
        if max(abs(x) for x in centred) >= min_spread:
            weights[gram] = centred
    return RomanizedModel(weights, labels, max_order)


def _fit_temperature(model: RomanizedModel, dev: dict[str, list[str]]) -> float:
    """The softmax temperature with the lowest log loss on the dev lines."""
    scored = []
    for label, lines in dev.items():
        gold = model.labels.index(label)
        for line in lines:
            sums, n = model.scores(line)
            if n:
                scored.append((sums, gold))
    best_t, best_loss = 1.0, math.inf
    for t in (1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40):
        loss = -sum(math.log(max(_softmax(s, t)[g], 1e-12)) for s, g in scored) / max(len(scored), 1)
        if loss < best_loss:
            best_t, best_loss = float(t), loss
    return best_t


def accuracy(model: RomanizedModel, sets: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Per gold label: share labelled right, and share given each label."""
    out: dict[str, dict[str, float]] = {}
    for gold, lines in sets.items():
        got = Counter(model.classify(line)[0] for line in lines)
        n = max(len(lines), 1)
        out[gold] = {"n": len(lines), "accuracy": round(got[gold] / n, 4)}
        out[gold].update({f"as_{lab}": round(k / n, 4) for lab, k in sorted(got.items())})
    return out


def train(eval_root: Path, out: Path) -> dict[str, Any]:
    """Train on the shared eval data under ``eval_root``, write the model to ``out``.

    Returns the measured figures: line counts, dev-split accuracy (synthetic romanized
    sentences and English lines held back from training), accuracy on lines of words from
    Dakshina's dev lexicons (unseen in training), held-out accuracy on Dakshina's
    real romanized dev sentences and TICO-19 English, training seconds and model bytes.
    """
    t0 = time.perf_counter()
    train_lines, dev_lines, unseen_lines, info = _training_text(eval_root)
    model = fit(train_lines)
    model.temperature = _fit_temperature(model, dev_lines)
    seconds = round(time.perf_counter() - t0, 1)
    figures: dict[str, Any] = {
        **info,
        "features": len(model.weights),
        "temperature": model.temperature,
        "train_seconds": seconds,
        "dev": accuracy(model, dev_lines),
        "dev_unseen_words": accuracy(model, unseen_lines),
        "heldout": accuracy(model, _heldout(eval_root)),
    }
    model.meta = {
        "trained": time.strftime("%Y-%m-%d"),
        "sources": {
            "romanization": "Dakshina v1.0 hi/ur translit.sampled.train (CC-BY-SA-4.0)",
            "hindi_urdu_text": "Tatoeba (CC-BY 2.0 FR), IL-NER train (CC-BY-4.0)",
            "english_text": (
                "Tatoeba (CC-BY 2.0 FR), PLOVER GSR examples (CC-BY-SA-4.0), ScrapingHub AEB bodies (MIT)"
            ),
        },
        "figures": {k: figures[k] for k in ("dev", "dev_unseen_words", "heldout", "features")},
    }
    figures["model_bytes"] = save(model, out)
    return figures


def save(model: RomanizedModel, out: Path) -> int:
    """Write ``model`` to ``out`` as gzipped JSON; returns the file's size in bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":"))
    # No file name and mtime=0 in the gzip header: the bytes depend on the model alone.
    with out.open("wb") as raw, gzip.GzipFile("", "wb", compresslevel=9, fileobj=raw, mtime=0) as fh:
        fh.write(payload.encode("utf-8"))
    _load_cached.cache_clear()  # a cached copy of a file just overwritten would be stale
    return out.stat().st_size


def _heldout(eval_root: Path) -> dict[str, list[str]]:
    dak = eval_root / "translit" / "dakshina"
    return {
        "en": _read_lines(eval_root / "parallel" / "tico19" / "en-hi.tico19-test.en"),
        "hi-Latn": _read_lines(dak / "hi" / "hi.romanized.rejoined.dev.roman.txt"),
        "ur-Latn": _read_lines(dak / "ur" / "ur.romanized.rejoined.dev.roman.txt"),
    }
