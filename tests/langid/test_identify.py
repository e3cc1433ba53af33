"""Language identification: ``identify`` on single texts and the ``langid`` stage on documents."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import Document, Segment, Source
from khabar.langid.identify import DEVANAGARI_OVERRIDE_MIN_LETTERS, LangGuess, clean_for_lid, identify
from khabar.pipeline import Pipeline
from khabar.registry import REGISTRY
from khabar.stages.langid import langid

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

URDU = "شمالی کوریا کے رہنما کم جونگ اُن نے روسی سلامتی کونسل کے سیکرٹری سرگئی شوئیگو سے ملاقات کی۔"
# From seed 003 (Inquilab), the first body paragraph.
URDU_PARAGRAPH = (
    "شمالی کوریا کے  سربراہ کم جونگ  نے روس کے صدر ولادیمیر پوتن سے  تاریخی ملاقات کی ۔ "
    "اس دوران انہوں نے ماسکواور پیانگ یا نگ کے تعلقات کی اہمیت کو بھی واضح کیا ۔  "
    "میڈیارپورٹس کے مطابق    شمالی کوریا کے  سربراہ کم جونگ ان نے بدھ کو روس کے ساتھ "
    "پیانگ یانگ کے تعلقات کو اپنے ملک کی  اولین ترجیح قرار دیا۔"
)
HINDI = "उत्तर कोरियाई नेता किम जोंग-उन ने रूसी सुरक्षा परिषद के सचिव सर्गेई शोइगु से मुलाकात की।"
ENGLISH = "North Korean leader Kim Jong Un met Russian Security Council secretary Sergei Shoigu."
# Written for this test: "The government announced a new education policy today and the
# prime minister welcomed it", in everyday romanized Hindi.
ROMAN_HINDI = "sarkar ne aaj nayi shiksha niti ki ghoshna ki aur pradhan mantri ne iska swagat kiya"
# "The prime minister told the national assembly the economy is improving", romanized Urdu.
ROMAN_URDU = "wazir e azam ne qaumi assembly se khitaab karte hue kaha ke mulk ki maeeshat behtar ho rahi hai"
PERSIAN = (
    "دولت ایران امروز سیاست جدیدی را اعلام کرد که به کشاورزان کمک زیادی خواهد کرد. "
    "وزیر کشاورزی در نشست خبری گفت این برنامه از ماه آینده اجرا می‌شود."
)
# The same news in four short Persian sentences, each too short to be told from Urdu alone.
PERSIAN_SHORT = [
    "دولت ایران امروز سیاست جدیدی اعلام کرد.",
    "این سیاست به کشاورزان کمک خواهد کرد.",
    "وزیر کشاورزی در نشست خبری سخن گفت.",
    "برنامه از ماه آینده اجرا می‌شود.",
]
MARATHI = (
    "महाराष्ट्र सरकारने आज नवीन धोरण जाहीर केले असून त्यामुळे शेतकऱ्यांना मोठा दिलासा मिळणार आहे. "
    "मुख्यमंत्र्यांनी पत्रकार परिषदेत ही माहिती दिली."
)
CAPTION = "Kim Jong Un and Vladimir Putin. (AP/PTI)"
COOKIES = (
    "This website uses cookie or similar technologies, to enhance your browsing experience and "
    "provide personalised recommendations. By continuing to use our website, you agree to our Privacy Policy."
)


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        (URDU, "ur", "Arab"),
        (HINDI, "hi", "Deva"),
        (ENGLISH, "en", "Latn"),
        (ROMAN_HINDI, "hi-Latn", "Latn"),
        (ROMAN_URDU, "ur-Latn", "Latn"),
        (PERSIAN, "fa", "Arab"),
        (MARATHI, "mr", "Deva"),
        ("Le président a rencontré le premier ministre à Paris pour discuter de la crise.", "fr", "Latn"),
        (
            "Президент России встретился с премьер-министром Индии в понедельник, чтобы обсудить торговлю.",
            "ru",
            "Cyrl",
        ),
    ],
)
def test_identify_languages(text: str, lang: str, script: str) -> None:
    guess = identify(text)
    assert (guess.lang, guess.script) == (lang, script)
    assert 0.5 < guess.confidence <= 1.0


def test_short_neighbour_text_stays_with_the_script_default() -> None:
    # One short Marathi clause is too little for CLD2 to be trusted over the script.
    clause = "सरकारने आज नवीन धोरण जाहीर केले"
    assert sum(c.isalpha() for c in clause) < DEVANAGARI_OVERRIDE_MIN_LETTERS
    assert identify(clause).lang == "hi"


@pytest.mark.parametrize("text", ["", "   \n\t", "2023-09-14 10:54", "١٢٣ ۔ ، ؟", "!!! ??? ...", "a"])
def test_too_little_text_is_undetermined(text: str) -> None:
    guess = identify(text)
    assert guess.lang == "und"
    assert guess.confidence == 0.0


def test_control_characters_and_lone_surrogates_do_not_crash() -> None:
    assert identify("\ud800\x00\x07\x1b\ufffe") == LangGuess("und", "Zyyy", 0.0)
    guess = identify("\ud83d\x00 " + URDU + "\x85\udfff")
    assert guess.lang == "ur"
    guess = identify(ENGLISH + "\x00\ud800\U0001ffff")
    assert guess.lang == "en"
    assert clean_for_lid("a\x00b\ud800c\td") == "a b c\td"


def test_addresses_are_not_language() -> None:
    assert clean_for_lid("ماخذ: https://dantri.com.vn/the-gioi/nga (news@pti.in)") == "ماخذ:   ( )"
    assert identify("https://baoquocte.vn/what-in-the-gap-of-president-of-northern-state").lang == "und"


def test_lang_guess_is_frozen() -> None:
    guess = identify(URDU)
    with pytest.raises(FrozenInstanceError):
        guess.lang = "hi"  # type: ignore[misc]


# --- the stage ------------------------------------------------------------------------


def _doc(parts: list[tuple[str, str]]) -> Document:
    """A document whose text is ``parts`` joined by newlines, one segment per (kind, text)."""
    text = "\n".join(p for _, p in parts)
    segments = []
    pos = 0
    for kind, part in parts:
        segments.append(Segment(pos, pos + len(part), kind=kind))
        pos += len(part) + 1
    return Document(Source("test://doc", "txt"), raw=text, text=text, segments=segments)


def test_stage_is_registered_with_its_contract() -> None:
    spec = REGISTRY["langid"]
    assert spec.fn is langid
    assert spec.requires == {"text", "segments"}
    assert spec.assigns == {"lang", "script", "lang_confidence", "segments"}


def test_english_caption_inside_an_urdu_page() -> None:
    doc = _doc(
        [
            ("title", "کم جونگ اُن کی روسی صدر ولادیمیر پوتن سے ملاقات"),
            ("dateline", "Updated: September 14, 2023, 10:54 AM IST | Pyongyang"),
            ("body", "شمالی کوریا کے سربراہ کم نے روس کے ساتھ تعلقات کو شمالی کوریا کی اولین ترجیح قرار دیا"),
            ("caption", CAPTION),
            ("caption", "کم جونگ ان اور ولادیمیر پوتن ۔ ( اے پی / پی ٹی آئی)"),
            ("body", URDU),
            ("body", URDU_PARAGRAPH),
            ("body", COOKIES),
        ]
    )
    out = langid(doc)
    assert (out.lang, out.script) == ("ur", "Arab")
    assert 0.5 < out.lang_confidence <= 1.0
    langs = [(s.kind, s.lang) for s in out.segments]
    assert langs == [
        ("title", "ur"),
        ("dateline", "en"),
        ("body", "ur"),
        ("caption", "en"),
        ("caption", "ur"),  # short, in the page's script: inherits Urdu
        ("body", "ur"),
        ("body", "ur"),
        ("body", "en"),
    ]
    caption = out.segments[3]
    assert (caption.script, caption.confidence > 0) == ("Latn", True)


def test_seed_003_page_lines() -> None:
    text = (SEEDS / "003_163c5ec9996d9a74.txt").read_text(encoding="utf-8")
    segments = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            segments.append(Segment(pos, pos + len(line)))
        pos += len(line) + 1
    out = langid(Document(Source("seed://003", "txt"), raw=text, text=text, segments=segments))
    assert out.lang == "ur"
    by_text = {text[s.start : s.end].strip(): s.lang for s in out.segments}
    assert by_text[CAPTION] == "en"
    assert by_text["کم جونگ ان اور ولادیمیر پوتن ۔ ( اے پی / پی ٹی آئی)"] == "ur"
    assert all(lang == "ur" for t, lang in by_text.items() if sum(c.isascii() for c in t) < len(t) / 2)


@pytest.mark.parametrize("debris", ["Kim Jong Un", "Pyongyang", "aap ka shukriya"])
def test_short_latin_without_english_evidence_is_undetermined_in_an_urdu_page(debris: str) -> None:
    out = langid(_doc([("body", URDU), ("body", debris), ("body", URDU)]))
    assert out.lang == "ur"
    assert out.segments[1].lang == "und"
    assert out.segments[1].confidence == 0.0


def test_source_line_with_a_foreign_url_follows_its_label() -> None:
    source = "ماخذ: https://baoquocte.vn/what-in-the-gap-of-president-of-northern-state-of-russia-286239"
    out = langid(_doc([("body", URDU), ("source", source)]))
    assert out.segments[1].lang == "ur"


def test_short_segment_in_the_page_script_inherits_the_page_language() -> None:
    out = langid(_doc([("body", ENGLISH), ("byline", "By AP"), ("body", ENGLISH)]))
    assert [s.lang for s in out.segments] == ["en", "en", "en"]
    assert out.segments[1].confidence == out.lang_confidence


def test_long_latin_segment_in_an_urdu_page_keeps_its_own_language() -> None:
    out = langid(_doc([("body", URDU), ("body", ROMAN_URDU)]))
    assert [s.lang for s in out.segments] == ["ur", "ur-Latn"]


def test_document_language_is_voted_by_body_letters() -> None:
    # An English title over an Urdu body is an Urdu document.
    out = langid(_doc([("title", ENGLISH + " " + ENGLISH), ("body", URDU)]))
    assert out.lang == "ur"
    assert out.segments[0].lang == "en"
    # Hindi body outweighs a shorter Urdu body segment.
    out = langid(_doc([("body", HINDI + " " + HINDI), ("body", URDU)]))
    assert (out.lang, out.script) == ("hi", "Deva")
    assert out.lang_confidence < 0.8  # a mixed page is less certain


def test_without_body_segments_all_segments_vote() -> None:
    out = langid(_doc([("title", HINDI), ("caption", "किम जोंग-उन")]))
    assert out.lang == "hi"
    assert [s.lang for s in out.segments] == ["hi", "hi"]


def test_neighbour_language_is_found_on_the_whole_document() -> None:
    assert all(identify(s).lang == "ur" for s in PERSIAN_SHORT)  # each alone is too short
    out = langid(_doc([("body", s) for s in PERSIAN_SHORT]))
    assert out.lang == "fa"
    assert {s.lang for s in out.segments} == {"fa"}


def test_empty_document_is_undetermined() -> None:
    out = langid(Document(Source("test://empty", "txt")))
    assert (out.lang, out.script, out.lang_confidence, out.segments) == ("und", "Zyyy", 0.0, [])
    out = langid(_doc([("body", "   "), ("body", "12:30")]))
    assert out.lang == "und"
    assert [s.lang for s in out.segments] == ["und", "und"]


def test_document_without_segments_is_identified_from_its_text() -> None:
    doc = Document(Source("test://raw", "txt"), raw=HINDI, text=HINDI)
    out = langid(doc)
    assert (out.lang, out.script, out.segments) == ("hi", "Deva", [])


def test_stage_does_not_mutate_its_input() -> None:
    doc = _doc([("body", URDU), ("caption", CAPTION)])
    before = [vars(s).copy() for s in doc.segments]
    out = langid(doc)
    assert [vars(s) for s in doc.segments] == before
    assert doc.lang == "und"
    assert out is not doc


def test_runs_inside_a_pipeline() -> None:
    pipeline = Pipeline([REGISTRY["langid"]], strict=True)
    out = pipeline.process(_doc([("body", ROMAN_HINDI)]))
    assert out.lang == "hi-Latn"
    assert not out.rejected


# Any character, plus lone surrogates and the characters CLD2 rejects, mixed with Urdu and
# Latin letters so the text gets past the letter minimum.
ANY_CHARS = st.one_of(
    st.characters(blacklist_categories=()),
    st.sampled_from(["\ud800", "\udfff", "\x00", "\x85", "\ufffe", "\U0001ffff"]),
    st.sampled_from(list("کیہےنaeiouk ")),
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ANY_CHARS, max_size=80) | st.text(max_size=300))
def test_identify_never_raises(text: str) -> None:
    guess = identify(text)
    assert 0.0 <= guess.confidence <= 1.0
    assert (guess.lang == "und") == (guess.confidence == 0.0)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet=ANY_CHARS, max_size=40), max_size=6))
def test_stage_never_raises(parts: list[str]) -> None:
    out = langid(_doc([("body", p) for p in parts]))
    assert len(out.segments) == len(parts)
    assert 0.0 <= out.lang_confidence <= 1.0
