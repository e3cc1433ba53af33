"""Word clusters learnt from unlabelled text, used as NER features for words never seen in training.

A word's vector is its row of a positive-PMI matrix over left and right neighbour words
(window of two, each side apart), reduced by a randomised SVD; k-means then groups the unit
vectors at several granularities (:data:`SIZES`). Words used alike in running text (given names,
district names, ministries …) share clusters, so the CRF can tag a name it was never trained on
from the company it keeps. Everything is numpy/scipy, seeded, and built by ``khabar train ner``
from the text of :func:`unlabelled_sentences` (never from a set Khabar evaluates on).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from khabar.models.ner.features import _fold_token_by_table
from khabar.text.hi_to_ur import hindi_to_urdu
from khabar.text.tokens import words

#: Numbers of clusters, coarse to fine (one feature each).
SIZES = (32, 128, 512)
#: A word needs this many occurrences to get clusters.
MIN_COUNT = 3
#: Context words (per side) whose co-occurrence counts make a word's vector.
CONTEXTS = 3000
#: Dimensions kept by the SVD.
DIMS = 80
#: Iterations of k-means per granularity.
KMEANS_ITERATIONS = 12

_TAG = re.compile(r"<[^>]*>")


def _text_lines(path: Path) -> Iterator[str]:
    if path.is_file():
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            for line in fh:
                yield _TAG.sub(" ", line)


def _conll_sentences(path: Path) -> Iterator[list[str]]:
    """The words of each sentence of a token-per-line file (tag columns ignored)."""
    if not path.is_file():
        return
    sent: list[str] = []
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        for line in fh:
            word = line.split("\t", 1)[0].strip()
            if not word or "\t" not in line:
                if sent:
                    yield sent
                sent = []
                continue
            sent.extend(word.split())
            if word in ("۔", "।", "؟", "?"):
                yield sent
                sent = []
    if sent:
        yield sent


def unlabelled_sentences(eval_root: Path, lang: str) -> Iterator[list[str]]:
    """Tokenised sentences of ``lang`` from the shared eval folder, labels unused: news text
    (COUNTER, ILTIMEX), parallel corpora, and the words of the NER *training* sets (no dev set).
    Urdu also reads the Hindi training text in Urdu letters (as the Urdu CRF does)."""
    ner = eval_root / "ner"
    par = eval_root / "parallel"
    if lang == "ur":
        texts = [
            eval_root / "urdu_news" / "counter" / "counter.txt",
            par / "tico19" / "en-ur.tico19-test.ur",
            par / "tatoeba_hi_ur_en" / "eng-urd.tatoeba-test-v2021-08-07.urd",
            par / "tatoeba_hi_ur_en" / "hin-urd.tatoeba-test-v2021-08-07.urd",
        ]
        conll = [
            ner / "il_ner" / "Urdu-train.txt",
            ner / "urdu" / "jahangir.txt",
            ner / "urdu" / "ijnlp.txt",
            ner / "wikiann_panx" / "train-ur.tsv",
            ner / "hut_comsats_urdu" / "HUT_COMSATS.txt",
        ]
        for toks in _conll_sentences(ner / "il_ner" / "Hindi-train.txt"):
            yield [hindi_to_urdu(w) for w in toks]
    else:
        timex = eval_root / "timex" / "iltimex2012_manual_tagged"
        texts = sorted(timex.glob("*.xml")) if timex.is_dir() else []
        texts += [
            par / "tico19" / "en-hi.tico19-test.hi",
            par / "tatoeba_hi_ur_en" / "eng-hin.tatoeba-test-v2021-08-07.hin",
            par / "tatoeba_hi_ur_en" / "hin-urd.tatoeba-test-v2021-08-07.hin",
            par / "wmt14_hi_en" / "newstest2014.hin",
        ]
        conll = [
            ner / "il_ner" / "Hindi-train.txt",
            ner / "hiner" / "collapsed_validation.conll",
            ner / "wikiann_panx" / "train-hi.tsv",
            ner / "ijcnlp08_hindi_ner_sample" / "sample-hindi-ner.conll",
        ]
    for path in texts:
        for line in _text_lines(path):
            if toks := words(line):
                yield toks
    for path in conll:
        yield from _conll_sentences(path)


def _kmeans(x: Any, k: int, seed: int) -> Any:
    """Cluster ids of the rows of ``x`` (unit vectors) by spherical k-means, seeded."""
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)]
    ids = np.zeros(len(x), dtype=np.int32)
    for _ in range(KMEANS_ITERATIONS):
        ids = np.concatenate([np.argmax(chunk @ centres.T, axis=1) for chunk in np.array_split(x, 16)])
        sums = np.zeros_like(centres)
        np.add.at(sums, ids, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = sums / norms
    return ids


def build(sentences: Iterable[list[str]], seed: int = 0) -> dict[str, list[int]]:
    """Fold key -> cluster id at each of :data:`SIZES`, for every word seen MIN_COUNT times."""
    import numpy as np
    from scipy import sparse

    sents = [[_fold_token_by_table(t) for t in toks] for toks in sentences]
    counts = Counter(k for s in sents for k in s)
    vocab = sorted((w for w, n in counts.items() if n >= MIN_COUNT), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:CONTEXTS])}
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        ids = [index.get(k, -1) for k in s]
        for i, row in enumerate(ids):
            if row < 0:
                continue
            for off, side in ((-1, 0), (-2, 2), (1, 1), (2, 3)):
                j = i + off
                if 0 <= j < len(s) and (c := ctx.get(s[j])) is not None:
                    rows.append(row)
                    cols.append(side * CONTEXTS + c)
    n_ctx = 4 * CONTEXTS
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(vocab), n_ctx))
    m = m.tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75  # context smoothing
    col_sum *= total / col_sum.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    vectors = _randomised_svd(ppmi, DIMS, seed)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors = (vectors / norms).astype(np.float32)
    per_size = [_kmeans(vectors, min(k, len(vocab)), seed + k) for k in SIZES]
    return {w: [int(ids[i]) for ids in per_size] for i, w in enumerate(vocab)}


def _randomised_svd(a: Any, dims: int, seed: int) -> Any:
    """The left singular vectors of ``a`` scaled by the square root of their values (top ``dims``)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    y = a @ rng.standard_normal((a.shape[1], dims + 20))
    for _ in range(3):
        q, _ = np.linalg.qr(y)
        y = a @ (a.T @ q)
    q, _ = np.linalg.qr(y)
    u, s, _ = np.linalg.svd((a.T @ q).T, full_matrices=False)
    return (q @ u)[:, :dims] * np.sqrt(s[:dims])


def write(clusters: dict[str, list[int]], path: Path) -> None:
    """Write clusters as a small deterministic gzip JSON file."""
    payload = {"sizes": list(SIZES), "words": clusters}
    with path.open("wb") as raw, gzip.GzipFile("", "wb", compresslevel=9, fileobj=raw, mtime=0) as fh:
        fh.write(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())


def read(path: Path) -> dict[str, str]:
    """Fold key -> its cluster features (``c0_5``, ``c1_77`` …) from a file :func:`write` made;
    an absent file gives no clusters."""
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return {w: " ".join(f"c{i}_{c}" for i, c in enumerate(ids)) for w, ids in data["words"].items()}
