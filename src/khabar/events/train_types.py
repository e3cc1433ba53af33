"""Training the English event-type classifier (``khabar train events``).

Data, all read from ``../shared/eval/events`` and never copied: the PLOVER gold records of the
even (dev) half only — the odd half is the held-out test of ``khabar eval events`` —,
IndiaPoliceEvents sentences (ARREST and FORCE → COERCE, KILL → ASSAULT, unlabelled → NONE, a
sample) and EDNIL 2020 sentences (shoot-outs, bombings, suicide attacks, strikes, terrorist attacks,
armed conflicts → ASSAULT; riots → PROTEST; disasters and accidents → NONE). Documents of the last
two whose id is a multiple of five are held out (:func:`heldout_doc`) for their own figures.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np

from khabar.errors import KhabarError
from khabar.events.ontology import normalise_type
from khabar.events.type_model import MODEL_JSON, MODEL_NPZ, NONE, ngrams

SEED = 13
PLOVER = Path("events/plover_gsr/PLOVER_GSR_CAMEO.json")
POLICE = Path("events/india_police_events/sents.jsonl")
EDNIL = Path("events/ednil2020_en/train.json")
#: Unlabelled police-corpus sentences kept as NONE examples (the corpus is 90 % unlabelled).
POLICE_NONE = 2500
EDNIL_ASSAULT = frozenset(
    {
        "SHOOT_OUT",
        "NORMAL_BOMBING",
        "SUICIDE_ATTACK",
        "SURGICAL_STRIKES",
        "TERRORIST_ATTACK",
        "ARMED_CONFLICTS",
    }
)
EDNIL_SKIP = frozenset({"CRIME", "MISCELLANEOUS"})
#: Inverse regularisation strength of the logistic regression (chosen by 5-fold CV on the train data).
C = 10.0
MIN_DF = 3


def heldout_doc(doc: str | int) -> bool:
    """Whether a police/EDNIL document is held out of training (its number is a multiple of 5)."""
    digits = "".join(ch for ch in str(doc) if ch.isdigit())
    return bool(digits) and int(digits) % 5 == 0


def plover_examples(root: Path, half: str) -> list[tuple[str, str]]:
    """(text, type) of the PLOVER records of one half (``dev``: even, ``test``: odd)."""
    records = json.loads((root / PLOVER).read_text(encoding="utf-8"))
    out = []
    for n, rec in enumerate(r for r in records if r.get("event") != "DOCUMENT"):
        if (n % 2 == 0) == (half == "dev"):
            out.append((rec["text"], normalise_type(rec["event"], rec.get("mode"))[0]))
    return out


def police_examples(root: Path, heldout: bool) -> list[tuple[str, str]]:
    """(sentence, type) of IndiaPoliceEvents: the training part or the held-out one."""
    labelled, empty = [], []
    for line in (root / POLICE).read_text(encoding="utf-8").splitlines():
        row: dict[str, Any] = json.loads(line)
        if heldout_doc(row["doc_id"]) != heldout or len(row["sent_text"]) < 30:
            continue
        labels = set(row["sent_labels"])
        if "KILL" in labels:
            labelled.append((row["sent_text"], "ASSAULT"))
        elif labels & {"ARREST", "FORCE"}:
            labelled.append((row["sent_text"], "COERCE"))
        elif not labels:
            empty.append((row["sent_text"], NONE))
    random.Random(SEED).shuffle(empty)
    return labelled + empty[: POLICE_NONE // (4 if heldout else 1)]


def ednil_examples(root: Path, heldout: bool) -> list[tuple[str, str]]:
    """(sentence, type) of EDNIL 2020: sentences cut at tokens ending in a full stop."""
    out = []
    for line in (root / EDNIL).read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if heldout_doc(doc["docid"]) != heldout:
            continue
        words: list[str] = []
        kinds: set[str] = set()
        for tok, tag in zip(doc["tokens"], doc["tags"], strict=False):
            words.append(tok)
            if tag.startswith("B-") and not tag.endswith("-ARG"):
                kinds.add(tag[2:].split(".", 1)[1])
            if tok.endswith((".", ".”", '."')):
                if kinds and not kinds & EDNIL_SKIP:
                    label = "ASSAULT" if kinds & EDNIL_ASSAULT else "PROTEST" if "RIOTS" in kinds else NONE
                    out.append((" ".join(words), label))
                words, kinds = [], set()
    return out


def training_data(root: Path) -> list[tuple[str, str]]:
    """Every training example (never the PLOVER odd half nor the held-out documents)."""
    for path in (PLOVER, POLICE, EDNIL):
        if not (root / path).is_file():
            raise KhabarError(f"training data not found: {root / path}")
    return plover_examples(root, "dev") + police_examples(root, False) + ednil_examples(root, False)


def train(root: Path, out_dir: Path) -> dict[str, Any]:
    """Fit the classifier, write it to ``out_dir`` and return its figures (CV accuracy on the
    PLOVER dev half, accuracy on the held-out police and EDNIL sentences)."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.pipeline import make_pipeline
    except ImportError as exc:
        raise KhabarError("training needs scikit-learn: pip install 'khabar[train]'") from exc

    data = training_data(root)
    texts, labels = [t for t, _ in data], [y for _, y in data]

    def make() -> Any:
        vec = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=MIN_DF)
        return make_pipeline(vec, LogisticRegression(C=C, max_iter=2000, class_weight="balanced"))

    n_plover = len(plover_examples(root, "dev"))
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    predicted = cross_val_predict(make(), texts, labels, cv=folds)
    cv_plover = float(np.mean([p == y for p, y in zip(predicted[:n_plover], labels[:n_plover], strict=True)]))
    model = make().fit(texts, labels)
    vec, clf = model.steps[0][1], model.steps[1][1]
    vocabulary = sorted(vec.vocabulary_, key=lambda w: vec.vocabulary_[w])
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out_dir / MODEL_NPZ,
        weights=clf.coef_.astype(np.float16),
        bias=clf.intercept_.astype(np.float64),
        idf=vec.idf_.astype(np.float64),
    )
    meta = {"classes": list(clf.classes_), "vocabulary": vocabulary, "seed": SEED, "C": C}
    (out_dir / MODEL_JSON).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    figures: dict[str, Any] = {
        "examples": len(texts),
        "features": len(vocabulary),
        "cv_plover_dev": cv_plover,
    }
    for name, held in (
        ("police_heldout", police_examples(root, True)),
        ("ednil_heldout", ednil_examples(root, True)),
    ):
        pred = model.predict([t for t, _ in held])
        figures[name] = float(np.mean([p == y for p, (_, y) in zip(pred, held, strict=True)]))
    return figures
