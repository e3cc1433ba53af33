"""The learned English event-type classifier: word 1–2-gram TF-IDF and a multinomial logistic
regression, trained by ``khabar train events`` (:mod:`khabar.events.train_types`).

Shipped as plain arrays (``data/type_model.npz``: weights, biases, idf) and a JSON vocabulary and
class list (``data/type_model.json``), so loading runs no pickled code. Inference is numpy only:
the same tokenizer as scikit-learn's default (``\\b\\w\\w+\\b``, lowercased), sublinear tf, l2 norm.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

#: The class of sentences that report no political event (disasters, accidents, sport, …).
NONE = "NONE"
TOKEN = re.compile(r"(?u)\b\w\w+\b")
MODEL_NPZ = "type_model.npz"
MODEL_JSON = "type_model.json"


def ngrams(text: str) -> list[str]:
    """The word unigrams and bigrams the classifier reads."""
    words = TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@dataclass(frozen=True)
class TypeModel:
    """Weights (classes × features), biases, idf, vocabulary and class names."""

    weights: np.ndarray
    bias: np.ndarray
    idf: np.ndarray
    vocab: dict[str, int]
    classes: tuple[str, ...]

    def probabilities(self, text: str) -> dict[str, float]:
        """Class -> probability for one sentence."""
        counts: dict[int, int] = {}
        for g in ngrams(text):
            j = self.vocab.get(g)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        logits = self.bias.copy()
        if counts:
            idx = np.fromiter(counts, dtype=np.int64)
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))
            x = tf * self.idf[idx]
            x /= np.linalg.norm(x) or 1.0
            logits = logits + self.weights[:, idx] @ x
        logits -= logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def best(self, text: str) -> tuple[str, float]:
        """The most probable class of a sentence and its probability."""
        probs = self.probabilities(text)
        name = max(probs, key=lambda c: probs[c])
        return name, probs[name]


@lru_cache(maxsize=1)
def load_type_model() -> TypeModel | None:
    """The shipped model, or None when it has not been trained."""
    data = resources.files("khabar.events").joinpath("data")
    try:
        meta = json.loads(data.joinpath(MODEL_JSON).read_text("utf-8"))
        with data.joinpath(MODEL_NPZ).open("rb") as fh, np.load(fh) as arrays:
            weights = arrays["weights"].astype(np.float64)
            bias, idf = arrays["bias"], arrays["idf"]
    except (FileNotFoundError, KeyError, ValueError):
        return None
    vocab = {w: i for i, w in enumerate(meta["vocabulary"])}
    return TypeModel(weights, bias, idf, vocab, tuple(meta["classes"]))
