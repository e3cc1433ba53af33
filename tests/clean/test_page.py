"""The clean stage on the real seed pages and on hand-made documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.clean.page import fallback_title, is_caption, is_source_line, split_word_repairs
from khabar.document import Document, Source
from khabar.errors import Reject
from khabar.registry import REGISTRY
from khabar.stages.clean import clean
from tests.conftest import SEED_DEBRIS

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


# The role of every non-blank line of each seed, by 1-based line number; lines not listed
# are body text. "-reason" marks a dropped line.
SEED_ROLES: dict[str, dict[int, str]] = {
    "000": {11: "source", 12: "-comment_counter"},
    "001": {11: "-ad_placeholder", 12: "source", 13: "-comment_counter"},
    "002": {2: "caption", 10: "source", 11: "-comment_counter"},
    "003": {
        1: "-site_banner",
        3: "title",
        5: "dateline",
        9: "caption",
        10: "caption",
        19: "-related_heading",
        21: "-cookie_notice",
    },
    "004": {
        1: "dateline",
        2: "-breadcrumb",
        4: "title",
        5: "-short_junk",
        17: "heading",
        27: "-related_heading",
        29: "-related_heading",
    },
}


def _seed_path(seed: str) -> Path:
    return next(SEEDS.glob(f"{seed}_*.txt"))


def _seed_doc(seed: str) -> Document:
    path = _seed_path(seed)
    return Document(source=Source(uri=str(path), kind="txt"), raw=path.read_text(encoding="utf-8"))


def _txt(raw: str) -> Document:
    return Document(source=Source(uri="mem://t", kind="txt"), raw=raw)


def test_clean_is_registered_with_its_contract() -> None:
    spec = REGISTRY["clean"]
    assert spec.fn is clean
    assert spec.requires == {"raw"}
    assert {"raw", "text", "title", "segments", "removed", "raw_map"} <= spec.assigns


@pytest.mark.parametrize("seed", sorted(SEED_ROLES))
def test_seed_lines_get_their_roles(seed: str) -> None:
    doc = clean(_seed_doc(seed))
    raw_lines = doc.raw.split("\n")
    roles = SEED_ROLES[seed]
    kept = {doc.text[s.start : s.end]: s.kind for s in doc.segments}
    removed = {r.text: r.reason for r in doc.removed}
    for number, line in enumerate(raw_lines, start=1):
        line = line.strip()
        if not line:
            continue
        role = roles.get(number, "body")
        if role.startswith("-"):
            assert removed.get(line) == role[1:], (number, line)
            assert line not in kept
        else:
            line = "".join(line[a:b] for a, b in split_word_repairs(line))
            assert kept.get(line) == role, (number, line, kept.get(line))


@pytest.mark.parametrize("seed", sorted(SEED_ROLES))
def test_seed_debris_is_out_of_body_and_every_sentence_is_in(seed: str) -> None:
    doc = clean(_seed_doc(seed))
    body = doc.body_text()
    for junk in SEED_DEBRIS:
        assert junk not in body
        if junk in doc.raw:
            assert any(junk in r.text and r.reason for r in doc.removed), junk
    roles = SEED_ROLES[seed]
    body_lines = body.split("\n")
    for number, line in enumerate(doc.raw.split("\n"), start=1):
        if line.strip() and number not in roles:
            repaired = "".join(line.strip()[a:b] for a, b in split_word_repairs(line.strip()))
            assert repaired in body_lines, (number, line)


@pytest.mark.parametrize("seed", sorted(SEED_ROLES))
def test_seed_offsets_map_back_to_identical_raw(seed: str) -> None:
    doc = clean(_seed_doc(seed))
    assert doc.text == "\n".join(doc.text[s.start : s.end] for s in doc.segments)
    for seg in doc.segments:
        start, end = doc.raw_span(seg.start, seg.end)
        # split-word repairs only delete spaces, so the raw span differs by spaces at most
        assert doc.raw[start:end].replace(" ", "") == doc.text[seg.start : seg.end].replace(" ", "")
        assert all(doc.raw[doc.raw_map(i)] == doc.text[i] for i in range(seg.start, seg.end))
    for r in doc.removed:
        assert doc.raw[r.raw_start : r.raw_end] == r.text


def test_seed_titles() -> None:
    assert clean(_seed_doc("003")).title == "کم جونگ اُن کی روسی صدر ولادیمیر پوتن سے ملاقات"
    assert clean(_seed_doc("004")).title == "روس شمالی کوریا دفاعی شراکت کو وسعت دینے پر آمادہ"
    # no title line: the first sentence, cut at a space near 100 characters
    title = clean(_seed_doc("000")).title
    assert title.startswith("13 ستمبر کو، روسی سلامتی کونسل")
    assert len(title) <= 100 and not title.endswith(("،", " "))
    assert clean(_seed_doc("002")).title.startswith("29 نومبر کو")  # the "(ڈین ٹری) -" credit is cut


def test_crlf_and_zero_width_edges_are_stripped_but_offsets_hold() -> None:
    raw = (
        "\ufeffپہلی سطر کی خبر یہاں ہے اور یہ جملہ مکمل ہے۔\r\n"
        "\u200f  دوسری سطر میں مزید تفصیل دی گئی ہے۔  \r\n"
    )
    doc = clean(_txt(raw))
    assert doc.text == "پہلی سطر کی خبر یہاں ہے اور یہ جملہ مکمل ہے۔\nدوسری سطر میں مزید تفصیل دی گئی ہے۔"
    for seg in doc.segments:
        assert doc.raw[slice(*doc.raw_span(seg.start, seg.end))] == doc.text[seg.start : seg.end]


def test_meta_title_wins_and_marks_its_line() -> None:
    doc = _txt("Kim meets Putin\nKim Jong Un met Vladimir Putin at the Vostochny spaceport on Wednesday.")
    doc.meta["title"] = "Kim meets Putin | Inquilab"
    doc = clean(doc)
    assert doc.title == "Kim meets Putin | Inquilab"
    assert [s.kind for s in doc.segments] == ["title", "body"]


def test_single_short_line_is_body_not_title() -> None:
    doc = clean(_txt("Kim meets Putin"))
    assert [s.kind for s in doc.segments] == ["body"]
    assert doc.title == "Kim meets Putin"


def test_list_of_short_lines_stays_body() -> None:
    doc = clean(
        _txt(
            "The ministry listed the measures agreed at the meeting on Tuesday.\n"
            "- lower tariffs on rice\n- a new rail link\n- joint patrols"
        )
    )
    assert [s.kind for s in doc.segments] == ["body", "body", "body", "body"]


def test_empty_input_rejects() -> None:
    with pytest.raises(Reject) as err:
        clean(_txt("  \n \n"))
    assert err.value.reason == "empty_input"
    with pytest.raises(Reject) as err:
        clean(Document(source=Source(uri="x", kind="html"), html="   "))
    assert err.value.reason == "empty_input"


def test_only_debris_rejects_with_what_was_removed() -> None:
    with pytest.raises(Reject) as err:
        clean(_txt("تبصرہ (0)\n[विज्ञापन_2]\nر"))
    assert err.value.reason == "empty_after_clean"
    assert "comment_counter" in err.value.detail


def test_html_without_main_text_rejects() -> None:
    with pytest.raises(Reject) as err:
        clean(Document(source=Source(uri="x", kind="html"), html="<html><body><nav>Home</nav></body></html>"))
    assert err.value.reason == "empty_after_clean"


URDU_PAGE = """<!DOCTYPE html>
<html lang="ur" dir="rtl"><head><meta charset="utf-8">
<title>پاکستان اور چین کے درمیان تجارتی معاہدہ | خبرنامہ</title>
<meta property="article:published_time" content="2024-03-05T09:30:00+05:00">
</head><body>
<header><div class="logo">خبرنامہ Logo</div>
<nav><ul><li><a href="/">ہوم</a></li><li><a href="/world">بین الاقوامی</a></li></ul></nav></header>
<div id="cookie-banner">This website uses cookies to enhance your browsing experience. By continuing
to use our website, you agree to our Cookie Policy. OK</div>
<main><article>
<h1>پاکستان اور چین کے درمیان تجارتی معاہدہ</h1>
<p>اسلام آباد: پاکستان اور چین نے منگل کے روز ایک نئے تجارتی معاہدے پر دستخط کیے جس کے تحت دونوں ممالک
کے درمیان تجارت کو اگلے پانچ برسوں میں دوگنا کرنے کا ہدف مقرر کیا گیا ہے۔</p>
<p>وزارت تجارت کے ترجمان نے بتایا کہ معاہدے میں زرعی مصنوعات، ٹیکسٹائل اور الیکٹرانکس کی درآمدات و برآمدات
پر محصولات میں کمی شامل ہے اور اس سے ہزاروں نئی ملازمتیں پیدا ہوں گی۔</p>
<p>ماہرین کا کہنا ہے کہ یہ معاہدہ خطے میں اقتصادی تعاون کو فروغ دے گا، تاہم مقامی صنعتوں کو مقابلے کے لیے
تیار رہنا ہوگا۔ (اے پی پی)</p>
<p>اشتہار</p>
<p>تبصرہ (0)</p>
</article></main>
<footer><p>جملہ حقوق محفوظ ہیں © 2024 خبرنامہ</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>"""


def test_html_document_is_extracted_and_cleaned() -> None:
    doc = Document(
        source=Source(uri="mem://p", kind="html", url="https://example.pk/2024/03/05/trade"), html=URDU_PAGE
    )
    doc = clean(doc)
    assert doc.title == "پاکستان اور چین کے درمیان تجارتی معاہدہ"  # trafilatura prefers the <h1>
    body = doc.body_text()
    assert "پاکستان اور چین نے منگل کے روز" in body
    assert "ہزاروں نئی ملازمتیں پیدا ہوں گی۔" in body
    assert "(اے پی پی)" in body  # a wire credit closing a paragraph is not a caption
    for junk in ("Logo", "cookies", "بین الاقوامی", "جملہ حقوق", "Privacy Policy", "اشتہار", "تبصرہ (0)"):
        assert junk not in body
    assert {r.reason for r in doc.removed} >= {"ad_placeholder", "comment_counter"}
    assert doc.segments[0].kind == "title"
    dates = doc.meta["date_candidates"]
    assert dates[0] == {
        "value": "2024-03-05T09:30:00+05:00",
        "source": "html_meta",
        "confidence": dates[0]["confidence"],
        "evidence": dates[0]["evidence"],
    }
    assert "article:published_time" in dates[0]["evidence"]
    for seg in doc.segments:  # raw is the extracted text; the map still holds
        assert doc.raw[slice(*doc.raw_span(seg.start, seg.end))] == doc.text[seg.start : seg.end]


def test_caption_and_source_line_rules() -> None:
    assert is_caption("Kim Jong Un and Vladimir Putin. (AP/PTI)")
    assert is_caption("کم جونگ ان اور ولادیمیر پوتن ۔ ( اے پی / پی ٹی آئی)")
    assert is_caption("پیانگ یانگ کے ہوائی اڈے پر استقبال کیا گیا (فوٹو: رائٹرز)۔")
    assert not is_caption("The minister arrived in Beijing on Tuesday for two days of talks. (APP)")
    assert not is_caption("سرگئی شوئیگو کو ذاتی طور پر بھگایا۔ (ماخذ: KCNA) |")
    assert is_source_line("ماخذ: https://dantri.com.vn/the-gioi/x.htm")
    assert is_source_line("स्रोत: https://baoquocte.vn/x.html")
    assert is_source_line("Source: Reuters")
    assert not is_source_line("Sources said the talks would continue on Friday in Islamabad and beyond.")


def test_fallback_title_cuts_at_a_space() -> None:
    sentence = "word " * 40 + "end."
    title = fallback_title(sentence)
    assert len(title) <= 100 and title.endswith("word") and not title.endswith(" ")
    assert fallback_title("Short one. Another.") == "Short one"


@pytest.mark.parametrize(
    ("line", "repaired"),
    [
        ("بد ھ کو سرکاری", "بدھ کو سرکاری"),  # ھ never starts a word
        ("یہ بھی ا مید ظاہر کی", "یہ بھی امید ظاہر کی"),  # a lone alef is no word
        ("ملاقات کی ۔ا س دوران", "ملاقات کی ۔اس دوران"),
        ("پیانگ یا نگ", "پیانگ یا نگ"),  # could be two words: left alone
        ("روس کا دورہ", "روس کا دورہ"),
        ("ا، ب، ج", "ا، ب، ج"),
    ],
)
def test_split_word_repairs_join_only_safe_cases(line: str, repaired: str) -> None:
    assert "".join(line[a:b] for a, b in split_word_repairs(line)) == repaired


def test_seed_003_split_words_are_joined_in_text() -> None:
    doc = clean(_seed_doc("003"))
    assert "بدھ کو سرکاری" in doc.text and "ا مید" not in doc.text and "امید ظاہر" in doc.text
