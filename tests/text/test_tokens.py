"""Word tokenizer: Urdu, Hindi and English words and punctuation, with offsets into the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text.tokens import token_spans, tokenize, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Urdu: full stop, comma and question mark split off; quotes and brackets are tokens.
        (
            'چیئرمین کم جونگ اُن اور مسٹر شوئیگو، جو (KCNA) "علاقائی" ہیں۔',
            [
                "چیئرمین",
                "کم",
                "جونگ",
                "اُن",
                "اور",
                "مسٹر",
                "شوئیگو",
                "،",
                "جو",
                "(",
                "KCNA",
                ")",
                '"',
                "علاقائی",
                '"',
                "ہیں",
                "۔",
            ],
        ),
        ("کیا وہ آئیں گے؟", ["کیا", "وہ", "آئیں", "گے", "؟"]),
        # Hindi: matras, virama and nukta stay inside the word; danda splits; hyphenated compounds stay.
        (
            "अमरीकी सेना के प्रवक्ता कैप्टन ने बीबीसी को बताया। समय-समय पर ज़िला",
            [
                "अमरीकी",
                "सेना",
                "के",
                "प्रवक्ता",
                "कैप्टन",
                "ने",
                "बीबीसी",
                "को",
                "बताया",
                "।",
                "समय-समय",
                "पर",
                "ज़िला",
            ],
        ),
        # English: abbreviations, numbers with separators, the possessive split off.
        (
            "The U.S. said O'Brien's 1,000.5 COVID-19 cases at 10:30, Putin’s aide didn't.",
            [
                "The",
                "U.S.",
                "said",
                "O'Brien",
                "'s",
                "1,000.5",
                "COVID-19",
                "cases",
                "at",
                "10:30",
                ",",
                "Putin",
                "’s",
                "aide",
                "didn't",
                ".",
            ],
        ),
        # Urdu digits and the Arabic decimal separator; curly Urdu quotes.
        ("۲۰۲۴ میں ٣٫٥ فیصد ”اضافہ“", ["۲۰۲۴", "میں", "٣٫٥", "فیصد", "”", "اضافہ", "“"]),
        # ZWNJ and ZWJ inside words are kept.
        ("अविच्छन्\u200d-सम्बन्ध می\u200cخواهم", ["अविच्छन्\u200d-सम्बन्ध", "می\u200cخواهم"]),
        ("", []),
        ("  \n ", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected
    assert [text[s:e] for s, e in token_spans(text)] == expected


def test_tokenize_is_token_spans() -> None:
    text = "وزیر خارجہ تاشقند پہنچ گئیں۔"
    assert tokenize(text) == token_spans(text) == [(0, 4), (5, 10), (11, 17), (18, 22), (23, 27), (27, 28)]


def test_underscore_and_trailing_hyphen_are_separate_tokens() -> None:
    assert words("بنگلہ_دیش آزادی- 2024-25") == ["بنگلہ", "_", "دیش", "آزادی", "-", "2024-25"]


@given(st.text(alphabet=st.sampled_from("ab Zक़ि्ی۔،ہ\u064f\u200c'-.,1٣ \n\"“؟।"), max_size=60))
def test_spans_cover_every_visible_character_once(text: str) -> None:
    spans = token_spans(text)
    covered = [False] * len(text)
    prev_end = 0
    for start, end in spans:
        assert prev_end <= start < end
        assert not any(c.isspace() for c in text[start:end])
        for i in range(start, end):
            covered[i] = True
        prev_end = end
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
