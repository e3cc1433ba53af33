"""canonical, match_key and query_key: what they change, what they keep, and their offset maps."""

from __future__ import annotations

import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.text.fold import match_key, query_key
from khabar.text.normalize import canonical
from khabar.text.offsets import OffsetMap

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

URDU_LETTERS = list("ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےئؤآيكهىۂۓأإٱ")
HARAKAT = ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670"]
COMPOSING_MARKS = ["\u0653", "\u0654", "\u0655", "\u093c", "\u0301"]  # NFC merges these into a letter
DEVANAGARI = list("कखगजडढनरळयफसहअइउएमल") + list("ािीुूेैोौंँः्") + ["\u0951", "\u0958", "\u095b", "\u0929"]
DIGITS = list("۰۱۲۶۹٠٣٩०१२९0123")
LATIN = list("aBcXyzéÉüİ")
WHITESPACE = [" ", " ", " ", "\u00a0", "\u2009", "\u3000", "\t", "\n", "\n", "\r", "\r\n", "\u2028"]
INVISIBLE = [
    "\u0640",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202b",
    "\u202c",
    "\u2067",
    "\u2069",
    "\ufeff",
    "\u00ad",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\ud800",
]
PUNCTUATION = list('۔،؍.,()-"')

SAFE_ALPHABET = URDU_LETTERS + HARAKAT + DEVANAGARI + DIGITS + LATIN + WHITESPACE + INVISIBLE + PUNCTUATION
FULL_ALPHABET = SAFE_ALPHABET + COMPOSING_MARKS


def keeps_mark_order(text: str) -> bool:
    """True if NFC will not reorder marks, even once invisible characters are gone."""
    # Decompose character by character: NFD of the whole text would already sort the marks.
    visible = "".join(unicodedata.normalize("NFD", c) for c in text if c not in INVISIBLE)
    classes = [unicodedata.combining(c) for c in visible]
    return not any(a > b > 0 for a, b in pairwise(classes))


full_text = st.lists(st.sampled_from(FULL_ALPHABET), max_size=60).map("".join)
# An offset map cannot say that NFC merged marks into a letter or reordered them; without
# either, every output character comes from one input character and spans check exactly.
safe_text = st.lists(st.sampled_from(SAFE_ALPHABET), max_size=60).map("".join).filter(keeps_mark_order)
langs = st.sampled_from(["ur", "hi", "en", "und"])

