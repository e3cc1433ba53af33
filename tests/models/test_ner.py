"""NER tagger: shipped Urdu/Hindi CRFs, the English rules, spans in text, training-data mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.models import ner
from khabar.models.conll import bio_spans
from khabar.models.ner import extract, load, sentences
from khabar.models.ner import train as ner_train
from khabar.models.ner.english import EnglishTagger
from khabar.models.ner.features import NerNameList, load_triggers
from khabar.text.hi_to_ur import hindi_to_urdu
from khabar.text.tokens import token_spans

VALID = {"O"} | {f"{p}-{label}" for p in "BI" for label in ner.LABELS}


def _entities(text: str, lang: str) -> set[tuple[str, str]]:
    return {(text[s:e], label) for s, e, label in extract(text, lang)}


def test_shipped_models_load_without_network_and_are_small() -> None:
    for lang in ner.LANGS:
        crf, gaz = ner.model_paths(lang)
        assert crf.stat().st_size + gaz.stat().st_size < 5_000_000
        tagger = load(lang)
        assert load(lang) is tagger  # cached
        assert lang in tagger.describe() or crf.name in tagger.describe()


@pytest.mark.parametrize("lang", ["ur", "hi", "en"])
def test_tag_gives_one_bio_label_per_token(lang: str) -> None:
    tokens = {"ur": "صدر پوتن نے ماسکو میں کہا ۔", "hi": "राष्ट्रपति पुतिन ने मास्को में कहा ।"}.get(
        lang, "President Putin spoke in Moscow ."
    )
    tags = load(lang).tag(tokens.split())
    assert len(tags) == len(tokens.split())
    assert set(tags) <= VALID
    assert load(lang).tag([]) == []


def test_urdu_entities_in_running_text() -> None:
    text = "وزیر اعظم نریندر مودی نے بدھ کو نئی دہلی میں کہا کہ ہندوستان اور پاکستان کے درمیان بات چیت ہوگی۔"
    found = _entities(text, "ur")
    assert ("نریندر مودی", "PERSON") in found
    assert ("ہندوستان", "LOC") in found and ("پاکستان", "LOC") in found
    assert not any(word in {"وزیر", "نے", "کہا"} for word, _ in found)


def test_hindi_entities_in_running_text() -> None:
    text = "प्रधानमंत्री नरेंद्र मोदी ने गुजरात में भारतीय रिज़र्व बैंक के अधिकारियों से मुलाकात की।"
    found = _entities(text, "hi")
    assert ("नरेंद्र मोदी", "PERSON") in found
    assert ("गुजरात", "LOC") in found
    assert any(label == "ORG" and "बैंक" in name for name, label in found)


def test_extract_spans_are_ordered_offsets_into_the_text() -> None:
    text = "ہندوستان کے صدر نے کہا۔\nپاکستان اور چین نے معاہدہ کیا۔"
    got = extract(text, "ur")
    assert got == sorted(got)
    assert all(0 <= s < e <= len(text) and text[s:e] == text[s:e].strip() for s, e, _ in got)
    assert {text[s:e] for s, e, _ in got} >= {"ہندوستان", "پاکستان", "چین"}


def test_extract_language_routing() -> None:
    text = "Prime Minister Shehbaz Sharif met President Xi Jinping in Beijing."
    assert ("Shehbaz Sharif", "PERSON") in _entities(text, "en")
    assert _entities(text, "en") == _entities(text, "ur-Latn")
    assert extract(text, "fr") == []
    assert extract("", "ur") == []


def test_english_rules() -> None:
    tagger = EnglishTagger()
    text = (
        "Russian Security Council Secretary Sergei Shoigu met North Korean leader Kim Jong Un in "
        "Pyongyang, KCNA said. The Pakistan Muslim League won in Lahore."
    )
    assert tagger.describe()
    found = _entities(text, "en")
    assert found == {
        ("Security Council", "ORG"),
        ("Sergei Shoigu", "PERSON"),
        ("Kim Jong Un", "PERSON"),
        ("Pyongyang", "LOC"),
        ("KCNA", "ORG"),
        ("Pakistan Muslim League", "ORG"),
        ("Lahore", "LOC"),
    }


def test_load_unknown_language_or_missing_model(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no NER model"):
        load("fr")
    with pytest.raises(InputError, match="train it with"):
        load("ur", root=tmp_path)


def test_sentences_split_at_full_stops_and_line_breaks() -> None:
    text = "ایک دو۔ تین\nچار । پانچ"
    groups = [[text[s:e] for s, e in sent] for sent in sentences(text, token_spans(text))]
    assert groups == [["ایک", "دو", "۔"], ["تین"], ["چار", "।"], ["پانچ"]]


def test_bio_spans_repairs_stray_inside_tags() -> None:
    assert bio_spans(["O", "I-PERSON", "I-PERSON", "B-LOC", "I-ORG"]) == [
        (1, 3, "PERSON"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
    ]


def test_name_list_marks_longest_known_name() -> None:
    gaz = NerNameList({}, {"نئی دہلی": "L", "وزارت خارجہ": "O", "وزارت خارجہ پاکستان": "O"})
    keys = ["کل", "وزارت", "خارجہ", "پاکستان", "نے", "نئی", "دہلی", "کو"]
    assert gaz.mark(keys) == ["", "GBO", "GIO", "GIO", "", "GBL", "GIL", ""]


def test_triggers_are_folded_and_classed() -> None:
    ur = load_triggers("ur")
    assert "P" in ur["صدر"] and "O" in ur["پارٹی"] and "L" in ur["ضلع"]
    assert "P" in load_triggers("hi")["श्री"]


@pytest.mark.parametrize(
    ("hindi", "urdu"),
    [
        ("भारत", "بھارت"),
        ("के", "کے"),
        ("में", "میں"),
        ("नरेंद्र", "نریندر"),
        ("दिल्ली", "دلی"),
        ("गए", "گئے"),
        ("।", "۔"),
    ],
)
def test_hindi_to_urdu(hindi: str, urdu: str) -> None:
    assert hindi_to_urdu(hindi) == urdu


def test_extra_data_mapping_strips_titles_and_resplits() -> None:
    titles = load_triggers("ur")
    sent = (["صدر", "بش", "نے", "ہے۔"], ["B-PERSON", "I-PERSON", "O", "O"])
    assert ner_train._clean_extra([sent], set(), titles) == [
        (["صدر", "بش", "نے", "ہے", "۔"], ["O", "B-PERSON", "O", "O", "O"])
    ]
    # a tag sitting on a function word means the tags slipped: the sentence is dropped
    slipped = (["کھجراہو", "کے", "تمام"], ["O", "B-LOC", "I-LOC"])
    assert ner_train._clean_extra([slipped], {"کے"}, titles) == []


def test_has_model_names_the_languages_extract_can_tag() -> None:
    assert ner.has_model("ur") and ner.has_model("hi")  # shipped model files
    assert ner.has_model("en") and ner.has_model("hi-Latn")  # English rules
    assert not ner.has_model("fr") and not ner.has_model("und")


def test_hut_comsats_lines_become_bio_sentences(tmp_path: Path) -> None:
    path = tmp_path / "hut.txt"
    lines = [
        "جنرل\tDesignation",
        "سر\tPerson",
        "پیٹر\tPerson",
        "وال\tPerson",
        "نے\tOther",
        "بی بی سی\tOrganization",
        "کو\tOther",
        "کہا\tOther",
        "۔\tOther",
        "جنرل\tDesignation",
        "سر\tPerson",
        "پیٹر\tPerson",
        "وال\tPerson",
        "نے\tOther",
        "بی بی سی\tOrganization",
        "کو\tOther",
        "کہا\tOther",
        "۔\tOther",  # a repeat: kept once
        "لاہور\tLocation",
        "کراچی\tLocation",
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    got = ner_train.hut_sentences(path)
    assert len(got) == 2
    toks, tags = got[0]
    assert toks[:5] == ["جنرل", "سر", "پیٹر", "وال", "نے"] and toks[5:8] == ["بی", "بی", "سی"]
    assert tags[:9] == ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    assert got[1] == (["لاہور", "کراچی"], ["B-LOC", "I-LOC"])
    assert ner_train.hut_sentences(tmp_path / "missing.txt") == []


def test_wikiann_drops_redirect_noise_and_empty_sentences(tmp_path: Path) -> None:
    path = tmp_path / "train-ur.tsv"
    path.write_text(
        "رجوع_مکرر\tO\nلاہور\tB-LOC\n\nعمران\tB-PER\nخان\tI-PER\n\nاور\tO\n\nپی\tB-ORG\n", encoding="utf-8"
    )
    assert ner_train.wikiann_sentences(path) == [
        (["عمران", "خان"], ["B-PERSON", "I-PERSON"]),
        (["پی"], ["B-ORG"]),
    ]
