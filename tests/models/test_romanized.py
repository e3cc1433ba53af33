"""The romanized-Hindustani classifier: features, the shipped model, training and loading."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from khabar.cli.common import EXIT_USAGE
from khabar.errors import InputError, KhabarError
from khabar.models import romanized
from khabar.models.romanized import (
    DEFAULT_MODEL,
    LABELS,
    NAME_WEIGHT,
    classify,
    fit,
    latin_words,
    load,
    ngrams,
    save,
    weighted_words,
)
from tests.conftest import khabar

TINY_TRAIN = {
    "en": [
        "the minister said that the talks were useful",
        "the government will meet on monday with the opposition",
        "this is what they said about the weather",
    ],
    "hi-Latn": [
        "sarkar ne aaj nayi shiksha niti ki ghoshna ki hai",
        "pradhan mantri ne rashtra ko sambodhit kiya",
        "mausam vibhag ne barish ki chetavani di hai",
    ],
    "ur-Latn": [
        "hukumat ne awam ke liye naye iqdamat ka elaan kiya",
        "wazir e azam ne qaumi assembly se khitaab kiya",
        "mulk ki maeeshat behtar ho rahi he",
    ],
}


def test_ngrams_mark_word_boundaries() -> None:
    grams = list(ngrams("ke", 3))
    assert grams == ["k", "e", " k", "ke", "e ", " ke", "ke "]


def test_latin_words_fold_case_and_accents() -> None:
    assert latin_words("Café, naïve 2023 déjà-vu!") == ["cafe", "naive", "deja", "vu"]
    assert latin_words("کم جونگ") == []


def test_weighted_words_discount_capitalised_names() -> None:
    assert weighted_words("Kim met the press") == [
        ("kim", NAME_WEIGHT),
        ("met", 1.0),
        ("the", 1.0),
        ("press", 1.0),
    ]
    # a headline in title case: no contrast, every word counts fully
    assert weighted_words("Kim Meets Putin") == [("kim", 1.0), ("meets", 1.0), ("putin", 1.0)]


def test_shipped_model_is_small_and_loads_once() -> None:
    assert DEFAULT_MODEL.stat().st_size < 2_000_000
    model = load()
    assert model is load()
    assert model.labels == LABELS
    assert len(model.weights) > 10_000


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The prime minister addressed parliament on Tuesday about the budget.", "en"),
        ("We use cookies to improve your experience on our website.", "en"),
        (
            "sarkar ne aaj nayi shiksha niti ki ghoshna ki hai aur pradhan mantri ne iska swagat kiya",
            "hi-Latn",
        ),
        (
            "wazir e azam ne qaumi assembly se khitaab karte hue kaha ke mulk ki maeeshat behtar hai",
            "ur-Latn",
        ),
    ],
)
def test_shipped_model_classifies(text: str, label: str) -> None:
    got, p = classify(text)
    assert got == label
    assert p > 0.9


def test_romanized_is_never_english_on_everyday_hindustani() -> None:
    for text in (
        "kal raat bahut tez baarish hui aur sheher ki sadkon par paani bhar gaya",
        "main kal school nahi jaunga kyunki mujhe bukhar hai",
        "aap kaise hain? main theek hoon",
    ):
        assert classify(text)[0] in ("hi-Latn", "ur-Latn"), text


def test_names_do_not_outvote_english_function_words() -> None:
    assert classify("Kim Jong Un and Vladimir Putin. (AP/PTI)")[0] == "en"


def test_no_latin_letters_is_undetermined() -> None:
    assert classify("") == ("und", 0.0)
    assert classify("شمالی کوریا 2023") == ("und", 0.0)
    probs = load().probabilities("۔۔۔")
    assert probs == pytest.approx({lab: 1 / 3 for lab in LABELS})


def test_probabilities_sum_to_one() -> None:
    probs = load().probabilities("hukumat ne naya qanoon banaya")
    assert sum(probs.values()) == pytest.approx(1.0)
    assert max(probs, key=probs.__getitem__) == classify("hukumat ne naya qanoon banaya")[0]


def test_train_tiny_model_and_load_it_from_a_user_path(tmp_path: Path) -> None:
    model = fit(TINY_TRAIN, max_order=3, min_count=1, min_spread=0.0)
    model.temperature = 2.0
    path = tmp_path / "models" / "tiny.json.gz"
    size = save(model, path)
    assert size == path.stat().st_size > 0

    loaded = load(path)
    assert loaded is not load()  # not the shipped model
    assert loaded is load(path)  # cached per path
    assert loaded.max_order == 3
    assert loaded.temperature == 2.0
    assert set(loaded.weights) == set(model.weights)
    assert loaded.classify("the talks were useful")[0] == "en"
    assert loaded.classify("barish ki chetavani")[0] == "hi-Latn"
    assert loaded.classify("awam ke liye iqdamat")[0] == "ur-Latn"
    # weights survive the round trip to within the stored precision
    feat = next(iter(model.weights))
    assert loaded.weights[feat] == pytest.approx(model.weights[feat], abs=0.006)


def test_fit_centres_weights_and_prunes() -> None:
    model = fit(TINY_TRAIN, max_order=3, min_count=1, min_spread=0.0)
    for w in model.weights.values():
        assert sum(w) == pytest.approx(0.0, abs=1e-9)
    pruned = fit(TINY_TRAIN, max_order=3, min_count=3, min_spread=0.3)
    assert 0 < len(pruned.weights) < len(model.weights)
    assert all(max(abs(x) for x in w) >= 0.3 for w in pruned.weights.values())


def test_load_errors_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="train"):
        load(tmp_path / "missing.json.gz")
    wrong = tmp_path / "wrong.json.gz"
    wrong.write_bytes(gzip.compress(json.dumps({"format": "other"}).encode()))
    with pytest.raises(KhabarError, match="retrain"):
        load(wrong)
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(KhabarError, match="retrain"):
        load(broken)


def test_romanize_uses_attested_spellings_and_drops_unknown_words() -> None:
    lex = {"के": (["ke", "k"], [10, 0]), "घर": (["ghar"], [3])}
    text, found, seen = romanized._romanize("घर के बाहर।", lex, random.Random(0))
    assert (text, found, seen) == ("ghar ke", 2, 3)


def test_train_command_reports_a_missing_eval_root(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="eval root"):
        romanized.train(tmp_path, tmp_path / "m.json.gz")
    model = str(tmp_path / "m.json.gz")
    code, output = khabar("train", "langid", "--eval-root", str(tmp_path), "--out", model)
    assert code == EXIT_USAGE and "eval root" in output


def _write(root: Path, rel: str, lines: list[str]) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tiny_eval_root(root: Path) -> Path:
    """The shared eval layout ``train`` reads, with a few lines written for this test."""
    english = TINY_TRAIN["en"]
    hindi = ["सरकार ने आज नई शिक्षा नीति की घोषणा की है", "मौसम विभाग ने बारिश की चेतावनी दी"]
    urdu = ["حکومت نے عوام کے لیے نئے اقدامات کا اعلان کیا", "وزیر اعظم نے قومی اسمبلی سے خطاب کیا"]
    tat = "parallel/tatoeba_hi_ur_en"
    plover = [{"event": "CONSULT", "eventText": line} for line in english]
    _write(root, "events/plover_gsr/PLOVER_GSR_CAMEO.json", [json.dumps(plover)])
    bodies = {str(i): {"articleBody": line} for i, line in enumerate(english)}
    _write(root, "html/scrapinghub_aeb/ground-truth.json", [json.dumps(bodies)])
    _write(root, f"{tat}/eng-hin.tatoeba-test-v2021-08-07.eng", english)
    _write(root, f"{tat}/eng-urd.tatoeba-test-v2021-08-07.eng", english)
    _write(root, f"{tat}/eng-hin.tatoeba-test-v2021-08-07.hin", hindi)
    _write(root, f"{tat}/hin-urd.tatoeba-test-v2021-08-07.hin", hindi)
    _write(root, f"{tat}/eng-urd.tatoeba-test-v2021-08-07.urd", urdu)
    _write(root, f"{tat}/hin-urd.tatoeba-test-v2021-08-07.urd", urdu)
    _write(root, "ner/il_ner/Hindi-train.txt", [f"{w}\tO" for w in hindi[0].split()])
    _write(root, "ner/il_ner/Urdu-train.txt", [f"{w}\tO" for w in urdu[0].split()])
    hi_lex = dict(zip(" ".join(hindi).split(), " ".join(TINY_TRAIN["hi-Latn"][::2]).split(), strict=False))
    ur_lex = dict(zip(" ".join(urdu).split(), " ".join(TINY_TRAIN["ur-Latn"]).split(), strict=False))
    for lang, lex in (("hi", hi_lex), ("ur", ur_lex)):
        rows = [f"{native}\t{roman}\t2" for native, roman in lex.items()]
        _write(root, f"translit/dakshina/{lang}/{lang}.translit.sampled.train.tsv", rows)
        _write(root, f"translit/dakshina/{lang}/{lang}.translit.sampled.dev.tsv", rows[:3])
    _write(root, "translit/dakshina/hi/hi.romanized.rejoined.dev.roman.txt", TINY_TRAIN["hi-Latn"])
    _write(root, "translit/dakshina/ur/ur.romanized.rejoined.dev.roman.txt", TINY_TRAIN["ur-Latn"])
    _write(root, "parallel/tico19/en-hi.tico19-test.en", english)
    return root


def test_train_command_end_to_end_on_a_tiny_eval_root(tmp_path: Path) -> None:
    root = _tiny_eval_root(tmp_path / "eval")
    out = tmp_path / "model.json.gz"
    code, output = khabar("train", "langid", "--eval-root", str(root), "--out", str(out))
    assert code == 0, output
    figures = json.loads(output)
    assert figures["model_bytes"] == out.stat().st_size
    assert figures["features"] == len(load(out).weights) > 0
    assert set(figures["heldout"]) == set(LABELS)
    assert figures["lexicon_coverage_of_running_words"]["hi-Latn"] > 0.5
    model = load(out)
    assert model.meta["figures"]["heldout"] == figures["heldout"]
    assert model.classify("the minister said")[0] == "en"
    # the same data gives the same model (the file also records the training date)
    again = tmp_path / "again.json.gz"
    romanized.train(root, again)
    assert load(again).weights == model.weights
