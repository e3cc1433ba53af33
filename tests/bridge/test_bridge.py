"""The script bridge on words and sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.bridge import convert, to_devanagari, to_urdu
from khabar.bridge.model import UnitModel
from khabar.bridge.names import name_tables
from khabar.bridge.train import align, count_trigrams
from khabar.bridge.units import aksharas, urdu_letters


def test_kb_names_take_the_other_scripts_spelling() -> None:
    assert to_devanagari("سرگئی شوئیگو") == "सर्गेई शोइगु"
    assert "शोइगु" in to_devanagari("روسی وزیر شوئیگو نے کہا")
    assert to_urdu("सर्गेई शोइगु") == "سرگئی شوئیگو"
    assert "کم جونگ" in to_urdu("किम जोंग उन से मुलाकात")


def test_name_tables_cover_both_directions() -> None:
    tables = name_tables()
    assert tables["Arab"]["شوئیگو"] == "शोइगु"
    assert tables["Deva"]["शोइगु"] == "شوئیگو"


def test_grammar_words_and_punctuation() -> None:
    assert to_devanagari("روس کے ساتھ۔") == "रूस के साथ।"
    assert to_urdu("रूस के साथ।") == "روس کے ساتھ۔"
    assert to_devanagari("13 ستمبر کو، KCNA").startswith("13 ")
    assert "KCNA" in to_devanagari("13 ستمبر کو، KCNA")


def test_words_outside_every_table_come_from_the_model() -> None:
    out = to_devanagari("کتابستان")
    assert out and all("\u0900" <= c <= "\u097f" for c in out)
    back = to_urdu("किताबघरवाला")
    assert back and all("\u0600" <= c <= "\u06ff" for c in back)


def test_convert_leaves_text_already_in_the_script() -> None:
    assert convert("रूस", "Deva") == "रूस"
    assert convert("روس", "Arab") == "روس"
    assert convert("روس", "Deva") == "रूस"
    with pytest.raises(ValueError):
        convert("x", "Latn")


def test_units() -> None:
    assert aksharas("शोइगु") == ["शो", "इ", "गु"]
    assert aksharas("सर्गेई") == ["स", "र्", "गे", "ई"]
    assert urdu_letters("كِتاب") == "کتاب"


def test_a_model_learned_from_pairs_spells_them_back() -> None:
    pairs = [("کتاب", "किताब"), ("کتابیں", "किताबें"), ("حساب", "हिसाब")]
    seqs = [align(hi, ur)[0] for ur, hi in pairs]
    assert seqs[0] == ["कि|ک", "ता|تا", "ब|ب"]
    model = UnitModel(count_trigrams(seqs))
    assert model.to_devanagari("کتاب") == "किताब"
    assert model.to_urdu("किताब") == "کتاب"


@settings(deadline=None)  # the first call loads the model; its time says nothing of the property
@given(st.text(alphabet="کتابروسمیںہےسیری ،۔ab12", max_size=30))
def test_any_urdu_text_gives_text_without_urdu_letters(text: str) -> None:
    out = to_devanagari(text)
    assert not any("\u0600" <= c <= "\u06ff" for c in out)


@given(st.text(alphabet="किताबरूसमेंहैसेऔर ,।ab12", max_size=30))
def test_any_devanagari_text_gives_text_without_devanagari(text: str) -> None:
    out = to_urdu(text)
    assert not any("\u0900" <= c <= "\u097f" for c in out)
