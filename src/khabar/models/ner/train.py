"""Training the Urdu and Hindi NER CRFs from the shared eval data (``khabar train ner``).

Training data (read from the shared eval folder, never shipped): IL-NER train (NEP → PERSON,
NEL → LOC, NEO → ORG, every other tag O). The Urdu model also learns from IL-NER *Hindi* train
written in Urdu letters by :func:`~khabar.text.hi_to_ur.hindi_to_urdu` (names and grammar
words mostly come out as Urdu spells them: +4.5 points of dev F1), and from IJCNLP-08 Urdu and
Jahangir et al., HUT COMSATS Urdu (:func:`hut_sentences`) and WikiANN Urdu silver
(:func:`wikiann_sentences`, training only, never gold), with word clusters learnt from
unlabelled text (:data:`CLUSTER_LANGS`). The Hindi model also learns from HiNER (its
validation split; Khabar evaluates on IL-NER dev) and the IJCNLP-08 Hindi sample.
The extra sets are mapped with care: bare tags
become BIO runs, tokens are re-split with :mod:`khabar.text.tokens` (``ہے۔`` → ``ہے`` ``۔``),
leading titles (صدر, جنرل) leave PERSON spans as in IL-NER, and a sentence is dropped when an
entity tag sits on a function word or punctuation (its tags have slipped off their words).

The name list (:class:`~khabar.models.ner.features.NerNameList`) holds the labels a word
carried in training (a share of its occurrences above :data:`GAZ_MIN_SHARE`). While training,
each sentence sees the name list built from the *other* folds only (jackknife), so the CRF
learns how far to trust a hit on a name it has not been trained on, rather than trusting it
blindly; known multi-word names are jackknifed likewise.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.models.conll import Sentence, read_conll, score, spans
from khabar.models.ner import clusters as word_clusters
from khabar.models.ner.crf import clusters_path, crfsuite, forget_loaded, load, model_paths
from khabar.models.ner.features import (
    DATA,
    LABELS,
    LANGS,
    Featurizer,
    NerNameList,
    _fold_token_by_table,
    load_triggers,
)
from khabar.models.ner.kbnames import kb_names
from khabar.text.hi_to_ur import hindi_to_urdu
from khabar.text.tokens import words

# --- tuned numbers ------------------------------------------------------------------------
# Each was compared on IL-NER dev (ur: 250 entities, hi: 678) with the rest of the recipe fixed.
# Dev is small: on Urdu one entity moves F1 by ~0.3 points, so changes under ~1.5 points were
# treated as ties and the simpler or faster setting kept.
#: A word counts as a name-list name of a label when at least this share of its training
#: occurrences carry the label (0.15 / 0.3 / 0.5 gave hi F1 0.727 / 0.732 / 0.731).
GAZ_MIN_SHARE = 0.3
#: ... and it carried the label at least this many times.
GAZ_MIN_COUNT = 1
#: Longest multi-word name (in words) the name list keeps and marks in a sentence (+0.8 / +0.3
#: points hi / ur over no multi-word names).
MAX_NAME = 6
#: Languages whose CRF uses word clusters (:mod:`khabar.models.ner.clusters`). Urdu: clusters with
#: HUT COMSATS and WikiANN added gave dev F1 0.745 (0.734 before; 0.709 with the extra sets and no
#: clusters). Hindi: clusters 0.728, clusters + WikiANN 0.730, WikiANN alone 0.736 against 0.741
#: without either (ties), so Hindi keeps neither. Keeping clusters only for words seen under 20
#: times in training, with the KB names as features, gave ur 0.729: not kept either.
CLUSTER_LANGS = ("ur",)
#: Folds of the jackknifed name list used while training.
JACKKNIFE_FOLDS = 5
#: L1 and L2 regularisation of the CRF. A grid of (c1, c2) from (0.05, 0.01) to (0.5, 0.01)
#: and (0.1, 0.3) gave ur F1 0.683-0.692 (a tie); 0.1 / 0.05 sits in its middle.
C1 = 0.1
C2 = 0.05
#: L-BFGS iterations: 80 / 150 / 300 gave hi F1 0.741 / 0.735 / 0.735 and ur 0.734 / 0.739
#: (a tie); 80 trains in half the time.
MAX_ITERATIONS = 80


def _function_words(sents: list[Sentence], min_count: int = 50, max_entity_share: float = 0.01) -> set[str]:
    """Frequent words that are (almost) never part of an entity in ``sents``."""
    total: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for toks, tags in sents:
        for tok, tag in zip(toks, tags, strict=True):
            key = _fold_token_by_table(tok)
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
        if tag == "B-PERSON" and "P" in titles.get(_fold_token_by_table(toks[i]), ""):
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
            tag != "O" and (_fold_token_by_table(tok) in function_words or not tok[0].isalnum())
            for tok, tag in zip(*sent, strict=True)
        )
        if not slipped:
            out.append(sent)
    return out


#: HUT COMSATS types kept (the others: dates, numbers, designations … are O).
_HUT = {"Person": "PERSON", "Location": "LOC", "Organization": "ORG"}
#: WikiANN Urdu's redirect pages (titles, not sentences).
_WIKIANN_NOISE = ("رجوع_مکرر", "رجوع مکرر")


def hut_sentences(path: Path) -> list[Sentence]:
    """HUT COMSATS Urdu (one word or name per line with its type, no sentence breaks) as BIO
    sentences: split after ۔ ؟ ! or every 60 words, a run of lines of one type is one entity,
    repeated sentences kept once."""
    out: list[Sentence] = []
    seen: set[tuple[str, ...]] = set()
    toks: list[str] = []
    tags: list[str] = []
    prev = "O"
    if not path.is_file():
        return out
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            word, _, kind = line.strip("\r\n").partition("\t")
            label = _HUT.get(kind.strip(), "O")
            for k, piece in enumerate(word.split()):
                toks.append(piece)
                tags.append("O" if label == "O" else f"{'I' if k or label == prev else 'B'}-{label}")
            prev = label
            if word.strip() in ("۔", "؟", "!") or len(toks) >= 60:
                if toks and tuple(toks) not in seen:
                    seen.add(tuple(toks))
                    out.append((toks, tags))
                toks, tags, prev = [], [], "O"
    if toks and tuple(toks) not in seen:
        out.append((toks, tags))
    return out


def wikiann_sentences(path: Path) -> list[Sentence]:
    """WikiANN / PAN-X silver sentences without its redirect-page noise (needs at least one entity)."""
    if not path.is_file():
        return []
    return [
        (toks, tags)
        for toks, tags in read_conll(path, "wikiann")
        if not any(t in _WIKIANN_NOISE for t in toks) and any(t != "O" for t in tags)
    ]


def training_sentences(eval_root: Path, lang: str) -> dict[str, list[Sentence]]:
    """The training sentences of ``lang`` per source, tags mapped to PERSON/LOC/ORG BIO."""
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
            "hut_comsats": _clean_extra(
                hut_sentences(ner / "hut_comsats_urdu" / "HUT_COMSATS.txt"), fw, titles
            ),
            "wikiann_ur": _clean_extra(wikiann_sentences(ner / "wikiann_panx" / "train-ur.tsv"), fw, titles),
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


Counts = tuple[dict[str, Counter[str]], dict[str, Counter[str]]]


def name_counts(sents: Iterable[Sentence], known_names: set[str] | None = None) -> Counts:
    """Per fold key and per multi-word name, how often it was tagged each label (and "O").

    A multi-word name counts an "O" wherever its words occur but not as that entity; only names
    in ``known_names`` are looked for (all of them are counted as entities).
    """
    words: dict[str, Counter[str]] = {}
    names: dict[str, Counter[str]] = {}
    longest: dict[str, int] = {}
    for name in known_names or ():
        first, size = name.split(" ", 1)[0], name.count(" ") + 1
        longest[first] = max(longest.get(first, 0), size)
    for toks, tags in sents:
        keys = [_fold_token_by_table(tok) for tok in toks]
        for key, tag in zip(keys, tags, strict=True):
            words.setdefault(key, Counter())[tag[2:] or "O"] += 1
        found = {(a, b): label for a, b, label in spans(tags) if 1 < b - a <= MAX_NAME}
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


def name_list(counts: Counts, minus: Counts | None = None) -> NerNameList:
    """The names of ``counts`` (less ``minus``) that carry a label often enough (see GAZ_MIN_*)."""
    return NerNameList(
        _classes(counts[0], minus[0] if minus else None), _classes(counts[1], minus[1] if minus else None)
    )


def train(eval_root: Path, lang: str, out_dir: Path = DATA) -> dict[str, Any]:
    """Train the ``lang`` CRF on the shared eval data and write it to ``out_dir``; return figures.

    For :data:`CLUSTER_LANGS` the word clusters are learnt first, from the unlabelled text of
    :func:`~khabar.models.ner.clusters.unlabelled_sentences`, and written beside the model.
    """
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    cluster_file = clusters_path(lang, out_dir)
    word_clusters.write(
        word_clusters.build(word_clusters.unlabelled_sentences(eval_root, lang)), cluster_file
    )
    figures = fit(eval_root, lang, training_sentences(eval_root, lang), out_dir, cluster_file)
    figures["train_seconds"] = round(time.perf_counter() - t0, 1)
    figures["clusters_bytes"] = cluster_file.stat().st_size
    return figures


def fit(
    eval_root: Path,
    lang: str,
    sources: dict[str, list[Sentence]],
    out_dir: Path,
    cluster_file: Path | None,
    use_kb: bool = False,
) -> dict[str, Any]:
    """Train the CRF on ``sources`` (with the clusters of ``cluster_file``, if any, and the KB's
    names with ``use_kb``), write it and its name list to ``out_dir`` and score it on IL-NER dev."""
    pycrfsuite = crfsuite()
    t0 = time.perf_counter()
    sents = [s for group in sources.values() for s in group]
    triggers = load_triggers(lang)
    clusters = word_clusters.read(cluster_file) if cluster_file else {}
    known = set(name_counts(sents)[1])
    counts = name_counts(sents, known)
    folds = [sents[k::JACKKNIFE_FOLDS] for k in range(JACKKNIFE_FOLDS)]
    trainer = pycrfsuite.Trainer(verbose=False)
    for part in folds:
        part_names = name_list(counts, minus=name_counts(part, known))
        feats = Featurizer(part_names, triggers, clusters, kb_names(lang) if use_kb else None)
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
        "clusters": bool(clusters),
        "kb": use_kb,
    }
    payload = {"meta": meta, "gazetteer": name_list(counts).to_json()}
    with gaz.open("wb") as raw, gzip.GzipFile("", "wb", compresslevel=9, fileobj=raw, mtime=0) as fh:
        fh.write(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
    if cluster_file and cluster_file != clusters_path(lang, out_dir):
        clusters_path(lang, out_dir).write_bytes(cluster_file.read_bytes())
    forget_loaded()
    dev_name = {"ur": "Urdu-dev.txt", "hi": "Hindi-dev.txt"}[lang]
    dev = read_conll(eval_root / "ner" / "il_ner" / dev_name, "il_ner")
    tagger = load(lang, out_dir)
    return {
        "lang": lang,
        "train_seconds": seconds,
        "sentences": meta["sources"],
        "model_bytes": crf.stat().st_size,
        "gazetteer_bytes": gaz.stat().st_size,
        "dev": score([t for _, t in dev], [tagger.tag(w) for w, _ in dev]),
    }