SPACES = set(" \t\u00a0\u2009\u3000")
BREAKS = set("\n\r\x85\u2028")
URDU_FORMS = {"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ"}
FOLD_FORMS = {
    **URDU_FORMS,
    "أ": "ا",
    "إ": "ا",
    "ٱ": "ا",
    "ۂ": "ہ",
    "ۓ": "ئے",
    "\u0901": "\u0902",
    **{d: str(i) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")},
    **{d: str(i) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩")},
    **{d: str(i) for i, d in enumerate("०१२३४५६७८९")},
}


def nfc_related(out: str, src: str) -> bool:
    """``out`` can stand for ``src`` after NFC: composed from it, split off it, or a moved mark."""
    out_d, src_d = unicodedata.normalize("NFD", out), unicodedata.normalize("NFD", src)
    return (
        out_d[0] == src_d[0]
        or out in src_d
        or (unicodedata.combining(out) > 0 and unicodedata.combining(src) > 0)
    )


def canonical_related(out: str, src: str) -> bool:
    """The output character is the source one, or one of canonical's known replacements of it."""
    return (
        out == src
        or (out == " " and src in SPACES)
        or (out == "\n" and src in BREAKS)
        or nfc_related(out, URDU_FORMS.get(src, src))
        or nfc_related(out, src)
    )


# What fold makes of a letter that NFC first composed with a following mark (ے + ٔ → ۓ → ئے).
FOLDS_BY_HEAD: dict[str, str] = {}
for _composed, _folded in FOLD_FORMS.items():
    _head = unicodedata.normalize("NFD", _composed)[0]
    FOLDS_BY_HEAD[_head] = FOLDS_BY_HEAD.get(_head, "") + _folded


def fold_related(out: str, src: str) -> bool:
    """Like :func:`canonical_related`, with fold's letter, digit and case replacements."""
    base = unicodedata.normalize("NFD", src)[0]
    return (
        canonical_related(out, src)
        or out in FOLD_FORMS.get(src, "")
        or out in FOLDS_BY_HEAD.get(base, "")
        or out in FOLDS_BY_HEAD.get(URDU_FORMS.get(src, ""), "")
        or out == base.lower()
        or out == src.lower()
        or (out == "ئ" and src in "یيى")  # yeh + combining hamza
    )


def assert_valid_map(out: str, src: str, m: OffsetMap) -> list[int]:
    """The map covers both strings, stays in range and never goes backwards."""
    assert (m.dst_len, m.src_len) == (len(out), len(src))
    index = [m(i) for i in range(len(out))]
    assert all(0 <= p < len(src) for p in index)
    assert index == sorted(index)
    return index


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of characters between spaces and newlines."""
    spans, start = [], None
    for i, ch in enumerate(text + " "):
        if ch in " \n":
            if start is not None:
                spans.append((start, i))
            start = None
        elif start is None:
            start = i
    return spans


# --- canonical ------------------------------------------------------------------------------


@given(full_text, langs)
def test_canonical_map_is_monotonic_in_range_and_points_at_the_source(text: str, lang: str) -> None:
    out, m = canonical(text, lang)
    index = assert_valid_map(out, text, m)
    for i, p in enumerate(index):
        assert canonical_related(out[i], text[p]), (i, out[i], text[p])


@given(full_text, langs)
def test_canonical_output_is_clean_nfc(text: str, lang: str) -> None:
    out, _ = canonical(text, lang)
    assert unicodedata.is_normalized("NFC", out)
    assert not set(out) & (set(INVISIBLE) - {"\u200c", "\u200d"})
    assert not set(out) & (SPACES - {" "} | BREAKS - {"\n"})
    assert "  " not in out
    for line in out.split("\n"):
        assert line == line.strip(" ")


@given(full_text, langs)
def test_canonical_is_idempotent(text: str, lang: str) -> None:
    once, _ = canonical(text, lang)
    twice, m = canonical(once, lang)
    assert twice == once
    assert m == OffsetMap.identity(len(once))


@given(safe_text, langs)
def test_canonical_span_maps_back_to_source_that_canonicalises_to_it(text: str, lang: str) -> None:
    out, m = canonical(text, lang)
    words = word_spans(out)
    for i, (start, _) in enumerate(words):
        for _, end in words[i : i + 3]:
            s, e = m.span(start, end)
            assert canonical(text[s:e], lang)[0] == out[start:end]


@given(full_text)
def test_canonical_keeps_harakat_digits_and_devanagari_letters(text: str) -> None:
    out, _ = canonical(text, "ur")
    kept = set(HARAKAT) | set("۰۱۲۶۹٠٣٩०१२९") | set("कखगजडढनरळ")
    # NFC may reorder marks on one letter, so compare what is kept, not its order.
    assert Counter(c for c in unicodedata.normalize("NFD", out) if c in kept) == Counter(
        c for c in unicodedata.normalize("NFD", text) if c in kept
    )


def test_canonical_collapses_spaces_and_strips_line_edges() -> None:
    out, m = canonical("  کم\u00a0\u00a0جونگ \t اُن  \r\n\u2009 پوتن\r", "ur")
    assert out == "کم جونگ اُن\nپوتن\n"
    assert m(0) == 2  # "ک" is where it was in the input
    assert m.span(3, 7) == (6, 10)  # "جونگ"


def test_canonical_removes_invisible_characters_and_tatweel() -> None:
    text = "\ufeffپا\u200eکستا\u0640\u0640ن\u00ad \x07ok\u202b\u202c"
    out, m = canonical(text, "ur")
    assert out == "پاکستان ok"
    assert text[m(2)] == "ک"
    assert m.span(0, 7) == (1, 11)


def test_canonical_keeps_zwnj() -> None:
    assert canonical("مر\u200cگیا", "ur")[0] == "مر\u200cگیا"


def test_canonical_maps_arabic_letter_forms_only_in_urdu() -> None:
    assert canonical("شوئيگو كي هند", "ur")[0] == "شوئیگو کی ہند"
    assert canonical("في كتابه", "ar")[0] == "في كتابه"
    assert canonical("كي", "ur-Arab")[0] == canonical("كي", "ur_PK")[0] == "کی"
    assert canonical("كي", "ur-Latn")[0] == "كي"
    assert canonical("شوئيگو كي هند")[0] == "شوئیگو کی ہند"  # untagged, mostly Arabic script
    assert canonical("Shoigu (شوئيگو) met Kim in Pyongyang on Tuesday")[0].endswith("Tuesday")
    assert "شوئيگو" in canonical("Shoigu (شوئيگو) met Kim in Pyongyang on Tuesday")[0]


def test_canonical_composes_to_nfc_and_maps_the_pieces() -> None:
    out, m = canonical("e\u0301x ऩ", "en")
    assert out == "éx \u0929"
    assert [m(i) for i in range(len(out))] == [0, 2, 3, 4]
    out, m = canonical("\u095bेलेंस्की", "hi")  # precomposed ज़ (a composition exclusion)
    assert out == "ज\u093cेलेंस्की"
    assert m(0) == m(1) == 0


def test_canonical_composes_heh_and_hamza_after_the_urdu_mapping() -> None:
    out, m = canonical("جلوه\u0654", "ur")
    assert out == "جلوۂ"
    assert m(3) == 3


def test_canonical_of_blank_text_is_empty() -> None:
    assert canonical("") == ("", OffsetMap.identity(0))
    out, m = canonical(" \u00a0\u200e\t ")
    assert out == ""
    assert m.span(0, 0) == (5, 5)


# --- fold -----------------------------------------------------------------------------------


@given(full_text)
def test_fold_map_points_back_into_the_original_input(text: str) -> None:
    out, m = match_key(text)
    index = assert_valid_map(out, text, m)
    for i, p in enumerate(index):
        assert fold_related(out[i], text[p]), (i, out[i], text[p])


@given(full_text, langs)
def test_fold_of_canonical_text_equals_fold_of_the_input(text: str, lang: str) -> None:
    # Documents are indexed from canonical text and queries arrive raw: both must meet.
    assert match_key(canonical(text, lang)[0])[0] == match_key(text)[0]


@given(full_text)
def test_fold_is_idempotent(text: str) -> None:
    once = query_key(text)
    assert query_key(once) == once


@given(full_text)
def test_fold_removes_marks_and_unifies_letters_and_digits(text: str) -> None:
    out = query_key(text)
    gone = set(HARAKAT) | set(COMPOSING_MARKS) | set("يىكهأإٱۂۓ\u200c\u200d\u0901") | set("۰۱۲۶۹٠٣٩०१२९")
    assert not set(out) & gone
    assert out == out.lower()


@given(safe_text)
def test_fold_span_maps_back_to_source_that_folds_to_it(text: str) -> None:
    out, m = match_key(text)
    for start, end in word_spans(out):
        s, e = m.span(start, end)
        assert query_key(text[s:e]) == out[start:end]


def test_fold_treats_arabic_and_urdu_letter_forms_alike() -> None:
    assert query_key("شوئيگو") == query_key("شوئیگو") == "شوئیگو"
    assert query_key("كم جونگ ان") == query_key("کم جونگ ان")
    assert query_key("دانشگاه") == query_key("دانشگاہ")


def test_fold_strips_harakat_tatweel_and_joiners() -> None:
    assert query_key("کـــم جونگ اُن") == "کم جونگ ان"
    assert query_key("مُحَمَّد") == "محمد"
    assert query_key("مر\u200cگیا") == "مرگیا"
    out, m = match_key("کـــم")
    assert out == "کم"
    assert [m(0), m(1)] == [0, 4]


def test_fold_unifies_hamza_forms() -> None:
    assert query_key("أحمد إمام ٱلله") == "احمد امام الله".replace("ه", "ہ")
    assert query_key("جلوۂ") == query_key("جلوہٴ") == query_key("جلوہ\u0654") == "جلوہ"
    assert query_key("گۓ") == query_key("گئے") == "گئے"
    assert query_key("سی\u0654ے") == query_key("سئے")


def test_fold_digits_become_ascii() -> None:
    out, m = match_key("۶؍ بجے")
    assert out == "6؍ بجے"
    assert m(0) == 0
    assert query_key("٢٠٢٣ और २०२३") == "2023 और 2023"


def test_fold_devanagari_nukta_and_chandrabindu() -> None:
    decomposed = "ज\u093cेलेंस्की"
    precomposed = "\u095bेलेंस्की"
    assert query_key(decomposed) == query_key(precomposed) == "जेलेंस्की"
    assert query_key("फ़ौज ऩ") == "फौज न"
    assert query_key("माँ") == query_key("मां")
    out, m = match_key(precomposed)
    assert out.startswith("जे")
    assert m(0) == 0 and m(1) == 1


def test_fold_reorders_marks_a_dropped_joiner_kept_apart() -> None:
    folded = query_key("क\u0951\u200c\u094d")  # udatta, ZWNJ, virama
    assert folded == "क\u094d\u0951"
    assert query_key(folded) == folded


def test_fold_lowercases_latin_without_accents() -> None:
    assert query_key("KCNA Zürich ÉLYSÉE İstanbul") == "kcna zurich elysee istanbul"
    assert query_key("Ze\u0301lensky") == "zelensky"


def test_fold_map_reaches_the_original_through_both_steps() -> None:
    text = "  کِم\u00a0\u00a0جونگ\u200e اُن \u06f1\u06f3"
    out, m = match_key(text)
    assert out == "کم جونگ ان 13"
    assert text[m(out.index("جونگ")) :].startswith("جونگ")
    s, e = m.span(out.index("ان"), out.index("ان") + 2)
    assert text[s:e] == "اُن"
    assert text[m(len(out) - 1)] == "\u06f3"


def test_fold_query_tokenizes_like_fold() -> None:
    query = "  کم\u00a0جونگ   اُن  "
    assert query_key(query) == match_key(query)[0] == "کم جونگ ان"
    assert query_key(query).split() == match_key("کم جونگ اُن")[0].split()


def test_lowercasing_keeps_length_except_for_dotted_capital_i() -> None:
    # fold lowercases with str.lower() after mapping İ itself, relying on this.
    assert [cp for cp in range(0x110000) if len(chr(cp).lower()) != 1] == [0x130]


# --- real pages -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_003() -> str:
    path = SEEDS / "003_163c5ec9996d9a74.txt"
    return path.read_text(encoding="utf-8")


def test_seed_page_lines_map_back_to_their_raw_content(seed_003: str) -> None:
    out, m = canonical(seed_003, "ur")
    assert "\u00a0" not in out and "  " not in out
    raw_lines = seed_003.split("\n")
    checked = 0
    for line_start, line_end in _lines(out):
        if line_end == line_start:
            continue
        s, e = m.span(line_start, line_end)
        raw = seed_003[s:e]
        assert "\n" not in raw  # a canonical line comes from one raw line
        assert any(raw in raw_line for raw_line in raw_lines)
        assert canonical(raw, "ur")[0] == out[line_start:line_end]
        assert raw.strip(" \u00a0") == raw  # the span starts and ends on content
        checked += 1
    assert checked == 12  # every non-empty line of the page


def test_seed_page_keeps_urdu_digits_and_marks_in_canonical_and_folds_them(seed_003: str) -> None:
    out, _ = canonical(seed_003, "ur")
    assert "۶" in out and "\u064f" in out  # digits and harakat are evidence
    folded = query_key(seed_003)
    assert "۶" not in folded and "\u064f" not in folded
    assert "کم جونگ ان" in folded
    assert folded.count("کم جونگ ان") == query_key(out).count("کم جونگ ان")


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text + "\n"):
        if ch == "\n":
            out.append((start, i))
            start = i + 1
    return out


@pytest.mark.parametrize(
    "name", ["000_0b561a0f2779ceac", "001_7479646e0f45031a", "002_62624821c93737bf", "004_5a27c8a8ab4749d0"]
)
def test_every_seed_page_folds_through_a_valid_map(name: str) -> None:
    path = SEEDS / f"{name}.txt"
    text = path.read_text(encoding="utf-8")
    out, m = match_key(text)
    index = assert_valid_map(out, text, m)
    assert all(fold_related(out[i], text[p]) for i, p in enumerate(index))
