"""Script detection: per character, counts over letters, dominant script."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text.scripts import NEUTRAL, dominant_script, script_counts, script_of


@pytest.mark.parametrize(
    ("ch", "script"),
    [
        ("a", "Latn"),
        ("Z", "Latn"),
        ("é", "Latn"),
        ("ک", "Arab"),  # Urdu keheh
        ("ي", "Arab"),  # Arabic yeh
        ("ے", "Arab"),  # Urdu bari yeh
        ("ﻻ", "Arab"),  # presentation form
        ("क", "Deva"),
        ("ि", "Deva"),  # vowel sign belongs to its script, not inherited
        ("ं", "Deva"),
        ("\u064f", "Zinh"),  # damma (harakat)
        ("\u0301", "Zinh"),  # combining acute
        ("Ж", "Cyrl"),
        ("한", "Hang"),
        ("漢", "Hani"),
        ("ش", "Arab"),
        ("3", "Zyyy"),
        ("٣", "Zyyy"),  # Arabic-Indic digit: a digit, so common
        ("۔", "Zyyy"),  # Urdu full stop
        ("।", "Zyyy"),  # danda
        ("،", "Zyyy"),
        (" ", "Zyyy"),
        ("\u200c", "Zyyy"),  # ZWNJ is a format character
        ("ـ", "Zyyy"),  # tatweel: a letter by category, but only stretches a word
    ],
)
def test_script_of(ch: str, script: str) -> None:
    assert script_of(ch) == script


def test_uncovered_letter_is_zzzz() -> None:
    assert script_of("ꓐ") == "Zzzz"  # Lisu, not in the table


def test_script_counts_counts_letters_only() -> None:
    text = "کم جونگ اُن (KCNA) 13 ستمبر"
    counts = script_counts(text)
    assert counts == Counter({"Arab": 13, "Latn": 4})  # the damma on اُ is not a letter


def test_script_counts_hindi_with_matras() -> None:
    assert script_counts("किम जोंग-उन") == Counter({"Deva": 9})


def test_dominant_script() -> None:
    assert dominant_script("شمالی کوریا KCNA") == ("Arab", 10 / 14)
    assert dominant_script("Kim Jong Un") == ("Latn", 1.0)
    assert dominant_script("") == ("Zyyy", 0.0)
    assert dominant_script("2023-09-14, 10:54 | ۔") == ("Zyyy", 0.0)


@given(st.text(max_size=200))
def test_counts_agree_with_script_of(text: str) -> None:
    expected = Counter(s for s in map(script_of, text) if s not in NEUTRAL)
    assert script_counts(text) == expected
    script, share = dominant_script(text)
    if expected:
        assert expected[script] == max(expected.values())
        assert share == pytest.approx(expected[script] / sum(expected.values()))
    else:
        assert (script, share) == ("Zyyy", 0.0)
